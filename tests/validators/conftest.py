"""The documents the validators check: the sample and this folder's test documents, built once per session.

``docs/long-review`` has nested lists over page breaks, a table longer than a page, a wide dosing table, a
figure and footnotes; ``docs/numbered-notes`` a numeric style, an ordered list starting at 3 with nested
lists, a figure, notes and an A4 page.  Each is built to PDF (PDF/UA-1), deck and web page, and once more as
the archive copy (PDF/A-3u + PDF/UA-1); the long one also as PDF/A-2u.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from medprint.api import build_document  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = {
    "gut-microbiome-immunotherapy": ROOT / "sources" / "gut-microbiome-immunotherapy" / "index.md",
    "long-review": HERE / "docs" / "long-review" / "index.md",
    "numbered-notes": HERE / "docs" / "numbered-notes" / "index.md",
}
LONG = "long-review"


@dataclass
class Built:
    name: str
    pdf: Path
    archive: Path
    html: Path
    pptx: Path


@pytest.fixture(scope="session")
def built_docs(tmp_path_factory) -> dict[str, Built]:
    out = tmp_path_factory.mktemp("validated")
    built = {}
    for name, source in SOURCES.items():
        build_document(source, out, ("pdf", "pptx", "html"), run_check=False, name=name)
        build_document(source, out / "archive", ("pdf",), pdf_variant="pdf/a-3u", run_check=False, name=name)
        built[name] = Built(name, out / f"{name}.pdf", out / "archive" / f"{name}.pdf", out / f"{name}.html",
                            out / f"{name}.pptx")
    build_document(SOURCES[LONG], out / "archive-2u", ("pdf",), pdf_variant="pdf/a-2u", run_check=False, name=LONG)
    return built
