"""The glyph check judges each distinct character once; it must name what the per-character walk names."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medprint.model import Location
from medprint.safety.glyphs import _first_missing, coverage, handout_fonts, missing_glyphs

COVERED = coverage(handout_fonts())
CHARS = st.sampled_from(list("abc é–\u200d 😀🙂Ωω\u0378\u4e00\u4e01x"))


def _walk(pieces, covered):
    missing = {}
    for text, where in pieces:
        for char in missing_glyphs(text, covered):
            missing.setdefault(char, where)
    return missing


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(CHARS, max_size=12), max_size=8))
def test_first_missing_matches_the_walk(texts):
    pieces = [(text, Location("x.md", i + 1, 1)) for i, text in enumerate(texts)]
    fast = _first_missing(pieces, COVERED)
    slow = _walk(pieces, COVERED)
    assert list(fast.items()) == list(slow.items())  # same characters, same order, same places


def test_first_missing_names_emoji_at_its_first_place():
    pieces = [("plain", Location("x.md", 1, 1)), ("a 😀 b", Location("x.md", 2, 1)), ("😀", Location("x.md", 3, 1))]
    assert _first_missing(pieces, COVERED) == {"😀": Location("x.md", 2, 1)}
