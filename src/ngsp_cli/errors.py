"""One exception family for everything ngsp tells its users.

Core code raises these and never prints or exits; the command-line layer turns
them into a short message and an exit code (the exit codes are listed in docs/cli.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ngsp_cli.text import plural

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def location(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}"
        return where

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[str, int, str]:
        return (self.file or "", self.line or 0, self.field or "")


class NgspError(Exception):
    """Base of every error ngsp reports to a user."""

    exit_code = EXIT_BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.problem = Problem(message=message, file=file, line=line, field=field, hint=hint)

    @property
    def problems(self) -> list[Problem]:
        return [self.problem]

    def __str__(self) -> str:
        where = self.problem.location()
        return f"{where}: {self.problem.message}" if where else self.problem.message


class InputError(NgspError):
    """The user's files or arguments are wrong (exit 2)."""


class UsageError(NgspError):
    """The command was called wrongly or a needed value is missing (exit 2)."""


class NotFoundError(InputError):
    """An id, file or folder that the user named does not exist (exit 2)."""


class ManyProblems(InputError):
    """Several problems reported at once, sorted; the first one gives the location."""

    def __init__(self, problems: list[Problem], message: str) -> None:
        self._problems = sorted(problems, key=Problem.sort_key)
        first = self._problems[0]
        super().__init__(message, file=first.file, line=first.line, field=first.field, hint=first.hint)

    @property
    def problems(self) -> list[Problem]:
        return self._problems


class FolderInvalid(ManyProblems):
    """Several files of a partnership folder are wrong; carries every problem."""

    def __init__(self, problems: list[Problem], what: str = "the partnership folder") -> None:
        super().__init__(problems, f"{what} has {plural(len(problems), 'problem')}")
