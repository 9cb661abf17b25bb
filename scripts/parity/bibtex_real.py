"""Real .bib files written by others: medprint's reference list against Pandoc's, entry by entry.

``python scripts/parity/bibtex_real.py FOLDER [--style styles/csl/apa.csl] [-v] [--json OUT]``

Every ``*.bib`` under FOLDER is formatted twice with the same CSL style: by medprint (the reader and
engine ``medprint refs FILE -f html`` uses, in this process) and by Pandoc 3 (``pandoc --citeproc``
over a document with ``nocite: '@*'``).  Both HTML lists are reduced by the parity tests' own code
(``tests/parity/parity_support.py``: markup to <i>/<b>/<sc>/<sup>/<sub>, links to their text) and
compared entry by entry (by key).  ``--reader-only`` instead formats Pandoc's own CSL-JSON reading of
each file with medprint's engine, so the differences left are the BibTeX reader's alone (Pandoc's
CSL-JSON writer drops literal dates, so a few entries differ there for that reason).  It prints
per-file and total equality and, with ``-v``, every differing entry.  The files are third-party
material: keep them outside the repository (the script only reads a local path, e.g. the template
.bib files of rstudio/rticles, quarto-journals/* and plk/biblatex's biblatex-examples.bib).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "parity"))
sys.path.insert(0, str(ROOT / "src"))

from parity_support import extract_pandoc


def pandoc_entries(bib: Path, style: Path) -> dict[str, str]:
    import pypandoc

    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "doc.md"
        doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        html = pypandoc.convert_file(str(doc), "html5", format="markdown",
                                     extra_args=["--citeproc", f"--bibliography={bib}", f"--csl={style}"])
    return {e["key"]: e["html"] for e in extract_pandoc(html)["entries"]}


def pandoc_csl_entries(bib: Path, style: Path) -> dict[str, str]:
    """Pandoc's reading of the file (``pandoc -f biblatex -t csljson``) formatted by medprint's engine:
    compared with medprint's own reading, it isolates the reader (both sides use the same engine)."""
    import pypandoc

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / (bib.stem + ".json")
        items, seen = [], set()
        for item in json.loads(pypandoc.convert_file(str(bib), "csljson", format="biblatex")):
            if item.get("id") not in seen:  # a key repeated in the .bib: the first entry, as both readers keep
                seen.add(item.get("id"))
                items.append(item)
        out.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        return medprint_entries(out, style)


def medprint_entries(bib: Path, style: Path) -> dict[str, str]:
    from medprint.citations import render_bibliography
    from medprint.commands.refs import load_files, to_html

    refs = load_files((bib,))
    entries = render_bibliography(tuple(refs), style.name, "en-US", source_dir=style.parent)
    return {e["key"]: e["html"] for e in extract_pandoc(to_html(entries))["entries"]}


def compare(folder: Path, style: Path, verbose: bool, reader_only: bool = False) -> dict:
    report = {"files": [], "entries": 0, "equal": 0, "equal_nocase": 0, "failed_files": 0}
    for bib in sorted(folder.rglob("*.bib")):
        row = {"file": str(bib.relative_to(folder)), "entries": 0, "equal": 0, "diffs": []}
        try:
            theirs = (pandoc_csl_entries if reader_only else pandoc_entries)(bib, style)
        except Exception as exc:  # noqa: BLE001 - a file Pandoc itself refuses is reported, not compared
            row["pandoc_error"] = str(exc).strip().splitlines()[-1][:200]
            report["files"].append(row)
            print(f"{row['file']}: Pandoc refuses it ({row['pandoc_error']})")
            continue
        try:
            ours = medprint_entries(bib, style)
        except Exception as exc:  # noqa: BLE001 - medprint's one-line error is the finding
            row["error"] = str(exc).strip().splitlines()[0][:300]
            report["failed_files"] += 1
            ours = {}
        for key, html in theirs.items():
            row["entries"] += 1
            mine = ours.get(key, "<missing>")
            if mine == html:
                row["equal"] += 1
            else:
                row["diffs"].append({"key": key, "pandoc": html, "medprint": mine})
                report["equal_nocase"] += mine.lower() == html.lower()
        report["entries"] += row["entries"]
        report["equal"] += row["equal"]
        report["files"].append(row)
        status = f"ERROR {row['error']}" if "error" in row else ""
        print(f"{row['file']}: {row['equal']}/{row['entries']} equal {status}")
        if verbose:
            for d in row["diffs"]:
                print(f"  [{d['key']}]\n    pandoc:   {d['pandoc']}\n    medprint: {d['medprint']}")
    report["equal_nocase"] += report["equal"]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--style", type=Path, default=ROOT / "styles" / "csl" / "apa.csl")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", type=Path, help="write the whole comparison as JSON")
    parser.add_argument("--reader-only", action="store_true",
                        help="compare with Pandoc's CSL-JSON of each file formatted by medprint's engine "
                             "(differences are then the reader's alone)")
    args = parser.parse_args()
    report = compare(args.folder, args.style.resolve(), args.verbose, args.reader_only)
    n, eq = report["entries"], report["equal"]
    files = len(report["files"])
    print(f"\n{files} files ({report['failed_files']} medprint could not read), {n} entries: "
          f"{eq} equal to Pandoc ({100 * eq / max(n, 1):.1f}%), {report['equal_nocase']} ignoring case")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
