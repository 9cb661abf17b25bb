"""Fixes 3, 5, 8: quotes, capitalisation and text case as citeproc-js does them.

- the closing quote a style makes is marked so punctuation-in-quote can move "," and "." inside;
- capitalize-first skips formatting marks and empty pieces (rich-text titles, "eds." → "Eds.");
- text-case also applies where citeproc-py passes no language (labels), and title case uses
  citeproc-js's stop words, capitalises hyphenated parts and the last word, and leaves words
  that already have capitals alone."""

from __future__ import annotations

import re

from citeproc.model import TextCased
from citeproc.string import MixedString, NoCase, String

from ..data import Mark
from ..markup import MARKS
from ._orig import _ORIG


def quoted_quote(self, string):
    """Mark the quotation; typography.finish prints the locale's quotes by depth and moves punctuation in."""
    if self.get("quotes", "false").lower() == "true":
        string = Mark(MARKS["q"][0]) + string + Mark(MARKS["q"][1])
    return string


def mixed_capitalize_first(self):
    """Capitalise the first letter of the first piece that has one; marks and NoCase pieces stop nothing."""
    out = list(self)
    for i, piece in enumerate(out):
        if isinstance(piece, NoCase):
            if str(piece) and type(piece) is NoCase:  # a real nocase word: leave it and stop
                break
            continue
        if str(piece):
            out[i] = piece.capitalize_first()
            break
    return MixedString(out)


def string_capitalize_first(self):
    """citeproc-js leaves a first word with capitals inside alone ("medRxiv", "iPhone")."""
    if not self:
        return self
    first_word = self.split(None, 1)[0] if self.strip() else ""
    if any(c.isupper() for c in first_word[1:]):
        return self
    return self.__class__(self[0].upper() + self[1:])


# citeproc-js's words that stay lowercase in title case (CSL.SKIP_WORDS, its one-word entries).
STOP_WORDS = frozenset("""about above across afore after against al along alongside amid amidst among amongst anenst
apropos apud around as aside astride at athwart atop barring before behind below beneath beside besides between beyond
but by circa despite down during et except for forenenst from given in inside into lest like modulo near next
notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout thruout till to
toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within without or yet so
and nor a an the de d' von van c ca""".split())


_WORD_RE = re.compile(r"([^\s\-\u2010\u2013\u2014/]+)")


def _title_word(word: str, first: bool, compound: bool = False) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters or any(c.isupper() for c in letters):
        return word  # has capitals already (acronyms, McQuade, iPhone): leave it
    bare = word.lower().strip(".,;:!?()[]\u201c\u201d\u2018\u2019\"'")
    if not first and not compound and bare in STOP_WORDS:
        return word
    if not first and len(bare) == 1:
        return word  # citeproc-js leaves one-letter words alone ("when p < .05")
    for i, c in enumerate(word):
        if c.isdigit():
            return word  # "11th", "3D": a word that starts with a number is not capitalised (citeproc-js)
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1:]
    return word


def _title_case(text):
    pieces = list(text) if isinstance(text, MixedString) else [text]
    # the last word of the title is capitalised, unless it is protected (nocase) text
    texts = [p for p in pieces if str(p).strip() and type(p) is not Mark]
    last_piece = texts[-1] if texts and not isinstance(texts[-1], NoCase) else None
    out = []
    first = True
    after_colon = False
    for piece in pieces:
        if isinstance(piece, NoCase) or not str(piece):
            out.append(piece)
            if str(piece).strip() and type(piece) is NoCase:
                first = after_colon = False
            continue
        s = str(piece)
        result = []
        pos = 0
        matches = list(_WORD_RE.finditer(s))
        for n, m in enumerate(matches):
            result.append(s[pos:m.start()])
            word = m.group(1)
            # first and last words are capitalised; a last part after a hyphen is no word ("07-x")
            last = (piece is last_piece and n == len(matches) - 1
                    and (m.start() == 0 or s[m.start() - 1].isspace()))
            # a stop word opening a hyphenated compound is capitalised ("Pro-Environmental", but
            # "Out-of-Fashion"; citeproc-js)
            compound = s[m.end():m.end() + 1] == "-" and (m.start() == 0 or s[m.start() - 1].isspace())
            result.append(_title_word(word, first or after_colon or last, compound))
            first = False
            after_colon = word.endswith((":", "?", "!"))
            pos = m.end()
        result.append(s[pos:])
        out.append(type(piece)("".join(result)))
    return MixedString(out) if isinstance(text, MixedString) else out[0]


def textcased_case(self, text, language=None):
    text_case = self.get("text-case")
    if text_case is None or text is None:
        return text
    if language is None:
        language = "en"
    if text_case == "title":
        if language != "en":
            return text
        if not isinstance(text, (String, MixedString)):
            text = String(str(text))
        return _title_case(text)
    if not isinstance(text, (String, MixedString)):
        text = String(str(text))
    if text_case == "capitalize-all":
        # each word's first letter, spaces kept as they are (citeproc-py re-joined the pieces with spaces)
        pieces = list(text) if isinstance(text, MixedString) else [text]
        out = [p if isinstance(p, NoCase) else type(p)(_CAP_WORD_RE.sub(_cap_word, str(p))) for p in pieces]
        return MixedString(out) if isinstance(text, MixedString) else out[0]
    if isinstance(text, MixedString) and text_case in ("lowercase", "uppercase"):
        # nocase text keeps its case in every text-case (citeproc-js)
        change = _lower if text_case == "lowercase" else _upper
        return MixedString([p if isinstance(p, NoCase) else type(p)(change(str(p), language)) for p in text])
    if text_case in ("lowercase", "uppercase") and str(language)[:2] in ("tr", "az"):
        change = _lower if text_case == "lowercase" else _upper
        return type(text)(change(str(text), language))
    return _ORIG[(TextCased, "case")](self, text, language)


_CAP_WORD_RE = re.compile(r"[^\s\-\u2013\u2014/]+")


def _cap_word(m) -> str:
    """capitalize-all: a word's first letter, unless the word has capitals inside ("iPhones"; citeproc-js)."""
    word = m.group(0)
    if any(c.isupper() for c in word[1:]):
        return word
    return word[:1].upper() + word[1:]


def _upper(text: str, language) -> str:
    """Upper case; Turkish and Azerbaijani dot the capital i (İ)."""
    if str(language)[:2] in ("tr", "az"):
        text = text.replace("i", "\u0130")
    return text.upper()


def _lower(text: str, language) -> str:
    if str(language)[:2] in ("tr", "az"):
        text = text.replace("I", "\u0131").replace("\u0130", "i")
    return text.lower()
