"""Fix 9: date ranges (citeproc-py crashed: "2019, June 1–4", "2018–2019"), localized date
delimiters ("2020 Jun 24"), and style date-part overrides that leaked into the shared locale date."""

from __future__ import annotations

from citeproc.model import Date_Part
from citeproc.source import VariableError
from citeproc.string import String, join

from ..state import STATE
from ._orig import _ORIG


def render_single_date(self, date, show_parts=None, context=None):
    """A localized date (form="text") joins its parts with the locale date's delimiter, not the style's."""
    if context is not None and context is not self:
        parts = self.parts(date, show_parts, context)
    else:
        parts = self.parts(date, show_parts)
    if not parts:
        return None
    return _date_join(self, parts, context)


def _date_join(self, parts, context):
    if self.is_locale_date() and context is not None and context is not self:
        return join(parts, context.get("delimiter", self.get("delimiter", "")))
    return self.join(parts)


def render_date_range(self, date_range, show_parts=None, context=None):
    """Begin–end with the parts that differ as a range and the shared parts once (CSL 1.0)."""
    begin, end = date_range.begin, date_range.get("end")
    show_parts = list(show_parts or ["year", "month", "day"])
    children = [p for p in self.iterchildren() if p.get("name") in show_parts]
    names = [p.get("name") for p in children]
    if end is None:
        return self.render_single_date(begin, show_parts, context)
    if end.is_nil():  # an open range: "1987–" (citeproc-js)
        text = self.render_single_date(begin, show_parts, context)
        if text is None:
            return None
        year = children[names.index("year")] if "year" in names else None
        return String(str(text) + ((year.get("range-delimiter") if year is not None else None) or "\u2013"))

    def val(d, part):
        try:
            value = d.get(part)
            if value is None and part == "month":  # a season stands where the month would
                value = d.get("season")
                return None if value is None else ("season", value)
            return value
        except VariableError:
            return None

    if "year" in names and val(begin, "year") != val(end, "year"):
        largest, differing = "year", set(names)
    elif "month" in names and val(begin, "month") != val(end, "month"):
        largest, differing = "month", {"month", "day"} & set(names)
    elif "day" in names and val(begin, "day") != val(end, "day"):
        largest, differing = "day", {"day"}
    else:
        return self.render_single_date(begin, show_parts, context)
    part_context = context if context is not None else self

    def render(part, d):
        try:
            return part.render(d, part_context)
        except (VariableError, AttributeError, TypeError):
            return None

    idx = [i for i, n in enumerate(names) if n in differing]
    lo, hi = min(idx), max(idx)
    begin_parts = [render(p, begin) for p in children[lo:hi + 1]]
    end_parts = [render(p, end) for p in children[lo:hi + 1]]
    begin_parts = [t for t in begin_parts if t]
    end_parts = [t for t in end_parts if t]
    if not begin_parts or not end_parts:
        return self.render_single_date(begin, show_parts, context)
    last_suffix = children[hi].get("suffix", "")
    first_prefix = children[lo].get("prefix", "")
    first_text = str(_date_join(self, begin_parts, context))
    if last_suffix and first_text.endswith(last_suffix):
        first_text = first_text[: -len(last_suffix)]
    first_text = first_text.rstrip()  # a part's suffix " " (IEEE's month) never stands before the dash
    second_text = str(_date_join(self, end_parts, context))
    if first_prefix and second_text.startswith(first_prefix):
        second_text = second_text[len(first_prefix):]
    largest_el = children[names.index(largest)]
    delimiter = largest_el.get("range-delimiter") or "\u2013"
    before = [render(p, begin) for p in children[:lo]]
    after = [render(p, begin) for p in children[hi + 1:]]
    parts = [t for t in before if t] + [String(first_text + delimiter + second_text)] + [t for t in after if t]
    return _date_join(self, parts, context)


def date_part_render(self, date, context=None):
    """citeproc-py merges a style's date-part overrides into the locale's date-part *in place*;
    restore it afterwards so one date's form="short" does not leak into the next date."""
    saved = dict(self.attrib)
    gender_was = STATE.ordinal_gender
    if self.get("name") == "day":  # a day's ordinal agrees with its month ("1er octobre")
        STATE.ordinal_gender = _month_gender(self, date)
    try:
        return _ORIG[(Date_Part, "render")](self, date, context)
    finally:
        STATE.ordinal_gender = gender_was
        if dict(self.attrib) != saved:
            self.attrib.clear()
            self.attrib.update(saved)


def _month_gender(el, date):
    try:
        month = int(date.month)
    except Exception:  # noqa: BLE001 - no month (citeproc-py raises its VariableError)
        return None
    term = el.get_term(f"month-{month:02d}")
    return term.get("gender") if term is not None else None


def date_part_process(self, date, context=None):
    """The first year a cs:date renders carries the year-suffix when the style does not print the
    ``year-suffix`` variable itself ("2020a"; CSL 1.0.2, citeproc-js); citeproc-py never printed it."""
    text = _ORIG[(Date_Part, "process")](self, date, context)
    if STATE.implicit_suffix and text and self.get("name") == "year":
        text = str(text) + STATE.implicit_suffix
        STATE.implicit_suffix = ""
    return text
