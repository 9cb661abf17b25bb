"""LaTeX in BibTeX fields → CSL rich text (Unicode, ``<i>``, ``<b>``, ``<span class="nocase">``).

Accents, symbols, dashes and quotes go through pylatexenc's ``latex2text``;
this module only adds what CSL needs and pylatexenc cannot know: formatting
commands become CSL markup, and a ``{Protected}`` group in a title keeps its
case by becoming a ``nocase`` span (which citeproc-js, Pandoc and
citeproc-py all honour when they change a title's case).  As in Pandoc's
LaTeX reader, every braced group protects, also ``{\\"U}ber`` and ``{\\em X}``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from typing import Iterator

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db


_STRAIGHT_QUOTE = "\ue000"  # \textquotesingle: a straight quote the TeX-quote pass must leave alone


def _context():
    """pylatexenc's macros plus the text macros Zotero and Better BibTeX write that it lacks."""
    db = get_default_latex_context_db()
    extra = {"textbar": "|", "textless": "<", "textgreater": ">", "textquotesingle": _STRAIGHT_QUOTE,
             "textquotedbl": '"',
             "textunderscore": "_", "textperiodcentered": "·", "copyright": "©", "textcopyright": "©",
             "textasciitilde": "~", "textbackslash": "\\", "textnumero": "№", "textmu": "µ", "hyphen": "-",
             # the logos Pandoc's LaTeX reader spells out
             "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX",
             "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "ConTeXt": "ConTeXt",
             "AmS": "AmS", "AmSTeX": "AmS-TeX"}
    db.add_context_category("medprint-bibtex", prepend=True,
                            macros=[MacroTextSpec(name, text) for name, text in extra.items()])
    return db


_converter = LatexNodes2Text(math_mode="text", latex_context=_context())

_FORMAT = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "textsl": ("<i>", "</i>"), "mkbibemph": ("<i>", "</i>"),
    "mkbibitalic": ("<i>", "</i>"), "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"),
    "textsc": ('<span style="font-variant:small-caps;">', "</span>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"), "mkbibsubscript": ("<sub>", "</sub>"),
    "textup": ("", ""), "textrm": ("", ""), "textnormal": ("", ""), "mbox": ("", ""), "textsf": ("", ""),
    "texttt": ("", ""), "ensuremath": ("", ""), "enquote": ("“", "”"), "mkbibquote": ("“", "”"),
}
_OLD_STYLE = {"em": "emph", "it": "emph", "itshape": "emph", "sl": "emph", "bf": "textbf", "bfseries": "textbf",
              "sc": "textsc", "scshape": "textsc"}
_QUOTING = {"enquote", "mkbibquote"}
_VERBATIM = {"url", "href", "path", "nolinkurl", "doi"}
NOCASE = ('<span class="nocase">', "</span>")


def _group_end(s: str, i: int) -> int:
    """Index just past the brace group opening at ``s[i] == '{'`` (or len(s) if never closed)."""
    depth = 0
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "{":
            depth += 1
        elif s[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(s)


_NEEDS_LATEX = re.compile(r"[\\~$]|--|``|''|!`|\?`")


@functools.lru_cache(maxsize=4096)
def _plain(chunk: str) -> str:
    """Text without braces through latex2text; most chunks have nothing to convert and skip it (it is slow)."""
    if not _NEEDS_LATEX.search(chunk):
        return chunk
    chunk = re.sub(r"(?<!\\)([%&#])", r"\\\1", chunk)  # comment/alignment characters are text in BibTeX
    try:
        with quiet_logger("pylatexenc"):
            return _converter.latex_to_text(chunk)
    except Exception:  # noqa: BLE001 - pylatexenc is tolerant; anything it still rejects stays as written
        return chunk


@contextlib.contextmanager
def quiet_logger(name: str) -> Iterator[None]:
    """Silence a library's logger for a moment: bibtexparser and pylatexenc log to stderr about input they
    still handle (a redefined @string, a half-known macro); our own errors say what matters."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def to_csl(value: str, *, protect: bool = False, depth: int = 0) -> str:
    """Convert a BibTeX field value to CSL rich text; ``protect`` turns ``{Words}`` into nocase spans."""
    if depth > 30:
        return _plain(value)
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            out.append(_plain("".join(chunk)))
            chunk.clear()

    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+|.?)", value[i:], re.S)
            name = m.group(1) if m else ""
            j = i + len(m.group(0)) if m else i + 1
            k = j
            while name.isalpha() and k < n and value[k] in " \t\n":
                k += 1
            has_arg = k < n and value[k] == "{"
            if name == " ":  # a control space: Pandoc's LaTeX reader makes it a no-break space
                flush()  # (not through latex2text, which would take it for the space after a macro)
                out.append("\u00a0")
                i = j
            elif name in _FORMAT and has_arg:
                flush()
                end = _group_end(value, k)
                open_, close = _FORMAT[name]
                inner = to_csl(value[k + 1:end - 1], protect=protect, depth=depth + 1)
                if protect and name in _QUOTING and inner.strip():  # Pandoc keeps a quotation's case
                    inner = NOCASE[0] + inner + NOCASE[1]
                out.append(open_ + inner + close)
                i = end
            elif name in _OLD_STYLE:  # a bare switch (\\it Title): the rest of this group is in that style
                flush()
                open_, close = _FORMAT[_OLD_STYLE[name]]
                out.append(open_ + to_csl(value[k:], protect=protect, depth=depth + 1).strip() + close)
                i = n
            elif name in _VERBATIM and has_arg:
                flush()
                end = _group_end(value, k)
                out.append(value[k + 1:end - 1])
                i = end
            elif has_arg and (not name.isalpha() or name in ("c", "d", "b", "H", "k", "r", "t", "u", "v")):
                end = _group_end(value, k)  # accent with its argument: \"{u}, \c{c}
                chunk.append(value[i:end])
                i = end
            else:
                chunk.append(value[i:j])
                i = j
        elif c == "{":
            end = _group_end(value, i)
            inner = value[i + 1:end - 1] if end <= n and value[end - 1:end] == "}" else value[i + 1:end]
            old = re.match(r"\\([A-Za-z]+)\s*", inner)
            if old and old.group(1) in _OLD_STYLE:
                flush()
                open_, close = _FORMAT[_OLD_STYLE[old.group(1)]]
                body = open_ + to_csl(inner[old.end():], protect=False, depth=depth + 1) + close
                out.append(NOCASE[0] + body + NOCASE[1] if protect else body)
            elif protect and inner.strip():
                flush()
                body = to_csl(inner, protect=False, depth=depth + 1)
                # {\textmu}, {--}: nothing to keep the case of, so no mark (Pandoc's spans there change nothing)
                out.append(NOCASE[0] + body + NOCASE[1] if any(c.isalpha() for c in body) else body)
            else:
                flush()
                out.append(to_csl(inner, protect=False, depth=depth + 1))
            i = end
        elif c == "}":
            i += 1  # a stray closing brace: BibTeX would complain; we drop it
        else:
            chunk.append(c)
            i += 1
    flush()
    text = re.sub(r"[ \t\n]+", " ", "".join(out))
    return _quotes(text).replace(_STRAIGHT_QUOTE, "'") if depth == 0 else text


def _quotes(text: str) -> str:
    """TeX quotes as Pandoc's LaTeX reader reads them: `` `quoted' `` is a quotation (printed with the outer
    marks “…” unless inside another one, as CSL's flip-flop prints it), any other ``'`` an apostrophe."""
    if "'" not in text and "`" not in text:
        return text
    out = list(text)
    depth = 0  # open double quotations
    for i, ch in enumerate(out):
        if ch == "\u201c":
            depth += 1
        elif ch == "\u201d":
            depth = max(0, depth - 1)
        elif ch == "`":
            close = next((j for j in range(i + 1, len(out)) if out[j] == "'"
                          and not (j + 1 < len(out) and out[j + 1].isalnum())), None)
            if close is None:
                out[i] = "\u2018"
                continue
            out[i], out[close] = ("\u2018", "\u2019") if depth else ("\u201c", "\u201d")
        elif ch == "'":
            out[i] = "\u2019"
    return "".join(out)


def plain(value: str) -> str:
    """LaTeX → Unicode text without any markup (names, keys, numbers)."""
    return re.sub(r"<[^>]+>", "", to_csl(value)).strip()
