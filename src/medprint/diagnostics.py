"""Diagnostics: located findings with a stable code and a severity.

Errors stop a build; warnings are printed and the build goes on.  ``medprint
check`` and the readers both speak in these.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
