"""The issue-8 benchmark table: builds, releases, incremental builds and Pandoc, on this machine, in one run.

Run by hand from the repository root (needs ``pip install pypandoc-binary``)::

    python bench/run.py [--docs 100] [--refs 1000] [--jobs N] [--only sample|refs|library ...]

Everything is generated into a temporary folder at run time: a project holding a
copy of the sample, ``--docs`` copies of the sample (each with its own title) for
the release figures, and one document citing ``--refs`` references.  Each
``medprint`` figure is the wall time of the real command in a fresh process
(Python start-up included) except the warm rebuild, which is measured the way
``medprint watch`` does it: in one process, after a first build, on an edited
source.  Pandoc (from pypandoc-binary) builds the same sample's deck and its
HTML handout, which WeasyPrint turns into a PDF; figures with a Pandoc
counterpart are printed as a ratio to it.  Not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"
APA = ROOT / "styles" / "csl" / "apa.csl"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
ENV = {**os.environ, "PYTHONWARNINGS": "ignore", "MEDPRINT_STYLES": str(ROOT / "styles")}


class Time(float):
    """Wall seconds, carrying the CPU seconds spent and the peak resident memory (MB) of the command."""

    cpu: float = float("nan")
    rss: float = float("nan")


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Time:
    """Wall, CPU seconds and peak RSS of one command (its own rusage, through wait4); a failing command stops the
    benchmark with its error."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        result = Time(time.perf_counter() - start)
        result.cpu = usage.ru_utime + usage.ru_stime
        result.rss = usage.ru_maxrss / 1024  # KB on Linux
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                     f"{err.read().decode(errors='replace')[-2000:]}")
    return result


def median_of(runs: list[Time]) -> Time:
    """The run with the median wall time (its CPU and memory with it)."""
    return sorted(runs)[len(runs) // 2]


def cold(cmd: list[str], cwd: Path, repeat: int = 3) -> Time:
    """Median of ``repeat`` fresh processes, each with an empty user cache (as on a new machine)."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="medprint-bench-cache-") as cache:
            runs.append(timed(cmd, cwd, {**ENV, "MEDPRINT_CACHE_DIR": cache}))
    return median_of(runs)


def plus(a: Time, b: Time) -> Time:
    total = Time(a + b)
    total.cpu = a.cpu + b.cpu
    total.rss = max(a.rss, b.rss)
    return total


def medprint(*args: str) -> list[str]:
    """The ``medprint`` program as installed (``python -m medprint`` runs the console script's entry point)."""
    return [sys.executable, "-m", "medprint", *args]


def compile_bytecode() -> None:
    """What ``make install`` does after its editable install: medprint's own modules compiled, so no run (on a
    machine with PYTHONDONTWRITEBYTECODE set) pays for compiling them."""
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "medprint"), quiet=1)


def copy_sample(dest: Path, title_suffix: str = "") -> Path:
    shutil.copytree(SAMPLE, dest)
    source = dest / "index.md"
    if title_suffix:
        text = source.read_text(encoding="utf-8")
        start = text.index("title:")
        end = text.index("\n", start)
        source.write_text(text[:end].rstrip('"') + f' {title_suffix}"' + text[end:], encoding="utf-8")
    return source


def thousand_refs(folder: Path, count: int) -> Path:
    """A document citing ``count`` generated references (the citation corpus, varied), 20 per paragraph."""
    from citations import dataset  # bench/citations.py

    refs = dataset(count)
    folder.mkdir(parents=True)
    (folder / "references.json").write_text(json.dumps(refs), encoding="utf-8")
    paras = []
    for start in range(0, count, 20):
        keys = "; ".join(f"@{r['id']}" for r in refs[start:start + 20])
        paras.append(f"Evidence for point {start // 20 + 1} comes from several studies [{keys}].")
    body = "\n\n".join(paras)
    text = (f'---\ntitle: "A review citing {count} references"\nbibliography: references.json\n'
            f"check:\n  ignore: [reference.title-case, reference.missing-doi, reference.missing-pages,"
            f" reference.duplicate-work, readability.grade]\n---\n\n# Evidence\n\n{body}\n")
    (folder / "index.md").write_text(text, encoding="utf-8")
    return folder / "index.md"


def warm_rebuild(source: Path, out: Path, repeat: int = 5) -> Time:
    """Median wall (and CPU) seconds of ``medprint watch``'s rebuild after an edit, in a warm process."""
    from medprint.commands.watch import rebuild

    formats = ("pdf", "pptx", "html")
    first = rebuild(source, out, formats)
    if not first.ok:
        sys.exit("warm rebuild failed: " + "; ".join(first.lines))
    text = source.read_text(encoding="utf-8")
    walls, cpus = [], []
    for i in range(repeat):
        source.write_text(text.replace("improve treatment outcomes", f"improve treatment outcomes ({i + 1})", 1),
                          encoding="utf-8")
        cpu = time.process_time()
        result = rebuild(source, out, formats)
        cpus.append(time.process_time() - cpu)
        if not result.ok:
            sys.exit("warm rebuild failed: " + "; ".join(result.lines))
        walls.append(result.seconds)
    source.write_text(text, encoding="utf-8")
    median = Time(statistics.median(walls))
    median.cpu = statistics.median(cpus)
    return median


def pandoc_exe() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc(source: Path, out: Path, repeat: int = 3) -> tuple[Time, Time]:
    """Seconds for Pandoc's deck, and for Pandoc's HTML handout + WeasyPrint's PDF of it (medians of ``repeat``)."""
    args = [pandoc_exe(), source.name, "--citeproc", f"--csl={APA}", "--resource-path=."]
    decks, handouts = [], []
    for _ in range(repeat):
        decks.append(timed([*args, "-o", str(out / "pandoc.pptx")], source.parent))
        html = timed([*args, "-s", "--embed-resources", "-o", str(out / "pandoc.html")], source.parent)
        handouts.append(plus(html, timed([sys.executable, "-m", "weasyprint", str(out / "pandoc.html"),
                                          str(out / "pandoc.pdf")], source.parent)))
    return median_of(decks), median_of(handouts)


def row(name: str, seconds: Time, pandoc_s: float | None = None, target: str = "", ok: bool | None = None) -> str:
    ratio = f"{seconds / pandoc_s:.2f}×" if pandoc_s else ""
    verdict = "" if ok is None else ("met" if ok else "MISSED")
    cpu = getattr(seconds, "cpu", float("nan"))
    rss = getattr(seconds, "rss", float("nan"))
    memory = f"{rss:.0f} MB" if rss == rss else ""
    return (f"| {name} | {seconds:.2f} s | {cpu:.2f} s | {memory} | {ratio} | {target} {verdict} |"
            .replace("  |", " |"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="documents in the release library")
    parser.add_argument("--refs", type=int, default=1000, help="references in the big document")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' for the release")
    parser.add_argument("--only", action="append", choices=("sample", "refs", "library"),
                        help="run only these parts (repeatable; default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print it")
    args = parser.parse_args()

    compile_bytecode()
    tmp = Path(tempfile.mkdtemp(prefix="medprint-bench-"))
    rows: list[str] = []
    try:
        project = tmp / "sample"
        source = copy_sample(project / "sources" / SAMPLE.name)
        out = project / "output"
        out.mkdir(parents=True)
        parts = set(args.only or ("sample", "refs", "library"))
        pandoc_deck, pandoc_html = pandoc(source, out)
        pandoc_both = plus(pandoc_deck, pandoc_html)
        rows.append(row("Pandoc: sample deck (pptx)", pandoc_deck))
        rows.append(row("Pandoc: sample HTML handout → WeasyPrint PDF", pandoc_html))
        rows.append(row("Pandoc: both (the reference for ratios)", pandoc_both))

        if "sample" in parts:
            full = cold(medprint("build", "--force", f"sources/{SAMPLE.name}"), project)
            rows.append(row("medprint build, sample, cold (pdf+pptx+html, median of 3)", full, pandoc_both,
                            "≤ 1.0× and < 200 MB", full <= pandoc_both and full.rss < 200))
            pdf_only = cold(medprint("build", "--force", "--to", "pdf", f"sources/{SAMPLE.name}"), project)
            rows.append(row("medprint build --to pdf, sample, cold (median of 3)", pdf_only, pandoc_html,
                            "≤ 1.0× Pandoc→HTML→WeasyPrint", pdf_only <= pandoc_html))
            for label, args_, limit in (("medprint --version", ("--version",), 0.3),
                                        ("medprint --help", ("--help",), 0.3),
                                        ("medprint check, sample", ("check", f"sources/{SAMPLE.name}"), 1.0)):
                t = median_of([timed(medprint(*args_), project) for _ in range(5)])
                rows.append(row(f"{label} (median of 5)", t, None, f"< {limit} s", t < limit))
            warm = warm_rebuild(source, out)
            rows.append(row("warm rebuild in watch mode, sample (median of 5)", warm, pandoc_both, "≤ 0.2 s",
                            warm <= 0.2))

        if "refs" in parts:
            big = thousand_refs(tmp / "bigrefs" / "sources" / "review", args.refs)
            big_s = cold(medprint("build", "--force", "sources/review"), tmp / "bigrefs", repeat=1)
            big_pandoc = timed([pandoc_exe(), "index.md", "--citeproc", f"--csl={APA}", "-o",
                                str(tmp / "bigrefs" / "pandoc.pptx")], big.parent)
            rows.append(row(f"document with {args.refs} references, cold build (pdf+pptx+html)", big_s, big_pandoc,
                            "< 15 s", big_s < 15))

        if "library" in parts:
            library = tmp / "library"
            for i in range(args.docs):
                copy_sample(library / "sources" / f"doc-{i:03d}", f"({i + 1})")
            one = timed(medprint("release", "bench-j1", "--jobs", "1"), library)
            many = timed(medprint("release", f"bench-j{args.jobs}", "--jobs", str(args.jobs)), library)
            rows.append(row(f"release of {args.docs} documents, --jobs 1", one, pandoc_both * args.docs))
            rows.append(row(f"release of {args.docs} documents, --jobs {args.jobs}", many,
                            pandoc_both * args.docs, f"≥ 1.7× faster: {one / many:.2f}×", one / many >= 1.7))
            build = timed(medprint("build", "--jobs", str(args.jobs)), library)
            again = timed(medprint("build", "--jobs", str(args.jobs)), library)
            rows.append(row(f"build of the {args.docs} documents, --jobs {args.jobs}", build))
            rows.append(row(f"no-change rebuild of the {args.docs}", again, None,
                            f"< 5% of building: {100 * again / build:.1f}%", again < 0.05 * build))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import pypandoc

    print(f"medprint benchmark: {os.cpu_count()} cores, load average {load:.1f}, Python "
          f"{sys.version.split()[0]}, Pandoc {pypandoc.get_pandoc_version()}")
    print("wall = elapsed seconds; CPU = user+system seconds of every process involved (on a busy machine")
    print("the single-process CPU figure is what an idle machine's wall time approaches).")
    print("Ratios are to Pandoc's deck + HTML→WeasyPrint handout of the same sample (×N documents for a release),")
    print("or to Pandoc's deck of the same document for the many-references row.\n")
    print("Each medprint process starts with an empty user cache (MEDPRINT_CACHE_DIR), as on a new machine;")
    print("peak RSS is the command's own (the release and multi-job rows: its largest process).\n")
    print("| measurement | wall | CPU | peak RSS | wall vs Pandoc | target |")
    print("| --- | --- | --- | --- | --- | --- |")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
