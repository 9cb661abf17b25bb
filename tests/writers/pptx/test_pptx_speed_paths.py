"""The deck's speed paths give what the plain paths give: a shared plan, copied notes, remembered part names."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from pptx import Presentation

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md"
STYLES = ROOT / "styles"


def test_shared_plans_reuse_one_plan_only_inside_the_scope(long_doc):
    from medprint.writers.pptx.layout import plan_deck, shared_plans

    outside = plan_deck(*long_doc, styles=STYLES)
    assert plan_deck(*long_doc, styles=STYLES) is not outside  # no scope: planned afresh
    with shared_plans():
        first = plan_deck(*long_doc, styles=STYLES)
        assert plan_deck(*long_doc, styles=STYLES) is first
        assert first == outside
    assert plan_deck(*long_doc, styles=STYLES) is not first


def test_build_plans_the_deck_once(tmp_path, monkeypatch):
    from medprint import api
    from medprint.writers.pptx import layout

    calls = []
    plan = layout.Planner.plan
    monkeypatch.setattr(layout.Planner, "plan", lambda self: calls.append(1) or plan(self))
    shutil.copytree(SAMPLE.parent, tmp_path / "src")
    api.build_document(tmp_path / "src" / "index.md", tmp_path / "out", ("pptx",), styles=STYLES)
    assert len(calls) == 1  # the slide check's plan is the one written


def test_repeated_notes_and_notes_part_names_match_python_pptx(long_doc, long_pptx):
    from medprint.writers.pptx import plan_deck

    deck = plan_deck(*long_doc, styles=STYLES)
    texts = [s.notes for s in deck.slides if s.notes]
    assert len(texts) > len(set(texts))  # the fixture has continuation slides sharing notes
    prs = Presentation(io.BytesIO(long_pptx))
    names = []
    for plan, slide in zip(deck.slides, prs.slides):
        if plan.notes:
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text == plan.notes
            names.append(str(slide.notes_slide.part.partname))
        else:
            assert not slide.has_notes_slide
    assert names == [f"/ppt/notesSlides/notesSlide{i}.xml" for i in range(1, len(names) + 1)]


def test_package_members_are_what_python_pptx_saves(long_doc):
    import zipfile

    from medprint.writers.pptx import plan_deck
    from medprint.writers.pptx.render import package_members

    deck = plan_deck(*long_doc, styles=STYLES)
    prs = Presentation(deck.template.path)
    prs.slides.add_slide(prs.slide_layouts[0]).notes_slide.notes_text_frame.text = "a note"
    saved = io.BytesIO()
    prs.save(saved)
    with zipfile.ZipFile(saved) as z:
        expected = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    assert package_members(prs) == expected


def _old_wrap_count(metrics, runs, size, width, bold=False):
    """wrap_count as it was before words were remembered (the reference for the fast one)."""
    from medprint.writers.pptx.measure import _words

    space = metrics.run_width(" ", size, bold, False)
    lines, used = 1, 0.0
    for word in _words(runs, bold):
        w = sum(metrics.run_width(p.text, size, p.bold, p.italic, p.script) for p in word)
        if used == 0.0:
            if w > width:
                extra = int(w // width)
                lines += extra + 1
                used = w - extra * width
            else:
                used = w
        elif used + space + w <= width:
            used += space + w
        else:
            lines += 1
            if w > width:
                extra = int(w // width)
                lines += extra + 1
                used = w - extra * width
            else:
                used = w
    return lines


def test_remembered_words_wrap_as_before():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from medprint.model import Run
    from medprint.writers.pptx.measure import load_metrics, wrap_count

    metrics = load_metrics(str(STYLES / "fonts" / "liberation-sans"))
    run = st.builds(Run, st.text(st.sampled_from(list("ab Wil.\u00a0é—")), max_size=30), st.booleans(),
                    st.booleans(), st.booleans(), st.booleans(), st.booleans())

    @settings(max_examples=300, deadline=None)
    @given(st.lists(run, max_size=5).map(tuple), st.sampled_from([12, 14, 18, 20.5]),
           st.floats(20, 400), st.booleans())
    def check(runs, size, width, bold):
        for _ in range(2):  # the second call reads the remembered words
            assert wrap_count(metrics, runs, size, width, bold=bold) == _old_wrap_count(metrics, runs, size, width,
                                                                                        bold)

    check()
