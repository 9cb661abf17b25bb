"""The handout's logical structure: one tree built from the HTML, not from the pages.

WeasyPrint tags page by page, so a list, table or paragraph broken by a page
becomes two structure elements (and a nested list lands beside its item).  Here
every HTML element gets ONE node, found again on every page where its boxes
appear; marked content from later pages joins the same node.  The tree is then
normalised to what PDF/UA-1 asks for (``L > LI > Lbl, LBody``, tables with
header scopes and ``Headers``, figures with ``Alt``, notes with ids) and written
as PDF structure elements.  Pure over WeasyPrint's laid-out boxes: no PDF is
parsed back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

# HTML element -> PDF standard structure type; None = transparent (content goes to the parent's node).
ROLES = {
    "html": "Document", "body": None, "main": "Part", "article": "Art", "section": "Sect", "nav": "Div",
    "header": "Div", "footer": "Div", "aside": "Div", "div": "Div", "figure": "Figure", "figcaption": "Caption",
    "p": "P", "h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "h5": "H5", "h6": "H6", "blockquote": "BlockQuote",
    "pre": "P", "address": "P", "ul": "L", "ol": "L", "dl": "L", "li": "LI", "dt": "Lbl", "dd": "LBody",
    "table": "Table", "caption": "Caption", "thead": "THead", "tbody": "TBody", "tfoot": "TFoot", "tr": "TR",
    "th": "TH", "td": "TD", "a": "Link", "img": "Figure", "svg": "Figure", "math": "Formula", "code": "Code",
    "q": "Quote", "span": "Span", "label": "Lbl",
}
ARIA_ROLES = {"list": "L", "listitem": "LI", "doc-footnote": "Note", "doc-endnote": "Note", "math": "Formula",
              "figure": "Figure", "img": "Figure", "heading": "P", "table": "Table", "doc-biblioentry": "LI"}
KEEP_EMPTY = {"TR", "TH", "TD", "Figure", "Formula"}


def local_name(tag) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


@dataclass(eq=False)
class Node:
    """One structure element: its type, attributes and ordered kids (nodes or (page, mcid) marks)."""

    role: str
    element: object = None
    kids: list = field(default_factory=list)
    parent: "Node | None" = None
    attrs: dict = field(default_factory=dict)
    annotations: list = field(default_factory=list)  # (page index, annotation dict)

    def add(self, kid) -> None:
        if isinstance(kid, Node):
            kid.parent = self
        self.kids.append(kid)

    def nodes(self):
        return [k for k in self.kids if isinstance(k, Node)]

    def has_content(self) -> bool:
        return any(not isinstance(k, Node) or k.has_content() for k in self.kids) or bool(self.annotations)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


class LogicalTree:
    """Builds the logical tree from the laid-out pages (``add_page`` in page order), then normalises it."""

    def __init__(self, root_element) -> None:
        self.parent_of = {child: parent for parent in root_element.iter() for child in parent}
        self.root = Node("Document", root_element)
        self.nodes: dict[tuple[int, str], Node] = {(id(root_element), ""): self.root}
        self.header_count = 0

    # ------------------------------------------------------------ roles

    def role(self, element, pseudo: str) -> str | None:
        if pseudo == "marker":
            return "Lbl"
        if pseudo == "footnote-marker":
            return "Lbl"
        if pseudo == "footnote-call":
            return "Span"
        if pseudo:
            return None  # ::before / ::after text belongs to its element
        name = local_name(element.tag)
        if name == "html":
            return "Document"
        aria = (element.get("role") or "").split()
        for r in aria:
            if r in ARIA_ROLES:
                return ARIA_ROLES[r]
        classes = (element.get("class") or "").split()
        if "footnote" in classes and name == "span":
            return "Note"
        if "csl-left-margin" in classes:
            return "Lbl"
        if name == "img" and "math-svg" in classes:  # an equation drawn as a picture: a Formula with its TeX
            return "Formula"
        if name == "a":
            return "Link" if element.get("href") else "Span"
        if name == "span" and not element.get("lang") and not classes:
            return None
        return ROLES.get(name)  # em, strong, sup, b, i, br, time... are transparent

    def node_for(self, element, pseudo: str = "") -> Node:
        """The one node of ``element`` (or of its nearest structural ancestor), created on first sight."""
        key = (id(element), pseudo)
        node = self.nodes.get(key)
        if node is not None:
            return node
        role = self.role(element, pseudo)
        if pseudo:
            if role is None:
                node = self.node_for(element)
            elif pseudo == "footnote-call":
                # the call stays in the text; the note itself follows right after it
                parent = self.node_for(self.parent_of.get(element, element))
                node = Node(role, element)
                parent.add(node)
                self.nodes[key] = node
                self.node_for(element)
                return node
            else:
                node = Node(role, element)
                self.node_for(element).add(node)
        elif role is None:
            parent_element = self.parent_of.get(element)
            node = self.root if parent_element is None else self.node_for(parent_element)
        else:
            parent_element = self.parent_of.get(element)
            parent = self.root if parent_element is None else self.node_for(parent_element)
            node = Node(role, element)
            parent.add(node)
        self.nodes[key] = node
        return node

    # ------------------------------------------------------------ walking boxes

    def add_page(self, page_index: int, page_box, tags: dict, skip: set[int]) -> None:
        """Attach every marked box of one page to its element's node, in reading order."""
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder

        def visit(box) -> None:
            if isinstance(box, AbsolutePlaceholder):
                box = box._box
            if id(box) in skip or isinstance(box, boxes.MarginBox):
                return
            node = None
            if box.element is not None and box.element_tag:
                pseudo = box.element_tag.split("::", 1)[1] if "::" in box.element_tag else ""
                node = self.node_for(box.element, pseudo)
            mark = tags.pop(box, None)
            if mark is not None:
                target = node or self.root
                if target.role in ("Figure", "Formula") and isinstance(box, boxes.ReplacedBox):
                    target.attrs.setdefault("_bbox", (page_index, box))
                target.add((page_index, mark["mcid"]))
            annotation = getattr(box, "link_annotation", None)
            if annotation is not None and node is not None:
                node.annotations.append((page_index, annotation))
            if isinstance(box, boxes.ParentBox):
                for child in box.children:
                    visit(child)

        visit(page_box)

    # ------------------------------------------------------------ normalising

    def finish(self) -> Node:
        self._prune(self.root)
        self._normalise(self.root)
        return self.root

    def _prune(self, node: Node) -> None:
        for kid in node.nodes():
            self._prune(kid)
        node.kids = [k for k in node.kids
                     if not isinstance(k, Node) or k.has_content() or k.role in KEEP_EMPTY]

    def _normalise(self, node: Node) -> None:
        for kid in list(node.nodes()):
            self._normalise(kid)
        if node.role == "L":
            self._list(node)
        elif node.role == "LI":
            self._list_item(node)
        elif node.role == "Table":
            self._table(node)
        elif node.role in ("Figure", "Formula"):
            self._figure(node)

    def _list(self, node: Node) -> None:
        """An L holds LI (and a leading Caption); a dt (Lbl) opens an item its dd joins; stray content gets an LI."""
        items: list[Node] = []
        for kid in node.kids:
            if isinstance(kid, Node) and (kid.role == "LI" or (kid.role == "Caption" and not items)):
                items.append(kid)
                continue
            if isinstance(kid, Node) and kid.role == "Lbl" or not items or items[-1].role != "LI" \
                    or items[-1].element is not None:
                items.append(Node("LI", None))
            items[-1].add(kid)
        node.kids = []
        for item in items:
            if item.role == "LI" and item.element is None:
                self._list_item(item)
            node.add(item)

    def _list_item(self, node: Node) -> None:
        """An LI holds only Lbl and LBody: everything else moves into one LBody (nested lists included)."""
        labels, body = [], Node("LBody", None)
        for kid in node.kids:
            if isinstance(kid, Node) and kid.role == "Lbl" and not body.kids:
                labels.append(kid)
            elif isinstance(kid, Node) and kid.role == "LBody":
                for inner in kid.kids:
                    body.add(inner)
            else:
                body.add(kid)
        node.kids = []
        for kid in labels + ([body] if body.kids else []):
            node.add(kid)

    def _table(self, node: Node) -> None:
        """Caption first or last; header cells get ids and scopes, data cells the ids of their headers."""
        captions = [k for k in node.kids if isinstance(k, Node) and k.role == "Caption"]
        rest = [k for k in node.kids if not (isinstance(k, Node) and k.role == "Caption")]
        node.kids = []
        for kid in captions[:1] + rest + captions[1:]:
            node.add(kid)
        rows = [n for n in _descendants(node) if n.role == "TR"]
        occupied: dict[tuple[int, int], Node] = {}
        grid: list[list[tuple[int, Node]]] = []
        for r, row in enumerate(rows):
            cells, c = [], 0
            for cell in row.nodes():
                if cell.role not in ("TH", "TD"):
                    continue
                while (r, c) in occupied:
                    c += 1
                colspan = _span(cell.element, "colspan")
                rowspan = _span(cell.element, "rowspan")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied[(r + dr, c + dc)] = cell
                cell.attrs["_at"] = (r, c, rowspan, colspan)
                cells.append((c, cell))
                c += colspan
            grid.append(cells)
        in_head = {id(n) for n in _descendants(node) if n.role == "THead" for n in _descendants(n)}
        col_headers, row_headers = defaultdict(list), defaultdict(list)
        for r, cells in enumerate(grid):
            for c, cell in cells:
                if cell.role != "TH":
                    continue
                _, _, rowspan, colspan = cell.attrs["_at"]
                scope = (cell.element.get("scope") or "").lower() if cell.element is not None else ""
                if scope not in ("row", "col", "rowgroup", "colgroup"):
                    scope = "col" if id(cell) in in_head or r == 0 else ("row" if c == 0 else "col")
                self.header_count += 1
                cell.attrs["ID"] = f"th-{self.header_count}"
                cell.attrs["Scope"] = "Row" if scope.startswith("row") else "Column"
                if scope.startswith("row"):
                    for dr in range(rowspan):
                        row_headers[r + dr].append(cell.attrs["ID"])
                else:
                    for dc in range(colspan):
                        col_headers[c + dc].append(cell.attrs["ID"])
        for r, cells in enumerate(grid):
            for c, cell in cells:
                if cell.role != "TD":
                    continue
                _, _, rowspan, colspan = cell.attrs["_at"]
                headers = [h for dr in range(rowspan) for h in row_headers[r + dr]]
                headers += [h for dc in range(colspan) for h in col_headers[c + dc]]
                cell.attrs["Headers"] = headers

    def _figure(self, node: Node) -> None:
        """Alt text from the image; a caption that says something else is read after the figure, not hidden."""
        element = node.element
        images = [] if element is None else [e for e in element.iter() if local_name(e.tag) in ("img", "svg")]
        alt = ""
        if element is not None and local_name(element.tag) == "img":
            alt = element.get("alt") or ""
        elif element is not None and local_name(element.tag) == "svg":
            title = next((e for e in element.iter() if local_name(e.tag) == "title"), None)
            alt = text_of(title) if title is not None else (element.get("aria-label") or "")
        elif images:
            alt = images[0].get("alt") or images[0].get("aria-label") or ""
        alt = alt or (element.get("aria-label") if element is not None else "") or ""
        # nested Figure (the img inside a figure element) melts into the outer one
        inner = []
        for kid in node.kids:
            if isinstance(kid, Node) and kid.role == node.role:
                inner.extend(kid.kids)
                node.attrs.setdefault("_bbox", kid.attrs.get("_bbox"))
            else:
                inner.append(kid)
        node.kids = []
        for kid in inner:
            node.add(kid)
        captions = [k for k in node.kids if isinstance(k, Node) and k.role == "Caption"]
        if alt.strip():
            node.attrs["Alt"] = alt.strip()
        for caption in captions:
            if " ".join(alt.split()) != text_of(caption.element) and node.parent is not None:
                node.kids.remove(caption)
                siblings = node.parent.kids
                siblings.insert(siblings.index(node) + 1, caption)
                caption.parent = node.parent


def _descendants(node: Node):
    for kid in node.nodes():
        yield kid
        yield from _descendants(kid)


def _span(element, name: str) -> int:
    try:
        return max(1, min(1000, int(re.sub(r"\D", "", (element.get(name) or "1")) or 1)))
    except (AttributeError, ValueError):
        return 1
