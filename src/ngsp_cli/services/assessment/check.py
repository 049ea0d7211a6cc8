"""`ngsp check` as one judgement: validate every file, then score the indicators on a date.

A folder with any error is not scored (its numbers could be wrong); `schema_only` stops
after validation, for pre-commit hooks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from ngsp_cli.services.assessment.indicators import CheckReport, score_partnership
from ngsp_cli.services.assessment.validate import validate_folder
from ngsp_cli.store.folder import Snapshot


class Checked(NamedTuple):
    report: CheckReport
    snapshot: Snapshot | None  # None when the folder could not be read as a whole


def check_folder(root: Path, as_of: dt.date, *, schema_only: bool = False) -> Checked:
    validation = validate_folder(root)
    snap = validation.snapshot
    if not validation.valid or snap is None or validation.indicators is None or schema_only:
        name = snap.partnership.name if snap is not None else root.name
        report = CheckReport(
            partnership=root.name,
            name=name,
            as_of=as_of,
            errors=validation.problems,
            warnings=validation.warnings,
            features=[],
            scored=False,
        )
    else:
        report = score_partnership(
            snap, as_of, validation.indicators, errors=validation.problems, warnings=validation.warnings
        )
    return Checked(report, snap)
