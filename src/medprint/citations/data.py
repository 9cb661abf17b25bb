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
from citeproc import DATES, NAMES, NUMBERS

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
            pieces.append(NoCase(_narrow_spaces(_unescape(text))))
        else:
            pieces.append(String(_narrow_spaces(_unescape(text))))
    return MixedString(pieces)


_NARROW_RE = re.compile(" ([;:?!\u00bb])|(\u00ab) ")


def _narrow_spaces(text: str) -> str:
    """French spacing: the space before ; : ? ! » and after « becomes a narrow no-break space, as Pandoc's
    citeproc and citeproc-js print it ("« Titre »")."""
    if " " not in text:
        return text
    return _NARROW_RE.sub(lambda m: "\u202f" + m.group(1) if m.group(1) else m.group(2) + "\u202f", text)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#38;", "&")


class NameList(list):
    """A reference's names; ``others`` is set when the data ended them with ``{"literal": "others"}``.

    That is Pandoc's reading of BibTeX ``and others`` (the author list is incomplete): Pandoc's
    citeproc prints "et al." there, so the name itself is kept out of the list (sorting,
    disambiguation and name counts never see it) and :mod:`.fixes.names` adds "et al.".
    """

    others = False


_PARTICLE_PUNCT = "'\u2019\u2013.-"


def _particle_word(word: str) -> bool:
    return all(c.islower() or c in _PARTICLE_PUNCT for c in word)


def _split_particle(parts: dict) -> None:
    """Particles and suffixes the data left inside the given or family name, found as Pandoc's citeproc
    finds them (CSL-JSON's "cheater" conventions):

    - "Jr." after a comma in the given name is the suffix ("John, Jr."; ",!" also sets comma-suffix);
    - lowercase words ending the given name are the dropping particle ("Gustav von");
    - lowercase words starting the family name are the non-dropping particle ("van der Berg"), and so is a
      lowercase prefix joined by an apostrophe or hyphen ("d'Aubignac", "al-One");
    - a given or family name in double quotes is kept whole ("\"van Happel\"").

    Styles that demote particles print "Berg, Jan van der" (Chicago); APA (demote never) still prints
    "van der Berg"."""
    given = parts.get("given")
    if given and "suffix" not in parts:
        if len(given) > 1 and given[0] == given[-1] == '"':
            parts["given"] = given = given[1:-1]
        elif "," in given:
            a, b = given.split(",", 1)
            if a:
                parts["given"] = given = a
                if b.startswith("!"):
                    parts["suffix"], parts["comma-suffix"] = b[1:].strip(), True
                else:
                    parts["suffix"] = b.strip()
                if not parts["suffix"]:
                    del parts["suffix"]
    if given and "dropping-particle" not in parts:
        words = given.split()
        first = next((i for i, w in enumerate(words) if _particle_word(w)), None)
        if first and all(_particle_word(w) for w in words[first:]):
            parts["given"] = " ".join(words[:first])
            parts["dropping-particle"] = " ".join(words[first:])
    family = parts.get("family")
    if not family or "non-dropping-particle" in parts:
        return
    if len(family) > 1 and family[0] == family[-1] == '"':
        parts["family"] = family[1:-1]
        return
    words = family.split()
    lead = 0
    while lead < len(words) and _particle_word(words[lead]):
        lead += 1
    if lead and lead < len(words):
        # "de' Frinkle": the data put a space after the apostrophe, so the name keeps it (a trailing space the
        # name joining honours; "d'Wander" below has none)
        particle = " ".join(words[:lead])
        parts["non-dropping-particle"] = particle + " " if particle[-1:] in "'\u2019-" else particle
        parts["family"] = " ".join(words[lead:])
    elif not lead:
        pieces = re.split(f"[{_PARTICLE_PUNCT}]", family)
        if len(pieces) == 2 and pieces[0] and pieces[1] and _particle_word(pieces[0]):
            parts["non-dropping-particle"] = family[:len(pieces[0]) + 1]
            parts["family"] = pieces[1]


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
        parts = {k: clean_text(v).strip() for k, v in raw.items()
                 if k in _NAME_KEYS and isinstance(v, (str, int, float)) and str(v).strip()}
        if not parts:
            continue
        if "literal" in parts:
            parts = {"literal": parts["literal"]}
        else:
            if raw.get("comma-suffix") in (True, "true", 1):
                parts["comma-suffix"] = True
            _split_particle(parts)
        comma_suffix = parts.pop("comma-suffix", False)
        # an apostrophe in a name is always ’ ("in 't Veld", "d'Alembert"), as Pandoc and citeproc-js print it
        name = Name(**{k: smart_quotes(v.replace("'", "\u2019")) for k, v in parts.items()})
        if comma_suffix:
            name["comma-suffix"] = True
        names.append(name)
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
        elif 17 <= nums[1] <= 20:  # 17-20 too (Pandoc's citeproc reads them so)
            d["season"] = nums[1] - 16
        elif 21 <= nums[1] <= 24:  # and so are 21-24 (Spring, Summer, Autumn, Winter), as CSL-JSON writes them
            d["season"] = nums[1] - 20
    return d


def _is_open(parts: Any) -> bool:
    """[], [0], ["0"], [""]: the missing end of an open date range."""
    return isinstance(parts, list) and all(str(p).strip() in ("", "0") for p in parts)


def _iso_parts(text: str) -> dict | None:
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$", text)
    return _date_parts([int(g) for g in m.groups() if g]) if m else None


_NOTE_FIELD_RE = re.compile(r"\{:([A-Za-z-]+):\s*([^}]*)\}|^([A-Za-z-]+):[ \t]*([^\n]*)(?:\n|$)", re.MULTILINE)


def note_fields(data: dict[str, Any]) -> dict[str, Any]:
    """CSL variables written at the start of the note field ("event-date: 2004-10-01", "{:original-date: 1900}",
    "editor: Doe || John"), as citeproc-js and Pandoc's citeproc read them; the data's own fields win."""
    note = data.get("note")
    if not isinstance(note, str) or ":" not in note:
        return data
    found: list[tuple[str, str]] = []
    pos = 0
    while True:
        m = _NOTE_FIELD_RE.match(note, pos)
        if not m or m.end() == pos:
            break
        key = (m.group(1) or m.group(3)).lower()
        found.append((key, (m.group(2) if m.group(1) else m.group(4)).strip()))
        pos = m.end()
    if not found:
        return data
    out = dict(data)
    rest = note[pos:].strip()
    if rest:
        out["note"] = rest
    else:
        out.pop("note", None)
    for key, value in found:
        if key in NAME_VARIABLES:
            if key in data:
                continue
            family, _, given = value.partition("||")
            name = {"family": family.strip(), "given": given.strip()} if given.strip() else {"literal": family.strip()}
            out.setdefault(key, []).append(name)
        elif key not in data and value:
            out[key] = {"raw": value} if key in DATE_VARIABLES or key.endswith("-date") else value
    return out


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
        # "2004-10-01", or a range "2004-10-01/2004-10-14" (EDTF; "1987/" is open)
        raw = str(value["raw"]).strip()
        halves = raw.split("/") if raw.count("/") == 1 else [raw]
        parsed = [_iso_parts(h) for h in halves]
        if parsed[0] and (len(parsed) == 1 or parsed[1] or not halves[1].strip()):
            dates.append(parsed[0])
            if len(parsed) == 2 and parsed[1]:
                dates.append(parsed[1])
            open_end = len(parsed) == 2 and not parsed[1]
        elif raw:
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
    data = note_fields(data)
    for key, value in data.items():
        if key in ("id", "type", "key") or value in (None, "", []):
            continue
        name = key.replace("-", "_")
        if name == "shortTitle":
            name = "title_short"
        elif name == "journalAbbreviation":  # Zotero's name for the journal's short title
            if data.get("container-title-short"):
                continue
            name = "container_title_short"
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
            if name in NUMBERS and key != name:
                # cs:number looks its variable up by the CSL spelling ("number-of-volumes"), the rest of
                # citeproc-py by the underscored one: keep both (APA's "Vols. 1–3" needs cs:number)
                fields[key] = fields[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Reference(internal_key, str(data.get("type") or "document"), **fields)
