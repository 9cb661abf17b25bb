"""Font metrics and wrapping: the numbers the whole slide plan rests on."""

from __future__ import annotations

from pathlib import Path

from medprint.model import Run
from medprint.writers.pptx import measure

FONTS = Path(__file__).resolve().parents[3] / "styles" / "fonts" / "liberation-sans"


def metrics():
    return measure.load_metrics(str(FONTS))


def test_font_files_and_licence_are_shipped():
    for name in measure.FONT_FILES.values():
        assert (FONTS / name).stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE" in (FONTS / "LICENSE.txt").read_text()


def test_widths_are_arial_metrics():
    m = metrics()
    # Arial/Liberation Sans advance widths (units per em 2048): 'M' 1706, space 569, 'i' 455
    assert abs(m.run_width("M", 2048, False, False) - 1706) < 0.01
    assert abs(m.run_width(" ", 2048, False, False) - 569) < 0.01
    assert abs(m.run_width("i", 2048, False, False) - 455) < 0.01
    assert m.run_width("Microbiome", 24, True, False) > m.run_width("Microbiome", 24, False, False)
    assert m.run_width("x", 24, False, False, script=True) < m.run_width("x", 24, False, False)


def test_wrap_count_counts_greedy_lines():
    m = metrics()
    word = Run("word")
    one = m.run_width("word", 20, False, False)
    space = m.run_width(" ", 20, False, False)
    runs = (Run("word word word word"),)
    assert measure.wrap_count(m, runs, 20, 4 * one + 3 * space + 0.1) == 1
    assert measure.wrap_count(m, runs, 20, 2 * one + space + 0.1) == 2
    assert measure.wrap_count(m, runs, 20, one + 0.1) == 4
    assert measure.wrap_count(m, (word,), 20, one / 3) >= 4  # broken by character, with a spare line


def test_styles_change_the_measure():
    m = metrics()
    plain = (Run("Journal of Clinical Oncology"),)
    bold = (Run("Journal of Clinical Oncology", bold=True),)
    assert measure.text_width(m, bold, 14) > measure.text_width(m, plain, 14)
    assert measure.text_width(m, plain, 14, bold=True) == measure.text_width(m, bold, 14)
    widest = max(m.run_width(w, 14, False, False) for w in ("Journal", "Clinical", "Oncology"))
    assert measure.longest_word(m, plain, 14) == widest


def test_line_height_is_exact_pitch():
    assert measure.line_height(20) == 24.0
    assert measure.line_height(14) == 16.8
