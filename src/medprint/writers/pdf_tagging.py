"""Write the handout's logical structure tree into the PDF, in place of WeasyPrint's page-by-page one.

Two hooks into WeasyPrint, both inert unless :func:`logical_tagging` is active
for the current render (a context variable, so other renders and threads are
untouched):

* before drawing, boxes that are not content (margin boxes: running head, page
  number, footer; the table header repeated on later pages; ``aria-hidden``
  elements) are listed, and the stream marks them ``/Artifact`` instead of
  giving them a marked-content id;
* after drawing, ``add_tags`` builds one :class:`~.pdf_structure.LogicalTree`
  over all pages and writes it (structure elements, parent tree, link
  annotations' ``StructParent``).
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Iterator

import pydyf
import weasyprint.pdf as weasyprint_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf.stream import Stream

from .pdf_structure import LogicalTree, Node, text_of

_ARTIFACTS: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("medprint_artifacts", default=None)
_WEASYPRINT_ADD_TAGS = weasyprint_pdf.add_tags
_WEASYPRINT_MARKED = Stream.marked
SCALE = 0.75  # PDF points per CSS pixel


@contextmanager
def logical_tagging(document) -> Iterator[None]:
    """Tag ``document`` (a laid-out WeasyPrint document) logically while it is written."""
    token = _ARTIFACTS.set(artifact_boxes(document.pages))
    try:
        yield
    finally:
        _ARTIFACTS.reset(token)


def _children(box):
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    return box, (box.children if isinstance(box, boxes.ParentBox) else [])


def artifact_boxes(pages) -> set[int]:
    """Ids of the boxes drawn as artifacts: page furniture, repeated table headers, aria-hidden elements."""
    found: set[int] = set()
    first_page: dict[int, int] = {}

    def everything(box) -> None:
        box, kids = _children(box)
        found.add(id(box))
        for kid in kids:
            everything(kid)

    def visit(box, index: int) -> None:
        box, kids = _children(box)
        element = box.element
        if isinstance(box, boxes.MarginBox):
            everything(box)
            return
        if element is not None and "::" not in (box.element_tag or ""):
            if str(element.get("aria-hidden", "")).lower() == "true":
                everything(box)
                return
            if isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
                if first_page.setdefault(id(element), index) != index:
                    everything(box)
                    return
        for kid in kids:
            visit(kid, index)

    for index, page in enumerate(pages):
        visit(page._page_box, index)
    return found


@contextmanager
def _marked(self, box, tag):
    artifacts = _ARTIFACTS.get()
    if artifacts is not None and self._tags is not None and id(box) in artifacts:
        with self.artifact():
            yield
        return
    with _WEASYPRINT_MARKED(self, box, tag):
        yield


def add_tags(pdf, document, pdf_version, page_streams):
    """WeasyPrint's hook: the logical tree for medprint renders, WeasyPrint's own tagging otherwise."""
    artifacts = _ARTIFACTS.get()
    if artifacts is None:
        return _WEASYPRINT_ADD_TAGS(pdf, document, pdf_version, page_streams)
    root_element = next(box.element for box in document.pages[0]._page_box.children
                        if box.element is not None and box.element_tag == "html")
    tree = LogicalTree(root_element)
    for index, (page, stream) in enumerate(zip(document.pages, page_streams)):
        tags = stream._tags
        tree.add_page(index, page._page_box, tags, artifacts)
        for mark in sorted(tags.values(), key=lambda m: m["mcid"]):  # never left unowned
            tree.root.add((index, mark["mcid"]))
        tags.clear()
    _write(pdf, document, pdf_version, tree.finish())


def _write(pdf, document, pdf_version, root: Node) -> None:
    parent_tree = pydyf.Dictionary({"Nums": pydyf.Array()})
    pdf.add_object(parent_tree)
    structure_root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": parent_tree.reference})
    pdf.add_object(structure_root)
    pages = pdf.page_references
    heights = [page.height for page in document.pages]
    by_page: dict[int, dict[int, object]] = {i: {} for i in range(len(pages))}
    annotations: list[tuple[object, dict]] = []
    notes = [0]

    def emit(node: Node, parent_reference) -> pydyf.Dictionary:
        element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{node.role}", "P": parent_reference,
                                    "K": pydyf.Array()})
        pdf.add_object(element)
        _attributes(node, element, heights)
        if node.role == "Note":
            notes[0] += 1
            element["ID"] = pydyf.String(f"note-{notes[0]}")
        first_page = None
        for kid in node.kids:
            if isinstance(kid, Node):
                element["K"].append(emit(kid, element.reference).reference)
                continue
            page, mcid = kid
            if first_page is None:
                first_page = page
                element["Pg"] = pages[page]
            if page == first_page:
                element["K"].append(mcid)
            else:
                element["K"].append(pydyf.Dictionary({"Type": "/MCR", "Pg": pages[page], "MCID": mcid}))
            by_page[page][mcid] = element.reference
        for page, annotation in node.annotations:
            objr = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference, "Pg": pages[page]})
            pdf.add_object(objr)
            element["K"].append(objr.reference)
            description = text_of(node.element)
            if description:
                annotation["Contents"] = pydyf.String(description)
            annotations.append((element.reference, annotation))
        return element

    document_element = emit(root, structure_root.reference)
    structure_root["K"] = pydyf.Array([document_element.reference])
    if str(pdf_version) >= "2.0":
        namespace = pydyf.Dictionary({"Type": "/Namespace", "NS": pydyf.String("http://iso.org/pdf2/ssn")})
        pdf.add_object(namespace)
        structure_root["Namespaces"] = pydyf.Array([namespace.reference])
        document_element["NS"] = namespace.reference
    for page in range(len(pages)):
        marks = by_page[page]
        parent_tree["Nums"].append(page)
        parent_tree["Nums"].append(pydyf.Array([marks[m] for m in sorted(marks)]))
    for number, (reference, annotation) in enumerate(annotations, start=len(pages)):
        parent_tree["Nums"].append(number)
        parent_tree["Nums"].append(reference)
        annotation["StructParent"] = number
    parent_tree["ParentTreeNextKey"] = len(pages) + len(annotations)
    pdf.catalog["StructTreeRoot"] = structure_root.reference
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    if "Lang" not in pdf.catalog:
        pdf.catalog["Lang"] = pydyf.String()


ORDERED_TYPES = {"1": "Decimal", "a": "LowerAlpha", "A": "UpperAlpha", "i": "LowerRoman", "I": "UpperRoman"}


def _numbering(element) -> str:
    """The ListNumbering of a list whose items have labels: from ``ol type``, Decimal for numbered references."""
    tag = str(getattr(element, "tag", "")).rsplit("}", 1)[-1].lower()
    if tag == "ol":
        return ORDERED_TYPES.get(element.get("type") or "1", "Decimal")
    if tag == "ul":
        return "Disc"
    return "Decimal"  # a role="list" of numbered reference entries (their csl-left-margin labels)


def _attributes(node: Node, element, heights) -> None:
    lang = node.element.get("lang") if node.element is not None and node.role != "Document" else None
    if lang:
        element["Lang"] = pydyf.String(lang)
    if "Alt" in node.attrs:
        element["Alt"] = pydyf.String(node.attrs["Alt"])
    if node.role == "L" and any(isinstance(k, Node) and k.nodes() and k.nodes()[0].role == "Lbl" for k in node.kids):
        element["A"] = pydyf.Dictionary({"O": "/List", "ListNumbering": "/" + _numbering(node.element)})
    if node.role in ("TH", "TD"):
        table = pydyf.Dictionary({"O": "/Table"})
        _, _, rowspan, colspan = node.attrs.get("_at", (0, 0, 1, 1))
        if rowspan != 1:
            table["RowSpan"] = rowspan
        if colspan != 1:
            table["ColSpan"] = colspan
        if node.role == "TH":
            table["Scope"] = "/" + node.attrs.get("Scope", "Column")
            element["ID"] = pydyf.String(node.attrs["ID"])
        if node.attrs.get("Headers"):
            table["Headers"] = pydyf.Array([pydyf.String(h) for h in node.attrs["Headers"]])
        element["A"] = table
    bbox = node.attrs.get("_bbox")
    if node.role in ("Figure", "Formula") and bbox:
        page, box = bbox
        x, y = box.content_box_x(), box.content_box_y()
        height = heights[page]
        element["A"] = pydyf.Dictionary({
            "O": "/Layout", "Placement": "/Inline" if isinstance(box, boxes.InlineReplacedBox) else "/Block",
            "BBox": pydyf.Array([round(v * SCALE, 2) for v in (x, height - y - box.height, x + box.width, height - y)]),
        })


weasyprint_pdf.add_tags = add_tags
Stream.marked = _marked
