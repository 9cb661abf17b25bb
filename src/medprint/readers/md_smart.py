"""Pandoc's ``smart`` extension: dashes, ellipses, abbreviations (quotes come from markdown-it's smartquotes).

``---`` becomes an em dash, ``--`` an en dash and ``...`` an ellipsis in running text, never in code.
markdown-it's own ``replacements`` rule is not used because it also turns ``(c)`` into © and ``+-``
into ±, which Pandoc does not do and which would corrupt clinical text.
After an abbreviation Pandoc knows (``Dr.``, ``e.g.``, ``p.``, ``fig.``; its ``abbreviations`` data file) the
space becomes a no-break space, so "Dr. Smith" never breaks across lines, unless a citation or a note follows.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_DASHES = re.compile(r"---|--|\.\.\.")
_MAP = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}

# Pandoc 3's default abbreviations (``pandoc --print-default-data-file abbreviations``), case-sensitive.
ABBREVIATIONS = frozenset("""
aet. aetat. al. Apr. Aug. bk. Bros. c. Capt. cf. ch. chap. chs. Co. col. Corp. cp. d. Dec. Dr. e.g. ed. eds.
esp. f. fasc. Feb. ff. fig. fl. fol. fols. Fr. Gen. Gov. Hon. i.e. ill. Inc. incl. Jan. Jr. Jul. Jun. Ltd. M.A.
M.D. Mar. Mr. Mrs. Ms. n. n.b. nn. No. Nov. Oct. p. Ph.D. pp. Pres. Prof. pt. q.v. Rep. Rev. s.v. s.vv. saec.
sec. Sen. Sep. Sept. Sgt. Sr. St. univ. viz. vol. vs.
""".split())
# A Pandoc "word": letters, digits and single dots; an abbreviation is a whole word followed by spaces.
_WORD_SPACE = re.compile(r"(?<![\w.])((?:\w|\.(?!\.))+)( +)(?=(\S)?)")

# Quote characters per language, as markdown-it's ``quotes`` option wants them: “”‘’.
QUOTES = {
    "en": "\u201c\u201d\u2018\u2019",
    "de": "\u201e\u201c\u201a\u2018",
    "fr": "\u00ab\u00a0\u00a0\u00bb\u2039\u00a0\u00a0\u203a",
    "es": "\u00ab\u00bb\u201c\u201d",
    "it": "\u00ab\u00bb\u201c\u201d",
    "nl": "\u201c\u201d\u2018\u2019",
    "sv": "\u201d\u201d\u2019\u2019",
    "da": "\u00bb\u00ab\u203a\u2039",
    "pl": "\u201e\u201d\u201a\u2019",
}


def quotes_for(lang: str) -> str | list[str]:
    quotes = QUOTES.get(lang.split("-")[0].lower(), QUOTES["en"])
    if len(quotes) == 4:
        return quotes
    # French: guillemets with a no-break space inside
    return ["\u00ab\u00a0", "\u00a0\u00bb", "\u2039\u00a0", "\u00a0\u203a"]


def dashes(text: str) -> str:
    """``---`` -> em dash, ``--`` -> en dash, ``...`` -> ellipsis."""
    return _DASHES.sub(lambda m: _MAP[m.group(0)], text)


def no_break_after_abbreviations(text: str, next_type: str = "") -> str:
    """``Dr. Smith`` -> ``Dr.\u00a0Smith``; at the end of ``text`` only if the next token is not a cite or a note."""

    def fix(m: re.Match) -> str:
        if m.group(1) not in ABBREVIATIONS:
            return m.group(0)
        if m.end() == len(text) and next_type in ("citation", "footnote_ref", ""):
            return m.group(0)
        return m.group(1) + "\u00a0"

    return _WORD_SPACE.sub(fix, text) if "." in text else text


def smart_punctuation(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_link = 0
        children = block.children
        for index, tok in enumerate(children):
            if tok.type == "link_open" and tok.info == "auto":
                in_link += 1
            elif tok.type == "link_close" and in_link:
                in_link -= 1
            elif tok.type == "text" and not in_link:
                if "--" in tok.content or "..." in tok.content:
                    tok.content = dashes(tok.content)
                following = children[index + 1].type if index + 1 < len(children) else ""
                tok.content = no_break_after_abbreviations(tok.content, following)
                if "'" in tok.content or '"' in tok.content:
                    before = children[index - 1].content[-1:] if index and children[index - 1].content else " "
                    quotes = state.md.options.get("quotes") or "\u201c\u201d"
                    tok.content = unpaired_quotes(tok.content, quotes, before)


def unpaired_quotes(text: str, quotes, before: str = " ") -> str:
    """Quotes smartquotes could not pair, as Pandoc prints them: ``'90s`` -> ``’90s``; a lone ``"`` opens or closes.

    Pandoc reads every straight single quote it cannot pair as an apostrophe, and a double quote as an
    opening quote after a space and before a word, else as a closing one.  ``before`` is the character
    just before ``text`` (from the previous token).
    """
    text = text.replace("'", "\u2019")
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else before
            opens = prev.isspace() and i + 1 < len(text) and not text[i + 1].isspace()
            ch = quotes[0] if opens else quotes[1]
        out.append(ch)
    return "".join(out)


def escaped_space(state, silent: bool) -> bool:
    """Pandoc's ``all_symbols_escapable``: a backslash before a space is a no-break space (``p.\\ 3``)."""
    if state.src.startswith("\\ ", state.pos):
        if not silent:
            state.push("text", "", 0).content = "\u00a0"
        state.pos += 2
        return True
    return False


def smart_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("medprint_smart", smart_punctuation)
    md.inline.ruler.before("escape", "medprint_escaped_space", escaped_space)
