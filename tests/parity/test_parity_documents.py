"""Whole documents against Pandoc 3: the same Markdown, read and cited by medprint, printed as Pandoc prints it.

Each ``docs/NAME.md`` is what a Pandoc or Quarto author writes (every citation form of Pandoc's
manual, every locator label, citations in notes, lists, tables and headings, ``nocite: @*``,
same author and year, numeric styles, German and French).  ``golden/NAME.json`` is Pandoc's own
output, written by ``scripts/parity/generate.py`` (never by hand).  medprint's side is the real
pipeline: ``medprint.api.read`` -> ``medprint.api.cite`` -> ``medprint.writers.html.render_html``,
reduced by the same code (``parity_support``) as Pandoc's HTML.

Differences that are not the Markdown reader's fault are listed below with their exact cause:
``CITEPROC_JS`` where Pandoc and citeproc-js are known to disagree and medprint follows citeproc-js
(tests/citations/test_golden_pandoc.py, DISAGREE); ``ENGINE``, ``REFERENCES`` and ``READER`` as strict xfails
(they start failing the moment the engine or the reference reader is fixed, so the list stays true);
``DELIBERATE`` where medprint chooses to differ.
"""

from __future__ import annotations

import functools
import re

import pytest

from parity_support import DOCS, doc_names, extract_medprint, load_golden

_RANGE = ("Pandoc prints a range in any numeric locator with an en dash (Books 2\u20133); medprint's engine "
          "turns the hyphen into an en dash only for page locators")
_PLURAL = ("medprint's engine decides the label's number differently: Pandoc reads 'xv-xvii' and 'A-3' as "
           "ranges (pp.) and '34(1)', '3:15', 'col. 3:4' as one place (p., Column)")
_NON_NUMERIC = ("Pandoc omits the page label and keeps no hyphen before a locator that is not a number "
                "('Appendix A', 'ii, A, D-Z'); medprint's engine prints 'p.' and the hyphen")
_TITLE_CASE = ("CSL applies text-case=\"title\" only in English; Pandoc (lang de-DE/fr-FR) prints "
               "'Understanding immunotherapy', medprint's engine title-cases it in every language")

ENGINE: dict[tuple[str, str, int], str] = {
    ("locators", "clusters", 74): _PLURAL,
    ("locators", "clusters", 92): _PLURAL + " (and " + _RANGE + ")",
    ("locators", "clusters", 93): _RANGE,
    ("locators", "clusters", 94): _PLURAL,
    ("locators", "clusters", 95): _PLURAL,
    ("locators", "clusters", 103): _NON_NUMERIC,
    ("manual-syntax", "clusters", 3): _NON_NUMERIC,
    ("manual-syntax", "clusters", 4): _PLURAL + "; " + _NON_NUMERIC,
    ("german", "clusters", 8): _TITLE_CASE,
    ("french", "clusters", 7): _TITLE_CASE,
    ("manual-syntax", "clusters", 30): "title case of a title standing for the author: Pandoc prints 'Where Next? "
                                       "The Microbiome After Immunotherapy', medprint's engine 'Where next? The "
                                       "Microbiome after Immunotherapy' ('next' is no stop word; APA 7 "
                                       "capitalises words of four letters or more, 'After')",
}

# Reader differences left as they are (each would need Pandoc's own inline parser, not a small fix).
READER = {
    ("placement", "blocks", 22): "quote pairing: Pandoc pairs the quote of 'Tis with the one after 'n "
                                 "(\u2018Tis \u2026 \u2019n\u2019); markdown-it's smartquotes reads 'Tis as an "
                                 "apostrophe and pairs 'n' (\u2019Tis \u2026 \u2018n\u2019)",
}

# Citation order with notes: citations in a footnote count where the note is called, as in Pandoc
# (medprint.model.iter_cites descends into a note at its first FootnoteRef); the vancouver document checks it.

# Reference-reader differences (none left: the BibTeX reader turns English titles into sentence case as
# Pandoc's does, readers/references/sentence_case.py).
REFERENCES: dict[tuple[str, str, int], str] = {}

# Pandoc and citeproc-js disagree (tests/citations/test_golden_pandoc.py, DISAGREE["cluster:66"]): citeproc-js
# groups several cites of one author after one name, also when a cite has a locator; medprint follows it.
# DISAGREE["cluster:62"]: citeproc-js sorts prefixed cites as the style says; Pandoc keeps the author's order.
CITEPROC_JS = {
    ("manual-syntax", "clusters", 16): "(Doe, 1999, 1999, p. 4)",
    ("manual-syntax", "clusters", 29): "(also Doe, 1999; see J. A. Smith &amp; Okafor, 2004)",
}

# medprint prints the document language's quotation marks (readers/md_smart.py QUOTES, commit 3079143);
# Pandoc's HTML writer prints English curly quotes whatever the lang.  Everything else must be equal.
DELIBERATE = {("german", "blocks", 3), ("french", "blocks", 3)}


@functools.lru_cache(maxsize=None)
def medprint_side(name: str) -> dict:
    from medprint import api
    from medprint.paths import styles_dir
    from medprint.report import collecting
    from medprint.writers.html import render_html

    with collecting():
        document = api.read(DOCS / f"{name}.md")
        document, citations = api.resolve(document)
        return extract_medprint(render_html(document, citations, styles=styles_dir())) | {
            "lang": document.meta.lang}


def _cases(part: str):
    for name in doc_names():
        golden = load_golden(name)
        parts = ("clusters", "note_clusters") if part == "clusters" else (part,)
        for sub in parts:
            for index, expected in enumerate(golden[sub]):
                key = (name, sub, index)
                marks = []
                if key in ENGINE:
                    marks.append(pytest.mark.xfail(strict=True, reason="engine: " + ENGINE[key]))
                if key in READER:
                    marks.append(pytest.mark.xfail(strict=True, reason="reader: " + READER[key]))
                if key in REFERENCES:
                    marks.append(pytest.mark.xfail(strict=True, reason="references: " + REFERENCES[key]))
                yield pytest.param(name, sub, index, expected, id=f"{name}-{sub}-{index}", marks=marks)


@pytest.mark.parametrize("name", doc_names())
def test_same_pieces_in_the_same_order(name):
    golden, mine = load_golden(name), medprint_side(name)
    for part in ("clusters", "note_clusters", "blocks", "notes", "entries"):
        assert len(mine[part]) == len(golden[part]), part
    assert [c["cites"] for c in mine["clusters"] + mine["note_clusters"]] == \
        [c["cites"] for c in golden["clusters"] + golden["note_clusters"]]


@pytest.mark.parametrize("name", [
    pytest.param(n) for n in doc_names()])
def test_reference_list_order(name):
    assert [e["key"] for e in medprint_side(name)["entries"]] == [e["key"] for e in load_golden(name)["entries"]]


@pytest.mark.parametrize("name,part,index,pandoc", list(_cases("clusters")))
def test_citation_cluster(name, part, index, pandoc):
    mine = medprint_side(name)[part][index]
    assert mine["cites"] == pandoc["cites"]
    known = CITEPROC_JS.get((name, part, index))
    if known:
        assert pandoc["html"] != known, "Pandoc now agrees with citeproc-js: remove the case from CITEPROC_JS"
        assert mine["html"] == known
    else:
        assert mine["html"] == pandoc["html"]


@pytest.mark.parametrize("name,part,index,pandoc", list(_cases("entries")))
def test_reference_entry(name, part, index, pandoc):
    mine = medprint_side(name)["entries"][index]
    assert (mine["key"], mine["html"]) == (pandoc["key"], pandoc["html"])


def _english_quotes(text: str, lang: str) -> str:
    from medprint.readers.md_smart import quotes_for

    table = dict(zip(quotes_for(lang), "\u201c\u201d\u2018\u2019"))  # all at once: German \u201c closes
    return re.sub("|".join(map(re.escape, sorted(table, key=len, reverse=True))), lambda m: table[m.group(0)], text)


@pytest.mark.parametrize("name,part,index,pandoc", list(_cases("blocks")) + list(_cases("notes")))
def test_body_text(name, part, index, pandoc):
    """Pandoc's smart punctuation, sub/superscript, small caps and emphasis; citations compared above."""
    side = medprint_side(name)
    mine = side[part][index]
    if (name, part, index) in DELIBERATE:
        assert mine != pandoc, "the language's quotes are no longer printed: remove the case from DELIBERATE"
        mine = _english_quotes(mine, side["lang"])
    assert mine == pandoc
