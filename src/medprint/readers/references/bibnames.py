"""BibTeX name lists → CSL names, by BibTeX's own rules.

``Last, First``, ``First Last``, ``von Last, Jr, First``, split as Pandoc's BibTeX reader does
(``Text.Pandoc.Citeproc.Name``, BibLaTeX's rules): lowercase words before the last name are the
particle, a dropping one (``van der Berg, Jan`` → ``Berg, J. van der`` in APA) unless the entry says
``options = {useprefix=true}``; a braced ``{von}`` counts as capitalised, so it stays in the family
name (``{von} Neumann`` → family ``von Neumann``); a name wholly in
braces (``{World Health Organization}``) is one literal group author; ``and
others`` becomes the literal ``others`` (Pandoc's convention for "et al.").
"""

from __future__ import annotations

import re

from .latex import _group_end, plain


def _split_depth0(text: str, sep: str) -> list[str]:
    """Split on a regex separator only outside braces."""
    parts, depth, start, i = [], 0, 0, 0
    pattern = re.compile(sep, re.I)
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = pattern.match(text, i)
            if m and m.end() > i:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return parts


def split_names(value: str) -> list[str]:
    """``A and B and {C and D}`` → ``['A', 'B', '{C and D}']``."""
    return [p.strip() for p in _split_depth0(" " + value.strip() + " ", r"\s+and\s+") if p.strip()]


def _pieces(word: str) -> list[str | None]:
    """A name word as Pandoc's LaTeX reader sees it: text runs (accents resolved) and ``None`` for what
    is not plain text (a ``{braced}`` group, ``\\emph{...}``)."""
    out: list[str | None] = []
    i = 0
    while i < len(word):
        c = word[i]
        if c == "{":
            end = _group_end(word, i)
            out.append(None)
            i = end
        elif c == "\\":
            m = re.match(r"\\([A-Za-z]+|.)\s*", word[i:])
            name = m.group(1) if m else ""
            j = i + (m.end() if m else 1)
            if len(name) == 1 or name in _ACCENTS:  # an accent and its argument: text
                if j < len(word) and word[j] == "{":
                    j = _group_end(word, j)
                elif j < len(word) and not name.isalpha():
                    j += 1
                out.append(plain(word[i:j]))
            else:
                if j < len(word) and word[j] == "{":
                    j = _group_end(word, j)
                out.append(None)
            i = j
        else:
            out.append(c)
            i += 1
    return out


_ACCENTS = {"c", "d", "b", "H", "k", "r", "t", "u", "v", "i", "o", "O", "l", "L", "ss", "ae", "AE", "oe", "OE",
            "aa", "AA", "j"}


def _is_capitalized(word: str) -> bool:
    """Pandoc's test (``Citeproc.Name.isCapitalized``): the first letter of the word's text is upper case;
    digits and anything that is not text (a braced group) are skipped; a word with no such letter counts."""
    for piece in _pieces(word):
        if piece is None:
            continue
        for ch in piece:
            if ch.isupper():
                return True
            if not ch.isdigit():
                return False
    return True


def _space_initials(given: str) -> str:
    """``J.P.`` → ``J. P.`` (Pandoc's addSpaceAfterPeriod, so both spellings are one person)."""
    return re.sub(r"(?<![^\W\d_])([A-Z])\.(?=[A-Z](?:\.|\b))", r"\1. ", given)


def _extended(raw: str) -> dict[str, str]:
    """BibLaTeX's extended name format: ``family=Berg, given=Jan, prefix=van der, useprefix=true``."""
    parts = dict.fromkeys(("family", "given", "prefix", "suffix", "useprefix"), "")
    for part in _split_depth0(raw, r","):
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key in parts:
            parts[key] = (parts[key] + " " + plain(value)).strip() if key == "given" else plain(value)
    name = {"family": parts["family"], "given": parts["given"], "suffix": parts["suffix"]}
    particle = "non-dropping-particle" if parts["useprefix"].lower() == "true" else "dropping-particle"
    name[particle] = parts["prefix"]
    return {k: v for k, v in name.items() if v}


def parse_name(raw: str, *, useprefix: bool = False) -> dict[str, str]:
    """One BibTeX name as a CSL name object, split as Pandoc's BibTeX reader splits it (BibLaTeX's rules):
    ``First von Last``, ``von Last, First``, ``von Last, Jr, First``; the von part is a dropping particle
    unless the entry's ``options`` say ``useprefix=true``."""
    raw = " ".join(re.sub(r"(?<!\\)~", " ", raw).split())
    if raw.lower() == "others":
        return {"literal": "others"}
    if raw.startswith("{") and raw.endswith("}") and _group_closes_at_end(raw):
        return {"literal": plain(raw[1:-1])}
    if re.match(r"[\w-]+\s*=", raw):
        return _extended(raw)
    parts = [[w for w in _split_depth0(p.strip(), r"\s+") if w] for p in _split_depth0(raw, r",")]
    first: list[str] = []
    jr: list[str] = []
    if len(parts) == 1:
        words = parts[0]
        caps = 0
        while caps < len(words) and _is_capitalized(words[caps]):
            caps += 1
        if caps == len(words) and words:
            first, vonlast = words[:-1], words[-1:]
        else:
            first, vonlast = words[:caps], words[caps:]
    elif len(parts) == 2:
        vonlast, first = parts
    else:
        vonlast, jr, first = parts[0], parts[1], parts[2]
    split = next((i for i, w in enumerate(vonlast) if _is_capitalized(w)), None)
    if split is None:
        von, last = vonlast[:-1], vonlast[-1:]
    else:
        von, last = vonlast[:split], vonlast[split:]
    name: dict[str, str] = {}
    family = " ".join(plain(w) for w in last)
    given = " ".join(plain(w) for w in first)
    if family:
        name["family"] = family
    if given:
        name["given"] = _space_initials(given)
    if von:
        name["non-dropping-particle" if useprefix else "dropping-particle"] = " ".join(plain(w) for w in von)
    if jr:
        name["suffix"] = " ".join(plain(w) for w in jr)
    return name


def _group_closes_at_end(raw: str) -> bool:
    depth = 0
    for i, c in enumerate(raw):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and i != len(raw) - 1:
                return False
    return True


def parse_names(value: str, *, useprefix: bool = False) -> list[dict[str, str]]:
    return [n for n in (parse_name(p, useprefix=useprefix) for p in split_names(value)) if any(n.values())]
