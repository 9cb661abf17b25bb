"""Hyphenated, particle and initial-only names from every reference reader, against citeproc-js.

``tests/golden/citations/readers/names.{json,bib,ris,nbib}`` write constructed works the way each format
writes names (``{von}`` parts, ``van der``, ``Jr.``, ``J.P.``, langid in BibTeX; ``Dupont JP`` and
``Park S-Y`` in RIS and PubMed).  ``corpus-readers.json`` says, by hand and in CSL-JSON, what each record
means; ``expected-citeproc-js-readers-apa.json`` is citeproc-js's APA output for that corpus
(``scripts/golden/generate.js``).  Here each file goes through medprint's own reader and engine, and
every entry and citation must read as citeproc-js prints the meaning.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from medprint.citations import render_citations
from medprint.citations.markup import runs_to_html
from medprint.model import Cite, CitationItem, Document, Meta, Paragraph, Text
from medprint.readers.references import read_reference_file

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "citations"
FILES = ("names.json", "names.bib", "names.ris", "names.nbib")


def _load(name: str):
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _references():
    return tuple(r for name in FILES for r in read_reference_file(GOLDEN / "readers" / name, name))


@functools.lru_cache(maxsize=None)
def _rendered():
    blocks = tuple(Paragraph((Text("Text "), Cite(c["id"], tuple(CitationItem(i["key"]) for i in c["items"]),
                                                  f"[cluster {c['id']}]")))
                   for c in _load("clusters-readers.json"))
    meta = Meta(title="Reader golden", nocite=("@*",), csl="apa", lang="en-US")
    document = Document(meta=meta, blocks=blocks, source_path=str(GOLDEN / "golden.md"), name="golden",
                        references=_references())
    return render_citations(document)


@functools.lru_cache(maxsize=None)
def _citations_support():
    """The citation tests' HTML → runs parser (tests/citations/citations_support.py), loaded by path."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "citations" / "citations_support.py"
    spec = importlib.util.spec_from_file_location("readers_golden_citations_support", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _html_runs(html: str):
    return _citations_support().html_runs(html)


def test_every_record_of_every_reader_is_in_the_corpus():
    assert sorted(r.id for r in _references()) == sorted(d["id"] for d in _load("corpus-readers.json"))


EXPECTED = _load("expected-citeproc-js-readers-apa.json")


@pytest.mark.parametrize("expected", EXPECTED["entries"], ids=[e["key"] for e in EXPECTED["entries"]])
def test_entry_reads_as_citeproc_js_prints_its_meaning(expected):
    entries = {e.key: e for e in _rendered().entries}
    assert runs_to_html(entries[expected["key"]].runs) == runs_to_html(_html_runs(expected["html"]))


@pytest.mark.parametrize("expected", EXPECTED["clusters"], ids=[str(c["id"]) for c in EXPECTED["clusters"]])
def test_citation_reads_as_citeproc_js_prints_it(expected):
    assert runs_to_html(_rendered().clusters[expected["id"]]) == runs_to_html(_html_runs(expected["html"]))


def test_reference_list_order():
    assert [e.key for e in _rendered().entries] == [e["key"] for e in EXPECTED["entries"]]
