"""Disambiguation as CSL 1.0 specifies and citeproc-js does; citeproc-py does none.

Run once per document over every item of the reference list (cited and nocite):

1. global given-name disambiguation (``givenname-disambiguation-rule``): with
   ``primary-name-with-initials`` (APA), first authors who share a family name
   but not their initials are cited with initials everywhere ("H.-J. Lee & Park,
   2020; S. Lee & Kim, 2020");
2. ``disambiguate-add-names``: cites that still read the same show more names
   until they differ ("Zhang, Li, et al., 2019");
3. ``disambiguate-add-year-suffix``: what is left gets letters in reference-list
   order, in citations and entries alike (2020a, 2020b; n.d.-a, n.d.-b);
4. without year-suffixes, ``cs:if disambiguate="true"`` branches print for cites
   still ambiguous (CSL 1.0.2: the last method tried).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from citeproc.string import String

from .state import STATE

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine


def _flag(el, name: str) -> bool:
    return (el.get(name) or "false").lower() == "true"


def _groups(engine: "Engine", keys: list[str], texts: dict[str, str], stale: set[str] | None = None) -> list[list[str]]:
    """Keys whose cites read the same; ``texts`` caches renderings, ``stale`` are re-rendered."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if stale is None or key in stale or key not in texts:
            texts[key] = engine.disambiguation_text(key)
        by_text[texts[key]].append(key)
    return [group for group in by_text.values() if len(group) > 1]


def _primary_family(ref) -> tuple[str, str] | None:
    for var in ("author", "editor", "translator"):
        names = ref.get(var)
        if names:
            name = names[0]
            if "literal" in name:
                return None
            return (str(name.get("family") or ""), str(name.get("given") or ""))
    return None


def _initials(given: str) -> str:
    parts = given.replace("-", " - ").replace(".", " ").split()
    return "".join(p[0] for p in parts if p and (p == "-" or p[0].isupper()))


def disambiguate(engine: "Engine") -> None:
    citation = engine.citation_el
    keys = [item.key for item in engine.bib.items]
    citation.cites = []
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    if _flag(citation, "disambiguate-add-givenname") and rule != "by-cite":
        families: dict[str, set[str]] = defaultdict(set)
        primary = {}
        for key in keys:
            fam = _primary_family(engine.source[key])
            if fam:
                primary[key] = fam
                families[fam[0]].add(_initials(fam[1]) if "initials" in rule else fam[1])
        for key, (family, given) in primary.items():
            if len(families[family]) > 1:
                STATE.givenname[key] = True
                # "primary-name" (Chicago): the full given name where initials still read the same
                # ("Chinedu Okafor" / "Chidi Okafor"); "…-with-initials" (APA) stops at initials
                if "initials" not in rule:
                    same = [k for k, (f, g) in primary.items() if f == family and g != given
                            and _initials(g) == _initials(given)]
                    if same:
                        STATE.givenname[key] = "full"
    texts: dict[str, str] = {}
    ambiguous = _groups(engine, keys, texts)
    if ambiguous and _flag(citation, "disambiguate-add-names"):
        for group in ambiguous:
            _add_names(engine, group)
        ambiguous = _groups(engine, keys, texts, {k for g in ambiguous for k in g})
    if ambiguous and _flag(citation, "disambiguate-add-givenname") and rule == "by-cite":
        tried = {k for g in ambiguous for k in g}
        for key in tried:
            STATE.givenname[key] = True
        ambiguous = _groups(engine, keys, texts, tried)
        # initials that told nobody apart are taken back ("Doe 2000a", not "J. Doe 2000a")
        useless = {k for g in ambiguous for k in g}
        for key in useless:
            STATE.givenname.pop(key, None)
        ambiguous = _groups(engine, keys, texts, useless)
    if ambiguous and _flag(citation, "disambiguate-add-year-suffix"):
        order = {key: i for i, key in enumerate(keys)}
        for group in ambiguous:
            for n, key in enumerate(sorted(group, key=order.__getitem__)):
                engine.source[key]["year_suffix"] = String(_letters(n))
    elif ambiguous and _has_disambiguate_condition(engine):
        # cs:if disambiguate="true": the last resort, after year-suffixes (which always succeed), as in
        # citeproc-js; kept even where it does not help (two interviews with one title)
        for group in ambiguous:
            STATE.disambiguate_true.update(group)
    citation.cites = []


def _has_disambiguate_condition(engine: "Engine") -> bool:
    root = engine.style.root
    return bool(root.xpath(".//cs:if[@disambiguate='true'] | .//cs:else-if[@disambiguate='true']",
                           namespaces={"cs": "http://purl.org/net/xbiblio/csl"}))


def _add_names(engine: "Engine", group: list[str]) -> None:
    """Show one more name at a time until each cite of the group reads differently, or give up."""
    most = max(len(engine.source[key].get("author") or []) for key in group)
    for extra in range(1, most):
        for key in group:
            STATE.add_names[key] = extra
        texts = [engine.disambiguation_text(key) for key in group]
        if len(set(texts)) == len(texts):
            return
    for key in group:
        STATE.add_names.pop(key, None)


def _letters(n: int) -> str:
    """0 → a, 25 → z, 26 → aa (citeproc-js's sequence)."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out
