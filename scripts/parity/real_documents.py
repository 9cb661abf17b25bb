"""Build real documents that others wrote, unchanged, and compare what they keep with Pandoc's output.

Usage::

    python scripts/parity/real_documents.py DOC [DOC ...] [--out DIR] [--no-pandoc]

DOC is a Markdown / Quarto / R Markdown file (``paper.md``, ``template.qmd``, ``skeleton.Rmd``) or a Manubot
manuscript folder (one with ``content/metadata.yaml``): that one is put together first as Manubot does
(``metadata.yaml`` as the front matter, the ``content/*.md`` files in order, ``manual-references.json`` as
bibliography).  Each document is built with ``medprint build`` into ``DIR/<name>/`` (PDF, deck, web page) and,
when Pandoc is there (on ``PATH`` or from pypandoc-binary), with ``pandoc --citeproc`` to HTML.  It prints, per
document: the exit code, errors and warnings by code, and what the web page keeps of Pandoc's: the share of
Pandoc's words found in medprint's text, reference entries, figures and tables.  Look at the outputs too
(``pdftoppm -png``, ``soffice --convert-to pdf``): numbers cannot see layout.

The documents are read from where they are; nothing is copied into this repository (their licences vary).
Suggested set (fetched public repositories): openjournals/inara ``example/paper.md`` (journal submission),
quarto-journals/elsevier ``template.qmd`` (Quarto article), pandoc-scholar ``example/article.md`` (Pandoc
article template), rstudio/rticles ``inst/rmarkdown/templates/*/skeleton/skeleton.Rmd`` (R Markdown
articles), manubot/rootstock (Manubot manuscript).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from lxml import html as lxml_html

DIAGNOSTIC = re.compile(r": (error|warning|info): .*\[([\w.-]+)\]\s*$")
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def pandoc_binary() -> str | None:
    found = shutil.which("pandoc")
    if found:
        return found
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def assemble_manubot(folder: Path, work: Path) -> Path:
    """A Manubot manuscript as one source: metadata.yaml as front matter, content/*.md in name order."""
    content = folder / "content"
    meta = yaml.safe_load((content / "metadata.yaml").read_text(encoding="utf-8")) or {}
    target = work / folder.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(content, target)
    if (content / "manual-references.json").exists() and "bibliography" not in meta:
        meta["bibliography"] = "manual-references.json"
    parts = [p.read_text(encoding="utf-8") for p in sorted(content.glob("*.md"))]
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(parts)
    source = target / "manuscript.md"
    source.write_text(text, encoding="utf-8")
    return source


def build(source: Path, out: Path) -> tuple[int, list[tuple[str, str]], str]:
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", source.name, "--force", "-o", str(out)],
                          cwd=source.parent, capture_output=True, text=True, timeout=900, check=False)
    found = [(m.group(1), m.group(2)) for line in proc.stderr.splitlines() if (m := DIAGNOSTIC.search(line))]
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
    return proc.returncode, found, "\n".join(errors[:5])


def pandoc_html(source: Path, pandoc: str) -> str | None:
    proc = subprocess.run([pandoc, source.name, "--citeproc", "-t", "html5", "-s", "--mathml"], cwd=source.parent,
                          capture_output=True, text=True, timeout=600, check=False)
    return proc.stdout if proc.returncode == 0 else None


def page_facts(markup: str, *, ours: bool) -> dict:
    tree = lxml_html.fromstring(markup)
    for bad in tree.xpath("//script|//style|//head"):
        bad.getparent().remove(bad)
    body = tree.xpath("//main") if ours else tree.xpath("//body")
    root = body[0] if body else tree
    text = root.text_content()
    return {
        "words": Counter(w.casefold() for w in WORD.findall(text)),
        "entries": len(root.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' csl-entry ')]")),
        "figures": len(root.xpath(".//figure|.//img")),
        "tables": len(root.xpath(".//table")),
    }


def kept(ours: Counter, theirs: Counter) -> float:
    total = sum(theirs.values())
    return 1.0 if not total else sum(min(n, ours[w]) for w, n in theirs.items()) / total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "medprint-real-documents")
    parser.add_argument("--no-pandoc", action="store_true")
    args = parser.parse_args(argv)
    pandoc = None if args.no_pandoc else pandoc_binary()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for doc in args.docs:
        doc = doc.resolve()
        source = assemble_manubot(doc, args.out / "assembled") if doc.is_dir() else doc
        name = doc.name if doc.is_dir() else f"{doc.parent.parent.name}-{doc.stem}" if doc.stem in (
            "skeleton", "template", "index", "paper", "article") else doc.stem
        out = args.out / name
        code, found, errors = build(source, out)
        failed += code != 0
        counts = Counter(found)
        print(f"== {name}  ({doc})")
        print(f"   medprint build: exit {code}; {sum(n for (s, _), n in counts.items() if s == 'error')} errors, "
              f"{sum(n for (s, _), n in counts.items() if s == 'warning')} warnings")
        for (severity, code_name), n in sorted(counts.items()):
            print(f"     {severity:7} {code_name:34} x{n}")
        if errors:
            print("   " + errors.replace("\n", "\n   "))
        page = next(out.glob("*.html"), None) if out.exists() else None
        if pandoc and page is not None:
            theirs_html = pandoc_html(source, pandoc)
            if theirs_html is None:
                print("   pandoc: failed on this document")
                continue
            ours, theirs = page_facts(page.read_text(encoding="utf-8"), ours=True), page_facts(theirs_html, ours=False)
            lost = [w for w, n in theirs["words"].most_common() if ours["words"][w] < n][:12]
            print(f"   kept of Pandoc's text: {kept(ours['words'], theirs['words']):.1%}; reference entries "
                  f"{ours['entries']} (Pandoc {theirs['entries']}); figures/images {ours['figures']} "
                  f"(Pandoc {theirs['figures']}); tables {ours['tables']} (Pandoc {theirs['tables']})")
            if lost:
                print(f"   words Pandoc prints more often: {', '.join(lost)}")
    print(f"\n{len(args.docs) - failed} of {len(args.docs)} documents built; outputs in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
