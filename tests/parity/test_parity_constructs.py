"""Construct by construct against Pandoc 3: medprint's reading of a small document vs ``pandoc -t json``.

``constructs/NAME.md`` holds one construct family; ``constructs_golden/NAME.json`` is Pandoc's AST reduced
by ``constructs_support`` (written by ``scripts/parity/constructs.py``, never by hand).  medprint's side is
``medprint.readers.markdown.read_markdown`` reduced the same way, compared block by block.  Constructs
medprint does not read yet are strict xfails with their reason, so they start failing once they are read.
"""

from __future__ import annotations

import json

import pytest

from constructs_support import CONSTRUCTS, CONSTRUCTS_GOLDEN, construct_names, reduce_medprint
from medprint import report
from medprint.readers.markdown import read_markdown

NOT_YET: dict[str, str] = {}


def _medprint(name: str) -> list:
    source = (CONSTRUCTS / f"{name}.md").read_text(encoding="utf-8")
    with report.collecting():
        blocks, _notes = read_markdown(source, f"{name}.md")
    return reduce_medprint(blocks)


def _cases():
    for name in construct_names():
        golden = json.loads((CONSTRUCTS_GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        mine = _medprint(name)
        for i in range(max(len(golden), len(mine))):
            marks = ()
            if (name, i) in NOT_YET or name in NOT_YET:
                marks = (pytest.mark.xfail(strict=True, reason=NOT_YET.get((name, i), NOT_YET.get(name))),)
            yield pytest.param(name, i, golden[i] if i < len(golden) else None, marks=marks, id=f"{name}-{i}")


@pytest.mark.parametrize(("name", "index", "expected"), list(_cases()))
def test_block_reads_as_pandoc_reads_it(name, index, expected):
    mine = _medprint(name)
    got = mine[index] if index < len(mine) else None
    assert got == expected
