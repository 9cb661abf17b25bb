"""markdown-it-py inline rules for Pandoc's citation syntax, parsed as Pandoc 3 parses it.

``[see @a, pp. 33–35; also @b]`` (a bracketed cluster), ``[-@a]`` and ``-@a``
(suppress author), ``@a`` and ``@a [p. 4]`` (narrative).  Each rule emits one
``citation`` token whose ``meta`` holds the parsed items; the Markdown reader
turns it into a :class:`~medprint.model.Cite`.

Locators follow Pandoc's ``Text.Pandoc.Citeproc.Locator`` exactly, because
authors bring files written for Pandoc: labels are the terms of the document's
CSL locale (``S.`` in German, ``p.`` in English; ``ch.`` or ``table`` are not
labels, so they stay in the suffix), a locator without a label needs a digit,
``{...}`` delimits a locator that is not a number (``{pp. iv, vi-xi}``,
``@smith{ii, A, D-Z}``).  Prefixes and suffixes keep their inline Markdown
(``*passim*``), carried in the engine's formatting marks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .md_smart import dashes

# Pandoc key syntax: starts with a word character; internal punctuation :.#$%&-+?<>~/ allowed when followed by
# a word character.  ``@{...}`` braces allow anything but braces.
_KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*))"
KEY_RE = re.compile(r"@" + _KEY)
_ITEM_RE = re.compile(r"(?:^|(?<=[\s\[(]))(?P<neg>-)?@" + _KEY)

# Pandoc's locator terms (Text.Pandoc.Citeproc.Locator.locatorTerms), earlier names win on a clash
# (``p.`` is ``page``, not ``number-of-pages``); CSL's ``sub verbo`` is the locator label ``sub-verbo``.
_TERM_NAMES = ("book", "chapter", "column", "figure", "folio", "issue", "line", "note", "opus", "page",
               "number-of-pages", "paragraph", "part", "section", "sub-verbo", "verse", "volume")
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def _locale_file(lang: str) -> Path | None:
    """The CSL locale medprint's engine uses for ``lang``: pinned in styles/csl/locales, else citeproc-py's."""
    from ..paths import styles_dir

    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang or ""):
        lang = "en-US"  # not a BCP 47 tag (the engine warns about it): never a path
    names = [lang]
    try:
        from citeproc import PRIMARY_DIALECTS
    except ImportError:  # pragma: no cover - older citeproc-py
        PRIMARY_DIALECTS = {}
    names.append(PRIMARY_DIALECTS.get(lang.split("-")[0], ""))
    names.append("en-US")
    folders = [styles_dir() / "csl" / "locales"]
    try:
        import citeproc

        folders.append(Path(citeproc.__file__).parent / "data" / "locales")
    except ImportError:  # pragma: no cover
        pass
    for name in filter(None, names):
        for folder in folders:
            candidate = folder / f"locales-{name}.xml"
            if candidate.is_file():
                return candidate
    return None


@functools.lru_cache(maxsize=16)
def locator_terms(lang: str = "en-US") -> dict[str, str]:
    """Every written form of every locator term in ``lang``'s locale (case-folded) -> CSL locator label."""
    from lxml import etree

    path = _locale_file(lang)
    if path is None:
        return {}
    forms: dict[str, set[str]] = {}
    for term in etree.parse(str(path)).iter(f"{_CSL_NS}term"):
        name = (term.get("name") or "").replace("sub verbo", "sub-verbo")
        if name not in _TERM_NAMES:
            continue
        texts = [c.text for c in term if c.tag in (f"{_CSL_NS}single", f"{_CSL_NS}multiple")] or [term.text]
        forms.setdefault(name, set()).update(t.strip() for t in texts if t and t.strip())
    table: dict[str, str] = {}
    for name in reversed(_TERM_NAMES):  # Pandoc folds from the right: the first name listed wins
        for text in forms.get(name, ()):
            table[text.casefold()] = "page" if name == "number-of-pages" else name
    return table


# --------------------------------------------------------------------- Pandoc's locator parser


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _tokens(text: str) -> list[str]:
    """Pandoc's splitInp: each punctuation mark (but ':') and each run of spaces is a token of its own."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isspace():
            if word:
                out.append(word)
                word = ""
            if out and out[-1].isspace():
                out[-1] += ch
            else:
                out.append(ch)
        elif _is_punct(ch) and ch != ":":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


_ROMAN = re.compile(r"M*+(?:CM)?+D?+(?:CD)?+C*+(?:XC)?+L?+(?:XL)?+X*+(?:IX)?+V?+(?:IV)?+I*+")


def _is_space(tok: str) -> bool:
    return tok.isspace()


def _locator_punct(tok: str) -> bool:
    return len(tok) == 1 and _is_punct(tok) and tok not in "-\u2013:"


class _Locator:
    """A backtracking parser over tokens; each method returns (value, next index) or None."""

    def __init__(self, toks: list[str], terms: dict[str, str]) -> None:
        self.t = toks
        self.terms = terms

    def at(self, i: int) -> str | None:
        return self.t[i] if i < len(self.t) else None

    # -- units
    def page_unit(self, i: int):
        tok = self.at(i)
        if tok is not None and not _is_space(tok) and not _is_punct(tok[0]) and _ROMAN.fullmatch(tok.upper()):
            return (True, tok), i + 1
        j = i
        while self.at(j) is not None and not _is_space(self.at(j)) and not _locator_punct(self.at(j)):
            j += 1
        if j == i:
            return None
        text = "".join(self.t[i:j])
        return (any(c.isdigit() for c in text), text), j

    def with_period(self, i: int):
        if self.at(i) != ".":
            return None
        unit = self.page_unit(i + 1)
        if unit is None:
            return None
        (dig, text), j = unit
        return (dig, "." + text), j

    def page_seq(self, i: int):
        first = self.page_unit(i)
        if first is None:
            return self.with_period(i)
        parts, j = [first[0]], first[1]
        while (more := self.with_period(j)) is not None:
            parts.append(more[0])
            j = more[1]
        return (any(d for d, _ in parts), "".join(s for _, s in parts)), j

    def balanced(self, i: int):
        """pBalancedBraces over (), [] and {} around page sequences."""
        parts, j = [], i
        while True:
            tok = self.at(j)
            got = None
            if tok in ("(", "[", "{"):
                close = {"(": ")", "[": "]", "{": "}"}[tok]
                inner = self.page_seq(j + 1) if self.at(j + 1) not in ("(", ")", "[", "]", "{", "}") else None
                (d, mid), k = inner if inner else ((False, ""), j + 1)
                if self.at(k) == close:
                    got = (d, tok + mid + close), k + 1
            elif tok is not None and tok not in (")", "]", "}"):
                got = self.page_seq(j)
            if got is None:
                break
            parts.append(got[0])
            j = got[1]
        if not parts:
            return None
        return (any(d for d, _ in parts), "".join(s for _, s in parts)), j

    def word(self, i: int, first: bool):
        punct = ""
        if not first and self.at(i) in (",", ";"):
            punct, i = self.at(i), i + 1
        space = ""
        if self.at(i) is not None and _is_space(self.at(i)):
            space, i = " ", i + 1
        got = self.balanced(i)
        if got is None:
            return None
        (dig, text), j = got
        return (dig, punct + space + text), j

    def word_romans_or_digits(self, i: int, first: bool):
        got = self.word(i, first)
        return got if got is not None and got[0][0] else None

    def word_digits(self, i: int, first: bool):
        got = self.word(i, first)
        return got if got is not None and any(c.isdigit() for c in got[0][1]) else None

    # -- labels
    def label(self, i: int, lim) -> tuple[str, int] | None:
        """pLocatorLabel': the longest run of tokens that is a locale term and is followed by ``lim``."""

        best: tuple[str, int] | None = None
        acc, j = "", i
        longest = max(map(len, self.terms), default=0)
        # grow the candidate one stretch at a time; the longest term wins (none is longer than ``longest``)
        while self.at(j) is not None and len(acc.strip()) <= longest:
            k, size = j + 1, len(acc) + len(self.t[j])
            while lim(k) is None:
                if self.at(k) is None or size > longest + 2:  # too long for any term (+ spaces around)
                    return best
                size += len(self.t[k])
                k += 1
            acc += "".join(self.t[j:k])
            name = self.terms.get(acc.strip().casefold())
            if name:
                best = (name, k)
            j = k
        return best

    # -- the two locator forms
    def delimited(self, i: int):
        if self.at(i) != "{":
            return None
        i += 1
        while self.at(i) is not None and _is_space(self.at(i)):
            i += 1
        found = self.label(i, lambda k: k if self.at(k) is not None else None)
        name, i = found if found else ("page", i)
        depth, j = 0, i
        while self.at(j) is not None:
            tok = self.at(j)
            if tok in ("{", "["):
                depth += 1
            elif tok in ("}", "]"):
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if self.at(j) != "}":
            return None
        return (name, "".join(self.t[i:j]).strip()), j + 1

    def integrated(self, i: int):
        found = self.label(i, lambda k: self.word_romans_or_digits(k, True))
        if found:
            name, i = found
            implicit = False
        elif self.word_digits(i, True) is not None:
            name, implicit = "page", True
        else:
            return None
        check = self.word_digits if implicit else self.word_romans_or_digits
        got = check(i, not implicit)
        if got is None:
            return None
        parts, j = [got[0][1]], got[1]
        while (more := check(j, False)) is not None:
            parts.append(more[0][1])
            j = more[1]
        return (name, "".join(parts).strip()), j


def _add_comma(suffix: str) -> str:
    """Pandoc's maybeAddComma: a suffix that starts with a word, or with markup (``*passim*``, a quotation,
    code), gets ", " before it; one that starts with a space or other punctuation does not."""
    if suffix and not suffix[0].isspace() and (not _is_punct(suffix[0]) or suffix[0] in "*_`\"'^~"):
        return ", " + suffix
    return suffix


def parse_locator(suffix: str, lang: str = "en-US") -> tuple[str, str, str]:
    """Split a citation suffix into (label, locator, remaining suffix), as Pandoc 3 does.

    ``", pp. 33-35 and passim"`` -> ``("page", "33-35", " and passim")``; ``", 12"`` -> ``("page", "12", "")``;
    ``"{Appendix A}"`` -> ``("page", "Appendix A", "")``; text without a locator is all suffix.
    """
    toks = _tokens(suffix)
    parser = _Locator(toks, locator_terms(lang))
    i = 0
    if parser.at(i) == ",":
        i += 1
    if parser.at(i) is not None and _is_space(parser.at(i)):
        i += 1
    found = parser.delimited(i) or parser.integrated(i)
    if found is None:
        return "", "", _add_comma(suffix)
    (label, locator), j = found
    rest = "".join(toks[j:])
    if not locator:
        return "", "", rest  # ``@smith{}``: braces that only end the key
    return label, locator, rest


# --------------------------------------------------------------------- prefixes and suffixes with Markdown


_STYLE_OF = {"em": "i", "strong": "b", "sup": "sup", "sub": "sub"}
# What inline Markdown or smart punctuation could change: markup characters, quotes, dashes, dots, entities.
_MARKUP = re.compile(r"[*_^~\[\]`'\"<>&\\.]|--")


def affix_text(md: MarkdownIt | None, text: str, env: dict | None = None) -> str:
    """A prefix or suffix with its inline Markdown (emphasis, smart quotes) as the engine's formatting marks."""
    if md is None or not text.strip() or not _MARKUP.search(text):
        return text  # plain words: nothing for the inline parser to do
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    tokens = md.parseInline(text.strip(), dict(env or {}))
    children = tokens[0].children if tokens else []
    from ..citations.markup import wrap  # the engine's mark alphabet (data can never contain it)

    out: list[str] = []
    stack: list[tuple[str, int]] = []
    for tok in children or []:
        kind = tok.type.rsplit("_", 1)[0]
        if tok.type.endswith("_open"):
            style = _STYLE_OF.get(kind)
            if kind == "span" and "smallcaps" in str(tok.attrGet("class") or "").split():
                style = "sc"
            stack.append((style or "", len(out)))
        elif tok.type.endswith("_close") and stack:
            style, start = stack.pop()
            if style:
                inner = "".join(out[start:])
                del out[start:]
                out.append(wrap(style, inner))
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "citation":
            out.append(tok.meta["source"])
        else:
            out.append(tok.content)
    return lead + "".join(out) + trail


# --------------------------------------------------------------------- the inline rules


def parse_item(text: str, lang: str = "en-US", md: MarkdownIt | None = None) -> dict[str, Any] | None:
    """One ``;``-separated piece of a bracketed cluster -> item dict, or None if it has no key."""
    match = _ITEM_RE.search(text)
    if not match:
        return None
    key = match.group("bkey") or match.group("key")
    prefix = text[: match.start()].strip()
    # Pandoc reads the suffix's inlines (smart dashes included: ``chaps. 1--2``) before it looks for a locator.
    label, locator, suffix = parse_locator(dashes(text[match.end():].replace("\\ ", "\u00a0")), lang)
    return {
        "key": key,
        "mode": "suppress-author" if match.group("neg") else "normal",
        "prefix": affix_text(md, prefix),
        "suffix": affix_text(md, suffix.rstrip()),
        "locator": locator,
        "label": label,
        "offset": match.start(),
    }


def _split_items(content: str) -> list[tuple[int, str]]:
    """Split on top-level semicolons, keeping each piece's offset."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(content):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == ";" and depth == 0:
            pieces.append((start, content[start:i]))
            start = i + 1
    pieces.append((start, content[start:]))
    return pieces


def _matching_bracket(src: str, start: int, limit: int) -> int:
    depth = 0
    i = start
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _push(state: StateInline, items: list[dict[str, Any]], start: int, end: int) -> None:
    token = state.push("citation", "", 0)
    token.meta = {"items": items, "source": state.src[start:end], "offset": start}
    # smartquotes looks at the neighbouring tokens' text: '"see [@a]"' must close after the citation
    token.content = state.src[start:end]


def _lang(state: StateInline) -> str:
    return str(state.md.options.get("medprint_lang") or "en-US")


def bracketed_citation(state: StateInline, silent: bool) -> bool:
    """``[@a; see @b, p. 3]``: a whole cluster in brackets."""
    src, pos = state.src, state.pos
    if silent or src[pos] != "[" or "@" not in src[pos: state.posMax]:
        # Silent mode is markdown-it measuring a link's text: a token starting with "[" there would be taken
        # for a nested link and spoil ``[see [@a] here](url)``; as plain brackets the text balances.
        return False
    end = _matching_bracket(src, pos, state.posMax)
    if end < 0:
        return False
    # ``[@a](url)`` and ``[@a][ref]`` are links, not citations.
    if end + 1 < state.posMax and src[end + 1] in "([":
        return False
    content = src[pos + 1: end]
    items = []
    for offset, piece in _split_items(content):
        item = parse_item(piece, _lang(state), None if silent else state.md)
        if item is None:
            return False
        item["offset"] += pos + 1 + offset
        items.append(item)
    if not items:
        return False
    if not silent:
        _push(state, items, pos, end + 1)
    state.pos = end + 1
    return True


_AFTER_NARRATIVE = re.compile(r"[ \t]*(?:\n[ \t]*)?\[([^\[\]@]*)\]")


def narrative_citation(state: StateInline, silent: bool) -> bool:
    """``@a`` or ``@a [p. 4]``: the author in the sentence, the year in parentheses."""
    src, pos = state.src, state.pos
    suppress = src[pos] == "-" and src.startswith("@", pos + 1)  # ``-@a``: "(1999)", as in Pandoc
    if src[pos] != "@" and not suppress:
        return False
    if pos > 0 and (src[pos - 1].isalnum() or src[pos - 1] in "_."):
        return False  # an e-mail address or a word with @ inside (Pandoc: a cite never follows a word)
    match = KEY_RE.match(src, pos + suppress, state.posMax)
    if not match:
        return False
    key = match.group("bkey") or match.group("key")
    end = match.end()
    label = locator = suffix = ""
    after = _AFTER_NARRATIVE.match(src[end: state.posMax])
    if after and after.group(1).strip() and not (end + after.end() < state.posMax
                                                  and src[end + after.end()] in "(["):
        inside = after.group(1).strip().replace("\\ ", "\u00a0")
        label, locator, suffix = parse_locator(dashes(inside), _lang(state))
        end += after.end()
    if not silent:
        item = {"key": key, "mode": "suppress-author" if suppress else "author-in-text", "prefix": "",
                "suffix": affix_text(state.md, suffix.rstrip()), "locator": locator, "label": label, "offset": pos}
        _push(state, [item], pos, end)
    state.pos = end
    return True


def citations_plugin(md: MarkdownIt, lang: str = "en-US") -> None:
    """Register both citation rules ahead of links, so ``[@a]`` is never read as a link.

    ``lang`` picks the locale whose terms are locator labels, as in Pandoc.
    """
    md.options["medprint_lang"] = lang
    md.inline.ruler.before("link", "citation_bracketed", bracketed_citation)
    md.inline.ruler.before("link", "citation_narrative", narrative_citation)
