"""Disambiguation as CSL 1.0.2 specifies it, in the steps Pandoc's citeproc takes; citeproc-py does none.

Run once per document over every item of the reference list (cited and nocite), each cite rendered alone
without affixes or locators:

1. a global ``givenname-disambiguation-rule`` (all-names, all-names-with-initials, primary-name,
   primary-name-with-initials) gives names that share a family name but are different people their
   initials, or their full given names where the initials are the same too, in every cite
   ("H.-J. Lee & Park, 2020; S. Lee & Kim, 2020");
2. ``disambiguate-add-names``: cites that still read the same show more names, each as many as tell it
   apart from the others of its group ("Smith, Benson, et al." beside "Smith, Brown, et al.");
3. with the ``by-cite`` rule, names that differ only in their given names get initials or given names in
   the cites that need them ("J. Doe; A. Doe");
4. ``disambiguate-add-year-suffix``: what is left gets letters in reference-list order (2020a, 2020b);
5. ``cs:if disambiguate="true"`` holds for the cites still ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from citeproc.string import String

from .fixes.names import name_key
from .initials import initialize_given
from .state import STATE

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine


def _flag(el, name: str) -> bool:
    return (el.get(name) or "false").lower() == "true"


class _Cite:
    """How one reference's cite reads alone, and the names it printed (Pandoc's DisambData)."""

    __slots__ = ("key", "names", "text")

    def __init__(self, key: str, text: str, names: list) -> None:
        self.key, self.text, self.names = key, text, names


def _render(engine: Engine, keys, before: dict[str, _Cite] | None = None) -> dict[str, _Cite]:
    """Each key's cite; with ``before``, only ``keys`` are rendered again (a step changed only them)."""
    cites = dict(before) if before else {}
    for key in keys:
        STATE.collect_names = []
        try:
            text = engine.disambiguation_text(key)
            cites[key] = _Cite(key, text, list(STATE.collect_names))
        finally:
            STATE.collect_names = None
    return cites


def _ambiguities(cites: dict[str, _Cite]) -> list[list[_Cite]]:
    by_text: dict[str, list[_Cite]] = defaultdict(list)
    for cite in cites.values():
        if cite.text.strip():
            by_text[cite.text].append(cite)
    return [group for group in by_text.values() if len(group) > 1]


def _initials(name) -> str:
    given = name.get("given")
    return initialize_given(str(given), "") if given else ""


def _initials_match(a, b) -> bool:
    return bool(a.get("given")) and bool(b.get("given")) and _initials(a) == _initials(b)


def _global_hints(cites: dict[str, _Cite], rule: str) -> dict:
    """Hints for every cite: names that share a family name with another person's."""
    groups = []
    for cite in cites.values():
        if cite.names:
            groups.append(cite.names)
    if rule.startswith("primary-name"):
        relevant = [g[0] for g in groups]
    else:
        relevant = [n for g in groups for n in g]
    distinct: dict[tuple, object] = {}
    for name in relevant:
        distinct.setdefault(name_key(name), name)
    by_family: dict[str, list] = defaultdict(list)
    for name in distinct.values():
        if name.get("family"):
            by_family[str(name["family"])].append(name)
    hints = {}
    for names in by_family.values():
        if len(names) < 2:
            continue
        for name in names:
            others = [n for n in names if name_key(n) != name_key(name)]
            if any(_initials_match(name, o) for o in others):
                hint = {"all-names": "given", "primary-name": "given-primary"}.get(rule)
            else:
                hint = "initials-primary" if rule.startswith("primary-name") else "initials"
            if hint:
                hints[name_key(name)] = hint
    return hints


def _names_for_comparison(names: list, rule: str | None) -> list[tuple]:
    """The parts of each name that count when asking whether added names tell two cites apart."""
    out = []
    for i, name in enumerate(names):
        family = (str(name.get("non-dropping-particle") or ""), str(name.get("family") or ""),
                  str(name.get("literal") or ""))
        if rule in ("all-names", "by-cite"):
            given = str(name.get("given") or "")
        elif rule == "all-names-with-initials":
            given = _initials(name)
        elif rule == "primary-name" and i == 0:
            given = str(name.get("given") or "")
        elif rule == "primary-name-with-initials" and i == 0:
            given = _initials(name)
        else:
            given = ""
        out.append(family + (given,))
    return out


def _try_add_names(group: list[_Cite], rule: str | None) -> None:
    """Show more names, one at a time; a cite keeps the count at which it first stood apart."""
    if rule == "by-cite":
        _try_add_given_names(group)
    remaining = list(group)
    most = max((len(c.names) for c in group), default=0)
    compared = {c.key: _names_for_comparison(c.names, rule) for c in group}
    n = 1
    while n <= most and remaining:
        apart = [c for c in remaining
                 if all(o.key == c.key or compared[o.key][:n] != compared[c.key][:n] for o in remaining)]
        if apart:
            for cite in remaining:
                STATE.add_names[cite.key] = n
            keys = {c.key for c in apart}
            remaining = [c for c in remaining if c.key not in keys]
        n += 1


def _try_add_given_names(group: list[_Cite]) -> None:
    """by-cite: a name that shares its family name with another person's at the same place gets its
    initials (or its given name, where the initials are the same too), in this cite only."""
    remaining = {c.key for c in group}
    most = max((len(c.names) for c in group), default=0)
    for pos in range(most):
        if not remaining:
            return
        at = [(c.key, c.names[pos]) for c in group if pos < len(c.names)]
        hinted = set()
        for key, name in at:
            matches = [n for _, n in at if name_key(n) != name_key(name) and n.get("family") == name.get("family")]
            if not matches:
                continue
            hint = "given" if any(_initials_match(name, m) for m in matches) else "initials"
            STATE.name_hints.setdefault(key, {})[name_key(name)] = hint
            hinted.add(key)
        remaining -= hinted


def disambiguate(engine: Engine) -> None:
    citation = engine.citation_el
    keys = [item.key for item in engine.bib.items]
    citation.cites = []
    add_givenname = _flag(citation, "disambiguate-add-givenname")
    rule = citation.get("givenname-disambiguation-rule", "by-cite") if add_givenname else None
    # each step changes only some cites (those with a hinted name, those still ambiguous): only they are
    # rendered again, the others keep their text
    cites = _render(engine, keys)
    if rule and rule != "by-cite":
        STATE.global_hints = hints = _global_hints(cites, rule)
        if hints:
            cites = _render(engine, [c.key for c in cites.values()
                                     if any(name_key(n) in hints for n in c.names)], cites)
    ambiguous = _ambiguities(cites)
    if ambiguous and _flag(citation, "disambiguate-add-names"):
        for group in ambiguous:
            _try_add_names(group, rule)
        cites = _render(engine, _keys_of(ambiguous), cites)
        ambiguous = _ambiguities(cites)
    if ambiguous and rule == "by-cite":
        for group in ambiguous:
            _try_add_given_names(group)
        cites = _render(engine, _keys_of(ambiguous), cites)
        ambiguous = _ambiguities(cites)
    if ambiguous and _flag(citation, "disambiguate-add-year-suffix"):
        _add_year_suffixes(engine, keys, ambiguous)
        cites = _render(engine, _keys_of(ambiguous), cites)
        ambiguous = _ambiguities(cites)
    for group in ambiguous:
        # cs:if disambiguate="true": the last resort (CSL 1.0.2), kept even where it does not help
        STATE.disambiguate_true.update(c.key for c in group)
    citation.cites = []


def _keys_of(groups: list[list[_Cite]]) -> list[str]:
    return [c.key for group in groups for c in group]


def _add_year_suffixes(engine: Engine, keys: list[str], groups: list[list[_Cite]]) -> None:
    """Letters in reference-list order within each set of cites that read alike."""
    order = {key: i for i, key in enumerate(keys)}
    companions: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        members = {c.key for c in group}
        for key in members:
            companions[key] |= members
    done: set[frozenset] = set()
    for key in sorted(companions, key=order.__getitem__):
        members = frozenset(companions[key])
        if members in done:
            continue
        done.add(members)
        for n, member in enumerate(sorted(members, key=order.__getitem__)):
            engine.source[member]["year_suffix"] = String(_letters(n))


def _letters(n: int) -> str:
    """0 → a, 25 → z, 26 → aa (citeproc-js's sequence)."""
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out
