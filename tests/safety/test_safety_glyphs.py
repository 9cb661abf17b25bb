"""medprint.safety.glyphs: characters without a glyph are named, never silently boxed."""

from __future__ import annotations

from medprint.model import Document, Location, Meta, Paragraph, Text
from medprint.report import collecting
from medprint.safety.glyphs import (coverage, glyph_diagnostics, handout_fonts, missing_glyphs, needs_glyph,
                                    warn_missing_glyphs)


def doc(*paragraphs: str) -> Document:
    blocks = tuple(Paragraph((Text(t),), Location("index.md", 5 + 2 * i, 1)) for i, t in enumerate(paragraphs))
    return Document(Meta(title="Glyphs"), blocks, "index.md", "index")


def test_latin_text_has_every_glyph():
    assert glyph_diagnostics(doc("Café, naïve, 37 °C, 5 µg/kg – “quotes” — ½")) == []


def test_missing_characters_are_named_with_code_points_and_first_place():
    found = glyph_diagnostics(doc("Plain.", "Hebrew שלום and CJK 漢字"), outputs=("pdf",))
    assert [d.code for d in found] == ["text.missing-glyphs"]
    message = found[0].message
    assert "U+05E9" in message and "'漢'" in message and "U+6F22" in message
    assert found[0].location == Location("index.md", 7, 1) and found[0].severity == "warning"


def test_deck_font_is_checked_separately():
    hebrew = doc("Hebrew שלום")  # Liberation Sans (the deck) has Hebrew; Source Serif Pro (the handout) has not
    assert [("deck" in d.message) for d in glyph_diagnostics(hebrew)] == [False]
    found = glyph_diagnostics(doc("CJK 漢字"), outputs=("pptx",))
    assert len(found) == 1 and "deck font" in found[0].message
    assert glyph_diagnostics(hebrew, outputs=()) == []


def test_invisible_characters_need_no_glyph():
    for char in (" ", "\u200d", "\u200f", "\ufe0f", "\u00ad"):
        assert not needs_glyph(char), repr(char)
    assert missing_glyphs("a\u200db", coverage(handout_fonts())) == []


def test_warnings_reach_the_build_report():
    with collecting() as sink:
        warn_missing_glyphs(doc("Emoji 😀"))
    assert [d.code for d in sink] == ["text.missing-glyphs", "text.missing-glyphs"]


def test_lazy_coverage_answers_as_the_union_and_reads_fonts_only_as_needed():
    from medprint.safety.glyphs import LazyCoverage, _cmap

    fonts = handout_fonts()
    union = coverage(fonts)
    lazy = LazyCoverage(fonts)
    assert ord("a") in lazy and len(lazy._unread) == len(fonts) - 1  # the first font has it
    for code in (0x41, 0xE9, 0x2013, 0x1F600, 0x4E2D, 0x0627, 0x03B1):
        assert (code in LazyCoverage(fonts)) == (code in union), hex(code)
    assert 0x10FFFD not in lazy and not lazy._unread  # a character none has: every map was read
    assert _cmap.cache_info().currsize >= len(fonts)
