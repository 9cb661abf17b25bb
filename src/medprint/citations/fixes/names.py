"""Fix 2: names with per-cite disambiguation (add-names, initials on the primary name), as
:mod:`..disambiguate` decides; otherwise citeproc-py's ``Name.process`` unchanged."""

from __future__ import annotations

import re

from citeproc.string import MixedString, String

from ..initials import initialize_given
from ..markup import strip_marks
from ..state import STATE


def name_process(self, item, variable, context=None, sort_options=None, **kwargs):
    """citeproc-py's Name.process plus per-cite add-names and primary-name initials."""
    def get_option(name):
        return self.get_option(name, context, sort_options)

    and_ = get_option("and")
    delimiter = get_option("delimiter")
    delimiter_precedes_et_al = get_option("delimiter-precedes-et-al")
    delimiter_precedes_last = get_option("delimiter-precedes-last")
    et_al_min = get_option("et-al-min")
    et_al_use_first = get_option("et-al-use-first")
    et_al_use_last = get_option("et-al-use-last")
    initialize_with = get_option("initialize-with")
    name_as_sort_order = get_option("name-as-sort-order")
    sort_separator = get_option("sort-separator")
    form = get_option("form")
    demote_ndp = get_option("demote-non-dropping-particle")

    in_cite = STATE.in_citation and sort_options is None
    if sort_options is None:
        scope = (context if context is not None else self).xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
        holders = (self, scope[0] if scope else None, self.get_root())

        def explicit(option):
            for el in holders:
                if el is not None and el.get(option) is not None:
                    return int(el.get(option))
            return None

        if explicit("et-al-use-first") is None:
            et_al_min = None  # et-al-min without et-al-use-first shortens nothing (citeproc-js)
        if in_cite and _subsequent(self, item):
            # et-al-subsequent-min / -use-first for a work cited before (CSL 1.0.2)
            sub_min, sub_first = explicit("et-al-subsequent-min"), explicit("et-al-subsequent-use-first")
            if sub_min is not None:
                et_al_min = sub_min
            if sub_first is not None:
                et_al_use_first = sub_first
    key = item.reference.key if in_cite else None
    names = item.reference.get(variable, [])
    if STATE.collect_names is not None and in_cite:
        STATE.collect_names.extend(names)
    if in_cite and key in STATE.add_names and et_al_use_first is not None:
        # disambiguate-add-names: show at least this many names (CSL 1.0.2; Pandoc, citeproc-js)
        et_al_use_first = max(et_al_use_first, STATE.add_names[key])
    keep_hyphen = str(get_option("initialize-with-hyphen")).lower() not in ("false", "0")
    initialize = self.get("initialize", "true") != "false"
    hints = STATE.hints_for(key) if in_cite else None

    def initials(given, mark, full=False):
        return initialize_given(str(given), mark, keep_hyphen=keep_hyphen, initialize=initialize and not full)

    name_parts = {p.get("name"): p for p in self.findall("cs:name-part", self.nsmap)}

    def fmt(which, text):
        """A name-part's formatting and text case, without its affixes; each piece on its own (citeproc-js:
        the family part formats the non-dropping particle too, the given part the dropping particle)."""
        el = name_parts.get(which)
        if not text or el is None:
            return text
        return el.format(el.case(text if isinstance(text, (String, MixedString)) else String(str(text))))

    def affixed(which, text):
        el = name_parts.get(which)
        return el.wrap(text) if text and el is not None else text

    # BibTeX "and others" (see data.NameList): it counts as a name for et-al-min and forces "et al."
    others = getattr(names, "others", False)
    total = len(names) + others
    and_term = ""
    if and_ == "text":
        and_term = self.get_single_term(name="and")
    elif and_ == "symbol":
        and_term = self.preformat("&")

    et_al = self.et_al()
    if form == "count":
        return min(len(names), et_al_use_first) if (et_al_min and total >= et_al_min) else len(names)
    output = []
    et_al_truncate = total > 1 and et_al_min and total >= et_al_min and et_al_use_first < total
    if et_al_truncate and et_al_use_first == 0:
        return None  # et-al-use-first="0": no names at all (citeproc-js)
    # et-al-use-last needs the real last name, which an incomplete list does not have
    et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2 and not others
    if et_al_truncate:
        names = names[:et_al_use_first] + [names[-1]] if et_al_last else names[:et_al_use_first]
    for i, name in enumerate(names):
        given, family, dp, ndp, suffix = name.parts()
        name_form, full_given = form, False
        hint = hints.get(name_key(name)) if hints else None
        if hint and (not hint.endswith("-primary") or i == 0):
            # given-name disambiguation (medprint.citations.disambiguate): the long form, with initials
            # or with the full given name
            name_form = "long"
            full_given = hint.startswith("given")
        # initials as citeproc-js writes them ("Seo-Yeon" -> "S.-Y.", "J. P." kept; see ..initials);
        # initialize="false" only punctuates initials the data already has ("Jane" stays); a name
        # with no family name ("Banksy") is never initialised
        if given is not None and initialize_with is not None and family:
            given = initials(given, initialize_with, full=full_given)
        if suffix and initialize_with is not None:  # "Jr." -> "Jr" where initials take no period (AMA)
            suffix = initialize_given(str(suffix), initialize_with, initialize=False)
        if name_form == "long" and family and given and not _ROMANESQUE.search(str(family) + str(given)):
            # Chinese, Japanese, Korean ... names: family name first, no space ("我妻栄"; citeproc-js)
            text = affixed("family", fmt("family", family)) + affixed("given", fmt("given", given))
        elif name_form == "long":
            if name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0):
                # "sort-only": "van der Berg" printed, sorted under B (citeproc-py never demoted in sort keys)
                if demote_ndp == "never" or (demote_ndp == "sort-only" and sort_options is None):
                    family = joined(fmt("family", ndp), fmt("family", family))
                    given = joined(fmt("given", given), fmt("given", dp))
                else:
                    family = fmt("family", family)
                    given = joined(fmt("given", given), fmt("given", dp), fmt("family", ndp and ndp.rstrip()))
                text = None
                for piece in (affixed("family", family), affixed("given", given), suffix):
                    if piece:
                        text = piece if text is None else text + sort_separator + piece
                text = text if text is not None else ""
            else:
                # the family part's affixes hold the particles and the suffix ("(de La Fontaine III)")
                family = joined(fmt("given", dp), fmt("family", ndp), fmt("family", family))
                if suffix:  # "Doe Jr.", or "Doe, Jr." where the data says comma-suffix
                    family = ((family + ", " if name.get("comma-suffix") else family + " ") if family else "") + suffix
                text = joined(affixed("given", fmt("given", given)), affixed("family", family))
        else:  # short
            text = affixed("family", joined(fmt("family", ndp), fmt("family", family)))
        output.append(text)

    def inverted(i: int) -> bool:
        """Whether the i-th name shown is printed family name first (an institution's never is)."""
        if i < 0 or i >= len(names) or "literal" in names[i] or not names[i].get("given"):
            return False
        return form == "long" and (name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0))

    def assemble(parts: list) -> object:
        if sort_options is not None:  # a sort key: the names alone, no "and" or "et al." (citeproc-js)
            return self.join(parts, " ")
        if (et_al_truncate or others) and et_al:
            if et_al_last:
                ellipsis = self.unicode_character("horizontal ellipsis")
                parts[-1] = ellipsis + " " + parts[-1]
                return self.join(parts, delimiter)
            if delimiter_precedes_et_al == "always" or (
                    delimiter_precedes_et_al == "contextual" and len(parts) >= 2) or (
                    delimiter_precedes_et_al == "after-inverted-name" and inverted(len(parts) - 1)):
                return self.join(parts + [et_al], delimiter)
            return self.join(parts, delimiter) + " " + et_al
        if and_ is not None and len(parts) > 1:
            # the delimiter before "and": CSL's delimiter-precedes-last (contextual: three names or more)
            precedes = {"always": True, "never": False, "contextual": len(parts) > 2,
                        "after-inverted-name": inverted(len(parts) - 2)}.get(delimiter_precedes_last,
                                                                             len(parts) > 2)
            text = self.join(parts[:-1], delimiter)
            text = self.join([text, ""], delimiter) if precedes else text + " "
            if not str(text).endswith(" "):
                text += " "
            return text + "{} ".format(and_term) + parts[-1]
        return self.join(parts, delimiter)

    text = assemble(list(output))
    if STATE.sas_pending and not STATE.in_citation and sort_options is None:
        STATE.sas_pending = False
        text = _subsequent_author(self, text, output, assemble)
    return text


def _subsequent(name_el, item) -> bool:
    """Whether the cite being rendered cites a work cited before in the document."""
    try:
        cites = name_el.get_root().citation.cites
    except (AttributeError, IndexError):
        return False
    return any(cite.key == item.key for cite in cites)


# letters of the scripts that write given name first (citeproc-js's ROMANESQUE_REGEXP)
_ROMANESQUE = re.compile("[a-zA-Z\u0080-\u017f\u0400-\u052f\u0386-\u03fb\u1f00-\u1ffe]")


def joined(*parts):
    """Name parts with spaces between, none after a particle ending in an apostrophe or hyphen ("d’Aubignac",
    "al-One"), as citeproc-js joins them."""
    out = None
    for part in parts:
        if not part:
            continue
        if out is None:
            out = part
        else:
            end = strip_marks(str(out))[-1:]
            out = out + part if end in "'\u2019-" or end.isspace() else out + " " + part
    return out if out is not None else ""


def subsequent_text(text):
    """subsequent-author-substitute for an entry whose author is a substituted text (a title)."""
    if not (STATE.sas_pending and not STATE.in_citation):
        return text
    STATE.sas_pending = False
    return _subsequent_author(None, text, [text], lambda parts: parts[0])


def _subsequent_author(self, text, output, assemble):
    """subsequent-author-substitute (CSL 1.0.2): the first names of an entry that repeat those of the entry
    before it become the style's substitute ("———. 2020."), by the style's rule."""
    from ..markup import strip_marks

    current = (strip_marks(str(text)), [strip_marks(str(o)) for o in output])
    previous, STATE.sas_prev = STATE.sas_prev, current
    if previous is None:
        return text
    sub = STATE.sas
    rule = STATE.sas_rule
    if rule == "complete-all":
        return sub if current[0] == previous[0] else text
    if rule == "complete-each":
        return assemble([sub] * len(output)) if current[0] == previous[0] else text
    same = 0
    while same < min(len(output), len(previous[1])) and current[1][same] == previous[1][same]:
        same += 1
    if rule == "partial-first":
        same = min(same, 1)
    if not same:
        return text
    return assemble([sub] * same + list(output[same:]))


def name_key(name) -> tuple:
    """One person's name as disambiguation compares it."""
    return tuple(str(name.get(part) or "") for part in
                 ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"))
