"""Read the playbook: the bundled phases, then overrides from a state program or the partnership.

Layout of a playbook folder (the bundled one and any override):

    phases/<n>-<id>.yaml    one file per phase

Only `phases/*.yaml` belongs to this loader; the other files of a playbook
folder (`indicators.yaml`, read by `ngsp check`, and `outcome-survey.yaml`, read
by `ngsp survey`) are left to their own readers.  A state program's folder may
hold any of the three.

Overrides, later ones winning, phase by phase (a phase with the same id
replaces the earlier one; a new id adds a phase):

1. the bundled playbook;
2. `playbook:` in partnership.yaml - a path relative to the partnership folder,
   to one phase file or to a playbook folder (a state program's, for example);
3. the partnership's own `playbook/` folder.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ngsp_cli.errors import InputError, NotFoundError, Problem
from ngsp_cli.model import Partnership
from ngsp_cli.playbook.models import Phase, Playbook
from ngsp_cli.store import yamlio
from ngsp_cli.store.folder import PARTNERSHIP_FILE
from ngsp_cli.store.problems import problems_from_validation
from ngsp_cli.store.reading import RawFile

PHASES_DIR = "phases"
OWN_FOLDER = "playbook"
INDICATORS_FILE = "indicators.yaml"
SURVEY_FILE = "outcome-survey.yaml"


class PlaybookInvalid(InputError):
    """One or more playbook files are wrong; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = sorted(problems, key=Problem.sort_key)
        first = self._problems[0]
        count = len(self._problems)
        message = first.message if count == 1 else f"the playbook has {count} problems"
        super().__init__(message, file=first.file, line=first.line, field=first.field, hint=first.hint)

    @property
    def problems(self) -> list[Problem]:
        return self._problems


def phase_files(folder: Path) -> list[Path]:
    """The phase files of a playbook folder, in name order."""
    phases = folder / PHASES_DIR
    if not phases.is_dir():
        return []
    return sorted(p for p in phases.glob("*.yaml") if p.is_file() and not p.name.startswith("."))


def _display(path: Path, root: Path | None) -> str:
    """A file name for messages: relative to the partnership folder, or 'playbooks/...' when bundled."""
    from ngsp_cli.resources import bundled

    base = bundled("playbooks")
    try:
        return "playbooks/" + path.relative_to(base).as_posix()
    except ValueError:
        pass
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            import os

            return Path(os.path.relpath(path, root)).as_posix()
    return str(path)


def _read(path: Path, display: str) -> RawFile:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise NotFoundError(f"{display} does not exist", file=display) from exc
    except UnicodeDecodeError as exc:
        raise InputError("the file is not UTF-8 text", file=display, hint="save it again as UTF-8") from exc
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as exc:
        raise InputError(str(exc), file=display, line=exc.line, hint=exc.hint) from exc
    return RawFile(rel=display, text=text, data=data)


def _check_phase(phase: Phase, raw: RawFile) -> list[Problem]:
    """What pydantic cannot see: duplicate ids, done_when links, rule ids and their parameters."""
    from ngsp_cli.rules import RULES, check_params

    problems: list[Problem] = []

    def add(message: str, path: tuple[str | int, ...], hint: str) -> None:
        problems.append(
            Problem(
                message,
                file=raw.rel,
                line=yamlio.line_of(raw.text, path),
                field=".".join(str(p) for p in path),
                hint=hint,
            )
        )

    id_lists: tuple[tuple[str, list[str]], ...] = (
        ("steps", [s.id for s in phase.steps]),
        ("checklist", [c.id for c in phase.checklist]),
    )
    for list_name, ids in id_lists:
        seen: set[str] = set()
        for index, entry_id in enumerate(ids):
            if entry_id in seen:
                add(f"the id '{entry_id}' is used twice in {list_name}", (list_name, index, "id"),
                    "give every entry its own id")  # fmt: skip
            seen.add(entry_id)
    checklist_ids = {c.id for c in phase.checklist}
    for index, step in enumerate(phase.steps):
        for position, ref in enumerate(step.done_when):
            if ref not in checklist_ids:
                add(f"'{ref}' is not a checklist item of this phase", ("steps", index, "done_when", position),
                    "use an id from this file's checklist: " + ", ".join(sorted(checklist_ids)))  # fmt: skip
    for index, item in enumerate(phase.checklist):
        if item.computed is None:
            continue
        if item.computed not in RULES:
            add(f"'{item.computed}' is not a checklist rule ngsp knows", ("checklist", index, "computed"),
                "known rules: " + ", ".join(sorted(RULES)) + "; or write 'manual: true'")  # fmt: skip
            continue
        try:
            check_params(item.computed, item.params)
        except ValueError as exc:
            add(str(exc), ("checklist", index, "params"), RULES[item.computed].usage())
    return problems


def read_phase(path: Path, display: str) -> tuple[Phase | None, list[Problem]]:
    """One phase file, validated, with every problem found in it."""
    raw = _read(path, display)
    if not isinstance(raw.data, dict):
        return None, [
            Problem(
                "a phase file must hold 'key: value' lines at the top level",
                file=display,
                line=1,
                hint="compare with a bundled phase: 'ngsp playbook --path' shows where they are",
            )
        ]
    try:
        phase = Phase.model_validate(raw.data)
    except ValidationError as exc:
        return None, problems_from_validation(exc, raw, Phase)
    return phase, _check_phase(phase, raw)


def override_paths(root: Path, partnership: Partnership | None) -> list[Path]:
    """Phase files that override the bundled ones, in the order they apply."""
    paths: list[Path] = []
    if partnership is not None and partnership.playbook:
        target = (root / partnership.playbook).resolve()
        if target.is_file():
            paths.append(target)
        elif target.is_dir():
            found = phase_files(target)
            if not found and not any((target / name).is_file() for name in (INDICATORS_FILE, SURVEY_FILE)):
                raise InputError(
                    f"the playbook folder '{partnership.playbook}' holds no playbook files",
                    file=PARTNERSHIP_FILE,
                    field="playbook",
                    hint=f"put phase files in its {PHASES_DIR}/ folder, or an {INDICATORS_FILE} "
                    f"or {SURVEY_FILE}; or point 'playbook:' at one phase file",
                )
            paths.extend(found)
        else:
            raw_text = (root / PARTNERSHIP_FILE).read_text(encoding="utf-8-sig")
            raise NotFoundError(
                f"the playbook '{partnership.playbook}' named in partnership.yaml does not exist",
                file=PARTNERSHIP_FILE,
                line=yamlio.line_of(raw_text, ("playbook",)),
                field="playbook",
                hint="write a path relative to the partnership folder, or remove the 'playbook:' line",
            )
    paths.extend(phase_files(root / OWN_FOLDER))
    return paths


def load_playbook(root: Path | None = None, partnership: Partnership | None = None) -> Playbook:
    """The playbook for a partnership folder (`root`), or the bundled one when `root` is None."""
    from ngsp_cli.resources import bundled
    from ngsp_cli.store.definitions import remembered

    sources = phase_files(bundled("playbooks"))
    if root is not None:
        sources += override_paths(root, partnership)
    return remembered(("playbook", str(root)), sources, lambda: _read_playbook(sources, root))


def _read_playbook(sources: list[Path], root: Path | None) -> Playbook:
    """The phases of `sources` (later ones replacing earlier ones of the same id), validated."""
    problems: list[Problem] = []
    phases: dict[str, Phase] = {}
    origins: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in sources:
        display = _display(path, root)
        phase, found = read_phase(path, display)
        problems.extend(found)
        if phase is not None:
            phases[phase.id] = phase
            origins[phase.id] = display
            texts[phase.id] = path.read_text(encoding="utf-8-sig")
    by_number: dict[int, str] = {}
    for phase in phases.values():
        if phase.number in by_number:
            other = by_number[phase.number]
            problems.append(
                Problem(
                    f"phases '{other}' and '{phase.id}' both have number {phase.number}",
                    file=origins[phase.id],
                    line=yamlio.line_of(texts[phase.id], ("number",)),
                    field="number",
                    hint=f"renumber one of them, or give it the id '{other}' to replace that phase",
                )
            )
        by_number[phase.number] = phase.id
    if problems:
        raise PlaybookInvalid(problems)
    ordered = sorted(phases.values(), key=lambda p: p.number)
    return Playbook(phases=ordered, origins=origins)
