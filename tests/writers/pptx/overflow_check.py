"""An overflow checker for .pptx decks: LibreOffice draws the deck, pdfplumber finds stray words.

Every autofit is switched off first (``normAutofit``/``spAutoFit`` become
``noAutofit`` in slides, layouts and masters), because PowerPoint only applies
"shrink text on overflow" after someone edits the text: a deck has to fit as
opened.  The deck is converted with ``soffice --headless --convert-to pdf`` in
a private profile; each drawn word must lie inside a text box whose text holds
that word, and inside the slide; no two text boxes (or pictures) may overlap.

    python tests/writers/pptx/overflow_check.py deck.pptx   # prints problems, exit 1 if any
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

EMU_PER_PT = 12700
TOLERANCE = 2.0  # points: glyph boxes of edge letters may touch a box edge
AUTOFIT = ("normAutofit", "spAutoFit")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class Box:
    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    is_text: bool = True

    def contains(self, x0: float, top: float, x1: float, bottom: float, tol: float = TOLERANCE) -> bool:
        return x0 >= self.x0 - tol and x1 <= self.x1 + tol and top >= self.y0 - tol and bottom <= self.y1 + tol

    def overlaps(self, other: "Box", tol: float = 1.0) -> bool:
        return (min(self.x1, other.x1) - max(self.x0, other.x0) > tol
                and min(self.y1, other.y1) - max(self.y0, other.y0) > tol)


def strip_autofit(data: bytes) -> bytes:
    """The deck with every autofit replaced by ``noAutofit`` (what an opened, unedited deck shows)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            is_part = info.filename.startswith("ppt/") and info.filename.endswith(".xml")
            if is_part and (b"Autofit" in blob or b"AutoFit" in blob):
                root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
                for tag in AUTOFIT:
                    for el in root.iter(f"{{{A}}}{tag}"):
                        el.getparent().replace(el, etree.Element(f"{{{A}}}noAutofit"))
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()


def to_pdf(data: bytes, workdir: Path, timeout: int = 240) -> Path:
    """Convert a deck to PDF with LibreOffice in a private profile folder."""
    deck = workdir / "deck.pptx"
    deck.write_bytes(data)
    profile = workdir / "profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
           "--outdir", str(workdir), str(deck)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    pdf = workdir / "deck.pdf"
    if not pdf.is_file():
        raise RuntimeError("LibreOffice wrote no PDF")
    return pdf


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"\s+", _norm(text)) if w}


def _norm(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u00ad", "")


def slide_boxes(data: bytes) -> tuple[float, float, list[list[Box]]]:
    """Slide size in points and, per slide, the boxes of every shape drawing text (and every picture)."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    pages: list[list[Box]] = []
    for slide in prs.slides:
        boxes: list[Box] = []
        for shape in _shapes(slide.shapes):
            if shape.left is None or shape.width is None:
                continue
            x0, y0 = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            x1, y1 = x0 + shape.width / EMU_PER_PT, y0 + shape.height / EMU_PER_PT
            if getattr(shape, "has_table", False) and shape.has_table:
                text = " ".join(c.text for row in shape.table.rows for c in row.cells)
            elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                text = shape.text_frame.text
            elif shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
                boxes.append(Box(shape.name, x0, y0, x1, y1, "", is_text=False))
                continue
            else:
                continue
            if text.strip():
                boxes.append(Box(shape.name, x0, y0, x1, y1, _norm(text)))
        pages.append(boxes)
    return width, height, pages


def _shapes(shapes):
    for shape in shapes:
        if shape.shape_type is not None and "GROUP" in str(shape.shape_type):
            yield from _shapes(shape.shapes)
        else:
            yield shape


def check_pdf(data: bytes, pdf: Path) -> list[str]:
    """Problems found comparing the deck's shapes with the words LibreOffice drew."""
    import pdfplumber

    width, height, pages = slide_boxes(data)
    problems: list[str] = []
    with pdfplumber.open(pdf) as doc:
        if len(doc.pages) != len(pages):
            problems.append(f"PDF has {len(doc.pages)} pages for {len(pages)} slides")
        for number, (page, boxes) in enumerate(zip(doc.pages, pages), start=1):
            sx, sy = page.width / width, page.height / height
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    if a.overlaps(b):
                        problems.append(f"slide {number}: '{a.name}' and '{b.name}' overlap")
            text_boxes = [b for b in boxes if b.is_text]
            for word in page.extract_words(keep_blank_chars=False, use_text_flow=True):
                x0, x1 = word["x0"] / sx, word["x1"] / sx
                top, bottom = word["top"] / sy, word["bottom"] / sy
                label = f"slide {number}: word '{word['text']}' at ({x0:.0f}, {top:.0f})"
                if x0 < -TOLERANCE or top < -TOLERANCE or x1 > width + TOLERANCE or bottom > height + TOLERANCE:
                    problems.append(f"{label} lies outside the slide")
                    continue
                text = _norm(word["text"])
                owners = [b for b in text_boxes if text in b.text] or text_boxes
                if not any(b.contains(x0, top, x1, bottom) for b in owners):
                    problems.append(f"{label} lies outside its text box "
                                    f"({', '.join(b.name for b in owners[:2])})")
    return problems


def check_deck(data: bytes, workdir: Path | None = None) -> list[str]:
    """Render ``data`` (a .pptx) with autofit off and list every overflow and overlap."""
    if shutil.which("soffice") is None:
        raise RuntimeError("soffice (LibreOffice) is not on PATH")
    stripped = strip_autofit(data)
    if workdir is not None:
        return check_pdf(stripped, to_pdf(stripped, workdir))
    with tempfile.TemporaryDirectory(prefix="medprint-deck-") as tmp:
        return check_pdf(stripped, to_pdf(stripped, Path(tmp)))


if __name__ == "__main__":
    found = check_deck(Path(sys.argv[1]).read_bytes())
    print("\n".join(found) or "no overflow")
    sys.exit(1 if found else 0)
