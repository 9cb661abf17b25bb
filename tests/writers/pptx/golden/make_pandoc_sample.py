"""Regenerate ``pandoc-sample.pptx``: Pandoc's own deck of the sample, the golden "bad" example.

This is what a new user gets from ``pandoc --citeproc -o deck.pptx`` with the
project's APA style; the overflow checker must flag it.  Needs the dev extra
``pypandoc-binary`` (Pandoc 3.x bundled); run it by hand, never in tests:

    python tests/writers/pptx/golden/make_pandoc_sample.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pypandoc

ROOT = Path(__file__).resolve().parents[4]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md"
OUT = Path(__file__).resolve().parent / "pandoc-sample.pptx"


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1735689600")  # Pandoc stamps core properties otherwise
    pypandoc.convert_file(
        str(SAMPLE), "pptx", outputfile=str(OUT),
        extra_args=["--citeproc", f"--csl={ROOT / 'styles' / 'csl' / 'apa.csl'}",
                    f"--resource-path={SAMPLE.parent}", "--metadata=link-citations=true"],
        cworkdir=str(SAMPLE.parent),
    )
    print(f"wrote {OUT.relative_to(ROOT)} with Pandoc {pypandoc.get_pandoc_version()}")


if __name__ == "__main__":
    main()
