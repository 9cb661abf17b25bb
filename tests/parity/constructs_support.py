"""Pandoc's AST (``pandoc -f markdown -t json``) and medprint's model, reduced to one comparable shape.

Shared by ``scripts/parity/constructs.py`` (which writes Pandoc's side as goldens) and
``test_parity_constructs.py`` (which reduces medprint's reading the same way).  A block becomes a small
list (``["DL", [[term, [[blocks]]]]]``); inlines become one string with Pandoc-Markdown-like marks
(``*emph*``, ``**strong**``, ``~~strike~~``, ``^sup^``, ``~sub~``, ``[x]{sc}``, `` `code` ``,
``![alt](src){width=..}``), so a difference reads like the source that caused it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent
CONSTRUCTS = HERE / "constructs"
CONSTRUCTS_GOLDEN = HERE / "constructs_golden"

_SIZE_KEYS = ("width", "height")


def construct_names() -> list[str]:
    return sorted(p.stem for p in CONSTRUCTS.glob("*.md"))


def _squash(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def _size(attrs) -> str:
    kept = [f"{k}={v}" for k, v in attrs if k in _SIZE_KEYS]
    return "{" + " ".join(kept) + "}" if kept else ""


# ------------------------------------------------------------------ Pandoc's JSON


def _p_inlines(items: list) -> str:
    out: list[str] = []
    for node in items:
        t, c = node["t"], node.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "LineBreak":
            out.append("\n")
        elif t == "Emph":
            out.append("*" + _p_inlines(c) + "*")
        elif t == "Strong":
            out.append("**" + _p_inlines(c) + "**")
        elif t == "Strikeout":
            out.append("~~" + _p_inlines(c) + "~~")
        elif t == "Superscript":
            out.append("^" + _p_inlines(c) + "^")
        elif t == "Subscript":
            out.append("~" + _p_inlines(c) + "~")
        elif t == "SmallCaps":
            out.append("[" + _p_inlines(c) + "]{sc}")
        elif t == "Underline":
            out.append(_p_inlines(c))
        elif t == "Code":
            out.append("`" + c[1] + "`")
        elif t == "Link":
            out.append("[" + _p_inlines(c[1]) + "](" + c[2][0] + ")")
        elif t == "Image":
            out.append("![" + _squash(_p_inlines(c[1])) + "](" + unquote(c[2][0]) + ")" + _size(c[0][2]))
        elif t == "Span":
            inner = _p_inlines(c[1])
            out.append("[" + inner + "]{sc}" if "smallcaps" in c[0][1] else inner)
        elif t == "Quoted":
            left, right = ("\u201c", "\u201d") if c[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
            out.append(left + _p_inlines(c[1]) + right)
        elif t == "Cite":
            out.append(_p_inlines(c[1]))
        elif t in ("RawInline", "Note"):
            continue
        else:
            out.append(f"<{t}>")
    return "".join(out)


def _p_text(items: list) -> str:
    return _squash(_p_inlines(items))


_ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center", "AlignDefault": ""}


def _p_cell_text(cell) -> str:
    blocks = cell[4]
    return " ".join(_p_text(b["c"]) for b in blocks if b["t"] in ("Plain", "Para"))


def _p_blocks(blocks: list) -> list:
    out: list = []
    for node in blocks:
        t, c = node["t"], node.get("c")
        if t in ("Para", "Plain"):
            out.append(["P", _p_text(c)])
        elif t == "Header":
            out.append(["H", c[0], _p_text(c[2])])
        elif t == "BulletList":
            out.append(["UL", [_p_blocks(item) for item in c]])
        elif t == "OrderedList":
            out.append(["OL", c[0][0], [_p_blocks(item) for item in c[1]]])
        elif t == "DefinitionList":
            out.append(["DL", [[_p_text(term), [_p_blocks(d) for d in defs]] for term, defs in c]])
        elif t == "BlockQuote":
            out.append(["Q", _p_blocks(c)])
        elif t == "CodeBlock":
            out.append(["Code", c[1]])
        elif t == "HorizontalRule":
            out.append(["HR"])
        elif t == "LineBlock":
            out.append(["LineBlock", [_p_text(line) for line in c]])
        elif t == "Div":
            out.append(["Div", _p_blocks(c[1])])
        elif t == "Figure":
            caption = " ".join(_p_text(b["c"]) for b in c[1][1])
            image = c[2][0]["c"][0]["c"]
            out.append(["Figure", caption, unquote(image[2][0]), _size(image[0][2])])
        elif t == "Table":
            caption = " ".join(_p_text(b["c"]) for b in c[1][1])
            aligns = [_ALIGN[spec[0]["t"]] for spec in c[2]]
            head = [[_p_cell_text(cell) for cell in row[1]] for row in c[3][1]]
            rows = [[_p_cell_text(cell) for cell in row[1]] for body in c[4] for row in body[3]]
            out.append(["Table", caption, c[0][0], aligns, head[0] if head else [], rows])
        elif t == "RawBlock":
            continue
        else:
            out.append([f"<{t}>"])
    return out


def reduce_pandoc(ast: dict) -> list:
    return _p_blocks(ast["blocks"])


# ------------------------------------------------------------------ medprint's model


def _m_inlines(items) -> str:
    from medprint import model as m

    out: list[str] = []
    for node in items:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, m.SoftBreak):
            out.append(" ")
        elif isinstance(node, m.LineBreak):
            out.append("\n")
        elif isinstance(node, m.Emph):
            out.append("*" + _m_inlines(node.children) + "*")
        elif isinstance(node, m.Strong):
            out.append("**" + _m_inlines(node.children) + "**")
        elif isinstance(node, m.Superscript):
            out.append("^" + _m_inlines(node.children) + "^")
        elif isinstance(node, m.Subscript):
            out.append("~" + _m_inlines(node.children) + "~")
        elif isinstance(node, m.Code):
            out.append("`" + node.text + "`")
        elif isinstance(node, m.Link):
            out.append("[" + _m_inlines(node.children) + "](" + node.url + ")")
        elif isinstance(node, m.Image):
            out.append("![" + _squash(node.alt) + "](" + node.src + ")" + _size(node.attributes))
        elif isinstance(node, m.Span):
            inner = _m_inlines(node.children)
            if "strikeout" in node.classes:
                inner = "~~" + inner + "~~"
            out.append("[" + inner + "]{sc}" if "smallcaps" in node.classes else inner)
        elif isinstance(node, m.Cite):
            out.append(node.source_text)
        elif isinstance(node, m.FootnoteRef):
            continue
        else:
            out.append(f"<{type(node).__name__}>")
    return "".join(out)


def _m_text(items) -> str:
    return _squash(_m_inlines(items))


def _m_blocks(blocks) -> list:
    from medprint import model as m

    out: list = []
    for node in blocks:
        if isinstance(node, m.Paragraph):
            out.append(["P", _m_text(node.inlines)])
        elif isinstance(node, m.Heading):
            out.append(["H", node.level, _m_text(node.inlines)])
        elif isinstance(node, m.BulletList):
            out.append(["UL", [_m_blocks(item.blocks) for item in node.items]])
        elif isinstance(node, m.OrderedList):
            out.append(["OL", node.start, [_m_blocks(item.blocks) for item in node.items]])
        elif type(node).__name__ == "DefinitionList":
            out.append(["DL", [[_m_text(i.term), [_m_blocks(d) for d in i.definitions]] for i in node.items]])
        elif isinstance(node, m.BlockQuote):
            out.append(["Q", _m_blocks(node.blocks)])
        elif isinstance(node, m.CodeBlock):
            out.append(["Code", node.text.rstrip("\n")])
        elif isinstance(node, m.ThematicBreak):
            out.append(["HR"])
        elif type(node).__name__ == "LineBlock":
            out.append(["LineBlock", [_m_text(line) for line in node.lines]])
        elif isinstance(node, m.Div):
            out.append(["Div", _m_blocks(node.blocks)])
        elif isinstance(node, m.Figure):
            image = node.image
            out.append(["Figure", _m_text(node.caption), image.src, _size(image.attributes)])
        elif isinstance(node, m.Table):
            width = max([len(node.header)] + [len(r) for r in node.rows]) if (node.header or node.rows) else 0
            aligns = list(node.aligns) + [""] * (width - len(node.aligns))
            out.append(["Table", _m_text(node.caption), node.id, aligns, [_m_text(c) for c in node.header],
                        [[_m_text(c) for c in row] for row in node.rows]])
        elif isinstance(node, m.RawBlock):
            continue
        else:
            out.append([f"<{type(node).__name__}>"])
    return out


def reduce_medprint(blocks) -> list:
    return _m_blocks(blocks)
