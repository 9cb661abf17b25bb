"""The print handout: WeasyPrint over ``render_html(..., for_print=True)``, tagged, reproducible, offline.

One HTML path for web and print; this module only adds what a PDF needs: the
variant (PDF/UA-1 by default, PDF/A for the archive), a locked-down URL fetcher,
a content-derived file identifier and medprint's producer string, so the same
inputs give the same bytes on any machine.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import os
import re
import threading
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

import pydyf

from .weasy import weasyprint  # noqa: I001 - first: WeasyPrint imported without its library search
from weasyprint.pdf import VARIANTS

from .. import __version__, hyphenation, report
from ..diagnostics import Diagnostic
from ..errors import SourceError
from ..model import Document, Location, RenderedCitations
from .html_fonts import SANS, SERIF, font_dirs
from .pdf_fetcher import SafeURLFetcher
from .pdf_styles import kept_styles
from .pdf_tagging import logical_tagging

DEFAULT_VARIANT = "pdf/ua-1"
# PDF/A parts built on PDF 1.4-1.7: their copies are also PDF/UA-1 (same tagging), and say so in their XMP.
DUAL_VARIANTS = ("pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u")
# PDF/UA-1 identification (ISO 14289-1, 5) and, as PDF/A requires for a namespace outside XMP's own, its
# extension schema description (ISO 19005-2, 6.6.2.3).
PDFUA_IDENTIFICATION = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>"""
PRODUCER = f"medprint {__version__} (WeasyPrint {weasyprint.__version__})"


def render_pdf(document: Document, citations: RenderedCitations, *, styles: Path, variant: str | None = None) -> bytes:
    """The handout as PDF bytes (``variant`` overrides ``handout: {variant: …}``)."""
    pdf_variant(document, variant)  # an unknown variant is the first error, before any template's
    from .html import render_html  # here: a child given a ready page (render_pdf_page) needs no templates

    return render_pdf_page(document, render_html(document, citations, styles=styles, for_print=True),
                           styles=styles, variant=variant)


def render_pdf_page(document: Document, html: str, *, styles: Path, variant: str | None = None) -> bytes:
    """The PDF of the print page :func:`medprint.writers.html.render_html` made for ``document``
    (``for_print=True``): a caller may make the page in one process and lay it out in another."""
    chosen = pdf_variant(document, variant)
    source_dir = Path(document.source_path).parent.resolve()
    hyphenation.prime(document.meta.lang or "en-US")  # as the template's lang: WeasyPrint hyphenates with pyphen
    fetcher = SafeURLFetcher([source_dir, Path(styles).resolve(), *font_dirs()])
    families: set[str] = set()
    options = {"pdf_variant": chosen, "pdf_tags": True,  # archive variants stay tagged (accessible) too
               "pdf_identifier": identifier(html).encode("ascii")}
    fonts = ExitStack()  # the font configuration lives from the layout to the written PDF
    with _weasyprint_log() as messages, _font_timestamps(document), _page_references_once(), fonts:
        laid_out = _lay_out(html, source_dir, fetcher, messages, options, fonts)
        if _publishing_is_long(laid_out) and PUBLISHING_TAG in html:
            # a long block kept whole would leave most of a page empty: let it start where the text ends
            html = html.replace(PUBLISHING_TAG, PUBLISHING_TAG.replace('class="publishing"',
                                                                       'class="publishing publishing-long"'), 1)
            options["pdf_identifier"] = identifier(html).encode("ascii")
            fonts.close()  # the first layout is dropped; its stylesheets serve the second
            laid_out = _lay_out(html, source_dir, fetcher, messages, options, fonts)
        with logical_tagging(laid_out):
            pdf = laid_out.write_pdf(finisher=lambda doc, out: _finisher(doc, out, families, chosen), **options)
    where = Location(Path(document.source_path).name)
    for family in sorted(families - {SERIF, SANS}):
        report.warn(Diagnostic("handout.font-fallback", "warning",
                               f"some characters are not in {SERIF}/{SANS} and were set in the system font '{family}'",
                               where, hint="the PDF may differ between machines; avoid those characters or "
                                           "provide a font in a custom handout CSS"))
    for url in dict.fromkeys(fetcher.refused):
        report.warn(Diagnostic("handout.fetch-refused", "warning", f"not loaded: {url[:120]}", where,
                               hint="medprint loads only files beside the source and in styles/"))
    for message in messages:
        report.warn(Diagnostic("handout.weasyprint", "warning", message[:300], where))
    return pdf


def _lay_out(html: str, source_dir: Path, fetcher: SafeURLFetcher, messages: list[str], options: dict,
             fonts: ExitStack):
    """WeasyPrint's layout of ``html``, with the stylesheets and fonts of an earlier identical render reused
    (the font configuration stays open in ``fonts`` until the PDF is written)."""
    page = weasyprint.HTML(string=html, base_url=source_dir.as_uri() + "/", url_fetcher=fetcher)
    font_config = fonts.enter_context(kept_styles(page, fetcher, messages))
    return page.render(font_config=font_config, **options)


PUBLISHING_TAG = '<footer id="publishing" class="publishing">'
LONG_PUBLISHING = 0.35  # share of a page's text area above which the publishing block may be split


def _publishing_is_long(laid_out) -> bool:
    """Whether the publishing block (review, imprint, disclaimer) is too tall to be moved to a page as one piece.

    The stylesheet keeps the block whole and with the text before it (never alone on the last page); a block
    taller than a third of a page is laid out again as ``publishing-long``, which lets it break between its
    paragraphs, so it starts on the page where the text ends instead of leaving that page's foot empty.
    """
    for page in laid_out.pages:
        area = page._page_box.height
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and element.get("id") == "publishing":
                return box.margin_height() > LONG_PUBLISHING * area
    return False


def pdf_variant(document: Document, override: str | None) -> str:
    """The PDF variant to write; refuses names WeasyPrint does not know, with the list of known ones."""
    raw = override or document.meta.option("handout", "variant") or DEFAULT_VARIANT
    name = str(raw).strip().lower()
    if name not in VARIANTS:
        where = None if override else (document.meta.position("handout.variant") or document.meta.position("handout"))
        raise SourceError("handout.variant", f"unknown PDF variant '{raw}'", where,
                          hint="use one of: " + ", ".join(sorted(v for v in VARIANTS if not v.startswith("debug"))))
    return name


def identifier(html: str) -> str:
    """A file identifier from the content, blind to where the fonts are installed."""
    portable = html
    for folder in font_dirs():
        portable = portable.replace(folder.as_uri(), "fonts:")
    return hashlib.sha256(portable.encode("utf-8")).hexdigest()[:32]


def _finisher(document, pdf, families: set[str], variant: str = "") -> None:
    """Producer says medprint (Info dictionary and XMP), with WeasyPrint's version in brackets; an archive
    (PDF/A) copy is identified as PDF/UA-1 too, since it is tagged to the same standard."""
    import pydyf

    for font in document.fonts.values():
        family = font.family.decode("utf-8", "replace") if isinstance(font.family, bytes) else str(font.family)
        families.add(family)
    pdf.info["Producer"] = pydyf.String(PRODUCER)
    if variant.startswith("pdf/a"):  # PDF/A forbids asking viewers to smooth images (ISO 19005-2, 6.2.8)
        for item in pdf.objects:
            if isinstance(item, pydyf.Stream) and item.extra.get("Subtype") == "/Image" and "Interpolate" in item.extra:
                item.extra["Interpolate"] = "false"
    reference = pdf.catalog.get("Metadata")
    if not reference:
        return
    if isinstance(reference, bytes):
        reference = reference.decode("ascii")
    stream = pdf.objects[int(str(reference).split()[0])]
    old = f"WeasyPrint {weasyprint.__version__}".encode()
    stream.stream = [chunk.replace(b'Producer="' + old + b'"', b'Producer="' + PRODUCER.encode("utf-8") + b'"')
                     if isinstance(chunk, bytes) else chunk for chunk in stream.stream]
    if variant in DUAL_VARIANTS:
        stream.stream = [chunk.replace(b"</rdf:RDF>", PDFUA_IDENTIFICATION + b"</rdf:RDF>", 1)
                         if isinstance(chunk, bytes) else chunk for chunk in stream.stream]


# WeasyPrint messages that say nothing about the document: refused URLs are reported by the fetcher,
# screen-only media queries are meant for the web page, and the font subsetter choice is an install detail.
HARMLESS = ("medprint refused", "media type", "whole @media rule was ignored", "HarfBuzz-Subset")


_ENV_LOCK = threading.Lock()
FALLBACK_EPOCH = 946684800  # 2000-01-01: any fixed value; used only for embedded font timestamps


@contextmanager
def _font_timestamps(document: Document) -> Iterator[None]:
    """Font subsetting (fontTools) stamps each embedded font with 'now' unless SOURCE_DATE_EPOCH is set.

    Pin it to the document's date for the duration of the build so rebuilds give the same bytes.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        yield
        return
    date = document.meta.date
    epoch = calendar.timegm(date.timetuple()) if date else FALLBACK_EPOCH
    with _ENV_LOCK:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        try:
            yield
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


_PYDYF_PAGE_REFERENCES = pydyf.PDF.page_references


def _remembered_page_references(pdf) -> tuple[bytes, ...]:
    """pydyf's ``page_references``, rebuilt only when a page is added (pages are only ever appended)."""
    kids = pdf.pages["Kids"]
    known = pdf.__dict__.get("_medprint_page_references")
    if known is None or known[0] != len(kids):
        known = (len(kids), _PYDYF_PAGE_REFERENCES.fget(pdf))
        pdf.__dict__["_medprint_page_references"] = known
    return known[1]


@contextmanager
def _page_references_once() -> Iterator[None]:
    """WeasyPrint's PDF tagging asks pydyf for the tuple of every page's reference once per tagged element,
    and pydyf rebuilds it each time: quadratic in pages.  For this render it is rebuilt per added page."""
    # no lock: both getters give the same tuple, so a render that overlaps another's restore is only slower
    pydyf.PDF.page_references = property(_remembered_page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = _PYDYF_PAGE_REFERENCES


class _Collect(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            text = re.sub(r"\s+", " ", record.getMessage())
            if not any(harmless in text for harmless in HARMLESS):
                self.messages.append(text)
        return False  # WeasyPrint's own messages become medprint warnings, not stray stderr lines


@contextmanager
def _weasyprint_log() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    collector = _Collect()
    logger.addFilter(collector)
    try:
        yield collector.messages
    finally:
        logger.removeFilter(collector)
