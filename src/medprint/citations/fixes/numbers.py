"""Fixes 10, 11: page ranges only for real ranges ("e00512-17" stays), no abbreviation across
digit counts ("1–10"), locators formatted where the style tests them (as citeproc-js does),
and CSL's is-numeric for locators ("3", "3-5", "2a")."""

from __future__ import annotations

import re

from citeproc.model import FormatNumber, Label
from citeproc.string import String

from ..data import rich_text
from ..pages import format_pages
from ..richtext import needs_parse
from ..state import STATE
from ._orig import _ORIG

_ORIG_TO_ORDINAL = __import__("citeproc.model", fromlist=["to_ordinal"]).to_ordinal


_RANGE_PART = re.compile(r"^([A-Za-z]*)(\d+)$")
_ROMAN_RANGE_RE = re.compile(r"^\s*([ivxlcdm]+)\s*[-\u2013]\s*([ivxlcdm]+)\s*$", re.IGNORECASE)


_PAGE_FORMATS = ("expanded", "minimal", "minimal-two", "chicago", "chicago-15", "chicago-16")


def format_number_process(self, value, variable):
    """Only 'N-M' where both sides are numbers with the same letter prefix is a range; pages in the
    style's page-range-format as citeproc-js writes them (:mod:`..pages`)."""
    text = str(value)
    fmt = self.get_root().get_option("page-range-format") if variable == "page" else None
    if fmt in _PAGE_FORMATS:
        delimiter = self.get_single_term(name="page-range-delimiter") or "\u2013"
        return String(format_pages(text, fmt, str(delimiter)))
    if "\\-" in text:  # an escaped hyphen: one number, printed with its hyphen ("3\\-B")
        return String(text.replace("\\-", "-"))
    roman = _ROMAN_RANGE_RE.match(text)
    if roman:  # "i-ix": a range of roman page numbers (citeproc-js)
        return String(f"{roman.group(1)}\u2013{roman.group(2)}")
    for chunk in re.split(r"\s*[,&]\s*", text):
        pieces = [p.strip() for p in chunk.replace("\u2013", "-").split("-")]
        if len(pieces) == 2:
            a, b = _RANGE_PART.match(pieces[0]), _RANGE_PART.match(pieces[1])
            if not (a and b and a.group(1) == b.group(1)):
                return String(text)
        elif len(pieces) > 2:
            return String(text)
    return _ORIG[(FormatNumber, "_process")](self, value, variable)


def format_last_page(self, first, last):
    """Abbreviate the last page only when both pages have the same number of digits ("1-10" stays)."""
    if len(str(first)) != len(str(last)):
        return last
    if self.get_root().get_option("page-range-format") == "chicago-16" and str(first).isdigit():
        # CMOS 16 dropped the 15th edition's four-digit rule ("4073-4126" -> "4073-126")
        n, first, last = int(first), str(first), str(last)
        if n < 100 or n % 100 == 0:
            return last
        common = next((i for i, (f, l) in enumerate(zip(first, last)) if f != l), len(first))
        return last[common:] if n % 100 < 10 else last[min(common, len(first) - 2):]
    return _ORIG[(FormatNumber, "_format_last_page")](self, first, last)


def _style_tests_locator(element) -> bool:
    root = element.get_root()
    flag = root.__dict__.get("_mp_tests_locator")
    if flag is None:
        flag = bool(root.xpath(".//cs:citation//cs:if[@locator or contains(@is-numeric, 'locator')] | "
                               ".//cs:citation//cs:else-if[@locator or contains(@is-numeric, 'locator')] | "
                               ".//cs:macro//cs:if[@locator or contains(@is-numeric, 'locator')] | "
                               ".//cs:macro//cs:else-if[@locator or contains(@is-numeric, 'locator')]",
                               namespaces=element.nsmap))
        root.__dict__["_mp_tests_locator"] = flag
    return flag


def locator_text(self, item):
    """citeproc-js formats a page locator as a page range where the style tests the locator
    (APA: "pp. 33\u201335") or sets no page-range-format (Harvard); elsewhere it prints it as
    written (AMA: "pp33-35").  Other locators get an en dash in a range of two ("chaps. 200–201"),
    "&" becomes the locale's "and" symbol, and an escaped hyphen ("327\\-30") stays one hyphen."""
    ident = str(item.locator.identifier)
    if "&" in ident:
        term = self.get_term("and", "symbol")
        if term is not None and str(term.single):
            ident = ident.replace("&", str(term.single))
    if "\\-" in ident:
        return String(ident.replace("\\-", "-"))
    if item.locator.label != "page":
        parts = [p.strip() for p in re.split("[-\u2013]", ident)]
        if len(parts) == 2 and all(parts):
            return String("\u2013".join(parts))
        return rich_text(ident) if needs_parse(ident) else String(ident)  # s.v. "gargoyle" takes the locale's quotes
    # a style without page-range-format still gets an en dash in a page locator (Harvard: "pp. 33–35")
    if _style_tests_locator(self) or self.get_root().get("page-range-format") is None:
        return String(str(format_number_process(self, ident, "page")))
    return String(ident)


_MULTIPLE_RE = re.compile(r"\d+[^\d.]+\d+|^\s*[ivxlcdm]+\s*[-\u2013,&]\s*[ivxlcdm]+\s*$", re.IGNORECASE)


def label_is_plural(self, item):
    """A label is plural for two numbers or more ("1-3", "1, 2"), not for an escaped hyphen ("327\\-30");
    number-of-volumes and the like by their value ("volumes 2"; citeproc-py failed on them)."""
    variable = self.get("variable")
    if variable == "locator":
        value = item.locator.identifier
    else:
        value = dict.get(item.reference, variable.replace("-", "_"))
        if value is None:
            return False
    text = str(value).strip()
    if "\\-" in text:
        return False
    if variable.startswith("number-of"):
        return text not in ("0", "1")
    return _MULTIPLE_RE.search(text) is not None


_NUMERIC_RE = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*(\s*[-\u2013&,]\s*[A-Za-z]*\d+[A-Za-z]*)*\s*$")


def if_is_numeric(self, item):
    results = []
    for var in self.get("is-numeric").split():
        if var == "locator":
            value = item.locator.identifier if item.get("locator") is not None else None
        else:
            value = item.reference.get(var.replace("-", "_"))
        results.append(value is not None and bool(_NUMERIC_RE.match(str(value))))
    return results


def _locator_of(cite):
    if not cite.has_locator:
        return None
    return (cite.locator.label, str(cite.locator.identifier).strip())


def if_position(self, item, context):
    """citeproc-py's position test with locators compared by value: the same item cited twice in a row with the
    same locator is "ibid", not "ibid-with-locator" (citeproc-py compared Locator objects by identity)."""
    if context is None:
        context = self
    if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
        return [False]
    cites = context.get_layout().getparent().cites
    last = cites[-1] if cites else None
    already = any(cite.key == item.key for cite in cites)
    possibly_ibid = (already and item.key == last.key
                     and (item.citation is last.citation or len(last.citation.cites) == 1))
    here, there = _locator_of(item), _locator_of(last) if last is not None else None
    results = []
    for position in self.get("position").split():
        result = False
        if position == "first":
            result = not already
        elif position == "subsequent":
            result = already
        elif possibly_ibid and position == "ibid":
            result = here is not None or there is None
        elif possibly_ibid and position == "ibid-with-locator":
            result = here is not None and here != there
        elif already and position == "near-note":
            result = _near(self, item, cites)
        results.append(result)
    return results


def _near(self, item, cites) -> bool:
    try:
        max_distance = int(self.get_root().get_option("near-note-distance"))
    except (KeyError, IndexError, ValueError, TypeError):
        max_distance = 5  # CSL 1.0.2's default
    citations, last_citation = 1, None
    for cite in reversed(cites):
        if item.key == cite.key and citations <= max_distance:
            return True
        if cite.citation is not last_citation:
            citations += 1
            last_citation = cite.citation
    return False


def label_process(self, item, variable=None, plural=None, context=None, **kwargs):
    """A names element's label is no part of a sort key (citeproc-js: "Doe, John ed." sorts as "Doe, John")."""
    if STATE.sorting and self.getparent() is not None and str(self.getparent().tag).endswith("}names"):
        return None
    return _ORIG[(Label, "process")](self, item, variable, plural, context, **kwargs)


def to_ordinal(number, context):
    """citeproc-py's ordinal with CSL 1.0.2's gendered forms: the term whose gender-form matches the gender of
    what is counted (a day: its month; a number variable: its term, "édition" → "1re"), else one without a
    gender-form, else the locale's plain "ordinal"."""
    gender = STATE.ordinal_gender
    if gender is None and context is not None and context.get("variable"):
        term = context.get_term(context.get("variable").split()[0])
        gender = term.get("gender") if term is not None else None
    if not gender:
        return _ORIG_TO_ORDINAL(number, context)
    n = int(number)
    # (term name, whether a term with match="whole-number" may serve)
    names = [(f"ordinal-{n:02d}" if n < 10 else f"ordinal-{n}", True)]
    if n >= 10:
        names.append((f"ordinal-{n % 100:02d}", False))
    names.append((f"ordinal-{n % 10:02d}", n < 10))
    for locale in context.get_root().locales:
        try:
            terms = locale.terms.xpath_search("./cs:term[not(@form)]")
        except (AttributeError, IndexError):
            continue
        for name, whole_ok in names + [("ordinal", True)]:
            found = [t for t in terms if t.get("name") == name
                     and (whole_ok or t.get("match") != "whole-number")
                     and not (name != "ordinal" and n >= 10 and name.endswith(f"{n % 10:02d}")
                              and t.get("match") == "last-two-digits")]
            for wanted in (gender, None):
                for term in found:
                    if term.get("gender-form") == wanted:
                        return str(number) + str(term.single)
    return _ORIG_TO_ORDINAL(number, context)
