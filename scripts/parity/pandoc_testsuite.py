"""Pandoc's own Markdown test documents, built by medprint and by Pandoc, compared word by word.

Usage::

    python scripts/parity/pandoc_testsuite.py PANDOC_CHECKOUT [NAME ...]

``PANDOC_CHECKOUT`` is a local clone of github.com/jgm/pandoc (a work tree, or a bare git directory whose
``HEAD`` is read with ``git show``).  The documents (``test/testsuite.txt``, ``test/tables.txt``, ...) are
read from there and never copied into this repository (their licence differs from ours).

Each document goes through medprint's real pipeline (``api.read`` -> ``api.cite`` -> the web page writer)
and through ``pandoc -f markdown -t html5``.  The body text of both pages (medprint's title block and
publishing footer, Pandoc's title block left out) is split into tokens (words, and each punctuation
mark on its own, so a ``:`` or ``+---+`` printed as text counts) and compared with difflib; the ratio
is printed per document.  ``--diff`` prints the differing stretches.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import lxml.html
import pypandoc

DOCUMENTS = ("testsuite.txt", "tables.txt", "pipe-tables.txt", "markdown-reader-more.txt")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def read_document(checkout: Path, name: str) -> str:
    path = checkout / "test" / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return subprocess.run(["git", "--git-dir", str(checkout), "show", f"HEAD:test/{name}"], check=True,
                          capture_output=True, text=True).stdout


def _title_block(text: str) -> tuple[str, str]:
    """Pandoc's ``% title`` lines (pandoc_title_block) -> (title, body)."""
    lines = text.split("\n")
    title = []
    while lines and lines[0].startswith("%"):
        title.append(lines.pop(0)[1:].strip())
    return (title[0] if title else ""), "\n".join(lines)


def _text(root) -> str:
    for drop in root.xpath("//header[contains(@class,'title-block')] | //footer[contains(@class,'publishing')]"
                           " | //script | //style | //*[@id='title-block-header'] | //annotation"
                           # a footnote's way back and the notes' heading are the writer's, not the text's
                           " | //*[@role='doc-backlink'] | //section[@role='doc-endnotes']/*[self::h2 or self::hr]"):
        drop.getparent().remove(drop)
    for element in root.iter():  # block and cell boundaries separate words (text_content() joins them)
        if isinstance(element.tag, str):
            element.tail = " " + (element.tail or "")
    body = root.xpath("//body")
    return (body[0] if body else root).text_content()


def _placeholder_images(document, folder: Path) -> None:
    """A small picture under each local image name the document uses (the test documents name files they
    do not ship); the comparison is about text, not pictures."""
    from PIL import Image

    from medprint.model import iter_images

    for image in iter_images(document):
        target = folder / image.src
        if "://" in image.src or target.exists() or folder not in target.resolve().parents:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        kind = {".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}.get(target.suffix.lower(), "PNG")
        Image.new("RGB", (8, 8), (128, 128, 128)).save(target, kind)


def cite_keys(source: str) -> list[str]:
    """The citation keys a document uses (so both sides can be given the same stand-in references)."""
    from medprint import report
    from medprint.model import iter_cites
    from medprint.readers.markdown import read_markdown

    with report.collecting():
        blocks, notes = read_markdown(_title_block(source)[1], "doc.md")
    keys: list[str] = []
    from medprint.model import Document, Meta

    for cite in iter_cites(Document(Meta(title="x"), blocks, "doc.md", "doc", notes)):
        keys.extend(item.key for item in cite.items if item.key not in keys)
    return keys


def _front_matter(title: str, keys: list[str]) -> str:
    refs = "".join(f"  - {{id: '{k}', type: book, title: 'Work {k}', issued: {{date-parts: [[2000]]}}}}\n"
                   for k in keys)
    safe = title.replace('"', "'")
    return f'---\ntitle: "{safe}"\nreferences:\n{refs}---\n\n' if keys else f'---\ntitle: "{safe}"\n---\n\n'


def medprint_words(source: str, name: str, keys: list[str]) -> list[str]:
    from medprint import api, report
    from medprint.writers.html import render_html

    title, body = _title_block(source)
    body = _front_matter(title or name, keys) + body
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.md"
        path.write_text(body, encoding="utf-8")
        with report.collecting():
            document = api.read(path)
            _placeholder_images(document, Path(tmp))
            citations = api.cite(document)
            page = render_html(document, citations, styles=Path(api.__file__).resolve().parents[2] / "styles")
    return _TOKEN.findall(_text(lxml.html.fromstring(page)))


def pandoc_words(source: str, keys: list[str]) -> list[str]:
    title, body = _title_block(source)
    extra = ["--standalone", "--mathml"]  # MathML, as medprint's web page writes math
    if keys:
        csl = Path(__file__).resolve().parents[2] / "styles" / "csl" / "apa.csl"
        extra += ["--citeproc", "--csl", str(csl)]
    page = pypandoc.convert_text(_front_matter(title or "x", keys) + body, "html5", format="markdown",
                                 extra_args=extra)
    return _TOKEN.findall(_text(lxml.html.fromstring(page)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path)
    parser.add_argument("names", nargs="*", default=list(DOCUMENTS))
    parser.add_argument("--diff", action="store_true", help="print the stretches that differ")
    args = parser.parse_args(argv)
    worst = 1.0
    for name in args.names:
        source = read_document(args.checkout, name)
        keys = cite_keys(source)
        ours, theirs = medprint_words(source, name, keys), pandoc_words(source, keys)
        matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
        ratio = matcher.ratio()
        worst = min(worst, ratio)
        print(f"{name:32} {ratio:.4f}  ({len(theirs)} Pandoc tokens, {len(ours)} medprint tokens)")
        if args.diff:
            for op, a1, a2, b1, b2 in matcher.get_opcodes():
                if op != "equal":
                    print(f"   {op:8} pandoc: {' '.join(theirs[a1:a2])[:160]!r}\n            medprint: "
                          f"{' '.join(ours[b1:b2])[:160]!r}")
    return 0 if worst >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
