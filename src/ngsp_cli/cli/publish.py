"""`ngsp site` (the partnership's public pages) and `ngsp ci` (the forge's pipeline that publishes them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ngsp_cli import clock
from ngsp_cli.cli import options, output


def ci_command(
    forge: Annotated[str, typer.Argument(help="github or gitlab.", metavar="FORGE", show_default=False)],
    minimum: Annotated[
        float,
        options.number_option(
            "--min",
            "The indicator score each push must reach (0 to 1); 0 checks only that the files are valid.",
            minimum=0,
            maximum=1,
            whole=False,
            example=0.6,
        ),
    ] = 0.0,
    install: Annotated[
        str | None,
        typer.Option(
            "--install", help="What the pipeline installs with pip (default: this version of ngsp from PyPI)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace pipeline files that exist.")] = False,
    folder: options.DirOption = None,
) -> None:
    """Write the forge's pipeline: check the files on every push, publish the site from the default branch.

    github writes .github/workflows/ngsp.yml (GitHub Actions and Pages); gitlab writes
    .gitlab-ci.yml (GitLab CI and Pages). Both run 'ngsp check --min' through pre-commit,
    whose .pre-commit-config.yaml is written too when there is none. Commit the files and
    push; on GitHub, also set Settings > Pages > Source to "GitHub Actions".
    """
    from ngsp_cli.errors import UsageError
    from ngsp_cli.services.setup.ci import FORGES, write_ci

    name = forge.strip().lower()
    if name not in FORGES:
        raise UsageError(f"'{forge}' is not a forge ngsp writes a pipeline for", hint="use github or gitlab")
    root = options.root_of(folder)
    written = write_ci(root, name, minimum=minimum, install=install, force=force)
    output.done(f"wrote {written.workflow.relative_to(root)}")
    if written.pre_commit is not None:
        output.done(f"wrote {written.pre_commit.relative_to(root)}")
    for note in written.notes:
        output.warn(note)
    steps = "git add -A && git commit -m 'Check and publish with ngsp' && git push"
    output.out().print(f"Next: {steps}", soft_wrap=True, markup=False)
    if name == "github":
        output.out().print('On GitHub: Settings > Pages > Source: "GitHub Actions".', markup=False)


def site_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The folder to write the site into (made if missing).", file_okay=False
        ),
    ],
    repos: Annotated[
        Path | None,
        typer.Option(
            "--repos",
            help="A file of partnership repositories (as for 'ngsp portfolio --repos'): "
            "a portfolio site with a page for each partnership.",
        ),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Where fetched repositories are kept (as for 'ngsp portfolio')."),
    ] = None,
    as_of: Annotated[dt.datetime | None, options.as_of_option()] = None,
    folder: options.DirOption = None,
) -> None:
    """Write the partnership's public site: who is at the table, priorities, teams, meetings, report.

    The pages suit GitHub or GitLab Pages (see 'ngsp ci'). People's e-mail and phone are left
    out unless partnership.yaml allows them (settings: publish_contacts: true).
    """
    from ngsp_cli.services.reporting.site import write_portfolio_site, write_site

    when = as_of.date() if as_of else clock.today()
    if repos is not None:
        from ngsp_cli.services.reporting.repos.fetch import cache_dir
        from ngsp_cli.services.reporting.repos.listing import parse_repos_file

        specs = parse_repos_file(repos)
        result = write_portfolio_site(specs, out, when, cache=cache_dir(cache))
        for line in result.notes:
            output.warn(line)
        output.done(f"wrote the portfolio site of {result.count} partnerships to {out}/index.html")
        return
    snap = options.load_snapshot(folder)
    index = write_site(snap, out, when)
    output.done(f"wrote the site of {snap.partnership.name} to {index}")
