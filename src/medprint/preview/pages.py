"""The handout as page images, and which page each section starts on.

Pages are drawn from the very PDF the build makes (PDFium through ``pypdfium2``): WeasyPrint's own page boxes
could be painted faster, but only the PDF shows exactly what prints (fonts as embedded, page breaks, running
heads), and PDFium draws an A4 page at preview size in a few milliseconds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

SCALE = 1.5  # 108 dpi: sharp on a laptop screen, about 60 kB a page


@dataclass
class Pages:
    images: list[bytes] = field(default_factory=list)  # PNG bytes, one per page
    texts: list[str] = field(default_factory=list)  # each page's text, for finding sections

    def page_of(self, heading: str) -> int:
        """1-based page on which ``heading`` first appears (1 when it is nowhere)."""
        wanted = " ".join(heading.split()).casefold()
        for number, text in enumerate(self.texts, start=1):
            if wanted and wanted in " ".join(text.split()).casefold():
                return number
        return 1


def render_pages(pdf: bytes, *, scale: float = SCALE) -> Pages:
    """Every page of ``pdf`` as a PNG, with its text."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    pages = Pages()
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                image = page.render(scale=scale).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG", optimize=False, compress_level=1)
                pages.images.append(buffer.getvalue())
                textpage = page.get_textpage()
                pages.texts.append(textpage.get_text_range())
                textpage.close()
            finally:
                page.close()
    finally:
        document.close()
    return pages
