"""One exception tree.  Every failure a user can cause becomes a :class:`MedprintError`.

Each error carries a stable ``code`` (``area.kind``), a :class:`Location` and an
exit code, and prints as ``file:line:col: error: what is wrong; what to do [code]``.
Third-party exceptions are translated into these at one boundary
(:func:`medprint.boundary.translate`); a traceback reaching the user is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Location

EXIT_OK = 0
EXIT_SOURCE = 1
EXIT_USAGE = 2


@dataclass
class Problem:
    """One located problem; several can travel in one :class:`SourceError`."""

    code: str
    message: str
    location: Location | None = None
    hint: str = ""

    def format(self, severity: str = "error") -> str:
        where = f"{self.location}: " if self.location else "medprint: "
        hint = f"; {self.hint}" if self.hint else ""
        line = f"{where}{severity}: {self.message}{hint} [{self.code}]"
        return " ".join(line.splitlines())  # one problem, one line: library messages can hold newlines


class MedprintError(Exception):
    """Base of every error medprint reports to a user."""

    exit_code = EXIT_SOURCE

    def __init__(self, code: str, message: str, location: Location | None = None, hint: str = "") -> None:
        self.problems = [Problem(code, message, location, hint)]
        super().__init__(self.problems[0].format())

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def location(self) -> Location | None:
        return self.problems[0].location

    def lines(self) -> list[str]:
        return [p.format() for p in self.problems]


class SourceError(MedprintError):
    """The source, its references or its assets are wrong: exit 1."""

    @classmethod
    def many(cls, problems: list[Problem]) -> "SourceError":
        err = cls(problems[0].code, problems[0].message, problems[0].location, problems[0].hint)
        err.problems = list(problems)
        err.args = ("\n".join(p.format() for p in problems),)
        return err


class UsageError(MedprintError):
    """The command line is wrong: exit 2."""

    exit_code = EXIT_USAGE


class LimitError(SourceError):
    """An input is larger than a configured limit."""


class UnsafePathError(SourceError):
    """A path in a source leaves the folders medprint may read."""


class OutputError(MedprintError):
    """An output could not be written (disk full, permissions)."""


@dataclass
class BuildFailure:
    """A document that failed inside a multi-document build."""

    source: str
    error: MedprintError = field(repr=False)
