"""TeX math read as Pandoc reads it: every case's Math inlines against ``pandoc -f markdown -t json``.

The golden file is written by ``scripts/parity/math_golden.py`` from Pandoc itself; this test only reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from math_cases import CASES
from medprint.model import Math, block_inlines, walk_blocks, walk_inlines
from medprint.readers.markdown import read_markdown

GOLDEN = json.loads((Path(__file__).parent / "golden" / "math.json").read_text(encoding="utf-8"))


def medprint_math(markdown: str) -> list[list[str]]:
    blocks, _ = read_markdown(markdown, "case.md")
    found = []
    for block in walk_blocks(blocks):
        for inlines in block_inlines(block):
            for inline in walk_inlines(inlines):
                if isinstance(inline, Math):
                    found.append(["DisplayMath" if inline.display else "InlineMath", inline.tex])
    return found


def test_golden_covers_every_case():
    assert sorted(GOLDEN["cases"]) == sorted(CASES)


@pytest.mark.parametrize("case", CASES)
def test_math_as_pandoc_reads_it(case):
    assert medprint_math(case) == GOLDEN["cases"][case]
