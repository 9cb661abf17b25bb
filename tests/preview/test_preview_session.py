"""Builds in the preview: errors keep the last good views and say where; nothing is written unless asked."""

from __future__ import annotations

import pypdfium2

from medprint.preview.session import Session


def test_views_come_from_one_build(sample_copy):
    session = Session(sample_copy)
    assert session.rebuild()
    assert b"The Influence of the Gut Microbiome" in session.views.web
    assert session.views.slides.count('class="slide-frame"') >= 6
    assert len(session.views.pages) >= 2 and all(p.startswith(b"\x89PNG") for p in session.views.pages)
    assert not (sample_copy.parent.parent.parent / "output").exists()


def test_a_broken_save_keeps_the_last_views_and_names_the_line(sample_copy):
    session = Session(sample_copy)
    assert session.rebuild()
    good = (session.views.web, session.views.slides, list(session.views.pages))
    text = sample_copy.read_text()
    sample_copy.write_text(text.replace("title:", "title: [unclosed", 1))
    assert not session.rebuild()
    error = session.state()["error"]
    # YAML notices the unclosed bracket on the next line, as `medprint build` reports it
    assert error["file"].endswith("index.md") and error["line"] == 3 and error["message"]
    assert (session.views.web, session.views.slides, session.views.pages) == good
    sample_copy.write_text(text)
    assert session.rebuild() and session.state()["error"] is None


def test_an_unknown_citation_is_reported_like_build(sample_copy):
    session = Session(sample_copy)
    sample_copy.write_text(sample_copy.read_text().replace("[@mcquade2020]", "[@mcquade2021]"))
    assert not session.rebuild()
    assert "no reference with key 'mcquade2021'" in session.state()["error"]["message"]


def test_write_puts_the_outputs_in_the_folder(sample_copy, tmp_path):
    session = Session(sample_copy, write_to=tmp_path / "out")
    assert session.rebuild()
    pdf = (tmp_path / "out" / "gut-microbiome-immunotherapy.pdf").read_bytes()
    assert len(pypdfium2.PdfDocument(pdf)) == len(session.views.pages)
    assert (tmp_path / "out" / "gut-microbiome-immunotherapy.pptx").is_file()
