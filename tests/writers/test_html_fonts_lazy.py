"""Web font subsets are read lazily (as fontTools' own subsetter does); the bytes must be the eager ones."""

from __future__ import annotations

import io

import pytest


def _eager(stem: str, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from medprint.writers.html_fonts import font_file

    options = subset.Options()
    options.flavor = "woff"
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(str(font_file(stem)), lazy=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("stem", ["SourceSerifPro-It", "SourceSansPro-Bold"])
def test_lazy_subset_is_the_eager_subset(stem):
    from medprint.writers.html_fonts import BASE_CHARS, _subset

    chars = "".join(sorted(BASE_CHARS | set("αβγΔ→≈ﬁŁőș")))
    assert _subset(stem, chars) == _eager(stem, chars)
