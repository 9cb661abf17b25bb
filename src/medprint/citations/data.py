"""CSL-JSON dicts to citeproc-py references, keeping the data's rich text and typography.

Plain citeproc-py prints ``<i>``/``<sup>``/``<sub>`` from fields literally (or, with
its HTML formatter, passes ``<`` and ``&`` through unescaped) and keeps straight
quotes.  Here each string field becomes a citeproc ``MixedString`` of:

- :class:`Mark` pieces for CSL rich text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
  small-caps spans), immune to text-case;
- ``NoCase`` pieces for ``<span class="nocase">``;
- ``String`` pieces with straight quotes and apostrophes made typographic,
  as citeproc-js does.

Citation keys are case-sensitive in Pandoc but citeproc-py lowercases them, so
every reference gets an internal key (``r0``, ``r1``, …) and the engine maps back.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from citeproc.source import Date, DateRange, LiteralDate, Name, Reference
from citeproc.string import MixedString, NoCase, String
from citeproc import DATES, NAMES

from .markup import MARKS, remove_private_use


class Mark(NoCase):
    """A formatting mark from the data's rich text: never changes case, never capitalised."""


_TAG_RE = re.compile(
    r"<(/?)(i|b|sup|sub|span)(\s+[^>]*)?>",
    re.IGNORECASE,
)
_NAME_KEYS = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}


def smart_quotes(text: str) -> str:
    """Straight quotes to typographic ones: opening after a start, space or bracket; else closing."""
    out = []
    prev = " "
    for ch in text:
        if ch == '"':
            out.append("\u201c" if prev.isspace() or prev in "([{\u2018\u201c-\u2014/" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev.isspace() or prev in "([{\u201c\u2018-\u2014/" else "\u2019")
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


def clean_text(value: Any) -> str:
    return remove_private_use(str(value))


def rich_text(value: Any) -> MixedString:
    """Parse CSL rich text into a MixedString of String, NoCase and Mark pieces."""
    text = clean_text(value)
    pieces: list[String] = []
    stack: list[str] = []  # what each open tag became: a mark kind, "nocase" or ""
    pos = 0

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        chunk = _unescape(smart_quotes(chunk))
        pieces.append(NoCase(chunk) if "nocase" in stack else String(chunk))

    for m in _TAG_RE.finditer(text):
        closing, tag, attrs = m.group(1), m.group(2).lower(), (m.group(3) or "").lower()
        add_text(text[pos:m.start()])
        pos = m.end()
        if not closing:
            if tag == "span":
                if "nocase" in attrs:
                    kind = "nocase"
                elif "small-caps" in attrs:
                    kind = "sc"
                elif "font-style:normal" in attrs.replace(" ", ""):
                    kind = "normal"
                else:
                    kind = ""
            else:
                kind = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}[tag]
            stack.append(kind)
            if kind in MARKS:
                pieces.append(Mark(MARKS[kind][0]))
        elif stack:
            kind = stack.pop()
            if kind in MARKS:
                pieces.append(Mark(MARKS[kind][1]))
    add_text(text[pos:])
    while stack:  # unclosed tags: close them so formatting never leaks out of the field
        kind = stack.pop()
        if kind in MARKS:
            pieces.append(Mark(MARKS[kind][1]))
    return MixedString(pieces)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#38;", "&")


def _names(value: Any) -> list[Name]:
    names = []
    for raw in value or []:
        if isinstance(raw, str):
            raw = {"literal": raw}
        if not isinstance(raw, dict):
            continue
        parts = {k: smart_quotes(clean_text(v)) for k, v in raw.items() if k in _NAME_KEYS and v not in (None, "")}
        if not parts:
            continue
        if "literal" in parts:
            parts = {"literal": parts["literal"]}
        names.append(Name(**parts))
    return names


def _int_or_text(part: Any) -> Any:
    try:
        return int(str(part).strip())
    except ValueError:
        return None


def _date(value: Any):
    if isinstance(value, (str, int)):
        value = {"raw": str(value)}
    if not isinstance(value, dict):
        return None
    circa = bool(value.get("circa"))
    dates = []
    for parts in value.get("date-parts") or []:
        nums = [_int_or_text(p) for p in (parts or [])]
        nums = [n for n in nums if n is not None]
        if not nums or nums[0] == 0 and len(nums) == 1:
            continue
        d = dict(zip(("year", "month", "day"), nums))
        if "season" in value and "month" not in d:
            d["season"] = value["season"]
        dates.append(d)
    if not dates and value.get("raw"):
        m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$", str(value["raw"]))
        if m:
            dates.append({k: int(v) for k, v in zip(("year", "month", "day"), m.groups()) if v})
        else:
            return LiteralDate(clean_text(value["raw"]), circa=circa)
    if len(dates) == 1:
        return Date(circa=circa, **dates[0])
    if len(dates) > 1:
        return DateRange(begin=Date(**dates[0]), end=Date(**dates[1]), circa=circa)
    if value.get("literal"):
        return LiteralDate(clean_text(value["literal"]), circa=circa)
    return None


def to_reference(internal_key: str, data: dict[str, Any]) -> Reference:
    """One CSL-JSON item as a citeproc-py Reference (under ``internal_key``)."""
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("id", "type", "key") or value in (None, "", []):
            continue
        name = key.replace("-", "_")
        if name == "shortTitle":
            name = "title_short"
        if name in NAMES:
            parsed = _names(value)
            if parsed:
                fields[name] = parsed
        elif name in DATES or key.endswith("-date"):
            parsed = _date(value)
            if parsed is not None:
                fields[name] = parsed
        elif key == "language":
            fields[name] = clean_text(value)
        elif isinstance(value, (str, int, float)):
            fields[name] = rich_text(value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Reference(internal_key, str(data.get("type") or "document"), **fields)
