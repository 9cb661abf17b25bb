"""The handout's speed path: pydyf's page references remembered per render, never changed."""

from __future__ import annotations

import pydyf


def test_remembered_page_references_follow_added_pages():
    from medprint.writers.pdf import _page_references_once

    original = pydyf.PDF.page_references
    pdf = pydyf.PDF()
    with _page_references_once():
        assert pydyf.PDF.page_references is not original
        seen = []
        for _ in range(4):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
            seen.append(pdf.page_references)
            assert pdf.page_references is seen[-1]  # remembered while no page is added
    assert pydyf.PDF.page_references is original  # restored after the render
    assert seen[-1] == pdf.page_references and len(seen[-1]) == 4
    assert [len(s) for s in seen] == [1, 2, 3, 4]
    assert seen[1] == pdf.page_references[:2]
