"""Build the sample with the real command and read every output back with a real parser."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pptx import Presentation
from pypdf import PdfReader

from medprint import api
from medprint.model import Heading, runs_text, walk_blocks

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gut-microbiome-immunotherapy"

pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    """Compare text across layouts: no whitespace, no hyphens (line-end hyphenation), no soft hyphens."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


@pytest.fixture(scope="module")
def expected():
    document = api.read(ROOT / "sources" / SAMPLE / "index.md")
    citations = api.cite(document)
    headings = [runs for runs in (b for b in walk_blocks(document.blocks) if isinstance(b, Heading))]
    from medprint.model import plain_text

    return {
        "title": document.meta.title,
        "headings": [plain_text(h.inlines) for h in headings],
        "citations": sorted({runs_text(r) for r in citations.clusters.values()}),
        "entries": [runs_text(e.runs) for e in citations.entries],
    }


def test_build_writes_all_three_outputs(built_sample):
    for ext in ("pdf", "pptx", "html"):
        out = built_sample / f"{SAMPLE}.{ext}"
        assert out.is_file() and out.stat().st_size > 1000


def test_sample_has_four_sections_four_citations_and_four_references(expected):
    assert len(expected["headings"]) == 4
    assert len(expected["citations"]) == 4
    assert len(expected["entries"]) == 4
    assert any("McQuade" in e and "Current Oncology Reports" in e for e in expected["entries"])
    assert any("Najmi" in e and "Dermatology and Therapy" in e for e in expected["entries"])


def _check_text(text: str, expected) -> None:
    flat = squash(text)
    assert squash(expected["title"]) in flat
    for heading in expected["headings"]:
        assert squash(heading) in flat, heading
    for cite in expected["citations"]:
        assert squash(cite) in flat, cite
    for entry in expected["entries"]:
        assert squash(entry) in flat, entry


def test_pdf_reads_back(built_sample, expected):
    reader = PdfReader(built_sample / f"{SAMPLE}.pdf")
    _check_text("\n".join(page.extract_text() for page in reader.pages), expected)


def test_html_reads_back(built_sample, expected):
    tree = lxml_html.fromstring((built_sample / f"{SAMPLE}.html").read_bytes())
    _check_text(tree.text_content(), expected)
    assert tree.findtext(".//title").strip().startswith(expected["title"][:30])
    assert {e.get("data-cites") for e in tree.xpath("//span[@class='citation']")} == {
        "jci2020", "frontonc2023", "mcquade2020", "najmi2022"}
    ids = [e.get("id") for e in tree.xpath("//div[@id='refs']//div[contains(@class,'csl-entry')]")]
    assert sorted(ids) == ["ref-frontonc2023", "ref-jci2020", "ref-mcquade2020", "ref-najmi2022"]


def test_deck_reads_back(built_sample, expected):
    deck = Presentation(str(built_sample / f"{SAMPLE}.pptx"))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
    _check_text("\n".join(texts), expected)


def test_rebuild_is_byte_identical(sample_project, built_sample, tmp_path):
    again = tmp_path / "again"
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", "-o", str(again), "--force"],
                          cwd=sample_project, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    for ext in ("pdf", "pptx", "html"):
        assert (again / f"{SAMPLE}.{ext}").read_bytes() == (built_sample / f"{SAMPLE}.{ext}").read_bytes(), ext
