"""Sentence case of English BibTeX titles, word by word as citeproc's withSentenceCase (Pandoc) does it.

Each expected value is what Pandoc 3.9 prints for the same title in a .bib file (checked with
``pandoc -f biblatex -t csljson``); whole-file comparisons are in test_readers_pandoc.py.
"""

from __future__ import annotations

import pytest

from medprint.readers.references.bibtex import parse_bibtex
from medprint.readers.references.sentence_case import sentence_case, unprotect

NOCASE = '<span class="nocase">'


def title(raw: str, extra: str = "") -> str:
    return parse_bibtex(f"@article{{k, title = {{{raw}}}{extra}}}\n", "x.bib")[0].data["title"]


@pytest.mark.parametrize("raw, expected", [
    ("The Gut Microbiome Shapes Response to {PD-1} Blockade in {Melanoma} Patients",
     "The gut microbiome shapes response to PD-1 blockade in Melanoma patients"),
    ("Checkpoint Inhibitors: A Review of {iPhone}-Based DNA Tracking",  # after ': ' a new sentence
     f"Checkpoint inhibitors: A review of {NOCASE}iPhone</span>-based DNA tracking"),
    ("Mixed-Case Words: mRNA, COVID19, B12 and IL-2 Stay", "Mixed-case words: mRNA, COVID19, B12 and IL-2 stay"),
    ("The Mathematical Papers, Vol II: Dynamics", "The mathematical papers, vol II: dynamics"),  # last word
    ("The Art of Programming (3rd. ed.)", "The art of programming (3rd. ed.)"),
    ("A (B)", "A (b)"),  # a capital letter alone is a capitalised word
    ("Proc. of {Conf}", "Proc. Of Conf"),  # '. ' starts a sentence, even after an abbreviation
    ("\\emph{In Vivo} Models and {\\em In Vitro} Ones", "<i>In vivo</i> models and <i>In Vitro</i> ones"),
    ("{\\\"U}ber Alles and \\\"{U}ber Nichts", "Über alles and über nichts"),
    ("{The Whole Title Protected}", "The Whole Title Protected"),
    ("Lessons from {de} {Gruyter}'s Archive", f"Lessons from {NOCASE}de</span> Gruyter’s archive"),
])
def test_english_titles(raw, expected):
    assert title(raw) == expected


def test_subtitle_and_addon_are_sentences_of_their_own():
    extra = ", subtitle = {The Next Step}, titleaddon = {With Notes}"
    assert title("Main Title", extra) == "Main title: The next step. With notes"
    assert title("Main Title?", extra) == "Main title? The next step. With notes"


@pytest.mark.parametrize("lang", ["langid = {french}", "langid = {ngerman}", "hyphenation = {spanish}"])
def test_other_languages_keep_their_case(lang):
    assert title("Les Inhibiteurs de Point de Contrôle", ", " + lang) == "Les Inhibiteurs de Point de Contrôle"


@pytest.mark.parametrize("lang", ["langid = {english}", "langid = {american}", "langid = {british}",
                                  "hyphenation = {english}", "langid = {english}, langidopts = {variant=uk}"])
def test_english_langids_are_sentence_cased(lang):
    assert title("A Study Of Things", ", " + lang) == "A study of things"


def test_journal_titles_keep_their_case_but_lose_marks_without_lowercase_words():
    data = parse_bibtex("@article{k, title={T}, journal={P {R}oy {S}oc {iOS} Journal}}", "x.bib")[0].data
    assert data["container-title"] == f"P Roy Soc {NOCASE}iOS</span> Journal"


def test_book_titles_of_chapters_are_sentence_cased():
    data = parse_bibtex("@incollection{k, title={A Chapter}, booktitle={The Big Handbook: Methods}}", "x.bib")[0]
    assert data.data["container-title"] == "The big handbook: methods"  # the last word


def test_series_keys_and_ordinals():
    def series(value: str) -> str:
        return parse_bibtex(f"@book{{k, title={{T}}, series={value}}}", "x.bib")[0].data["collection-title"]

    assert (series("3"), series("{newseries}"), series("{Lecture Notes in {Computer} Science}")) == (
        "3rd series", "New series", "Lecture notes in Computer science")


def test_small_caps_superscript_and_nocase_text_keep_their_case():
    rich = ('Title <span style="font-variant:small-caps;">Mixed Caps</span> with X<sup>Ab</sup> and '
            f"{NOCASE}Kept</span> Words")
    assert sentence_case(rich) == ('Title <span style="font-variant:small-caps;">Mixed Caps</span> with '
                                   f"x<sup>Ab</sup> and {NOCASE}Kept</span> words")
    assert unprotect(f"{NOCASE}Kept</span> and {NOCASE}de Gruyter</span>") == f"Kept and {NOCASE}de Gruyter</span>"
