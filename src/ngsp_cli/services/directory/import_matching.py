"""The entries at the table while an import plans, and how a row finds the one it is about.

A row matches an existing entry by id (an "Id" column), then for people by e-mail,
then by normalized name (case, accents, punctuation and "Inc"/"LLC" ignored; for
people, within the same organization). Entries that earlier rows of the same sheet
create are part of the table too, so later rows merge into them. A key that names
several entries makes the row a `BadRow` asking for an Id column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Generic

from ngsp_cli.ids import new_id
from ngsp_cli.model import Organization, Person
from ngsp_cli.services.directory.import_merging import E, entity_dump, validated
from ngsp_cli.services.directory.import_values import BadRow
from ngsp_cli.vocab import normalized_name


def _ids_on_disk(root: Path, folder: str) -> set[str]:
    directory = root / folder
    return {p.stem for p in directory.glob("*.yaml")} if directory.is_dir() else set()


class Index:
    """Entries of one kind found by normalized key; a key may (wrongly) name several entries."""

    def __init__(self) -> None:
        self._ids: dict[Any, list[str]] = {}

    def add(self, index_key: Any, entity_id: str) -> None:
        ids = self._ids.setdefault(index_key, [])
        if entity_id not in ids:
            ids.append(entity_id)

    def remove(self, index_key: Any, entity_id: str) -> None:
        ids = self._ids.get(index_key, [])
        if entity_id in ids:
            ids.remove(entity_id)

    def find(self, index_key: Any, what: str) -> str | None:
        ids = self._ids.get(index_key, [])
        if len(ids) > 1:
            raise BadRow(f"matches several {what}: {', '.join(ids)}; add an Id column to say which")
        return ids[0] if ids else None


class Entries(Generic[E]):
    """The entries of one kind while an import plans: those at the table, and those rows create.

    Entries at the table stay the models read from the folder (replaced when a row
    changes one). Entries the import creates are kept as compact JSON of the data
    their file will hold, so a 100,000-row sheet does not hold 100,000 models; one
    is rebuilt only when a later row of the sheet matches it, or when it is written.
    """

    def __init__(self, model: type[E], existing: Mapping[str, E]) -> None:
        self.model: type[E] = model
        self.existing: dict[str, E] = dict(existing)
        self._original: Mapping[str, E] = existing
        self._created: dict[str, bytes] = {}

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.existing or entity_id in self._created

    def __getitem__(self, entity_id: str) -> E:
        packed = self._created.get(entity_id)
        if packed is None:
            return self.existing[entity_id]
        entity: E = self.model.model_validate_json(packed)
        entity.id = entity_id
        return entity

    def get(self, entity_id: str) -> E | None:
        if entity_id in self:
            return self[entity_id]
        return None

    def put(self, entity: E) -> None:
        if entity.id in self.existing:
            self.existing[entity.id] = entity
        else:
            self._created[entity.id] = entity.model_dump_json().encode("utf-8")

    def ids(self) -> set[str]:
        return set(self.existing) | set(self._created)

    def created_ids(self) -> list[str]:
        return list(self._created)

    def created(self) -> Iterator[E]:
        """The new entries, rebuilt one at a time, in the order rows created them."""
        for entity_id in self._created:
            yield self[entity_id]

    def changed(self) -> list[E]:
        """The entries at the table whose data the import changes."""
        return [
            entity
            for entity_id, entity in self.existing.items()
            if entity is not self._original[entity_id]
            and entity_dump(entity) != entity_dump(self._original[entity_id])
        ]


class Planning(Generic[E]):
    """One kind of entry while an import plans: the entries, the ids taken, which row made which."""

    def __init__(self, model: type[E], root: Path, existing: Mapping[str, E], today: dt.date) -> None:
        self.today = today
        self.working: Entries[E] = Entries(model, existing)
        self.taken: set[str] = set(existing) | _ids_on_disk(root, model.folder)
        self.created_by_row: dict[str, int] = {}

    def create(self, name: str, data: dict[str, Any], wanted_id: str | None = None) -> E:
        """A new entry (not yet part of the plan: see `register`)."""
        entity_id = wanted_id or new_id(name, self.taken)
        return validated(self.working.model, {"name": name, "joined": self.today, **data}, entity_id)


class Orgs(Planning[Organization]):
    """The organizations while an import plans: existing ones plus the ones rows create."""

    def __init__(self, root: Path, existing: Mapping[str, Organization], today: dt.date) -> None:
        super().__init__(Organization, root, existing, today)
        self.by_name = Index()
        for org_id, org in existing.items():
            self.by_name.add(normalized_name(org.name), org_id)

    def find(self, ref: str) -> str | None:
        """An organization by id or name (normalized), or None."""
        if ref in self.working:
            return ref
        return self.by_name.find(normalized_name(ref), "organizations")

    def register(self, org: Organization, row: int) -> None:
        self.working.put(org)
        self.taken.add(org.id)
        self.by_name.add(normalized_name(org.name), org.id)
        self.created_by_row[org.id] = row


class People(Planning[Person]):
    """The people while an import plans, found by e-mail and by name within their organization."""

    def __init__(self, root: Path, existing: Mapping[str, Person], today: dt.date) -> None:
        super().__init__(Person, root, existing, today)
        self.by_email = Index()
        self.by_name = Index()
        for person in existing.values():
            self._index(person)

    def _index(self, person: Person) -> None:
        if person.email:
            self.by_email.add(person.email.casefold(), person.id)
        self.by_name.add((normalized_name(person.name), person.org), person.id)

    def match(
        self, wanted_id: str | None, name: str, org_id: str, email: str | None
    ) -> tuple[str | None, str]:
        """The person a row is about and how they were found ("matched by e-mail"), or None.

        An id decides alone; otherwise the e-mail, then the name within the organization,
        and a row whose e-mail and name point at two different people is bad.
        """
        if wanted_id is not None:
            return (wanted_id, "matched by id") if wanted_id in self.working else (None, "")
        by_mail = self.by_email.find(email.casefold(), "people") if email else None
        by_who = self.by_name.find((normalized_name(name), org_id), "people")
        if by_mail and by_who and by_mail != by_who:
            raise BadRow(
                f"the e-mail {email} belongs to {self.working[by_mail].name} ({by_mail}), but the "
                f"name and organization are those of {self.working[by_who].name} ({by_who})"
            )
        return (by_mail, "matched by e-mail") if by_mail else (by_who, "matched by name")

    def check_email(self, person: Person) -> None:
        """A row may not give `person` an e-mail that another person has."""
        if person.email:
            owner = self.by_email.find(person.email.casefold(), "people")
            if owner is not None and owner != person.id:
                raise BadRow(f"the e-mail {person.email} belongs to {self.working[owner].name} ({owner})")

    def register(self, person: Person, row: int) -> None:
        """Make `person` (new, changed or not) part of the plan."""
        old = self.working.get(person.id)
        if old is not None:
            self.by_email.remove((old.email or "").casefold(), old.id)
            self.by_name.remove((normalized_name(old.name), old.org), old.id)
        else:
            self.taken.add(person.id)
            self.created_by_row[person.id] = row
        if person is not old:
            self.working.put(person)
        self._index(person)
