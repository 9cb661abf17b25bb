"""CSL rich text (fields, a style's affixes and literal text) parsed as Pandoc's citeproc parses it.

A field may carry HTML-like markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, small-caps,
``nocase`` and ``nodecor`` spans) and quotations (``"…"``, ``'…'``, ``“…”``, ``‘…’``).  Each becomes
a pair of private-use marks (:mod:`.markup`); a quotation becomes a ``q`` pair that
:func:`medprint.citations.typography.finish` prints as the locale's outer or inner quotes by
nesting depth, the way citeproc-js and Pandoc flip-flop them.  The parse follows Pandoc's
``pCslJson``: a construct counts only when it is closed (``'09`` stays an apostrophe, an orphan
``"`` stays as typed, a stray ``</i>`` stays text); an apostrophe between letters is ’.  As in
citeproc-js, the form of the first quotation (double or single) is the field's outer form: a
quotation in the other form is marked ``qi`` and prints one level deeper ("Good" bacteria, 'bad'
bacteria → “Good” bacteria, ‘bad’ bacteria; 'bad' bacteria alone → “bad” bacteria).

:func:`parse` returns ``(kind, text)`` tokens: ``("text", s)``, ``("nocase", s)`` for text whose
case is protected (nocase, small caps, superscript, subscript, nodecor), and ``("mark", m)``.
"""

from __future__ import annotations

import re

from .markup import MARKS

# (opening tag pattern, mark kind or "" for none, closing tag, whether the content's case is protected)
_TAGS = [
    (re.compile(r"<i>"), "i", "</i>", False),
    (re.compile(r"<b>"), "b", "</b>", False),
    (re.compile(r"<u>"), "", "</u>", False),
    (re.compile(r"<sup>"), "sup", "</sup>", True),
    (re.compile(r"<sub>"), "sub", "</sub>", True),
    (re.compile(r"<sc>"), "sc", "</sc>", True),
    (re.compile(r'<span\s*style="font-variant:\s*small-caps;?\s*"\s*>'), "sc", "</span>", True),
    (re.compile(r'<span\s*class="nocase"\s*>'), "", "</span>", True),
    (re.compile(r'<span\s*class="nodecor"\s*>'), "nodecor", "</span>", True),
    (re.compile(r'<span\s*style="font-style:\s*normal;?\s*"\s*>'), "normal", "</span>", False),
    (re.compile(r'<span\s*style="baseline"\s*>'), "", "</span>", False),
]
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
_FORM = {'"': "double", "\u201c": "double", "'": "single", "\u2018": "single"}
_SPECIAL = frozenset("<>'\"\u2019\u201c\u201d\u2018")
_APOSTROPHES = "'\u2019"
_WORD_RE = re.compile(r"[^\W_]+")  # letters and digits (Haskell's isAlphaNum)
_OTHER_RE = re.compile("[^\\w<>'\"\u2019\u201c\u201d\u2018]+|_+")
_STRAY_TAG_RE = re.compile(r"</?[A-Za-z]+[^<>]*>")
_NEEDS_PARSE = re.compile("[<>'\"\u2019\u201c\u201d\u2018]")


def needs_parse(text: str) -> bool:
    return bool(_NEEDS_PARSE.search(text))


def parse(text: str) -> list[tuple[str, str]]:
    """Tokens of ``text`` (see the module docstring); plain text without special characters is one token."""
    if not _NEEDS_PARSE.search(text):
        return [("text", text)] if text else []
    out: list[tuple[str, str]] = []
    _seq(text, 0, None, False, out, [None])
    return out


def marked(text: str) -> str:
    """``text`` with its rich text turned into marks (a cite's prefix and suffix)."""
    if not text or not _NEEDS_PARSE.search(text):
        return text
    return "".join(t for _, t in parse(text))


def _seq(text: str, pos: int, end: str | None, protected: bool, out: list, form: list) -> int | None:
    """Parse tokens into ``out`` until ``end`` (returns the position after it) or the end of the text
    (``end`` None).  Returns None, with ``out`` unchanged, when ``end`` never comes."""
    start_len = len(out)
    n = len(text)
    kind = "nocase" if protected else "text"
    while True:
        if end is not None and text.startswith(end, pos):
            return pos + len(end)
        if pos >= n:
            if end is None:
                return pos
            del out[start_len:]
            return None
        ch = text[pos]
        m = _WORD_RE.match(text, pos)
        if m:
            word, pos = m.group(0), m.end()
            if pos + 1 < n and text[pos] in _APOSTROPHES:
                m2 = _WORD_RE.match(text, pos + 1)
                if m2:
                    word, pos = word + "\u2019" + m2.group(0), m2.end()
            _add(out, kind, word)
            continue
        m = _OTHER_RE.match(text, pos)
        if m:
            _add(out, kind, m.group(0))
            pos = m.end()
            continue
        # a special character: quotation, tag or the character itself
        if ch in _QUOTES:
            close = _QUOTES[ch]
            nxt = text[pos + 1:pos + 2]
            if nxt and nxt not in " \t\n\r" and nxt != close:
                first = form[0] is None
                if first:
                    form[0] = _FORM[ch]
                quote = MARKS["q" if form[0] == _FORM[ch] else "qi"]
                out.append(("mark", quote[0]))
                after = _seq(text, pos + 1, close, protected, out, form)
                if after is not None:
                    out.append(("mark", quote[1]))
                    pos = after
                    continue
                out.pop()
                if first:
                    form[0] = None
        elif ch == "<":
            after = _tag(text, pos, protected, out, form)
            if after is not None:
                pos = after
                continue
            stray = _STRAY_TAG_RE.match(text, pos)
            if stray:  # printed as typed, case and all (citeproc-js)
                _add(out, "nocase", stray.group(0))
                pos = stray.end()
                continue
        _add(out, kind, "\u2019" if ch in _APOSTROPHES else ch)
        pos += 1


def _tag(text: str, pos: int, protected: bool, out: list, form: list) -> int | None:
    for pattern, mark, close, protects in _TAGS:
        m = pattern.match(text, pos)
        if not m:
            continue
        if mark:
            out.append(("mark", MARKS[mark][0]))
        after = _seq(text, m.end(), close, protected or protects, out, form)
        if after is None:
            if mark:
                out.pop()
            return None
        if mark:
            out.append(("mark", MARKS[mark][1]))
        return after
    return None


def _add(out: list, kind: str, text: str) -> None:
    if out and out[-1][0] == kind:
        out[-1] = (kind, out[-1][1] + text)
    else:
        out.append((kind, text))
