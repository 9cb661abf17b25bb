"""Given names as initials, the way citeproc-js writes them (CSL ``initialize-with``).

citeproc-py split "Seo-yeon" into an initial and a stray lowercase word ("S.-. yeon .") and lost
initials already written in the data.  This follows citeproc-js's ``initializeWith`` (the CSL test
suite's name_Initials* fixtures pin it down):

- a word becomes its first capital plus the terminator: "John Paul" -> "J. P.", and a run of capitals
  is one name: "JP" -> "J.";
- a word already written as an abbreviation keeps its letters: "Ph.", "Ts.", "ME." stay;
- a hyphen stays between initials ("Jean-Pierre", "J.-P." -> "J.-P.") unless the style says
  ``initialize-with-hyphen="false"``; a lowercase part after a hyphen belongs to the word before it
  ("Seo-yeon", "Jean-marc" -> "S.", "J."), while "Seo-Yeon" -> "S.-Y.";
- lowercase words are kept whole ("Jean de" -> "J. de");
- ``initialize="false"`` only punctuates what is already an initial ("John M.E." -> "John M. E.");
  name suffixes are normalised the same way ("Jr." -> "Jr" where the terminator has no period).
"""

from __future__ import annotations

import re

_ROMANESQUE = ("a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
               "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e")
_STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE}]")
_HAS_ROMANESQUE = re.compile(f"[-0-9{_ROMANESQUE}]")
_NAME_INITIAL = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372\u0376\u0386"
    "\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff])"
    "([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*")
_SEPARATOR = re.compile(r"[-\s]+")
_TRAILING = re.compile("[\t\n\x0b\x0c\r \ufeff\u00a0]+$")


def _tidy(text: str) -> str:
    text = _TRAILING.sub("", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub("[\t\n\x0b\x0c\r ]+", " ", text)


def _split(name: str) -> list[str]:
    """Words and the separators between them: [word, sep, word, sep, word]."""
    out: list[str] = []
    pos = 0
    for m in _SEPARATOR.finditer(name):
        out.append(name[pos:m.start()])
        out.append(m.group(0))
        pos = m.end()
    out.append(name[pos:])
    return out


def initialize_given(name: str, terminator: str, *, keep_hyphen: bool = True, initialize: bool = True) -> str:
    """``name`` (a given name or a suffix) as initials ended by ``terminator`` (``initialize-with``)."""
    name = str(name)
    if not name:
        return ""
    terminator = terminator or ""
    if name in ("Lord", "Lady") or (not _STARTS_ROMANESQUE.match(name) and "%s" not in terminator):
        return name
    if not keep_hyphen:
        name = name.replace("-", " ")
    name = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", name))
    name = re.sub(r"-([a-z])", "\u2013\\1", name)
    # "M.E" -> "M. E": a period inside a word ends an abbreviation
    name = re.sub(r"\.(?=[^ ])(?=.)", ". ", name)
    parts = _split(name)
    if len(parts) == 1:
        tail = re.search(r"[^.]+$", parts[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            parts[0] += "."
    text = _normalize(parts, terminator) if not initialize else _initialize(parts, terminator)
    return re.sub("\u2013([a-z])", "-\\1", text)


def _normalize(parts: list[str], terminator: str) -> str:
    abbrev = []
    for i, part in enumerate(parts):
        if len(part) > 1 and part.endswith("."):
            parts[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", part)
            abbrev.append(True)
        elif len(part) == 1 and part.upper() == part:
            abbrev.append(True)
        else:
            abbrev.append(False)
    n = len(parts)
    for i in range(0, n, 2):
        if not abbrev[i]:
            continue
        if i < n - 2:
            # the separator stays (a space more before a full word); before a one-letter initial
            # the terminator replaces it ("J.-P." -> "J. P." with ". ")
            if not abbrev[i + 2]:
                parts[i + 1] += " "
            parts[i + 1] = (terminator.rstrip("\ufeff") + parts[i + 1]) if len(parts[i + 2]) > 1 else terminator
        if i == n - 1:
            parts[i] += terminator
    return _tidy("".join(parts))


def _initialize(parts: list[str], terminator: str) -> str:
    n = len(parts)
    for i in range(0, n, 2):
        word = parts[i]
        if not word:
            continue
        m = _NAME_INITIAL.match(word)
        groups = list(m.groups()) if m else None
        if groups is None and not _STARTS_ROMANESQUE.match(word) and len(word) > 1 and "%s" in terminator:
            groups = [word[0], word[1:], None]
        if groups and groups[1] and groups[2]:  # "Ph." stays "Ph"
            groups[0], groups[1] = groups[0] + groups[1], ""
        if groups and groups[0][:1] == groups[0][:1].upper():
            extra = ""
            rest = groups[1] or ""
            if rest:
                capitals = ""
                for ch in rest:
                    if ch != ch.upper():
                        break
                    capitals += ch
                if len(capitals) < len(rest):
                    extra = capitals.lower()
            parts[i] = groups[0] + extra
            if "%s" in terminator:
                parts[i] = terminator.replace("%s", parts[i])
            elif i < n - 1:
                parts[i + 1] = terminator + "-" if "-" in parts[i + 1] else terminator
            else:
                parts.append(terminator)
        elif _HAS_ROMANESQUE.search(word) and (not groups or not groups[2]):
            parts[i] = " " + word
    return _tidy("".join(parts))
