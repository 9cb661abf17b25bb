"""Handout build time: the sample and a generated ~40-page document, against WeasyPrint's own time.

Run:  python bench/handout.py [--repeat N]

For each document it prints medprint's HTML time, WeasyPrint's layout time
(``HTML.render``) and PDF-writing time for the very same HTML and options, the
whole ``render_pdf`` time, and the difference: what medprint adds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import weasyprint  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from medprint import report  # noqa: E402
from medprint.citations import render_citations  # noqa: E402
from medprint.paths import styles_dir  # noqa: E402
from medprint.readers.source import read_source  # noqa: E402
from medprint.writers.html import render_html  # noqa: E402
from medprint.writers.html_fonts import font_dirs  # noqa: E402
from medprint.writers.pdf import identifier, pdf_variant, render_pdf  # noqa: E402
from medprint.writers.pdf_fetcher import SafeURLFetcher  # noqa: E402

SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md"


def generated_source(folder: Path, sections: int = 24) -> Path:
    """A long source made from the sample's front matter and body: headings L1–L3, lists, tables, citations."""
    shutil.copy(SAMPLE.parent / "references.json", folder / "references.json")
    text = SAMPLE.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    body = body.split("::: {#refs}")[0]
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "-"))]
    out = [f"---\n{front}---\n", paragraphs[0], ""]
    for s in range(1, sections + 1):
        out += [f"# Section {s}: Evidence and Practice", ""]
        for sub in range(1, 3):
            out += [f"## Part {s}.{sub}", ""] + [paragraphs[(s + sub + k) % len(paragraphs)] + "\n" for k in range(2)]
            out += [f"### Detail {s}.{sub}", "", paragraphs[(s * sub) % len(paragraphs)], ""]
        out += ["- **First:** a point about the microbiome [@mcquade2020].",
                "- **Second:** another point [@najmi2022; @jci2020].", "",
                "| Study | Patients | Response |", "| --- | ---: | --- |"]
        out += [f"| Trial {s}-{r} | {10 + r} | {r % 7} of 10 |" for r in range(8)] + [""]
    out += ["::: {#refs}", ":::", ""]
    path = folder / "long.md"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def weasyprint_only(html: str, document, styles: Path) -> tuple[float, float, int]:
    """WeasyPrint's own time on the same HTML: layout (render) and PDF writing, same fetcher and variant."""
    source_dir = Path(document.source_path).parent.resolve()
    fetcher = SafeURLFetcher([source_dir, styles, *font_dirs()])
    t0 = time.perf_counter()
    laid_out = weasyprint.HTML(string=html, base_url=source_dir.as_uri() + "/", url_fetcher=fetcher).render(
        font_config=FontConfiguration(), pdf_variant=pdf_variant(document, None), pdf_tags=True)
    t1 = time.perf_counter()
    laid_out.write_pdf(pdf_variant=pdf_variant(document, None), pdf_tags=True,
                       pdf_identifier=identifier(html).encode())
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(laid_out.pages)


def measure(name: str, source: Path, repeat: int) -> None:
    styles = styles_dir()
    with report.collecting():
        document = read_source(source)
        citations = render_citations(document)
        html_times, total_times, layout_times, write_times = [], [], [], []
        render_pdf(document, citations, styles=styles)  # warm-up: font loading, caches, imports
        pages = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            html = render_html(document, citations, styles=styles, for_print=True)
            html_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            render_pdf(document, citations, styles=styles)
            total_times.append(time.perf_counter() - t0)
            layout, write, pages = weasyprint_only(html, document, styles)
            layout_times.append(layout)
            write_times.append(write)
    med = statistics.median
    total, layout, write, html_t = med(total_times), med(layout_times), med(write_times), med(html_times)
    print(f"{name}: {pages} pages")
    print(f"  medprint render_pdf (HTML + WeasyPrint + finishing): {total:7.2f} s")
    print(f"    medprint HTML (templates, citations, assets):      {html_t:7.2f} s")
    print(f"  WeasyPrint alone on the same HTML: layout            {layout:7.2f} s")
    print(f"                                     PDF writing       {write:7.2f} s")
    print(f"  overhead medprint adds:                              {total - layout - write:7.2f} s "
          f"({100 * (total - layout - write) / total:4.1f} %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per document (median is printed)")
    args = parser.parse_args()
    measure("sample (gut-microbiome-immunotherapy)", SAMPLE, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        measure("generated long document", generated_source(Path(tmp)), max(1, args.repeat - 1))


if __name__ == "__main__":
    main()
