"""Diagnostics: located findings with a stable code and a severity.

Errors stop a build; warnings are printed and the build goes on.  ``medprint
check`` and the readers both speak in these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Literal

from .model import Location

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location | None = None
    hint: str = ""

    def format(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}{self.severity}: {self.message}{hint} [{self.code}]"

    def to_json(self) -> dict:
        data = asdict(self)
        loc = self.location
        data["location"] = None if loc is None else {"file": loc.file, "line": loc.line, "column": loc.col}
        return data


# ---------------------------------------------------------------- reporting many at once


def collapse_repeats(diagnostics: Iterable[Diagnostic], *, also: int = 3) -> list[Diagnostic]:
    """One line per repeated finding: the same code, severity, message and hint at several places becomes the
    first of them, saying how often and where else ("image 'x.svg' not found, 44 times (first here; also at
    a.md:12:3, a.md:40:1, a.md:51:1, …)").  Order is that of each finding's first occurrence."""
    groups: dict[tuple, list] = {}
    for diagnostic in diagnostics:  # Diagnostics, or the Problems an error carries (no severity of their own)
        key = (diagnostic.code, getattr(diagnostic, "severity", ""), diagnostic.message, diagnostic.hint)
        groups.setdefault(key, []).append(diagnostic)
    out: list[Diagnostic] = []
    for items in groups.values():
        first = items[0]
        if len(items) == 1:
            out.append(first)
            continue
        places = [_place(d.location, first.location) for d in items[1:] if d.location is not None]
        where = ""
        if places:
            where = "; also at " + ", ".join(places[:also]) + (", …" if len(places) > also else "")
        out.append(replace(first, message=f"{first.message}, {len(items)} times (first here{where})"))
    return out


def _place(location: Location, first: Location | None) -> str:
    """``12:3`` in the first finding's file, else the whole ``file:12:3``."""
    if first is not None and location.file == first.file and location.line:
        return f"{location.line}:{location.col or 1}"
    return str(location)


def group_by_code(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then warnings, then notes; within each, a code's findings together, codes in the order
    they first appear (a reader meets each kind of problem once, with all its places)."""
    items = list(diagnostics)
    first_seen: dict[str, int] = {}
    for n, d in enumerate(items):
        first_seen.setdefault(d.code, n)
    rank = {"error": 0, "warning": 1, "info": 2}
    return sorted(items, key=lambda d: (rank.get(d.severity, 3), first_seen[d.code]))


def summary_line(diagnostics: Iterable[Diagnostic]) -> str:
    """"3 warnings (2 codes): reference.missing-doi ×2, slides.continuations" — counts of the findings as
    reported (each collapsed repeat counts once); "" when there are none."""
    items = list(diagnostics)
    if not items:
        return ""
    parts = []
    for severity, word in (("error", "error"), ("warning", "warning"), ("info", "note")):
        found = [d for d in items if d.severity == severity]
        if found:
            parts.append(f"{len(found)} {word}{'' if len(found) == 1 else 's'}")
    counts: dict[str, int] = {}
    for d in group_by_code(items):
        counts[d.code] = counts.get(d.code, 0) + 1
    codes = ", ".join(f"{code} ×{n}" if n > 1 else code for code, n in counts.items())
    return f"{', '.join(parts)} ({len(counts)} code{'' if len(counts) == 1 else 's'}): {codes}"
