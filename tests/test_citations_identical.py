"""The sample's citations and reference list read identically in the PDF, the deck and the web page.

Each output is read back with its own parser; texts and italic spans are compared after removing
whitespace and hyphens (line breaks and hyphenation differ between layouts, characters do not).
The sample is built as written (APA) and with the numeric styles a medical author picks (AMA,
Vancouver), whose entries carry the style's own label ("1.") in every output.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from lxml import html as lxml_html
from pptx import Presentation

pytestmark = pytest.mark.slow
SAMPLE = "gut-microbiome-immunotherapy"
STYLES = ["apa", "american-medical-association", "vancouver"]


@pytest.fixture(scope="module", params=STYLES)
def style(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def built(style, built_sample, sample_project, tmp_path_factory) -> Path:
    """The sample's output folder, built with one style (APA: the session's build)."""
    if style == "apa":
        return built_sample
    project = tmp_path_factory.mktemp(f"project-{style}")
    shutil.copytree(sample_project / "sources" / SAMPLE, project / "sources" / SAMPLE)
    source = project / "sources" / SAMPLE / "index.md"
    text = source.read_text(encoding="utf-8")
    assert "\ncsl: apa\n" in text
    source.write_text(text.replace("\ncsl: apa\n", f"\ncsl: {style}\n"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build"], cwd=project, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return project / "output"


def squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def italic_spans(pieces: list[tuple[str, bool]]) -> list[str]:
    """Merge consecutive italic pieces (whitespace joins either side) into squashed spans."""
    spans, current = [], ""
    for text, italic in pieces:
        if not text.strip():
            continue
        if italic:
            current += text
        elif current:
            spans.append(squash(current))
            current = ""
    if current:
        spans.append(squash(current))
    return [s for s in spans if s]


def html_pieces(element) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []

    def walk(node, italic: bool) -> None:
        here = italic or node.tag in ("i", "em") or "italic" in (node.get("style") or "")
        if node.text:
            out.append((node.text, here))
        for child in node:
            walk(child, here)
            if child.tail:
                out.append((child.tail, italic))

    walk(element, False)
    return out


@pytest.fixture(scope="module")
def web(built):
    tree = lxml_html.fromstring((built / f"{SAMPLE}.html").read_bytes())
    entries = tree.xpath("//div[@id='refs']//div[contains(@class,'csl-entry')]")
    cites = tree.xpath("//span[contains(@class,'citation')]")
    return {
        "entries": [(squash(e.text_content()), italic_spans(html_pieces(e))) for e in entries],
        "citations": [squash(c.text_content()) for c in cites],
    }


@pytest.fixture(scope="module")
def deck(built):
    prs = Presentation(str(built / f"{SAMPLE}.pptx"))
    entries, body = [], []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        boxes = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
        tallest = max(boxes, key=lambda s: s.height, default=None)  # the body, not footer or slide number
        for shape in boxes:
            for para in shape.text_frame.paragraphs:
                pieces = [(r.text, bool(r.font.italic)) for r in para.runs]
                text = "".join(t for t, _ in pieces)
                if title.startswith("References") and shape is tallest and text.strip():
                    entries.append((squash(text), italic_spans(pieces)))
                else:
                    body.append(squash(text))
    return {"entries": entries, "body": "".join(body)}


@pytest.fixture(scope="module")
def pdf(built):
    chars = []
    with pdfplumber.open(built / f"{SAMPLE}.pdf") as doc:
        for page in doc.pages:
            chars.extend((c["text"], "Italic" in c["fontname"]) for c in page.chars)
    text = "".join(t for t, _ in chars)
    start = squash(text).rfind("References")
    # the reference region: characters after the last "References" heading
    squashed_index, cut = 0, 0
    for i, (t, _) in enumerate(chars):
        if squashed_index >= start:
            cut = i
            break
        squashed_index += len(squash(t))
    return {"text": squash(text), "refs": chars[cut:]}


def test_reference_entries_have_the_same_text_and_italics_in_web_and_deck(web, deck):
    assert len(web["entries"]) == 4
    assert deck["entries"] == web["entries"]


def test_numbered_entries_start_with_the_styles_label(style, web, deck):
    texts = [text for text, _ in deck["entries"]]
    if style == "apa":  # author-date: no label at all
        assert not any(t[:1].isdigit() for t in texts)
    else:  # AMA, Vancouver: "1. Routy B", as in the handout and web page (never "1..")
        assert [t[:2] for t in texts] == ["1.", "2.", "3.", "4."]
        assert not any(t[2:3] == "." for t in texts)


def test_reference_entries_have_the_same_text_and_italics_in_the_pdf(web, pdf):
    refs_text = squash("".join(t for t, _ in pdf["refs"]))
    position = 0
    for text, _ in web["entries"]:
        found = refs_text.find(text, position)
        assert found >= 0, text
        position = found + len(text)
    expected_italics = [span for _, spans in web["entries"] for span in spans]
    assert italic_spans(pdf["refs"])[: len(expected_italics)] == expected_italics


def test_in_text_citations_read_the_same_everywhere(web, deck, pdf):
    assert len(web["citations"]) == 4
    for cite in web["citations"]:
        assert cite in pdf["text"], cite
        assert cite in deck["body"], cite
