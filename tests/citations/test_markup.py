"""Engine output → runs, and runs → the canonical HTML the golden tests compare."""

from __future__ import annotations

from medprint.citations.data import rich_text, smart_quotes
from medprint.citations.markup import runs_to_html, strip_marks, to_runs, wrap
from medprint.model import Run


def test_marks_become_runs_and_merge():
    text = "A " + wrap("i", "B" + wrap("i", "C") + "D") + wrap("sc", "e") + wrap("sup", "1")
    runs = to_runs(text)
    assert runs == (Run("A "), Run("B", italic=True), Run("C"), Run("D", italic=True), Run("e", small_caps=True),
                    Run("1", superscript=True))
    assert strip_marks(text) == "A BCDe1"


def test_urls_are_linked_without_trailing_punctuation():
    runs = to_runs("See https://doi.org/10.1/x. Done")
    assert runs[1] == Run("https://doi.org/10.1/x", url="https://doi.org/10.1/x")
    assert runs[2].text == ". Done"


def test_html_form_is_escaped_and_canonical():
    runs = (Run("a < b & "), Run("c", italic=True), Run("d", italic=True), Run("x", bold=True, subscript=True))
    assert runs_to_html(runs) == "a &lt; b &amp; <i>cd</i><b><sub>x</sub></b>"


def test_smart_quotes():
    assert smart_quotes('"Good" and \'bad\' patients\' O\'Connor') == (
        "\u201cGood\u201d and \u2018bad\u2019 patients\u2019 O\u2019Connor")


def test_rich_text_unclosed_tags_stay_text_and_do_not_leak():
    # citeproc-js and Pandoc print a tag that is never closed (or never opened) as typed
    s = rich_text("<i>open title")
    assert strip_marks(str(s)) == "<i>open title"
    assert to_runs(str(s)) == (Run("<i>open title"),)
    s = rich_text("a <b>bold <i>x</b> y")
    assert to_runs(str(s)) == (Run("a "), Run("bold <i>x", bold=True), Run(" y"))
