"""Hand-built Documents and RenderedCitations for the handout/web tests (no reader or citation engine needed)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from medprint.model import (
    Author, BibEntry, BlockQuote, BulletList, Cite, CitationItem, CodeBlock, Div, Document, Emph, Figure, FootnoteRef,
    Heading, Image, Link, ListItem, Meta, OrderedList, Paragraph, RawBlock, RenderedCitations, Review, Run,
    Strong, Table, Text,
)

SAMPLE_MD = Path(__file__).resolve().parents[3] / "sources" / "gut-microbiome-immunotherapy" / "index.md"

ENTRIES = (
    BibEntry("frontonc2023", (
        Run("The role of the gut microbiome in cancer immunotherapy. (2023). "),
        Run("Frontiers in Oncology", italic=True), Run(". "),
        Run("https://pmc.ncbi.nlm.nih.gov/articles/PMC10093606/", url="https://pmc.ncbi.nlm.nih.gov/articles/PMC10093606/"),
    )),
    BibEntry("mcquade2020", (
        Run("McQuade, J. L., Ologun, G. O., Arora, R., & Wargo, J. A. (2020). Gut microbiome modulation via fecal "
            "microbiota transplant to augment immunotherapy in patients with melanoma or other cancers. "),
        Run("Current Oncology Reports", italic=True), Run(", "), Run("22", italic=True), Run("(7), 74. "),
        Run("https://doi.org/10.1007/s11912-020-00913-y", url="https://doi.org/10.1007/s11912-020-00913-y"),
    )),
    BibEntry("najmi2022", (
        Run("Najmi, M., Tran, T., Witt, R. G., & Nelson, K. C. (2022). Modulation of the gut microbiome to enhance "
            "immunotherapy response in metastatic melanoma patients: A clinical review. "),
        Run("Dermatology and Therapy", italic=True), Run(", "), Run("12", italic=True), Run("(11), 2489–2497. "),
        Run("https://doi.org/10.1007/s13555-022-00810-1", url="https://doi.org/10.1007/s13555-022-00810-1"),
    )),
    BibEntry("jci2020", (
        Run("The gut microbiome modulates response to cancer immunotherapy. (2020). "),
        Run("Journal of Clinical Investigation", italic=True), Run(". "),
        Run("https://pmc.ncbi.nlm.nih.gov/articles/PMC7678709/", url="https://pmc.ncbi.nlm.nih.gov/articles/PMC7678709/"),
    )),
)
CLUSTER_TEXT = {
    "jci2020": "(The Gut Microbiome Modulates Response to Cancer Immunotherapy, 2020)",
    "frontonc2023": "(The Role of the Gut Microbiome in Cancer Immunotherapy, 2023)",
    "mcquade2020": "(McQuade et al., 2020)",
    "najmi2022": "(Najmi et al., 2022)",
}


class _Ids:
    def __init__(self) -> None:
        self.n = 0
        self.clusters: dict[int, tuple[Run, ...]] = {}

    def cite(self, key: str) -> Cite:
        self.n += 1
        self.clusters[self.n] = (Run(CLUSTER_TEXT.get(key, f"({key})")),)
        return Cite(self.n, (CitationItem(key),), f"[@{key}]")


def _inlines(text: str, ids: _Ids) -> tuple:
    """A tiny Markdown-inline subset: **strong**, *emph*, [@key]."""
    out = []
    for token in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*|\[@[\w:-]+\])", text):
        if not token:
            continue
        if token.startswith("**"):
            out.append(Strong((Text(token[2:-2]),)))
        elif token.startswith("*"):
            out.append(Emph((Text(token[1:-1]),)))
        elif token.startswith("[@"):
            out.append(ids.cite(token[2:-1]))
        else:
            out.append(Text(token))
    return tuple(out)


def sample_meta(**over) -> Meta:
    values = dict(
        title="The Influence of the Gut Microbiome on the Efficacy of Cancer Immunotherapy",
        authors=(Author("Ada Lovelace", "MD, PhD", "University of Somewhere"), Author("Grace Hopper", "RN")),
        date=dt.date(2025, 3, 1), lang="en-US", organization="The MedReport Foundation",
        review=Review("Assessed and Endorsed by the MedReport Medical Review Board", dt.date(2025, 2, 15),
                      dt.date(2027, 2, 15)),
        copyright="©2025 by The MedReport Foundation", version="1.2",
        disclaimer="The information provided is not a substitute for professional medical advice.",
        url="https://www.medreport.foundation/", keywords=("gut microbiome", "cancer immunotherapy"),
        abstract="How gut bacteria shape the response to cancer immunotherapy.",
    )
    values.update(over)
    return Meta(**values)


def sample_document(**meta_over) -> tuple[Document, RenderedCitations]:
    """The sample source's body, hand-converted (front matter enriched with every publishing field)."""
    ids = _Ids()
    body = SAMPLE_MD.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = chunk.strip()
        if chunk.startswith("::: {#refs}"):
            blocks.append(Div((), id="refs"))
        elif chunk.startswith("# "):
            text = chunk[2:].strip()
            blocks.append(Heading(1, (Text(text),)))
        elif chunk.startswith("- "):
            items = [re.sub(r"\s+", " ", i).strip() for i in re.split(r"^- ", chunk, flags=re.M) if i.strip()]
            blocks.append(BulletList(tuple(ListItem((Paragraph(_inlines(i, ids)),)) for i in items)))
        else:
            blocks.append(Paragraph(_inlines(re.sub(r"\s+", " ", chunk), ids)))
    doc = Document(sample_meta(**meta_over), tuple(blocks), str(SAMPLE_MD), "gut-microbiome-immunotherapy")
    return doc, RenderedCitations(ids.clusters, ENTRIES)


def png_bytes(width: int = 240, height: int = 120) -> bytes:
    import io

    from PIL import Image as PILImage

    img = PILImage.new("RGB", (width, height), (200, 200, 200))
    for x in range(width):
        img.putpixel((x, height // 2), (20, 20, 20))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def rich_document(folder: Path, *, table_rows: int = 60, **meta_over) -> tuple[Document, RenderedCitations]:
    """Every block type: L1–L3 headings, lead, table across pages, figure, quote, footnotes, lists, code, hidden divs."""
    (folder / "figure.png").write_bytes(png_bytes())
    ids = _Ids()
    para = ("Microbes in the gut produce beneficial metabolites like short-chain fatty acids, which help regulate "
            "immune functions and reduce inflammation in ways that matter for treatment outcomes. ")
    blocks = [
        Paragraph((Text("A lead paragraph that sets the scene "), ids.cite("jci2020"), Text(".")),),
        Heading(1, (Text("Background"),)),
        Paragraph((Text(para * 3), ids.cite("mcquade2020"), Text(" and a note."), FootnoteRef("a", 1))),
        Heading(2, (Text("Level Two Heading"),)),
        Paragraph((Text(para * 2), Emph((Text("Akkermansia muciniphila"),)), Text(" "), ids.cite("najmi2022"))),
        Heading(3, (Text("Level Three Heading"),)),
        BlockQuote((Paragraph((Text("A block quotation of forty words or more is set apart from the text. " * 2),)),)),
        OrderedList((ListItem((Paragraph((Text("First step"),)),)), ListItem((Paragraph((Text("Second step"),)),)))),
        Figure(Image("figure.png", "A grey chart with one dark line"), (Text("Figure 1. A test figure."),)),
        Div((Paragraph((Text("Speaker notes must not print"),)),), classes=("notes",)),
        Div((Paragraph((Text("Slides only text must not print"),)),), classes=("slides-only",)),
        Div((Paragraph((Text("Handout only text prints"),)),), classes=("handout-only",)),
        CodeBlock("x = 1\n"),
        Heading(1, (Text("Data"),)),
        Table(((Text("Study"),), (Text("Patients"),), (Text("Response"),)),
              tuple(((Text(f"Trial {i}"),), (Text(str(10 + i)),), (Text(f"{i % 7} of 10"),)) for i in range(table_rows)),
              ("left", "right", "left"), (Text("Table 1. Trials"),)),
        Paragraph((Text(para * 4), Link("https://example.org/guide", (Text("a guide"),)), Text("."),
                   FootnoteRef("b", 2))),
        Paragraph((Text("{{ 7*7 }} and {% raw %} and <b>bold?</b> stay literal."),)),
        RawBlock("<script>alert(1)</script>"),
    ]
    footnotes = (("a", (Paragraph((Text("First footnote text at the page foot."),)),)),
                 ("b", (Paragraph((Text("Second footnote, with a citation "), ids.cite("frontonc2023"))),)))
    doc = Document(sample_meta(**meta_over), tuple(blocks), str(folder / "doc.md"), "doc", footnotes=footnotes)
    return doc, RenderedCitations(ids.clusters, ENTRIES)
