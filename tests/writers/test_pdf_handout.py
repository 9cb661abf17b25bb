"""The print handout read back from the PDF: layout, links, outline, accessibility, metadata, reproducibility."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "handout"))
import handout_docs as docs  # noqa: E402

from medprint import report  # noqa: E402
from medprint.errors import SourceError  # noqa: E402
from medprint.model import runs_text  # noqa: E402
from medprint.paths import styles_dir  # noqa: E402
from medprint.writers.html import page_footer, running_head  # noqa: E402
from medprint.writers.pdf import render_pdf  # noqa: E402

STYLES = styles_dir()
INCH = 72.0


@pytest.fixture(scope="module")
def sample():
    """The real sample through the real reader and citation engine."""
    from medprint.citations import render_citations
    from medprint.readers.source import read_source

    doc = read_source(docs.SAMPLE_MD)
    cits = render_citations(doc)
    return doc, cits, render_pdf(doc, cits, styles=STYLES)


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rich-pdf")
    doc, cits = docs.rich_document(folder)
    with report.collecting() as warnings:
        pdf = render_pdf(doc, cits, styles=STYLES)
    return doc, cits, pdf, warnings


def lines_of(pdf: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text_lines(strip=True) for page in doc.pages]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_every_page_has_number_top_right_running_head_and_footer(request, which):
    doc, _, pdf = request.getfixturevalue(which)[:3]
    pages = lines_of(pdf)
    width, height = page_sizes(pdf)[0]
    assert len(pages) >= 2
    head = running_head(doc)
    for number, lines in enumerate(pages, start=1):
        top = [ln for ln in lines if ln["bottom"] < INCH]
        assert any(ln["text"].endswith(str(number)) and ln["x1"] > width - INCH - 2 for ln in top), (number, top)
        assert any(ln["text"].startswith(head) and abs(ln["x0"] - INCH) < 2 for ln in top), (number, top)
        bottom = [ln for ln in lines if ln["top"] > height - INCH]
        footer = " ".join(ln["text"] for ln in sorted(bottom, key=lambda ln: ln["top"]))
        assert footer.split() == page_footer(doc).split(), (number, bottom)  # may wrap onto two lines


def test_body_keeps_one_inch_margins(sample):
    _, _, pdf = sample
    width, height = page_sizes(pdf)[0]
    assert (width, height) == (612.0, 792.0)  # Letter by default
    for lines in lines_of(pdf):
        body = [ln for ln in lines if INCH <= ln["top"] and ln["bottom"] <= height - INCH]
        assert body
        assert min(ln["x0"] for ln in body) >= INCH - 0.5
        assert max(ln["x1"] for ln in body) <= width - INCH + 0.5


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_every_reference_entry_has_a_half_inch_hanging_indent(request, which):
    _, cits, pdf = request.getfixturevalue(which)[:3]
    height = page_sizes(pdf)[0][1]
    all_lines = [ln for page in lines_of(pdf) for ln in page if INCH <= ln["top"] and ln["bottom"] <= height - INCH]
    starts = [runs_text(e.runs)[:25] for e in cits.entries]
    index = [next(i for i, ln in enumerate(all_lines) if ln["text"].startswith(s)) for s in starts]
    for n, first in enumerate(index):
        entry_lines = [all_lines[first]]
        for ln in all_lines[first + 1:]:
            if (n + 1 < len(index) and ln is all_lines[index[n + 1]]) or ln["x0"] < INCH + 18:
                break
            entry_lines.append(ln)
        assert len(entry_lines) >= 2, starts[n]
        assert abs(entry_lines[0]["x0"] - INCH) < 1
        for follow in entry_lines[1:]:
            assert abs(follow["x0"] - entry_lines[0]["x0"] - 0.5 * INCH) < 1, (starts[n], follow["text"])


def _outline(pdf: bytes) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))

    walk(pypdf.PdfReader(io.BytesIO(pdf)).outline, 1)
    return out


def test_outline_matches_the_headings(sample, rich):
    doc, _, pdf = sample
    expected = [(1, b.inlines[0].text) for b in doc.blocks if type(b).__name__ == "Heading"] + [(1, "References")]
    abstract = [(1, "Abstract")] if doc.meta.abstract else []  # the front matter's abstract, after the title
    assert _outline(pdf) == abstract + expected
    assert _outline(rich[2]) == [(1, "Abstract")] * bool(rich[0].meta.abstract) + [(1, "Background"), (2, "Level Two Heading"), (3, "Level Three Heading"),
                                 (1, "Data"), (1, "References")]


def _link_uris(pdf: bytes) -> set[str]:
    uris = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                uris.add(str(annot["/A"].get("/URI")))
    return uris


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_every_doi_and_url_is_a_link_annotation(request, which):
    doc, cits, pdf = request.getfixturevalue(which)[:3]
    wanted = {r.url for e in cits.entries for r in e.runs if r.url} | {doc.meta.url}
    assert len(wanted) >= 4
    assert wanted <= _link_uris(pdf)
    if which == "rich":
        assert "https://example.org/guide" in _link_uris(pdf)


def test_pdf_ua_identification_structure_lang_and_title(rich):
    doc, _, pdf, _ = rich
    with pikepdf.open(io.BytesIO(pdf)) as p:
        with p.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == doc.meta.title
        root = p.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked
        assert str(root.Lang) == "en-US"
        assert root.ViewerPreferences.DisplayDocTitle
        assert str(p.docinfo["/Title"]) == doc.meta.title
        figures = _struct_elements(root.StructTreeRoot, "/Figure")
        assert sorted(str(f.get("/Alt")) for f in figures) == [
            "A grey chart with one dark line", "QR code linking to the online version: https://www.medreport.foundation/"]
        assert {"/H1", "/H2", "/H3", "/Table", "/L", "/BlockQuote", "/Link"} <= {
            str(e.S) for e in _struct_elements(root.StructTreeRoot, None)}


def _struct_elements(node, kind):
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if "/S" in item and (kind is None or item.S == kind):
            found.append(item)
        kids = item.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif kids is not None:
            stack.append(kids)
    return found


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_all_fonts_are_the_project_fonts_embedded_and_subset(request, which):
    pdf = request.getfixturevalue(which)[2]
    names = set()
    with pikepdf.open(io.BytesIO(pdf)) as p:
        for obj in p.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                assert any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3")), obj.FontName
                names.add(str(obj.FontName))
    assert names
    for name in names:
        assert re.fullmatch(r"/[A-Z]{6}\+Source-(Serif|Sans)-Pro[-\w]*", name), name


def test_metadata_comes_from_the_front_matter_not_the_clock(rich):
    doc, _, pdf, _ = rich
    info = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert info["/CreationDate"].startswith("D:20250301")
    assert info["/Author"] == "Ada Lovelace, Grace Hopper"
    assert info["/Subject"] == doc.meta.abstract
    assert info["/Keywords"] == "gut microbiome, cancer immunotherapy"
    assert re.fullmatch(r"medprint \d+\.\d+\.\d+\S* \(WeasyPrint [\d.]+\)", info["/Producer"])
    with pikepdf.open(io.BytesIO(pdf)) as p, p.open_metadata() as xmp:
        assert xmp.get("pdf:Producer") == info["/Producer"]


def test_source_date_epoch_is_used_without_a_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc).timestamp())))
    doc, cits = docs.sample_document(date=None)
    info = pypdf.PdfReader(io.BytesIO(render_pdf(doc, cits, styles=STYLES))).metadata
    assert info["/CreationDate"].startswith("D:20240506070809")


def test_qpdf_finds_no_error(rich, tmp_path):
    path = tmp_path / "rich.pdf"
    path.write_bytes(rich[2])
    if shutil.which("qpdf"):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    with pikepdf.open(path) as p:
        check = getattr(p, "check_pdf_syntax", None) or p.check
        assert check() == []


def test_two_builds_are_byte_identical(sample, tmp_path):
    doc, cits, pdf = sample
    assert render_pdf(doc, cits, styles=STYLES) == pdf
    # another folder (another machine's checkout) gives the same bytes too
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "figure.png").write_bytes(docs.png_bytes())
    first, c1 = docs.rich_document(other, table_rows=3)
    second_folder = tmp_path / "again"
    second_folder.mkdir()
    second, c2 = docs.rich_document(second_folder, table_rows=3)
    assert render_pdf(first, c1, styles=STYLES) == render_pdf(second, c2, styles=STYLES)


def test_footnotes_sit_at_the_page_foot(rich):
    _, _, pdf, _ = rich
    pages = lines_of(pdf)
    height = page_sizes(pdf)[0][1]
    found = 0
    for lines in pages:
        for ln in lines:
            if ln["text"].startswith(("1. First footnote", "2. Second footnote")):
                found += 1
                body = [o for o in lines if INCH < o["top"] < ln["top"]]
                assert ln["top"] > height * 0.6 and ln["bottom"] <= height - INCH + 1
                assert all(o["bottom"] <= ln["top"] + 1 for o in body)
    assert found == 2
    assert "(The Role of the Gut Microbiome in Cancer Immunotherapy, 2023)" in "".join(
        ln["text"] for page in pages for ln in page)


def test_table_header_repeats_and_rows_stay_whole(rich):
    _, _, pdf, _ = rich
    pages_with_rows = 0
    for lines in lines_of(pdf):
        rows = [ln for ln in lines if re.match(r"Trial \d+", ln["text"])]
        if rows:
            pages_with_rows += 1
            header = [ln for ln in lines if ln["text"].startswith("Study")]
            assert header and header[0]["top"] < rows[0]["top"]
            assert all(re.fullmatch(r"Trial \d+ \d+ \d of 10", r["text"]) for r in rows)
    assert pages_with_rows >= 2


def test_characters_missing_from_the_fonts_are_reported(tmp_path):
    # U+2695 (staff of Aesculapius) is not in Source Serif/Sans but is in DejaVu Sans, which the Makefile installs
    # (fonts-dejavu-core), so fontconfig always has a fallback for it; CJK fonts are not installed everywhere.
    doc, cits = docs.sample_document(title="Gut bacteria \u2695 and health")
    with report.collecting() as warnings:
        render_pdf(doc, cits, styles=STYLES)
    assert any(w.code == "handout.font-fallback" for w in warnings)


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_no_heading_is_left_alone_at_a_page_foot(request, which):
    doc, _, pdf = request.getfixturevalue(which)[:3]
    headings = {title for _, title in _outline(pdf)}
    height = page_sizes(pdf)[0][1]
    for lines in lines_of(pdf)[:-1]:
        body = [ln for ln in lines if INCH <= ln["top"] and ln["bottom"] <= height - INCH
                and not re.match(r"\d+\. ", ln["text"])]  # footnotes sit below the body
        assert not any(body[-1]["text"] in h for h in headings), body[-1]["text"]


def test_text_is_hyphenated_in_the_document_language(sample):
    _, _, pdf = sample
    lines = [ln["text"] for page in lines_of(pdf) for ln in page]
    assert any(re.search(r"[a-z]-$", text) for text in lines), "no hyphenated line break in the sample"


def test_text_choices_hidden_divs_and_literal_braces(rich):
    _, _, pdf, warnings = rich
    text = "\n".join(ln["text"] for page in lines_of(pdf) for ln in page)
    assert "{{ 7*7 }} and {% raw %} and <b>bold?</b> stay literal." in text
    assert "Speaker notes" not in text and "Slides only" not in text and "Handout only text prints" in text
    assert "alert(1)" not in text
    assert not [w for w in warnings if w.code == "handout.weasyprint"], warnings


def test_paper_size_and_archive_variant_come_from_the_front_matter():
    doc, cits = docs.sample_document(handout=(("paper", "A4"), ("variant", "pdf/a-3u")))
    pdf = render_pdf(doc, cits, styles=STYLES)
    assert page_sizes(pdf)[0] == pytest.approx((595.28, 841.89), abs=0.5)
    with pikepdf.open(io.BytesIO(pdf)) as p:
        with p.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "3" and xmp.get("pdfaid:conformance") == "U"
        assert "/OutputIntents" in p.Root
    ua = render_pdf(doc, cits, styles=STYLES, variant="pdf/ua-1")  # the command line wins
    with pikepdf.open(io.BytesIO(ua)) as p, p.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_archive_variant_is_reproducible_tagged_and_language_follows_lang():
    doc, cits = docs.sample_document(lang="de-DE", handout=(("variant", "pdf/a-2b"),))
    first = render_pdf(doc, cits, styles=STYLES)
    assert render_pdf(doc, cits, styles=STYLES) == first
    with pikepdf.open(io.BytesIO(first)) as p:
        assert str(p.Root.Lang) == "de-DE" and "/StructTreeRoot" in p.Root
        with p.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfaid:conformance") == "B"
    assert _outline(first)[-1] == (1, "Literatur")


def test_unknown_variant_is_a_source_error():
    doc, cits = docs.sample_document(handout=(("variant", "pdf/z-9"),))
    with pytest.raises(SourceError) as err:
        render_pdf(doc, cits, styles=STYLES)
    assert err.value.code == "handout.variant" and "pdf/ua-1" in err.value.problems[0].hint
