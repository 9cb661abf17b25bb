"""BibTeX name lists → CSL names, by BibTeX's own rules.

``Last, First``, ``First Last``, ``von Last, Jr, First``; lowercase words are the
particle (``van der Berg`` → non-dropping-particle ``van der``); a name wholly in
braces (``{World Health Organization}``) is one literal group author; ``and
others`` becomes the literal ``others`` (Pandoc's convention for "et al.").
"""

from __future__ import annotations

import re

from .latex import plain


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


def _is_lower(word: str) -> bool:
    """BibTeX's test for a von word: its first letter outside braces is lowercase."""
    if word.startswith("{") and not word.startswith("{\\"):
        return False
    text = plain(word)
    for ch in text:
        if ch.isalpha():
            return ch.islower()
    return False


def parse_name(raw: str) -> dict[str, str]:
    """One BibTeX name as a CSL name object."""
    raw = " ".join(raw.split())
    if raw.lower() == "others":
        return {"literal": "others"}
    if raw.startswith("{") and raw.endswith("}") and _group_closes_at_end(raw):
        return {"literal": plain(raw[1:-1])}
    parts = [p.strip() for p in _split_depth0(raw, r",")]
    first = jr = ""
    if len(parts) == 1:
        words = _split_depth0(parts[0], r"\s+")
        if len(words) == 1:
            return {"family": plain(words[0])}
        body, last = words[:-1], [words[-1]]
        lower = [i for i, w in enumerate(body) if _is_lower(w)]
        if lower:
            first_words, von, last = body[:lower[0]], body[lower[0]:lower[-1] + 1], body[lower[-1] + 1:] + last
        else:
            first_words, von = body, []
        first = " ".join(first_words)
    else:
        words = _split_depth0(parts[0], r"\s+")
        von = []
        while len(words) > 1 and _is_lower(words[0]):
            von.append(words.pop(0))
        last = words
        if len(parts) == 2:
            first = parts[1]
        else:
            jr, first = parts[1], ", ".join(parts[2:])
    name: dict[str, str] = {"family": plain(" ".join(last))}
    if first.strip():
        name["given"] = plain(first)
    if von:
        name["non-dropping-particle"] = plain(" ".join(von))
    if jr.strip():
        name["suffix"] = plain(jr)
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


def parse_names(value: str) -> list[dict[str, str]]:
    return [n for n in (parse_name(p) for p in split_names(value)) if any(n.values())]
