"""The front matter's ``check:`` settings, validated once so each checker just reads numbers.

```yaml
check:
  ignore: [reference.missing-doi, "publishing.*"]   # codes or glob patterns
  readability: {target: 8, sentences: 3}           # grade target; longest sentences listed per section
  slides: {max-continuations: 2}                   # continuation slides allowed per section
```
A malformed setting is an error diagnostic, never a crash, and never silently ignored.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Document, Location
from .codes import CODES

AUDIENCE_TARGETS = {"patients": 8.0, "clinicians": 12.0}
DEFAULT_SENTENCES = 3
DEFAULT_MAX_CONTINUATIONS = 2
KNOWN = {"ignore": None, "readability": {"target", "sentences"}, "slides": {"max-continuations"}}


@dataclass
class CheckConfig:
    ignore: tuple[str, ...] = ()
    target: float | None = None  # reading grade; None = no readability check
    sentences: int = DEFAULT_SENTENCES
    max_continuations: int = DEFAULT_MAX_CONTINUATIONS
    problems: list[Diagnostic] = field(default_factory=list)

    def ignored(self, code: str) -> bool:
        return any(fnmatch.fnmatchcase(code, pattern) for pattern in self.ignore)


def _as_dict(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (tuple, list)) and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in value):
        return {str(k): v for k, v in value}
    return None


def meta_location(document: Document, *keys: str) -> Location | None:
    """The first of ``keys`` the front matter has, else the title line: where a metadata finding points."""
    for key in keys:
        loc = document.meta.position(key)
        if loc is not None:
            return loc
    return document.meta.position("title") or Location(document.source_path, 1, 1)


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if low <= value <= high else None


def load_config(document: Document) -> CheckConfig:
    """Read ``meta.check`` and ``meta.audience`` into a :class:`CheckConfig`."""
    cfg = CheckConfig()
    settings = _as_dict(document.meta.check) or {}
    bad = lambda key, msg, hint: cfg.problems.append(Diagnostic(
        "check.invalid-config", "error", msg, meta_location(document, f"check.{key}", "check"), hint))

    for key in settings:
        if key not in KNOWN:
            bad(key, f"unknown check setting '{key}'", "use ignore, readability or slides")

    ignore = settings.get("ignore", [])
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, (list, tuple)) or not all(isinstance(c, str) for c in ignore):
        bad("ignore", "check.ignore must be a list of codes", "write e.g. ignore: [reference.missing-doi]")
        ignore = []
    cfg.ignore = tuple(ignore)
    for pattern in cfg.ignore:
        if not any(fnmatch.fnmatchcase(code, pattern) for code in CODES):
            import difflib

            close = difflib.get_close_matches(pattern, list(CODES), n=1)
            cfg.problems.append(Diagnostic(
                "check.unknown-code", "warning", f"check.ignore names unknown code '{pattern}'",
                meta_location(document, "check.ignore", "check"),
                f"did you mean '{close[0]}'?" if close else "run medprint check to see the codes"))

    for group in ("readability", "slides"):
        if group in settings and _as_dict(settings[group]) is None:
            bad(group, f"check.{group} must be a mapping", f"write e.g. {group}: {{...}}")
        for key in _as_dict(settings.get(group)) or {}:
            if key not in KNOWN[group]:
                bad(f"{group}.{key}", f"unknown check.{group} setting '{key}'",
                    "use " + " or ".join(sorted(KNOWN[group])))

    readability = _as_dict(settings.get("readability")) or {}
    audience = (document.meta.audience or "").strip().lower()
    cfg.target = AUDIENCE_TARGETS.get(audience)
    if "target" in readability:
        target = _number(readability["target"], 1, 20)
        if target is None:
            bad("readability.target", "check.readability.target must be a grade from 1 to 20",
                "write e.g. target: 8")
        else:
            cfg.target = target
    if "sentences" in readability:
        count = _number(readability["sentences"], 0, 50)
        if count is None or count != int(count):
            bad("readability.sentences", "check.readability.sentences must be a whole number 0-50",
                "write e.g. sentences: 3")
        else:
            cfg.sentences = int(count)

    slides = _as_dict(settings.get("slides")) or {}
    if "max-continuations" in slides:
        count = _number(slides["max-continuations"], 0, 100)
        if count is None or count != int(count):
            bad("slides.max-continuations", "check.slides.max-continuations must be a whole number",
                "write e.g. max-continuations: 2")
        else:
            cfg.max_continuations = int(count)
    return cfg
