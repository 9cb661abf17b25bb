"""Tiny generated libraries for release, cache and watch tests (real sources, real builds)."""

from __future__ import annotations

import json
from pathlib import Path

REFS = [
    {"id": "smith2020", "type": "article-journal", "title": "Gut bacteria and checkpoint inhibitors",
     "container-title": "Journal of Tests", "volume": "12", "issue": "3", "page": "101-110",
     "DOI": "10.1000/jt.2020.1", "author": [{"family": "Smith", "given": "Ann"}, {"family": "Lee", "given": "Bo"}],
     "issued": {"date-parts": [[2020, 5, 1]]}},
    {"id": "jones2021", "type": "article-journal", "title": "Diet, microbes and immunotherapy",
     "container-title": "Clinical Examples", "volume": "4", "page": "7-19", "DOI": "10.1000/ce.2021.7",
     "author": [{"family": "Jones", "given": "Cara"}], "issued": {"date-parts": [[2021]]}},
]


def write_source(folder: Path, name: str, *, title: str | None = None, cite: str = "smith2020",
                 next_review: str = "2099-01-01", body: str = "") -> Path:
    """One folder-per-document source with its own references.json; returns the .md path."""
    doc = folder / name
    doc.mkdir(parents=True, exist_ok=True)
    (doc / "references.json").write_text(json.dumps(REFS, indent=1), encoding="utf-8")
    text = f"""---
title: "{title or 'Document ' + name}"
version: "1.{len(name)}"
bibliography: references.json
review:
  statement: Reviewed by the test board
  reviewed: 2025-01-15
  next-review: {next_review}
---

A short lead paragraph about {name} [@{cite}].

# Background

Microbes matter for treatment, as @jones2021 showed. {body}
"""
    path = doc / "index.md"
    path.write_text(text, encoding="utf-8")
    return path


def make_library(project: Path, names=("alpha", "beta", "gamma")) -> list[Path]:
    return [write_source(project / "sources", n) for n in names]


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def source_writer():
    """``write_source(folder, name, **kw)`` for tests that make their own sources."""
    return write_source


@pytest.fixture(scope="session")
def library_maker():
    """``make_library(project)``: three tiny sources under project/sources/."""
    return make_library


@pytest.fixture
def library(tmp_path) -> Path:
    """A project with three tiny sources under sources/."""
    make_library(tmp_path)
    return tmp_path
