"""Organizations and people: add, list and show."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.ids import check_id, new_id, slug
from ngsp_cli.model import Organization, OrgKind, Person, Role
from ngsp_cli.rules.view import PartnershipAt
from ngsp_cli.services.dates import not_in_future
from ngsp_cli.services.lookup import person_detail, resolve_org, resolve_person
from ngsp_cli.store import folder as store
from ngsp_cli.store.files import locked
from ngsp_cli.store.write import save
from ngsp_cli.vocab import choose_all, normalized_name

T = TypeVar("T", Organization, Person)
Notify = Callable[[str], None]


def _taken(root: Path, folder: str) -> set[str]:
    directory = root / folder
    if not directory.is_dir():
        return set()
    return {p.stem for p in directory.glob("*.yaml")}


def _refuse_same_name(snap: store.Snapshot, name: str, editing: str | None = None) -> None:
    """Two organizations may not share a name (case, accents and "Inc." aside)."""
    wanted = normalized_name(name)
    for existing in snap.organizations.values():
        if existing.id != editing and normalized_name(existing.name) == wanted:
            raise InputError(
                f"'{existing.name}' is already at the table (id '{existing.id}')",
                file=f"organizations/{existing.id}.yaml",
                hint="edit that file, or give the organization a clearly different name",
            )


def _refuse_same_email(snap: store.Snapshot, email: str | None, editing: str | None = None) -> None:
    """An e-mail address belongs to one person; a second one is a duplicate entry."""
    if not email:
        return
    for other in snap.people.values():
        if other.id != editing and other.email and other.email.casefold() == email.casefold():
            raise InputError(
                f"{other.name} already uses the e-mail {email} (id '{other.id}')",
                file=f"people/{other.id}.yaml",
                hint="edit that person instead, or check the address",
            )


def _nothing_to_change(changes: dict[str, Any], command: str) -> None:
    if all(value is None for value in changes.values()):
        raise UsageError(
            "nothing to change",
            hint=f"pass what should change, e.g. '{command} ID --name \"New name\"'; see '{command} --help'",
        )


_JOINED_HINT = "use the day they joined; add them once they have said yes"


def gone_before(org: Organization, day: dt.date) -> str | None:
    """Why nobody can join `org` on `day` (it left on or before that day), else None."""
    if org.left is None or org.left > day:
        return None
    return (
        f"{org.name} left on {org.left.isoformat()}, on or before the day this person joins "
        f"({day.isoformat()})"
    )


def gone_hint(org: Organization) -> str:
    return f"if it came back, first 'ngsp org leave {org.id} --undo'; or give another organization"


def _refuse_gone_org(org: Organization | None, day: dt.date) -> None:
    why = gone_before(org, day) if org is not None else None
    if org is not None and why is not None:
        raise UsageError(
            f"{why}; nothing was written",
            file=f"organizations/{org.id}.yaml",
            field="--org",
            hint=gone_hint(org),
        )


@locked
def add_organization(
    root: Path,
    name: str,
    kind: OrgKind | str,
    *,
    naics: str | None = None,
    county: str | None = None,
    city: str | None = None,
    size: str | None = None,
    website: str | None = None,
    joined: dt.date | None = None,
    notes: str | None = None,
    org_id: str | None = None,
    today: dt.date | None = None,
) -> Organization:
    """Create organizations/<id>.yaml; refuses a second organization with the same name."""
    joined = not_in_future(joined, today, "joining", "--joined", _JOINED_HINT)
    snap = store.load(root, kinds=(Organization,), check_references=False)
    _refuse_same_name(snap, name)
    org = Organization(
        name=name,
        kind=OrgKind(kind),
        naics=naics,
        county=county,
        city=city,
        size=size,
        website=website,
        joined=joined,
        notes=notes,
    )
    org.id = check_id(org_id) if org_id else new_id(name, _taken(root, Organization.folder))
    save(root, org, create=True)
    return org


@locked
def add_person(
    root: Path,
    name: str,
    org: str,
    *,
    title: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    roles: list[Role] | list[str] | None = None,
    joined: dt.date | None = None,
    notes: str | None = None,
    person_id: str | None = None,
    notify: Notify | None = None,
    today: dt.date | None = None,
) -> Person:
    """Create people/<id>.yaml for someone of an existing organization (id or name).

    Two people may share a name; `notify` is told when they do (and when a role does
    not fit the organization), since from then on only the id tells them apart.
    """
    joined = not_in_future(joined, today, "joining", "--joined", _JOINED_HINT)
    snap = store.load(root, kinds=(Organization, Person), check_references=False)
    org_id = resolve_org(snap, org)
    _refuse_gone_org(snap.organizations.get(org_id), joined)
    _refuse_same_email(snap, email)
    person = Person(
        name=name,
        org=org_id,
        title=title,
        email=email,
        phone=phone,
        roles=choose_all(Role, roles or [], "a role"),
        joined=joined,
        notes=notes,
    )
    person.id = check_id(person_id) if person_id else new_id(name, _taken(root, Person.folder))
    save(root, person, create=True)
    if notify is not None:
        _tell_namesakes(snap, person, notify)
        _tell_misfit_roles(snap.organizations.get(org_id), person, notify)
    return person


def _tell_namesakes(snap: store.Snapshot, person: Person, notify: Notify) -> None:
    """ "there is already a person called Hal Ives (hal-ives, Carter Plastics); this one is ..."."""
    name = slug(person.name)
    same = sorted(p.id for p in snap.people.values() if p.id != person.id and slug(p.name) == name)
    if not same:
        return
    others = "; ".join(f"{pid}, {person_detail(snap, pid)}" for pid in same)
    org = snap.organizations.get(person.org)
    there = f"there is already a person called {person.name}" if len(same) == 1 else (
        f"there are already {len(same)} people called {person.name}"
    )  # fmt: skip
    notify(
        f"{there} ({others}); this one is {person.id} ({org.name if org else person.org}): "
        "name them by id from now on"
    )


MISFIT_ROLES = (Role.champion, Role.business_leader)


def _tell_misfit_roles(org: Organization | None, person: Person, notify: Notify) -> None:
    """Champions are business leaders: a public partner with that role cannot lead a team."""
    if org is None or org.is_business:
        return
    misfits = [f"'{r.value}'" for r in MISFIT_ROLES if r in person.roles]
    if not misfits:
        return
    notify(
        f"{person.name} has the role{'s' if len(misfits) > 1 else ''} {' and '.join(misfits)} but is "
        f"with {org.name}, a public partner ({org.kind.value}): champions are business leaders, and "
        f"public partners support them ('ngsp team new' takes {person.id} with --support, not --champion)"
    )


def people_of(snap: store.Snapshot, org_id: str) -> list[Person]:
    return sorted((p for p in snap.people.values() if p.org == org_id), key=lambda p: p.name.casefold())


def sorted_orgs(snap: store.Snapshot, kind: OrgKind | None = None) -> list[Organization]:
    orgs = [o for o in snap.organizations.values() if kind is None or o.kind is kind]
    return sorted(orgs, key=lambda o: (not o.is_business, o.name.casefold()))


class OrgListing(NamedTuple):
    """`org list` on a day: the organizations shown and how many of their people were there."""

    shown: list[Organization]  # businesses first, then by name
    joined: int  # organizations that had joined by the day (those that left included)
    present: list[Organization]  # of `shown`, those at the table on the day
    headcount: Counter[str]  # organization id -> its people at the table on the day
    view: PartnershipAt


def list_organizations(
    snap: store.Snapshot, day: dt.date, kind: OrgKind | None = None, *, show_all: bool = False
) -> OrgListing:
    """The organizations that had joined by `day` (with `show_all`, those that left too, marked).

    Each counts its people as `PartnershipAt(snap, day).person_present` judges them, so the
    numbers agree with `person list --as-of` on the same day: nobody who joined after it,
    nobody who (or whose organization) had left by then.
    """
    view = PartnershipAt(snap, day)
    everything = [o for o in sorted_orgs(snap, kind) if o.joined is None or o.joined <= day]
    present = [o for o in everything if view.org_present(o)]
    shown = everything if show_all else present
    # One pass over the people, not one per organization (2,000 organizations stay quick).
    headcount = Counter(p.org for p in snap.people.values() if view.person_present(p))
    return OrgListing(shown, len(everything), [o for o in shown if view.org_present(o)], headcount, view)


def sorted_people(
    snap: store.Snapshot, org: str | None = None, role: Role | Iterable[Role] | None = None
) -> list[Person]:
    """People by name; only those of `org`, and with any of the roles `role` (one or several)."""
    roles = None if role is None else {role} if isinstance(role, Role) else set(role)
    people = [
        p
        for p in snap.people.values()
        if (org is None or p.org == org) and (not roles or roles.intersection(p.roles))
    ]
    return sorted(people, key=lambda p: p.name.casefold())


def _apply(entity: T, changes: dict[str, Any]) -> T:
    """A validated copy of `entity` with `changes` (None means "leave as is")."""
    data = entity.model_dump()
    data.update({key: value for key, value in changes.items() if value is not None})
    updated = type(entity).model_validate(data)
    updated.id = entity.id
    return updated


@locked
def edit_organization(root: Path, /, ref: str, **changes: Any) -> tuple[Organization, bool]:
    """Change fields of an organization; comments and layout of its file are kept.

    Returns the organization and whether anything changed (values it already had do not).
    """
    _nothing_to_change(changes, "ngsp org edit")
    org = store.load_entity(root, Organization, ref.strip())  # an id: read just that file
    snap: store.Snapshot | None = None
    if org is None or changes.get("name"):
        # A new name must not be another organization's: that needs them all.
        snap = store.load(root, kinds=(Organization,), check_references=False)
        org = snap.organizations[resolve_org(snap, ref)]
        if changes.get("name"):
            _refuse_same_name(snap, changes["name"], editing=org.id)
    updated = _apply(org, changes)
    save(root, updated)
    return updated, updated != org


@locked
def edit_person(
    root: Path, /, ref: str, *, notify: Notify | None = None, **changes: Any
) -> tuple[Person, bool]:
    """Change fields of a person; `org` may be an organization id or name.

    Returns the person and whether anything changed.

    `notify` is told when the new name is another person's too, or when a new role or
    organization makes a public partner a champion.
    """
    _nothing_to_change(changes, "ngsp person edit")
    person = store.load_entity(root, Person, ref.strip())  # an id: read just that file
    org_ref = changes.get("org")
    email = changes.get("email")
    snap: store.Snapshot | None = None
    if (
        person is None
        or email
        or changes.get("name")
        or (org_ref and store.load_entity(root, Organization, org_ref.strip()) is None)
    ):
        # Names, another organization or a new e-mail need the whole directory.
        snap = store.load(root, kinds=(Organization, Person), check_references=False)
        person = snap.people[resolve_person(snap, ref)]
        _refuse_same_email(snap, email, editing=person.id)
        if org_ref:
            changes["org"] = resolve_org(snap, org_ref)
    elif org_ref:
        changes["org"] = org_ref.strip()
    if changes.get("roles") is not None:
        changes["roles"] = choose_all(Role, changes["roles"], "a role")
    updated = _apply(person, changes)
    save(root, updated)
    if notify is not None:
        if snap is not None and changes.get("name"):
            _tell_namesakes(snap, updated, notify)
        if changes.get("roles") is not None or org_ref:
            org = snap.organizations.get(updated.org) if snap is not None else None
            _tell_misfit_roles(org or store.load_entity(root, Organization, updated.org), updated, notify)
    return updated, updated != person
