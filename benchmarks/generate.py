"""Seeded generator of valid partnership folders, for benchmarks and tests.

    python benchmarks/generate.py typical            # benchmarks/.work/typical
    python benchmarks/generate.py stress             # benchmarks/.work/stress
    python benchmarks/generate.py portfolio          # benchmarks/.work/portfolio/<100 folders>
    python benchmarks/generate.py repos              # benchmarks/.work/repos: 200 bare git repositories
    python benchmarks/generate.py typical --seed 3 --out /tmp/p

The same seed and size always give the same bytes.  Files are plain YAML written
with PyYAML's C dumper (fast); every value is written so that ngsp's strings-only
reader and the pydantic schema read it back as meant (dates as YYYY-MM-DD, times
quoted, codes with leading zeros quoted).  `generate()` is importable; tests use
small sizes (see `Size`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
# Every date the generator writes is on or before this day (long past, so that no held
# meeting, task or assessment lies after today), and the folders stay the same every run.
LAST_DAY = dt.date(2026, 6, 30)

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Size:
    """How many of each entity a generated folder holds."""

    organizations: int
    people: int
    meetings: int
    priorities: int
    teams: int
    tasks_per_team: int
    assessments: int
    updates_per_team: int = 4

    @property
    def files(self) -> int:
        return (
            1
            + self.organizations
            + self.people
            + self.meetings
            + self.priorities
            + self.teams
            + self.assessments
        )


SIZES: dict[str, Size] = {
    # A partnership a few years old: ~250 files.
    "typical": Size(
        organizations=70, people=140, meetings=20, priorities=8, teams=5, tasks_per_team=8, assessments=4
    ),
    # Far beyond any real partnership: 7,400+ files.
    "stress": Size(
        organizations=2000,
        people=5000,
        meetings=300,
        priorities=50,
        teams=50,
        tasks_per_team=20,
        assessments=6,
    ),
    # For tests: a handful of each.
    "tiny": Size(
        organizations=6, people=10, meetings=3, priorities=2, teams=2, tasks_per_team=3, assessments=1
    ),
}

PORTFOLIO_FOLDERS = 100

_INDUSTRIES = [
    ("Healthcare", ["621", "622", "623"]),
    ("Advanced Manufacturing", ["332", "333", "336"]),
    ("Information Technology", ["5112", "5415", "518"]),
    ("Construction", ["236", "237", "238"]),
    ("Transportation and Logistics", ["484", "488", "493"]),
    ("Agriculture and Food Processing", ["111", "311", "115"]),
]
_REGIONS = ["North Valley", "Delta", "Tri-County", "River Bend", "High Plains", "Lakeshore", "Piedmont"]
_COUNTIES = [
    "Ouachita", "Lincoln", "Union", "Jackson", "Franklin", "Madison", "Tensas", "Caldwell",
    "Morehouse", "Richland", "Carroll", "Grant", "Bienville", "Claiborne", "Webster", "Winn",
]  # fmt: skip
_CITIES = [
    "Monroe", "Ruston", "Farmerville", "Bastrop", "Winnsboro", "Tallulah", "Columbia",
    "Jonesboro", "Oak Grove", "Delhi", "Rayville", "Homer", "Minden", "Arcadia",
]  # fmt: skip
_ORG_WORDS = [
    "Acme", "Bayou", "Cypress", "Delta", "Evergreen", "Franklin", "Granite", "Harbor", "Iron",
    "Juniper", "Keystone", "Liberty", "Magnolia", "Northstar", "Oak", "Pioneer", "Quarry",
    "Riverside", "Summit", "Timber", "Union", "Valley", "Westfield", "Yellowpine", "Zenith",
]  # fmt: skip
_ORG_NOUNS = [
    "Tools", "Health", "Clinic", "Fabrication", "Logistics", "Systems", "Foods", "Builders",
    "Machining", "Care Center", "Medical Group", "Plastics", "Software", "Freight", "Labs",
]  # fmt: skip
_PUBLIC = [
    ("workforce", "Workforce Development Board"),
    ("education", "Community College"),
    ("education", "School District Career and Technical Education"),
    ("economic-development", "Economic Development Partnership"),
    ("community", "Chamber of Commerce"),
    ("government", "Parish Government"),
    ("workforce", "American Job Center"),
    ("education", "State University"),
]
_FIRST = [
    "Ann", "Bo", "Carla", "Derek", "Elena", "Femi", "Grace", "Hugo", "Ines", "Jamal", "Keisha",
    "Luis", "Mei", "Nora", "Omar", "Paula", "Quinn", "Raj", "Sofia", "Tomás", "Uma", "Victor",
    "Wade", "Xiomara", "Yusuf", "Zoë", "Ngozi", "Søren", "Ana-María", "O'Neil",
]  # fmt: skip
_LAST = [
    "Lee", "Diaz", "Mouton", "Savoie", "Okafor", "Nguyen", "Broussard", "Hebert", "Richard",
    "Washington", "Fontenot", "Landry", "Primeaux", "Dauzat", "Trahan", "Østergaard", "Kowalski",
    "Castille", "Guidry", "Ellis", "Patel", "Kim", "García", "Yamamoto", "Sanders",
]  # fmt: skip
_TITLES = ["CEO", "President", "Plant Manager", "HR Director", "Chief Nursing Officer", "Owner", "COO"]
_PUBLIC_TITLES = ["Executive Director", "Dean of Workforce", "Business Services Manager", "Program Lead"]
_PRIORITIES = [
    ("Grow our own nurses and technicians", "talent"),
    ("Broadband for rural sites", "infrastructure"),
    ("Faster permits for expansions", "policy"),
    ("Shared apprenticeship program", "talent"),
    ("Tell young people about careers here", "image"),
    ("Childcare near the plants", "infrastructure"),
    ("Buy local: a supplier directory", "supply-chain"),
    ("Quarterly CEO roundtables", "networking"),
    ("Adopt new automation together", "innovation"),
    ("Housing for new hires", "infrastructure"),
]
_SAID = [
    "We cannot hire fast enough; every month we turn away work.",
    "Our people are retiring and nobody is behind them.",
    "The community college program is good but too small.",
    "Young people do not know these jobs exist here.",
    "We lose candidates because there is no childcare on night shifts.",
    "We should stop competing for the same ten welders.",
]
# The indicator ids of the bundled indicator set (read from it, so they never drift) and the
# outcome survey's question ids.
_INDICATORS = [
    entry["id"]
    for entry in yaml.safe_load((HERE.parent / "playbooks/indicators.yaml").read_text(encoding="utf-8"))[
        "indicators"
    ]
]
_SURVEY = [
    "new-products-or-markets", "found-skilled-workers", "new-recruitment-practices",
    "better-employee-development", "positive-local-image", "new-business-connections",
]  # fmt: skip
_ANSWERS = ["yes", "partly", "no", "unknown"]
_ROLES_BUSINESS = ["business-leader", "champion", "co-chair"]
_ROLES_PUBLIC = ["public-partner", "convener", "facilitator", "staff", "observer"]


def _slug(text: str) -> str:
    """A valid ngsp id from generated text (generated names are plain enough for this)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c.lower() if c.isalnum() else " " for c in plain).split()
    return "-".join(words)[:60].strip("-") or "item"


def _unique(base: str, taken: set[str]) -> str:
    candidate, counter = base, 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        self._made: set[Path] = set()

    def write(self, rel: str, data: dict[str, Any]) -> None:
        path = self.root / rel
        if path.parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(path.parent)
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
        path.write_text(text, encoding="utf-8")
        self.count += 1


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != []}


def _time(rng: random.Random) -> str:
    return f"{rng.choice([7, 8, 9, 12, 14, 16]):02d}:{rng.choice(['00', '30'])}"


def generate(root: Path, size: str | Size = "typical", seed: int = 0, *, clean: bool = True) -> Path:
    """Write a valid partnership folder of `size` to `root`; the same seed gives the same files."""
    spec = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(seed)
    if clean and root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    out = _Writer(root)
    industry, naics = rng.choice(_INDUSTRIES)
    region = rng.choice(_REGIONS)
    counties = rng.sample(_COUNTIES, 6)
    founded = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))

    # Organizations: about one in six is a public partner.
    org_ids: set[str] = set()
    businesses: list[str] = []
    public: list[str] = []
    for index in range(spec.organizations):
        is_public = index % 6 == 0
        if is_public:
            kind, noun = _PUBLIC[(index // 6) % len(_PUBLIC)]
            name = f"{rng.choice(counties)} {noun}"
        else:
            kind = "business"
            name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_ORG_NOUNS)}"
        oid = _unique(_slug(name), org_ids)
        (public if is_public else businesses).append(oid)
        data = _drop_none(
            {
                "name": name if oid == _slug(name) else f"{name} {oid.rsplit('-', 1)[-1]}",
                "kind": kind,
                "naics": f"{rng.choice(naics)}{rng.randrange(0, 999):03d}" if not is_public else None,
                "county": rng.choice(counties),
                "city": rng.choice(_CITIES),
                "size": rng.choice(["1-9", "10-49", "50-99", "100-249", "250-499", "500+"]),
                "website": f"https://{oid}.example" if rng.random() < 0.7 else None,
                "joined": min(LAST_DAY, founded + dt.timedelta(days=rng.randrange(0, 700))),
                "notes": "Met at the launch; wants to host a tour." if rng.random() < 0.1 else None,
            }
        )
        out.write(f"organizations/{oid}.yaml", data)
    if not public:
        raise ValueError("a partnership needs at least one public partner (organizations >= 1)")

    # People: each works for one organization.
    person_ids: set[str] = set()
    business_people: list[str] = []
    public_people: list[str] = []
    every_org = [*businesses, *public]
    for index in range(spec.people):
        org = every_org[index % len(every_org)] if index < len(every_org) else rng.choice(every_org)
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        pid = _unique(_slug(name), person_ids)
        is_public = org in public
        (public_people if is_public else business_people).append(pid)
        roles = (
            rng.sample(_ROLES_PUBLIC, rng.randint(1, 2))
            if is_public
            else rng.sample(_ROLES_BUSINESS[:2], rng.randint(1, 2))
        )
        data = _drop_none(
            {
                "name": name,
                "org": org,
                "title": rng.choice(_PUBLIC_TITLES if is_public else _TITLES),
                "email": f"{pid}@{org}.example",
                "phone": f"318-555-{rng.randrange(0, 10000):04d}" if rng.random() < 0.8 else None,
                "roles": roles,
                "joined": min(LAST_DAY, founded + dt.timedelta(days=rng.randrange(0, 700))),
            }
        )
        out.write(f"people/{pid}.yaml", data)
    if not business_people or not public_people:
        raise ValueError("a partnership needs business people and public partners (people >= organizations)")

    co_chairs = business_people[:2]
    out.write(
        "partnership.yaml",
        _drop_none(
            {
                "schema_version": 1,
                "name": f"{region} {industry} Partnership",
                "industry": industry,
                "region": region,
                "naics": naics,
                "counties": counties,
                "description": f"Business leaders of {industry.lower()} in {region} working together.",
                "conveners": public[:2],
                "co_chairs": co_chairs,
                "founded": founded,
            }
        ),
    )

    # Priorities and action teams.
    priority_ids: list[str] = []
    taken: set[str] = set()
    for index in range(spec.priorities):
        title, category = _PRIORITIES[index % len(_PRIORITIES)]
        priority_ids.append(_unique(_slug(title), taken))
    team_ids: list[str] = []
    taken_teams: set[str] = set()
    for index in range(spec.teams):
        title, _ = _PRIORITIES[index % len(_PRIORITIES)]
        team_ids.append(_unique(_slug(title.split(":")[0]) + "-team", taken_teams))

    # Meetings, oldest first: a launch, then quarterly and action-team meetings.
    meeting_ids: list[str] = []
    taken_meetings: set[str] = set()
    day = founded
    launch_id: str | None = None
    # Gaps of 7 to 59 days, narrowed so that the last meeting falls on or before LAST_DAY:
    # a meeting marked held must not lie after today, whatever day the folder is read.
    widest = min(60, ((LAST_DAY - founded).days - 14) // spec.meetings + 1)
    for index in range(spec.meetings):
        day = day + dt.timedelta(days=rng.randrange(min(7, widest - 1), widest))
        if index == 0:
            kind, title = "launch", "Launch meeting"
        elif team_ids and index % 3 == 0:
            kind, title = "action-team", "Action team working session"
        elif index % 5 == 1:
            kind, title = "convener-team", "Support team check-in"
        else:
            kind, title = "full-partnership", "Quarterly partnership meeting"
        mid = _unique(f"{day.isoformat()}-{_slug(title)}", taken_meetings)
        meeting_ids.append(mid)
        if kind == "launch":
            launch_id = mid
        held = index < spec.meetings - 2
        invitees = rng.sample(business_people, min(25, len(business_people))) + rng.sample(
            public_people, min(8, len(public_people))
        )
        data: dict[str, Any] = {
            "kind": kind,
            "title": title,
            "date": day,
            "time": _time(rng),
            "duration_minutes": rng.choice([60, 90, 120, 180]),
            "location": f"{rng.choice(_CITIES)} Civic Center",
            "status": "held" if held else "planned",
            "team": rng.choice(team_ids) if kind == "action-team" else None,
            "agenda": [
                {"title": "Welcome from the co-chairs", "minutes": 10, "lead": co_chairs[0]},
                {"title": "What we heard: opportunities and challenges", "minutes": 45},
                {"title": "Action team reports", "minutes": 30},
                {"title": "Next steps and who does what", "minutes": 15},
            ],
            "invitees": invitees,
            "attendees": invitees[: len(invitees) * 2 // 3] if held else [],
            "notes": "Good energy; business leaders did most of the talking." if held else None,
            "industry_said": rng.sample(_SAID, 3) if held else [],
            "decisions": ["Meet again next quarter.", "Form action teams on the top priorities."]
            if held
            else [],
            "candidates": [
                {
                    "id": priority_ids[i],
                    "title": _PRIORITIES[i % len(_PRIORITIES)][0],
                    "category": _PRIORITIES[i % len(_PRIORITIES)][1],
                }
                for i in range(len(priority_ids))
            ]
            if kind == "launch"
            else [],
            "action_items": [
                {
                    "text": f"Send the summary to everyone ({n + 1})",
                    "owner": rng.choice(public_people),
                    "due": day + dt.timedelta(days=14),
                    "done": held and rng.random() < 0.7,
                }
                for n in range(3)
            ],
        }
        out.write(f"meetings/{mid}.yaml", _drop_none(data))

    for index, pid in enumerate(priority_ids):
        title, category = _PRIORITIES[index % len(_PRIORITIES)]
        selected = index < spec.teams
        out.write(
            f"priorities/{pid}.yaml",
            _drop_none(
                {
                    "title": title if index < len(_PRIORITIES) else f"{title} ({index + 1})",
                    "description": "Named by business leaders at the launch meeting.",
                    "category": category,
                    "meeting": launch_id,
                    "status": "selected" if selected else rng.choice(["candidate", "parked"]),
                    "votes": {
                        "business_points": rng.randrange(0, 60),
                        "business_voters": rng.randrange(1, 25),
                        "public_points": rng.randrange(0, 20),
                        "public_voters": rng.randrange(0, 8),
                        "rank": index + 1,
                    },
                }
            ),
        )

    room = (LAST_DAY - founded).days - 60 - spec.teams
    task_step = min(30, room // max(1, spec.tasks_per_team))
    update_step = min(20, room // max(1, spec.updates_per_team))
    for index, tid in enumerate(team_ids):
        formed = founded + dt.timedelta(days=60 + index)
        tasks = []
        for n in range(spec.tasks_per_team):
            status = rng.choice(["open", "open", "done", "dropped"])
            due = formed + dt.timedelta(days=task_step * (n + 1))
            tasks.append(
                _drop_none(
                    {
                        "id": f"t{n + 1}",
                        "text": f"Step {n + 1}: talk to employers and report back",
                        "owner": rng.choice(business_people),
                        "due": due,
                        "status": status,
                        "done_on": due - dt.timedelta(days=3) if status == "done" else None,
                        "quick_win": n == 0,
                    }
                )
            )
        updates = [
            _drop_none(
                {
                    "date": formed + dt.timedelta(days=update_step * (n + 1)),
                    "text": "Met with the college; curriculum draft under review.",
                    "by": rng.choice(business_people),
                }
            )
            for n in range(spec.updates_per_team)
        ]
        out.write(
            f"action-teams/{tid}.yaml",
            _drop_none(
                {
                    "name": tid.replace("-", " ").capitalize(),
                    "priority": priority_ids[index % len(priority_ids)] if priority_ids else None,
                    "champions": rng.sample(business_people, min(2, len(business_people))),
                    "support": rng.sample(public_people, min(2, len(public_people))),
                    "staff_lead": rng.choice(public_people),
                    "goal": "Fifty more graduates a year in three years.",
                    "measures": ["graduates per year", "employers hosting students"],
                    "status": "active",
                    "formed": formed,
                    "tasks": tasks,
                    "updates": updates,
                }
            ),
        )

    assessment_step = min(180, (LAST_DAY - founded).days // max(1, spec.assessments))
    for index in range(spec.assessments):
        date = founded + dt.timedelta(days=assessment_step * (index + 1))
        kind = "self-assessment" if index % 2 == 0 else "outcome-survey"
        out.write(
            f"assessments/{date.isoformat()}-{kind}.yaml",
            _drop_none(
                {
                    "kind": kind,
                    "date": date,
                    "by": public_people[0],
                    "answers": {
                        q: _drop_none({"answer": rng.choice(_ANSWERS), "note": None})
                        for q in (_INDICATORS if kind == "self-assessment" else _SURVEY)
                    },
                }
            ),
        )
    return root


def generate_portfolio(
    root: Path, count: int = PORTFOLIO_FOLDERS, size: str | Size = "typical", seed: int = 0
) -> Path:
    """`count` folders of `size` side by side under `root`, each with its own seed."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for index in range(count):
        generate(root / f"partnership-{index + 1:03d}", size, seed=seed * 1000 + index, clean=False)
    return root


IMPORT_ROWS = 100_000
_SHEET_KINDS = ["Business", "business", "Employer", "Community College", "Workforce Board", "Nonprofit"]


def generate_import_sheet(path: Path, rows: int = IMPORT_ROWS, seed: int = 0) -> Path:
    """A CSV of `rows` organizations as a convener gets it: Excel-style headers, mixed kinds,
    every name distinct (so each row creates one organization), some blank cells."""
    import csv

    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Company Name", "Type", "City", "County", "Employees", "Website", "Notes"])
        for index in range(rows):
            name = f"{rng.choice(_ORG_WORDS)} {rng.choice(_ORG_NOUNS)} {index + 1}"
            website = f"https://www.example-{index + 1}.com" if rng.random() < 0.7 else ""
            note = "Met at the regional job fair" if rng.random() < 0.2 else ""
            out.writerow(
                [
                    name,
                    rng.choice(_SHEET_KINDS),
                    rng.choice(_CITIES),
                    rng.choice(_COUNTIES),
                    str(rng.randint(3, 4000)),
                    website,
                    note,
                ]
            )
    return path


REPOS_COUNT = 200
REPOS_LIST = "repos.txt"


def generate_repos(root: Path, count: int = REPOS_COUNT, size: str | Size = "typical", seed: int = 0) -> Path:
    """`count` bare git repositories under `root`/remotes, each holding one partnership folder
    on its branch main, and `root`/repos.txt listing them by file:// URL (for `--repos`)."""
    import os
    import subprocess

    if root.exists():
        shutil.rmtree(root)
    (root / "remotes").mkdir(parents=True)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Generator", "GIT_AUTHOR_EMAIL": "generator@example.org",
        "GIT_COMMITTER_NAME": "Generator", "GIT_COMMITTER_EMAIL": "generator@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T12:00:00Z",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    lines = []
    scratch = root / "work"
    for index in range(count):
        name = f"partnership-{index + 1:03d}"
        folder = generate(scratch / name, size, seed=seed * 1000 + index, clean=False)
        bare = root / "remotes" / f"{name}.git"
        git = ["git", f"--git-dir={bare}", f"--work-tree={folder}"]
        subprocess.run(
            ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], env=env, check=True
        )
        subprocess.run([*git, "add", "-A"], env=env, check=True)
        subprocess.run([*git, "commit", "--quiet", "-m", "Partnership files"], env=env, check=True)
        shutil.rmtree(folder)
        lines.append(f"{bare.resolve().as_uri()} {name}")
    scratch.rmdir()
    (root / REPOS_LIST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def ensure(kind: str, seed: int = 0, work: Path = WORK) -> Path:
    """The generated folder of `kind` under `work`, made once and reused while the marker matches."""
    target = work / kind
    marker = work / f".{kind}.seed"
    stamp = f"{seed} {_fingerprint()}"
    if target.is_dir() and marker.is_file() and marker.read_text() == stamp:
        return target
    if kind == "portfolio":
        generate_portfolio(target, seed=seed)
    elif kind == "repos":
        generate_repos(target, seed=seed)
    else:
        generate(target, kind, seed=seed)
    marker.write_text(stamp)
    return target


def _fingerprint() -> str:
    """Changes when this generator changes, so stale folders are regenerated."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def iter_files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*.yaml") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("kind", choices=[*SIZES, "portfolio", "repos"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="target folder (default: benchmarks/.work/KIND)")
    parser.add_argument("--count", type=int, default=PORTFOLIO_FOLDERS, help="folders in a portfolio")
    args = parser.parse_args(argv)
    target = args.out or WORK / args.kind
    start = time.perf_counter()
    if args.kind == "portfolio":
        generate_portfolio(target, args.count, seed=args.seed)
    elif args.kind == "repos":
        generate_repos(target, args.count if args.count != PORTFOLIO_FOLDERS else REPOS_COUNT, seed=args.seed)
        print(f"{target / REPOS_LIST}: {sum(1 for _ in (target / 'remotes').iterdir())} repositories")
        return 0
    else:
        generate(target, args.kind, seed=args.seed)
    files = sum(1 for _ in iter_files(target))
    print(f"{target}: {files} files in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
