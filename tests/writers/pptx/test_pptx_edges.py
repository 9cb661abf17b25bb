"""Edge cases of the deck: odd documents still give slides that fit, or a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from medprint import api
from medprint.errors import SourceError
from medprint.model import (
    BibEntry, BulletList, Document, Heading, ListItem, Meta, Paragraph, RenderedCitations, Run, Text, runs_text,
)
from medprint.writers.pptx import plan_deck
from medprint.writers.pptx.layout import INSET_Y, PT, TextBox

STYLES = Path(__file__).resolve().parents[3] / "styles"


def _doc(blocks, tmp_path: Path, **meta) -> Document:
    return Document(Meta(title=meta.pop("title", "A title"), **meta), tuple(blocks), str(tmp_path / "x.md"), "x")


def _h(text):
    return Heading(1, (Text(text),))


def _p(text):
    return Paragraph((Text(text),))


def _fits(box: TextBox) -> bool:
    height = sum(p.height for p in box.paras) - box.paras[0].space_before + 2 * INSET_Y
    return height <= box.rect[3] / PT + 0.01


def test_no_references_and_no_publishing_metadata_means_no_such_slides(tmp_path):
    deck = plan_deck(_doc([_h("Only"), _p("Text.")], tmp_path), RenderedCitations({}), styles=STYLES)
    assert [s.kind for s in deck.slides] == ["cover", "content"]


def test_empty_section_still_gets_its_title_slide(tmp_path):
    deck = plan_deck(_doc([_h("Empty"), _h("Full"), _p("Words.")], tmp_path), RenderedCitations({}), styles=STYLES)
    assert [s.title for s in deck.slides] == ["A title", "Empty", "Full"]


def test_very_long_title_grows_its_box_and_pushes_the_body_down(tmp_path):
    long_title = "A very long section title that keeps going " * 6
    deck = plan_deck(_doc([_h(long_title), _p("Body text.")], tmp_path), RenderedCitations({}), styles=STYLES)
    slide = deck.slides[1]
    title, body = slide.shapes[0], slide.shapes[1]
    assert _fits(title) and title.paras[0].size == 24
    assert body.rect[1] >= title.rect[1] + title.rect[3]


def test_numeric_styles_show_their_labels(tmp_path):
    # the engine's labels are the style's own ("1." AMA and Vancouver, "[2]" IEEE): printed as they are
    entries = (BibEntry("a", (Run("First entry."),), "1."), BibEntry("b", (Run("Second entry."),), "[2]"))
    deck = plan_deck(_doc([_h("S"), _p("x")], tmp_path), RenderedCitations({}, entries, numeric=True),
                     styles=STYLES)
    refs = [p for s in deck.slides if s.kind == "references" for b in s.shapes if isinstance(b, TextBox)
            and b.role == "references" for p in b.paras]
    assert [runs_text(p.runs) for p in refs] == ["1. First entry.", "[2] Second entry."]


def test_missing_image_is_a_located_error(tmp_path):
    src = tmp_path / "index.md"
    src.write_text("---\ntitle: T\n---\n\n# S\n\n![A chart](missing.png)\n", encoding="utf-8")
    document = api.read(src)
    with pytest.raises(SourceError) as err:
        plan_deck(document, api.cite(document), styles=STYLES)
    assert err.value.code == "path.missing" and err.value.location.line == 7


def test_an_svg_that_cannot_be_drawn_is_a_clear_error(tmp_path):
    (tmp_path / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10"/>')
    src = tmp_path / "index.md"
    src.write_text("---\ntitle: T\n---\n\n# S\n\n![A chart](chart.svg)\n", encoding="utf-8")
    document = api.read(src)
    with pytest.raises(SourceError) as err:
        plan_deck(document, api.cite(document), styles=STYLES)
    assert err.value.code == "image.broken" and err.value.location.line == 7
    assert "chart.svg" in err.value.problems[0].message


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüß0123456789-,;()", min_size=1,
                max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(st.lists(words, min_size=1, max_size=120), min_size=1, max_size=6),
       items=st.lists(st.lists(words, min_size=1, max_size=40), max_size=14))
def test_any_text_is_planned_into_boxes_it_fits(tmp_path, paragraphs, items):
    blocks = [_h("Random")]
    blocks += [_p(" ".join(p) + ".") for p in paragraphs]
    if items:
        blocks.append(BulletList(tuple(ListItem((_p(" ".join(i)),)) for i in items)))
    deck = plan_deck(_doc(blocks, tmp_path), RenderedCitations({}), styles=STYLES)
    shown = 0
    for slide in deck.slides:
        for box in slide.shapes:
            if isinstance(box, TextBox):
                assert _fits(box), slide.title
                if box.role == "body":
                    assert all(p.size >= 18 for p in box.paras)
                    shown += len(box.paras)
    assert shown >= len(paragraphs) + len(items)


def test_explicit_slides_div_splits_on_headings_and_rules(tmp_path):
    src = tmp_path / "index.md"
    src.write_text("---\ntitle: T\n---\n\n# Section\n\nFull text for the notes.\n\n::: slides\n"
                   "## Part A\n\n- alpha\n\n## Part B\n\n- beta\n\n---\n\n- gamma\n:::\n", encoding="utf-8")
    document = api.read(src)
    deck = plan_deck(document, api.cite(document), styles=STYLES)
    assert [s.title for s in deck.slides] == ["T", "Part A", "Part B", "Section (cont.)"]
    bodies = [[runs_text(p.runs) for b in s.shapes if isinstance(b, TextBox) and b.role == "body" for p in b.paras]
              for s in deck.slides[1:]]
    assert bodies == [["alpha"], ["beta"], ["gamma"]]
    # hand-written slides have no link to the text: the section's text is in the first one's notes, once
    assert deck.slides[1].notes.startswith("Full text for the notes.")
    assert [s.notes for s in deck.slides[2:]] == ["", ""]


def test_slide_words_can_be_translated_through_options(tmp_path):
    entries = (BibEntry("a", (Run("Eintrag."),)),)
    meta = {"lang": "de-DE", "slides": (("references-title", "Literatur"), ("continued", "(Forts.)"),
                                        ("closing-title", "Über diese Präsentation"))}
    items = tuple(ListItem((_p(f"Punkt {n} mit etwas mehr Text, damit die Liste lang wird"),)) for n in range(30))
    deck = plan_deck(_doc([_h("Teil"), BulletList(items)], tmp_path, disclaimer="Kein Rat.", **meta),
                     RenderedCitations({}, entries), styles=STYLES)
    titles = [s.title for s in deck.slides]
    assert "Teil (Forts.)" in titles and "Literatur" in titles and titles[-1] == "Über diese Präsentation"
    assert deck.lang == "de-DE"


def test_a_paragraph_taller_than_a_slide_is_split_between_lines(tmp_path):
    from medprint.model import Div

    text = " ".join(f"word{n}" for n in range(600)) + "."
    blocks = [_h("Huge"), Div((_p(text),), ("slides",))]
    deck = plan_deck(_doc(blocks, tmp_path), RenderedCitations({}), styles=STYLES)
    bodies = [b for s in deck.slides for b in s.shapes if isinstance(b, TextBox) and b.role == "body"]
    assert len(bodies) >= 2 and all(_fits(b) for b in bodies)
    shown = " ".join(runs_text(p.runs) for b in bodies for p in b.paras)
    assert shown == text
