"""Deck build time: read + cite once, then plan and write the deck several times; prints the figures.

    python bench/deck.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from medprint import api
from medprint.writers.pptx import plan_deck, render_pptx

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "sample": ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md",
    "long": ROOT / "tests" / "writers" / "pptx" / "fixtures" / "long" / "index.md",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    styles = ROOT / "styles"
    print(f"{'document':<8} {'slides':>6} {'cold ms':>9} {'plan ms':>9} {'build ms':>9} {'bytes':>9}"
          f"  (build = plan + write; median of {args.runs})")
    for name, path in SOURCES.items():
        document = api.read(path)
        citations = api.cite(document)
        t = time.perf_counter()
        render_pptx(document, citations, styles=styles)  # first build: loads fonts and the template
        cold = time.perf_counter() - t
        plans, decks = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            deck = plan_deck(document, citations, styles=styles)
            t1 = time.perf_counter()
            data = render_pptx(document, citations, styles=styles)
            t2 = time.perf_counter()
            plans.append(t1 - t0)
            decks.append(t2 - t1)
        print(f"{name:<8} {len(deck.slides):>6} {cold * 1000:>9.1f} {statistics.median(plans) * 1000:>9.1f} "
              f"{statistics.median(decks) * 1000:>9.1f} {len(data):>9}")


if __name__ == "__main__":
    main()
