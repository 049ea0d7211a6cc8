"""The forge's pipeline for a partnership repository: check on every push, publish the site.

`ngsp ci github` writes .github/workflows/ngsp.yml, `ngsp ci gitlab` writes
.gitlab-ci.yml; both run `ngsp check --min` through pre-commit (whose
.pre-commit-config.yaml is written too when the repository has none) and, on the
default branch, publish `ngsp site` to the forge's Pages.  The files come from
the templates ci/*.j2, which a partnership may override like any template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ngsp_cli import __version__
from ngsp_cli.errors import InputError, UsageError

FORGES = {
    "github": (".github/workflows/ngsp.yml", "ci/github.yml.j2", "_site"),
    "gitlab": (".gitlab-ci.yml", "ci/gitlab-ci.yml.j2", "public"),
}
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
PYTHON = "3.12"


@dataclass
class Written:
    """The files `write_ci` wrote, and what the person should still do."""

    workflow: Path
    pre_commit: Path | None = None
    notes: list[str] = field(default_factory=list)


def default_install() -> str:
    """The pip requirement that installs this version of ngsp."""
    return f"ngsp=={__version__}"


def render_files(
    forge: str, root: Path | None, *, minimum: float = 0.0, install: str | None = None
) -> dict[str, str]:
    """{path relative to the repository: text} of the pipeline for `forge`."""
    from ngsp_cli.render.env import render_template

    if forge not in FORGES:
        raise UsageError(f"'{forge}' is not a forge ngsp writes a pipeline for", hint="use github or gitlab")
    if not 0 <= minimum <= 1:
        raise UsageError(f"--min {minimum} is not a score", hint="give a score from 0 to 1, e.g. 0.6")
    workflow, template, site_folder = FORGES[forge]
    context = {
        "install": install or default_install(),
        "python": PYTHON,
        "site_folder": site_folder,
        "minimum": f"{minimum:g}",
    }
    return {
        workflow: render_template(template, context, root=root),
        PRE_COMMIT_FILE: render_template("ci/pre-commit-config.yaml.j2", context, root=root),
    }


def write_ci(
    root: Path, forge: str, *, minimum: float = 0.0, install: str | None = None, force: bool = False
) -> Written:
    """Write the pipeline files into the partnership repository `root`."""
    from ngsp_cli.store.files import write_atomic

    files = render_files(forge, root, minimum=minimum, install=install)
    workflow_rel = FORGES[forge][0]
    workflow = root / workflow_rel
    if workflow.exists() and not force:
        raise InputError(
            f"{workflow_rel} exists already",
            file=workflow_rel,
            hint="add --force to replace it (git keeps the old one), or edit it by hand",
        )
    write_atomic(workflow, files[workflow_rel])
    written = Written(workflow=workflow)
    pre_commit = root / PRE_COMMIT_FILE
    if not pre_commit.exists() or force:
        write_atomic(pre_commit, files[PRE_COMMIT_FILE])
        written.pre_commit = pre_commit
    elif "ngsp check" not in pre_commit.read_text(encoding="utf-8", errors="replace"):
        written.notes.append(
            f"{PRE_COMMIT_FILE} exists and has no ngsp check: add the hook 'ngsp-check' "
            f"(see 'ngsp templates show ci/pre-commit-config.yaml'), or run again with --force"
        )
    return written
