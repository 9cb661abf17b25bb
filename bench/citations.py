"""Benchmark: formatting 100 and 1,000 APA references, medprint's engine vs plain citeproc-py.

Run: ``python bench/citations.py [--sizes 100 1000] [--repeat 1]``.  Prints CPU seconds
(process time, so other load on the machine does not skew the ratio) for each and the
speed-up, on the same data (the golden corpus cloned with varied names, years and titles),
after one warm-up each.  Plain citeproc-py runs in a child process of this same run,
because importing medprint patches citeproc-py in the process that imports it; it uses its
HTML formatter as its README shows.  medprint's figure includes everything it adds
(disambiguation, collation, rich text, typography, runs).  The output of both is checked
to have one entry per reference.
Not a test: speed targets are read here, never asserted in the suite.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import subprocess  # noqa: E402

CORPUS = ROOT / "tests" / "golden" / "citations" / "corpus.json"
APA = ROOT / "styles" / "csl" / "apa.csl"
SYLLABLES = ["ka", "lo", "mi", "ren", "so", "ta", "vel", "zu", "an", "bri"]


def dataset(n: int) -> list[dict]:
    # plain citeproc-py crashes on date ranges (fixed in medprint), so the data leaves them out
    base = [r for r in json.loads(CORPUS.read_text(encoding="utf-8"))
            if len(r.get("issued", {}).get("date-parts", [[]])) < 2]
    out = []
    for i in range(n):
        ref = copy.deepcopy(base[i % len(base)])
        ref["id"] = f"{ref['id']}-{i}"
        tag = SYLLABLES[i % 10] + SYLLABLES[(i // 10) % 10] + SYLLABLES[(i // 100) % 10]
        for name in ref.get("author", []):
            if "family" in name:
                name["family"] = name["family"] + tag
        if "issued" in ref and "date-parts" in ref["issued"]:
            ref["issued"]["date-parts"][0][0] = 1990 + i % 33
        ref["title"] = f"{ref.get('title', '')} ({tag})"
        out.append(ref)
    return out


def plain_citeproc(data: list[dict]) -> int:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(str(APA), validate=False)
        source = CiteProcJSON(data)
        bib = CitationStylesBibliography(style, source, formatter.html)
        for ref in data:
            bib.register(Citation([CitationItem(ref["id"])]))
        bib.sort()
        return len(bib.bibliography())


def medprint_engine(data: list[dict]) -> int:
    """Cold: the formatted-entry cache is emptied first, so every entry is formatted."""
    from medprint.citations import entry_cache

    entry_cache.clear()
    return medprint_warm(data)


def medprint_warm(data: list[dict]) -> int:
    """Warm: the same references again (a release's shared references come from the entry cache)."""
    from medprint.citations import render_bibliography
    from medprint.model import Reference

    return len(render_bibliography([Reference(r["id"], r) for r in data]))


def timed(fn, data, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        count = fn(data)
        best = min(best, time.process_time() - start)
        if count != len(data):
            raise SystemExit(f"{fn.__name__} formatted {count} of {len(data)} references")
    return best


def plain_in_child(n: int, repeat: int) -> float:
    out = subprocess.run([sys.executable, __file__, "--plain", str(n), "--repeat", str(repeat)],
                         check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--plain", type=int, help=argparse.SUPPRESS)  # child process: plain citeproc-py only
    args = parser.parse_args()
    if args.plain:
        plain_citeproc(dataset(20))
        print(timed(plain_citeproc, dataset(args.plain), args.repeat))
        return
    medprint_engine(dataset(20))
    print("CPU seconds to format N APA references (sort, disambiguate, entries)")
    print("(medprint cold: entry cache emptied first; warm: every entry already in the entry cache)")
    print(f"{'refs':>6} {'plain citeproc-py':>18} {'medprint':>10} {'speed-up':>9} {'warm':>8}")
    for n in args.sizes:
        data = dataset(n)
        plain = plain_in_child(n, args.repeat)
        ours = timed(medprint_engine, data, args.repeat)
        warm = timed(medprint_warm, data, args.repeat)
        print(f"{n:>6} {plain:>17.2f}s {ours:>9.2f}s {plain / ours:>8.1f}x {warm:>7.2f}s", flush=True)


if __name__ == "__main__":
    main()
