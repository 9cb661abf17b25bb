"""Write tests/golden/citations/expected-pandoc.json: Pandoc 3's citeproc output for the golden corpus.

Pandoc is the second reference implementation (medprint sources are Pandoc Markdown).
Each cluster of ``clusters.json`` becomes one paragraph of Pandoc citation syntax;
``nocite: '@*'`` lists the whole corpus.  Run ``python scripts/golden/generate_pandoc.py``
(needs ``pip install pypandoc-binary``).  Never edit the output by hand.
"""

from __future__ import annotations

import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pypandoc

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "citations"
# Pandoc's own abbreviations for CSL locator terms.
LABELS = {"page": "p.", "chapter": "chap.", "section": "sec.", "figure": "fig.", "paragraph": "para."}


def pandoc_item(item: dict) -> str:
    text = ("-" if item.get("mode") == "suppress-author" else "") + "@" + item["key"]
    if item.get("prefix"):
        text = item["prefix"] + text
    if item.get("locator"):
        text += ", " + LABELS[item.get("label", "page")] + " " + item["locator"]
    if item.get("suffix"):
        text += item["suffix"]
    return text


def pandoc_cluster(cluster: dict) -> str:
    items = cluster["items"]
    first = items[0]
    if first.get("mode") == "author-in-text":
        rest = ""
        if first.get("locator"):
            rest = " [" + LABELS[first.get("label", "page")] + " " + first["locator"] + "]"
        return "@" + first["key"] + rest
    return "[" + "; ".join(pandoc_item(i) for i in items) + "]"


class _Blocks(HTMLParser):
    """Collect the inner HTML of each citation span and each csl-entry div."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.citations: list[str] = []
        self.entries: list[tuple[str, str]] = []
        self._stack: list[tuple[str, str | None]] = []
        self._buf: list[str] | None = None
        self._depth = 0
        self._kind = ""
        self._key = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._buf is None:
            if tag == "span" and "citation" in (a.get("class") or "").split():
                self._buf, self._depth, self._kind = [], 1, "cite"
                return
            if tag == "div" and "csl-entry" in (a.get("class") or "").split():
                self._buf, self._depth, self._kind, self._key = [], 1, "entry", (a.get("id") or "")[4:]
                return
            return
        self._depth += 1
        self._buf.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self._buf is None:
            return
        self._depth -= 1
        if self._depth == 0:
            html = "".join(self._buf).strip()
            if self._kind == "cite":
                self.citations.append(html)
            else:
                self.entries.append((self._key, html))
            self._buf = None
            return
        self._buf.append(f"</{tag}>")

    def handle_data(self, data):
        if self._buf is not None:
            self._buf.append(data)

    def handle_entityref(self, name):
        if self._buf is not None:
            self._buf.append(f"&{name};")

    def handle_charref(self, name):
        if self._buf is not None:
            self._buf.append(f"&#{name};")


def main() -> None:
    clusters = json.loads((GOLDEN / "clusters.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "golden.md"
        body = "\n\n".join(pandoc_cluster(c) for c in clusters)
        md.write_text("---\nnocite: '@*'\nlang: en-US\n---\n\n" + body + "\n", encoding="utf-8")
        locale_dir = ROOT / "styles" / "csl" / "locales"
        args = ["--citeproc", f"--csl={ROOT / 'styles/csl/apa.csl'}",
                f"--bibliography={GOLDEN / 'corpus.json'}", "--wrap=none"]
        html = pypandoc.convert_file(str(md), "html5", format="markdown", extra_args=args, cworkdir=str(locale_dir))
    parser = _Blocks()
    parser.feed(html)
    if len(parser.citations) != len(clusters):
        raise SystemExit(f"expected {len(clusters)} citations, Pandoc gave {len(parser.citations)}")
    out = {
        "generator": f"pandoc {pypandoc.get_pandoc_version()}",
        "style": "styles/csl/apa.csl",
        "locale": "en-US",
        "clusters": [{"id": c["id"], "markdown": pandoc_cluster(c), "html": h}
                     for c, h in zip(clusters, parser.citations)],
        "entries": [{"key": k, "html": re.sub(r"\s+", " ", h)} for k, h in parser.entries],
    }
    (GOLDEN / "expected-pandoc.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(out['entries'])} entries and {len(out['clusters'])} clusters ({out['generator']})")


if __name__ == "__main__":
    main()
