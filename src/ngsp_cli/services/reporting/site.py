"""The partnership's public site: static pages for GitHub or GitLab Pages.

`write_site` writes one partnership's pages: index.html (who is at the table,
the priorities, the action teams and their progress, upcoming meetings) and
report.html (the latest progress report with its charts).  `write_portfolio_site`
writes a state program's site: an index of every partnership linking to each
one's own pages in a subfolder, and the portfolio report.

Pages are rendered from the templates site/*.j2 (autoescaped; a partnership may
override them like any template).  People's e-mail addresses and phone numbers
are never given to the templates unless partnership.yaml allows it
(settings: publish_contacts: true), so no template can leak them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ngsp_cli.errors import InputError
from ngsp_cli.model import Person
from ngsp_cli.store.folder import Snapshot

INDEX = "index.html"
REPORT = "report.html"
PORTFOLIO_REPORT = "portfolio.html"
# Written by ngsp into a site folder; a folder holding other files is not emptied.
_MARKER = ".ngsp-site"


def _current(left: dt.date | None, as_of: dt.date) -> bool:
    return left is None or left > as_of


def _person(person: Person, snap: Snapshot, publish_contacts: bool) -> dict[str, Any]:
    roles = [role.value.replace("-", " ") for role in person.roles]
    return {
        "name": person.name,
        "title": person.title,
        "roles": roles,
        "email": person.email if publish_contacts else None,
        "phone": person.phone if publish_contacts else None,
    }


def site_data(snap: Snapshot, as_of: dt.date) -> dict[str, Any]:
    """What the partnership page shows: public facts only, contacts only where allowed."""
    from ngsp_cli.services.reporting.report import report_data

    report = report_data(snap, as_of)
    publish = snap.partnership.settings.publish_contacts
    people_by_org: dict[str, list[Person]] = {}
    for person in sorted(snap.people.values(), key=lambda p: p.name.casefold()):
        if _current(person.left, as_of):
            people_by_org.setdefault(person.org, []).append(person)
    tables: dict[str, list[dict[str, Any]]] = {"business": [], "public": []}
    for org in sorted(snap.organizations.values(), key=lambda o: o.name.casefold()):
        if not _current(org.left, as_of):
            continue
        entry = {
            "name": org.name,
            "kind": org.kind.value.replace("-", " "),
            "city": org.city,
            "website": org.website if (org.website or "").startswith(("https://", "http://")) else None,
            "people": [_person(p, snap, publish) for p in people_by_org.get(org.id, [])],
        }
        tables["business" if org.is_business else "public"].append(entry)
    return {
        "partnership": report["partnership"],
        "as_of": as_of,
        "summary": report["summary"],
        "businesses": tables["business"],
        "public_partners": tables["public"],
        "priorities": [p for p in report["priorities"] if p["status"] in {"selected", "done"}],
        "teams": report["teams"],
        "upcoming": report["upcoming"],
        "outcomes": report["outcomes"],
        "contacts_published": publish,
        "report_page": REPORT,
    }


def _prepare(out: Path) -> None:
    """Make `out` ready for a new site: empty when ngsp wrote it before; never someone else's folder."""
    from ngsp_cli.store.outputs import refuse_data

    refuse_data(out)  # never into a partnership folder's data (templates/, people/, ...)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder", hint="give --out a folder, e.g. --out site")
    if out.is_dir() and any(out.iterdir()):
        if not (out / _MARKER).is_file():
            raise InputError(
                f"{out} holds files that ngsp did not write",
                hint="give --out an empty or new folder (ngsp replaces the site it wrote there before)",
            )
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / _MARKER).write_text("written by ngsp site; the folder is replaced on each run\n", encoding="utf-8")
    # GitHub Pages: serve the files as they are (no Jekyll processing).
    (out / ".nojekyll").write_text("", encoding="utf-8")


def _pages(snap: Snapshot, out: Path, as_of: dt.date, *, up: str | None = None) -> Path:
    from ngsp_cli.render.env import render_template
    from ngsp_cli.services.reporting.report import render_report

    out.mkdir(parents=True, exist_ok=True)
    data = site_data(snap, as_of)
    data["up"] = up
    index = out / INDEX
    index.write_text(render_template("site/partnership.html.j2", data, root=snap.root), encoding="utf-8")
    (out / REPORT).write_text(render_report(snap, as_of, "html"), encoding="utf-8")
    return index


def write_site(snap: Snapshot, out: Path, as_of: dt.date) -> Path:
    """Write the partnership's site into `out`; its index page."""
    _prepare(out)
    return _pages(snap, out, as_of)


@dataclass
class PortfolioSite:
    count: int = 0
    notes: list[str] = field(default_factory=list)


def write_portfolio_site(specs: list[Any], out: Path, as_of: dt.date, *, cache: Path) -> PortfolioSite:
    """A state program's site: an index of its partnerships, each with its own pages in a subfolder."""
    from ngsp_cli.clock import now_utc
    from ngsp_cli.render.env import render_template
    from ngsp_cli.services.reporting.portfolio import Portfolio, aggregate, render_portfolio
    from ngsp_cli.services.reporting.repos.commit import load_commit
    from ngsp_cli.services.reporting.repos.read import read_repos, stale, unreached_problem

    found = read_repos(specs, as_of, cache=cache)
    if not found.rows:
        raise InputError(
            "no partnership repository could be read, so there is no site to write",
            hint="run 'ngsp portfolio --repos FILE' to see why each one was skipped",
        )
    _prepare(out)
    site = PortfolioSite()
    now = now_utc()
    for item in stale(found.fetched):
        site.notes.append(f"{item.spec.name}: {unreached_problem(item, now).message}")
    folders = {f.spec.name: f.folder for f in found.fetched}
    entries = []
    for row in sorted(found.rows, key=lambda r: str(r["name"]).casefold()):
        name = row["folder"]
        snap = load_commit(folders[name], row["commit"])
        _pages(snap, out / name, as_of, up=f"../{INDEX}")
        entries.append({**row, "page": f"{name}/{INDEX}"})
    for entry in found.broken:
        site.notes.append(f"{entry['folder']} is not on the site: {entry['problems'][0]['message']}")
    portfolio = Portfolio(as_of=as_of, partnerships=found.rows, broken=found.broken)
    portfolio.aggregates = aggregate(portfolio.partnerships)
    (out / PORTFOLIO_REPORT).write_text(render_portfolio(portfolio, "html"), encoding="utf-8")
    page = render_template(
        "site/portfolio.html.j2",
        {
            "as_of": as_of,
            "partnerships": entries,
            "aggregates": portfolio.aggregates,
            "skipped": [entry["folder"] for entry in found.broken],
            "report_page": PORTFOLIO_REPORT,
        },
    )
    (out / INDEX).write_text(page, encoding="utf-8")
    site.count = len(entries)
    return site
