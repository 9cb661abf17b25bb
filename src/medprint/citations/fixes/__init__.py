"""THE PATCH LAYER over citeproc-py 0.11.1 (pinned in pyproject.toml).

Every change medprint makes to citeproc-py lives in this package, each as one small
function with the reason, applied once at import by :func:`apply` (the table below).  Each has a test in
``tests/citations/test_fixes.py``; the golden corpus tests the sum.  If the
pinned version changes, re-run those tests before anything else.

1. ``Names.render``: Pandoc's suppress-author (``[-@a]``) and author-only (the
   first half of a narrative ``@a``) act on the first ``cs:names`` of a cite.
2. ``Name.process``: per-cite disambiguation (add-names, initials or, with
   ``primary-name``, full given names on the primary name) decided by :mod:`.disambiguate`;
   BibTeX ``and others`` prints "et al." (:class:`..data.NameList`); ``initialize="false"``
   keeps given names; ``demote-non-dropping-particle="sort-only"`` demotes in sort keys.
3. ``Quoted.quote``: the closing quote is marked so punctuation-in-quote can move
   a following comma/period inside it (:mod:`.typography`).
4. ``Sort.sort``: collation (Müller, Øster) instead of code points, sort keys
   without formatting marks or year-suffixes, numbers compared as numbers, empty keys last.
5. ``MixedString.capitalize_first`` / ``String.capitalize_first``: skip
   formatting marks and empty pieces (rich-text titles, "eds." → "Eds."); a first word
   with inner capitals stays ("medRxiv").
6. ``Group.process``: a group is suppressed when the variables it actually
   tried to print were all empty (citeproc-py decided from every branch of a
   ``cs:choose``, printing "(Publication)" for a thesis without a number); a nested
   group that prints counts as printed (IEEE's "[Online]").
7. ``Substitute.render``: every variable used as the author substitute is not
   printed again in the same entry (editors "(Eds.)", titles); a bare ``cs:names``
   anywhere inside ``cs:substitute`` takes the outer ``cs:name``/``cs:label`` (Chicago's editors).
8. ``TextCased.case``: text-case also applies where no language is passed
   (labels: "eds." → "Eds."), and title case follows citeproc-js (its stop
   words, hyphenated words, words with capitals left alone).
9. ``Date.render_date_range``: date ranges (crashed; "2019, June 1–4");
   ``Date.render_single_date``: a localized date joins parts with its own
   delimiter ("2020 Jun 24", not "2020Jun24"); ``Date_Part.render``: a style's
   date-part overrides no longer leak into the shared locale date; ``Date_Part.process``:
   styles that never print ``year-suffix`` get it after the first year rendered ("2020a").
10. ``FormatNumber._process``: only real ranges get an en dash ("e00512-17" stays);
    ``page-range-format="chicago-16"`` ("4073–126").
11. ``If._is_numeric``: ``is-numeric="locator"`` tests the cite's locator, with
    CSL's definition of numeric ("3", "3-5", "2a"); ``Label._is_plural``: number-of-volumes by
    its value, an escaped hyphen ("327\\-30") is one number.
12. Speed: XPath, macro, term, layout and formatter look-ups are memoised per
    element; cs:if attributes are parsed once and tested with short-circuit;
    sort keys are rendered only for items still tied; see bench/citations.py.
    ``disambiguate="true"`` holds for cites that names could not tell apart (:mod:`..disambiguate`).
13. ``get_term``: a style's ``de`` locale and ``locales-de-DE.xml`` are one
    language when looking for ordinals ("1. März 2024", not "1st März").

Modules: modes (1), names (2), textcase (3, 5, 8), sorting (4), groups (6),
substitution (7), dates (9), numbers (10, 11), speed (12, 13).
"""

from __future__ import annotations

import citeproc
from citeproc.model import (Affixed, CitationStylesElement, Date, Date_Part, FormatNumber, Formatted, Group, If, Key,
                            Label,
                            Name, Names, Number, Quoted, SomewhatObjectifiedElement, Sort, Substitute, Term, Text,
                            TextCased)
from citeproc.source import CitationItem as CpCitationItem
from citeproc.string import MixedString, String

from . import dates, groups, modes, names, numbers, sorting, speed, substitution, textcase
from ._orig import _ORIG, _keep

PATCHED_VERSION = "0.11.1"
if not citeproc.__version__.startswith(PATCHED_VERSION):  # pragma: no cover
    raise ImportError(f"medprint's citation fixes are written for citeproc-py {PATCHED_VERSION}, "
                      f"found {citeproc.__version__}")

# (class, attribute, replacement): applied in this order, each original kept in _ORIG.
PATCHES = [
    # 12, 13: speed and terms
    (Formatted, "format", speed.formatted_format),
    (Affixed, "wrap", speed.affixed_wrap),
    (CitationStylesElement, "get_term", speed.get_term),
    (If, "render", speed.if_render),
    (Text, "process", speed.text_process),
    (CitationStylesElement, "xpath_search", speed.cached_xpath_search),
    (CitationStylesElement, "get_formatter", speed.cached_get_formatter),
    (CitationStylesElement, "get_root", speed.cached_get_root),
    (CitationStylesElement, "get_macro", speed.cached_get_macro),
    (Term, "single", property(speed.cached_term_single)),
    (Term, "multiple", property(speed.cached_term_multiple)),
    (SomewhatObjectifiedElement, "__getattr__", speed.cached_child),
    (CpCitationItem, "reference", property(speed.cached_item_reference)),
    # 1, 2: citation modes and disambiguated names
    (Names, "render", modes.names_render),
    (Name, "process", names.name_process),
    # 3, 5, 8: quotes, capitalisation, text case
    (Quoted, "quote", textcase.quoted_quote),
    (MixedString, "capitalize_first", textcase.mixed_capitalize_first),
    (String, "capitalize_first", textcase.string_capitalize_first),
    (TextCased, "case", textcase.textcased_case),
    # 4: sorting
    (Sort, "sort", sorting.sort_sort),
    (Key, "sort_keys", sorting.key_sort_keys),
    # 6: groups (and the variable tracking they need)
    (Text, "render", groups.text_render),
    (Group, "process", groups.group_process),
    # 7: substitution
    (Substitute, "render", substitution.substitute_render),
    (Text, "_variable", substitution.text_variable),
    (Names, "process", substitution.names_process),
    # 9: dates
    (Date, "render_date_range", dates.render_date_range),
    (Date_Part, "render", dates.date_part_render),
    (Date, "render_single_date", dates.render_single_date),
    (Date_Part, "process", dates.date_part_process),
    # 10, 11: numbers
    (FormatNumber, "_format_last_page", numbers.format_last_page),
    (FormatNumber, "_process", numbers.format_number_process),
    (If, "_is_numeric", numbers.if_is_numeric),
    (Label, "_is_plural", numbers.label_is_plural),
    (If, "_position", numbers.if_position),
    (Label, "process", numbers.label_process),
]


def apply() -> None:
    """Install every patch once (importing this package does it)."""
    if _ORIG:
        return
    for cls, name, replacement in PATCHES:
        _keep(cls, name)
        setattr(cls, name, replacement)
    citeproc.model.to_ordinal = numbers.to_ordinal  # gendered ordinals (a module function, not a method)
    for cls in (Number, Date):  # fix 6: these count as variables tried by the enclosing group
        _keep(cls, "render")
        cls.render = groups._tracked(_ORIG[(cls, "render")])


apply()
