"""CSL-JSON dicts to citeproc-py references, keeping the data's rich text and typography.

Plain citeproc-py prints ``<i>``/``<sup>``/``<sub>`` from fields literally (or, with
its HTML formatter, passes ``<`` and ``&`` through unescaped) and keeps straight
quotes.  Here each string field becomes a citeproc ``MixedString`` of:

- :class:`Mark` pieces for CSL rich text (``<i>``, ``<b>``, ``<sup>``, ``<sub>``,
  small-caps and nodecor spans) and for quotations (printed with the locale's quotes
  by nesting depth), immune to text-case;
- ``NoCase`` pieces for ``<span class="nocase">`` (and small caps, sup, sub);
- ``String`` pieces, apostrophes made typographic, as citeproc-js does
  (the parse is :mod:`.richtext`).

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

from .markup import remove_private_use
from .richtext import parse


class Mark(NoCase):
    """A formatting mark from the data's rich text: never changes case, never capitalised."""


_NAME_KEYS = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
# CSL 1.0.2 name and date variables (citeproc-py knows only some of them)
NAME_VARIABLES = {
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "executive-producer", "guest", "host", "illustrator", "interviewer",
    "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
    "script-writer", "series-creator", "translator",
}
DATE_VARIABLES = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted", "container"}


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
    """Parse CSL rich text into a MixedString of String, NoCase and Mark pieces (:mod:`.richtext`)."""
    pieces: list[String] = []
    for kind, text in parse(clean_text(value)):
        if kind == "mark":
            pieces.append(Mark(text))
        elif kind == "nocase":
            pieces.append(NoCase(_unescape(text)))
        else:
            pieces.append(String(_unescape(text)))
    return MixedString(pieces)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#38;", "&")


class NameList(list):
    """A reference's names; ``others`` is set when the data ended them with ``{"literal": "others"}``.

    That is Pandoc's reading of BibTeX ``and others`` (the author list is incomplete): Pandoc's
    citeproc prints "et al." there, so the name itself is kept out of the list (sorting,
    disambiguation and name counts never see it) and :mod:`.fixes.names` adds "et al.".
    """

    others = False


_PARTICLE_RE = re.compile(r"^((?:[a-z\u00df-\u00ff']+\s+)+)(?=[^\W\d_])(?=\S*[A-Z\u00c0-\u00de])")


def _split_particle(parts: dict) -> None:
    """A family name that starts with lowercase words ("van der Berg") carries them as its
    non-dropping particle, as citeproc-js and Pandoc parse it: styles that demote particles
    print "Berg, Jan van der" (Chicago); APA (demote never) still prints "van der Berg"."""
    family = parts.get("family")
    if not family or "non-dropping-particle" in parts or "dropping-particle" in parts:
        return
    m = _PARTICLE_RE.match(family)
    if m and family[m.end():].strip():
        parts["non-dropping-particle"] = m.group(1).strip()
        parts["family"] = family[m.end():].strip()


def _is_others(name: Name) -> bool:
    return set(name) == {"literal"} and str(name["literal"]).strip() == "others"


def _names(value: Any) -> list[Name]:
    names = NameList()
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        return names
    for raw in value:
        if isinstance(raw, str):
            raw = {"literal": raw}
        if not isinstance(raw, dict):
            continue
        parts = {k: smart_quotes(clean_text(v)) for k, v in raw.items()
                 if k in _NAME_KEYS and isinstance(v, (str, int, float)) and str(v).strip()}
        if not parts:
            continue
        if "literal" in parts:
            parts = {"literal": parts["literal"]}
        _split_particle(parts)
        names.append(Name(**parts))
    if len(names) > 1 and _is_others(names[-1]):
        names.pop()
        names.others = True
    return names


def _int_or_none(part: Any) -> int | None:
    if isinstance(part, bool):
        return None
    try:
        return int(str(part).strip())
    except ValueError:
        return None


def _date_parts(parts: Any) -> dict | None:
    """[year, month, day] as CSL-JSON writes it; stops at the first part that is not a number."""
    if not isinstance(parts, list):
        return None
    nums: list[int] = []
    for part in parts[:3]:
        n = _int_or_none(part)
        if n is None:
            break
        nums.append(n)
    if not nums or nums[0] == 0:
        return None
    d = {"year": nums[0]}
    if len(nums) > 1:
        if 1 <= nums[1] <= 12:
            d["month"] = nums[1]
            if len(nums) > 2 and 1 <= nums[2] <= 31:
                d["day"] = nums[2]
        elif 13 <= nums[1] <= 16:  # CSL: months 13-16 are the seasons
            d["season"] = nums[1] - 12
        elif 21 <= nums[1] <= 24:  # and so are 21-24 (Spring, Summer, Autumn, Winter), as CSL-JSON writes them
            d["season"] = nums[1] - 20
    return d


def _is_open(parts: Any) -> bool:
    """[], [0], ["0"], [""]: the missing end of an open date range."""
    return isinstance(parts, list) and all(str(p).strip() in ("", "0") for p in parts)


def _date(value: Any):
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        value = {"raw": str(value)}
    if not isinstance(value, dict):
        return None
    circa = bool(value.get("circa"))
    dates = []
    raw_parts = value.get("date-parts")
    open_end = False
    for i, parts in enumerate(raw_parts if isinstance(raw_parts, list) else []):
        d = _date_parts(parts)
        if d is None:
            # an open range ("1987–"): CSL-JSON ends it with [0] or []
            open_end = open_end or (i == 1 and len(dates) == 1 and _is_open(parts))
            continue
        if "season" in value and "month" not in d and "season" not in d and _int_or_none(value["season"]):
            d["season"] = _int_or_none(value["season"])
        dates.append(d)
    if not dates and isinstance(value.get("raw"), (str, int)):
        m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$", str(value["raw"]))
        parsed = _date_parts([int(g) for g in m.groups() if g]) if m else None
        if parsed:
            dates.append(parsed)
        elif str(value["raw"]).strip():
            return LiteralDate(clean_text(value["raw"]), circa=circa)
    if len(dates) == 1 and open_end:
        return DateRange(begin=Date(**dates[0]), end=Date(year=0), circa=circa)
    if len(dates) == 1:
        return Date(circa=circa, **dates[0])
    if len(dates) > 1:
        return DateRange(begin=Date(**dates[0]), end=Date(**dates[1]), circa=circa)
    if isinstance(value.get("literal"), (str, int)) and str(value["literal"]).strip():
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
        if key in NAME_VARIABLES or name in NAMES:
            parsed = _names(value)
            if parsed:
                fields[name] = parsed
                # citeproc-py looks name roles up by their CSL spelling ("container-author")
                # in cs:names but by the underscored one elsewhere: keep both
                fields[key] = parsed
        elif key in DATE_VARIABLES or name in DATES or key.endswith("-date"):
            parsed = _date(value)
            if parsed is not None:
                fields[name] = parsed
        elif key == "language":
            fields[name] = clean_text(value)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            fields[name] = rich_text(value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Reference(internal_key, str(data.get("type") or "document"), **fields)
