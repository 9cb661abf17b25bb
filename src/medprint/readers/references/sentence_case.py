"""English BibTeX titles → sentence case, by the rule Pandoc's BibTeX reader applies.

BibTeX libraries keep titles in title case (``The Gut Microbiome Shapes Response``) and protect
what must keep its case in braces (``{PD-1}``, ``{Melanoma}``).  Pandoc (``Citeproc.BibTeX``,
``unTitlecase``) turns such titles into sentence case with citeproc's ``withSentenceCase``; APA and
most CSL styles expect exactly that, and Pandoc is the reference our users compare with.  The rule,
word by word (a word is a run of letters and digits):

- a *capitalised* word (one upper-case letter, then only lower-case letters) is lower-cased, except
  at the start of the title or of a sentence (after ``.``, ``?``, ``!`` or ``:`` and a space);
- at such a start, a capitalised or lower-case word gets its first letter upper-cased;
- any other word (``DNA``, ``iPhone``, ``COVID19``, ``B12``) is left as written;
- text in a ``nocase`` span (a braced group), small caps, superscript or subscript is left alone,
  but still counts for where words and sentences end.

The input and output are CSL rich text as :mod:`.latex` writes it (``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<span class="nocase">``, ``<span style="font-variant:small-caps;">``).
"""

from __future__ import annotations

import re
import unicodedata

_TAG = re.compile(r"<(/?)(i|b|sup|sub|span)((?:\s[^<>]*)?)>")
_KEEP = ("nocase", "small-caps")  # spans whose text keeps its case
_WORD_BREAK = set("-/\u2013\u2014")
_SENTENCE_END = set(".?!:")


def _kind(ch: str) -> str:
    if ch.isalnum():
        return "alnum"
    if ch.isspace():
        return "space"
    if unicodedata.category(ch).startswith("P"):
        return "punct"
    return ""


def _chunks(text: str) -> list[str]:
    """Runs of letters/digits, of spaces and of punctuation; any other character stands alone."""
    out: list[str] = []
    for ch in text:
        if out and _kind(ch) and _kind(ch) == _kind(out[-1][-1]):
            out[-1] += ch
        else:
            out.append(ch)
    return out


class _State:
    """citeproc's CaseTransformState, reduced to what sentence case reads."""

    def __init__(self) -> None:
        self.value = "start"

    def advance(self, chunk: str) -> str:
        """The state this chunk is read in; then move on by its last character (citeproc's ``g``)."""
        before = self.value
        last = chunk[-1]
        if last in _SENTENCE_END:
            self.value = "after-sentence-punct"
        elif last.isalnum():
            self.value = "after-word-char"
        elif last.isspace() and self.value == "after-sentence-punct":
            self.value = "start-sentence"
        elif last.isspace() or last in _WORD_BREAK:
            self.value = "after-word-end"
        return before


def _sentence_word(word: str, state: str) -> str:
    capitalised = word[0].isupper() and all(c.islower() for c in word[1:])
    at_start = state in ("start", "start-sentence")
    if capitalised and not at_start:
        return word.lower()
    if at_start and (capitalised or all(c.islower() for c in word)):
        lowered = word.lower()
        return lowered[0].upper() + lowered[1:]
    return word


def _last_word_start(rich: str) -> int | None:
    """Where the title's last word starts when citeproc reads it in its own state (``BeforeLastWord``):
    a last run of non-space text outside any markup, with something before it and no hyphen or slash."""
    if rich.endswith(">"):
        return None
    m = re.search(r"[^\s<>]+$", rich)
    if not m or m.start() == 0 or any(c in _WORD_BREAK for c in m.group(0)):
        return None
    depth = 0
    for tag in _TAG.finditer(rich, 0, m.start()):
        depth += -1 if tag.group(1) else 1
    return m.start() if depth == 0 else None


def sentence_case(rich: str) -> str:
    """``The Gut Microbiome in <span class="nocase">Melanoma</span>`` → ``The gut microbiome in …Melanoma…``."""
    state = _State()
    out: list[str] = []
    stack: list[bool] = []  # per open tag: does it keep its text's case?
    last = _last_word_start(rich)
    pos = 0
    for m in [*_TAG.finditer(rich), None]:
        end = m.start() if m else len(rich)
        text = rich[pos:end]
        if any(stack):  # kept as written; Pandoc reads the span's text (without spaces) once for the state
            joined = "".join(text.split())
            if joined:
                state.advance(joined)
            out.append(text)
            text = ""
        pieces = [text]
        if last is not None and pos <= last < end:
            pieces = [text[:last - pos], None, text[last - pos:]]
        for piece in pieces:
            if piece is None:  # citeproc: the last word is not a sentence start (so ": Dynamics" → ": dynamics")
                if state.value in ("start", "start-sentence", "after-word-end"):
                    state.value = "before-last-word"
                continue
            for chunk in _chunks(piece):
                before = state.advance(chunk)
                if chunk.isalnum():
                    chunk = _sentence_word(chunk, before)
                out.append(chunk)
        if m is None:
            break
        out.append(m.group(0))
        if m.group(1):
            if stack:
                stack.pop()
        else:
            stack.append(any(k in m.group(3) for k in _KEEP) or m.group(2) in ("sup", "sub"))
        pos = m.end()
    return "".join(out)


_NOCASE = re.compile(r'<span class="nocase">((?:(?!<span|</span>).)*)</span>', re.S)


def unprotect(rich: str) -> str:
    """Pandoc's ``protectCase`` afterwards: a braced group keeps its ``nocase`` mark only when one of its
    words starts in lower case (``{iPhone}``, ``{de}``); ``{PD-1}``, ``{R}oy`` become plain text again,
    so a style's title case later reads ``Roy`` as one word."""
    def one(m: re.Match) -> str:
        words = re.split(r"[\s\W]+", re.sub(r"<[^>]+>", "", m.group(1)))
        return m.group(0) if any(w[:1].islower() for w in words) else m.group(1)

    return _NOCASE.sub(one, rich)
