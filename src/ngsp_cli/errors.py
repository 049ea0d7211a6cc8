"""One exception family for everything ngsp tells its users.

Core code raises these and never prints or exits; the command-line layer turns
them into a short message and an exit code (the exit codes are listed in docs/cli.md).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ngsp_cli.text import plural

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class Problem(NamedTuple):
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


def from_os_error(exc: OSError) -> NgspError | None:
    """The person's situation behind an operating-system error (no permission, read-only or full
    disk), as a plain error with a hint; None for errors that are not about the person's machine.
    """
    import errno
    from pathlib import Path

    name = exc.filename if isinstance(exc.filename, str) else None
    if name is not None:
        absolute = Path(name).absolute()
        here = Path.cwd()
        name = str(absolute.relative_to(here) if absolute.is_relative_to(here) else absolute)
    where = f" {name}" if name else ""
    if name is not None and Path(name).name == ".ngsp.lock":
        # The lock is the first thing a change writes: the folder itself is not writable.
        where = " this partnership folder" if Path(name).parent == Path() else f" {Path(name).parent}"
    if exc.errno in {errno.EACCES, errno.EPERM}:
        return InputError(
            f"ngsp is not allowed to change or read{where}: permission denied; nothing was changed",
            hint="ask whoever owns the folder for write access (ls -l shows the owner), "
            "or work in a copy of the folder that you can change",
        )
    if exc.errno == errno.EROFS:
        return InputError(
            f"{name or 'the folder'} is on a read-only disk, so ngsp cannot write there; nothing was changed",
            hint="copy the folder to a disk you can write to (or mount this one writable) "
            "and run the command again",
        )
    if exc.errno in {errno.ENOSPC, errno.EDQUOT}:
        return InputError(
            f"the disk is full: ngsp could not write{where}; nothing was changed",
            hint="free some space (old files in out/, downloads, the trash) and run the command again",
        )
    return None
