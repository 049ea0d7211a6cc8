"""What an import does with each row of a sheet, and with the folder: the plan or the outcome.

A dry run's result is the plan; otherwise it also says which files were written and
whether Ctrl-C came while they were. It counts what was created, updated, skipped
and bad, says so in one sentence, and gives the whole of it for --json.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ngsp_cli.model import Entity, Organization, Person
from ngsp_cli.services.directory.import_matching import Entries
from ngsp_cli.text import plural


@dataclass(slots=True)
class RowResult:
    """What the import does with one row of the sheet."""

    row: int
    action: str  # create, update, skip or bad
    name: str
    id: str | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "name": self.name,
            "id": self.id,
            "detail": self.detail,
        }


@dataclass
class ImportResult:
    """The plan (dry run) or the outcome of an import."""

    what: str
    source: str
    dry_run: bool
    notes: list[str]
    columns: dict[str, str]
    ignored_columns: list[str]
    rows: list[RowResult] = field(default_factory=list)
    blank_rows: int = 0
    updated: list[Entity] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    interrupted: bool = False
    recovered: str = ""  # what was done first about a stopped command's leftovers
    _plans: list[Entries[Any]] = field(default_factory=list, repr=False)

    def set_plan(self, orgs: Entries[Organization], people: Entries[Person] | None) -> None:
        self._plans = [orgs] if people is None else [orgs, people]
        self.updated = [entity for plan in self._plans for entity in plan.changed()]

    def iter_created(self) -> Iterator[Entity]:
        """The entries the import creates, one at a time: organizations first, then people."""
        for plan in self._plans:
            yield from plan.created()

    @property
    def created(self) -> list[Entity]:
        return list(self.iter_created())

    def _created_count(self, model: type[Entity]) -> int:
        return sum(len(plan.created_ids()) for plan in self._plans if plan.model is model)

    def rows_with(self, action: str) -> list[RowResult]:
        return [r for r in self.rows if r.action == action]

    @property
    def bad_rows(self) -> list[RowResult]:
        return self.rows_with("bad")

    def counts(self) -> dict[str, int]:
        def of(kind: type[Entity], items: list[Entity]) -> int:
            return sum(isinstance(e, kind) for e in items)

        return {
            "organizations_created": self._created_count(Organization),
            "organizations_updated": of(Organization, self.updated),
            "people_created": self._created_count(Person),
            "people_updated": of(Person, self.updated),
            "rows_skipped": len(self.rows_with("skip")),
            "rows_bad": len(self.bad_rows),
            "rows_blank": self.blank_rows,
        }

    def summary(self) -> str:
        """One sentence: '3 organizations created, 1 updated; 2 rows with nothing new; 1 bad row'."""
        c = self.counts()
        would = "would be " if self.dry_run else ""
        parts = []
        if self.what == "people":
            parts.append(
                f"{plural(c['people_created'], 'person', 'people')} {would}created, "
                f"{c['people_updated']} {would}updated"
            )
            if c["organizations_created"]:
                parts.append(f"{plural(c['organizations_created'], 'organization')} {would}created")
        else:
            parts.append(
                f"{plural(c['organizations_created'], 'organization')} {would}created, "
                f"{c['organizations_updated']} {would}updated"
            )
        if c["rows_skipped"]:
            parts.append(f"{plural(c['rows_skipped'], 'row')} with nothing new")
        if c["rows_bad"]:
            parts.append(plural(c["rows_bad"], "bad row"))
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "file": self.source,
            "dry_run": self.dry_run,
            "read": self.notes,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            **self.counts(),
            "rows": [r.as_dict() for r in self.rows],
            "files_written": self.written,
            "interrupted": self.interrupted,
            "recovered": self.recovered or None,
        }
