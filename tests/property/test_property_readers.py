"""Property tests: whatever an author or an export tool hands medprint, only medprint's own errors come out.

Random Markdown bodies, random front matter, random reference records and raw
bytes for every reference format, and random citations of random records go
through the real readers and the citation engine.  Each either succeeds or
raises :class:`medprint.errors.MedprintError` with a located, one-line message;
any other exception (a KeyError deep in a parser, a citeproc-py crash) fails.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medprint.citations import render_citations
from medprint.errors import MedprintError
from medprint.model import Cite, CitationItem, Document, Meta, Paragraph, Text
from medprint.readers.references import PARSERS, parse_reference_text, read_reference_file
from medprint.readers.references.csljson import parse_csljson
from medprint.readers.source import read_source

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ONE_LINE = re.compile(r"^.+: error: .+ \[[a-z0-9_.-]+\]$")


def assert_medprint_error(exc: MedprintError) -> None:
    """A MedprintError must print as one line per problem, each with a code."""
    for line in exc.lines():
        assert "\n" not in line and ONE_LINE.match(line), line


# ---------------------------------------------------------------- Markdown bodies

MD_PIECES = st.sampled_from([
    "# ", "## ", "### ", "> ", "- ", "1. ", "* ", "  ", "    ", "\n", "\n\n", "::: ", ":::", "::: notes\n",
    "::: {#refs}\n", "::: {.slides}\n", "[@", "@", "]", "[", "-@", "; @", ", p. 4", "pp. 33–35", "[^1]", "[^1]: ",
    "![alt](", ")", "](", "`", "```", "~~~", "*", "**", "_", "|", "| --- |", "<div>", "</div>", "<script>",
    "{#id .class key=value}", "&amp;", "&#0;", "\\", "^", "~", "$", "{{", "}}", "\t", "\r", "\u200f", "\u0301",
    "שלום", "漢字", "😀", "smith2020", "doe", "http://", "file:///etc/passwd", "---", "...", "<!--", "-->",
])
MD_BODY = st.lists(st.one_of(MD_PIECES, st.text(max_size=8)), max_size=60).map("".join)
FRONT = ("---\ntitle: Property\nreferences:\n  - id: smith2020\n    type: book\n    title: A book\n"
         "    issued: {date-parts: [[2020]]}\n---\n\n")


@SETTINGS
@given(body=MD_BODY)
def test_random_markdown_only_raises_medprint_errors(body, tmp_path):
    path = tmp_path / "index.md"
    path.write_text(FRONT + body, encoding="utf-8")
    try:
        document = read_source(path)
    except MedprintError as exc:
        assert_medprint_error(exc)
        return
    try:
        render_citations(document)
    except MedprintError as exc:
        assert_medprint_error(exc)


# ---------------------------------------------------------------- front matter

KEYS = st.sampled_from([
    "title", "subtitle", "author", "date", "lang", "bibliography", "references", "csl", "nocite", "organization",
    "review", "disclaimer", "copyright", "version", "handout", "slides", "url", "keywords", "abstract", "audience",
    "check", "toc", "link-citations", "bibliograpy", "titel", "", "1", "null",
])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["2025-03-01", "2025-13-45", "@key", "../x.json",
                                                           "/etc/passwd", "refs.bib", "apa", "de-DE", "patients"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)


@SETTINGS
@given(data=st.dictionaries(KEYS, VALUES, max_size=8))
def test_random_front_matter_values_only_raise_medprint_errors(data, tmp_path):
    path = tmp_path / "index.md"
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n\nBody [@smith2020].\n", encoding="utf-8")
    try:
        read_source(path)
    except MedprintError as exc:
        assert_medprint_error(exc)


YAML_PIECES = st.sampled_from(["title: ", "author:", "\n", "  - ", "- ", ": ", "[", "]", "{", "}", "&a ", "*a",
                               "!!python/object:os.system ", "!!binary ", "'", '"', "#", "|", ">", "? ", "%YAML 1.1",
                               "\t", "date: ", "2025-03-01", "review:\n  reviewed: ", "---", "..."])


@SETTINGS
@given(text=st.lists(st.one_of(YAML_PIECES, st.text(max_size=6)), max_size=40).map("".join))
def test_random_front_matter_text_only_raises_medprint_errors(text, tmp_path):
    path = tmp_path / "index.md"
    path.write_text(f"---\n{text}\n---\n\nBody.\n", encoding="utf-8")
    try:
        read_source(path)
    except MedprintError as exc:
        assert_medprint_error(exc)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_source_bytes_only_raise_medprint_errors(data, tmp_path):
    path = tmp_path / "index.md"
    path.write_bytes(data)
    try:
        read_source(path)
    except MedprintError as exc:
        assert_medprint_error(exc)


# ---------------------------------------------------------------- reference records and bytes

CSL_TYPES = st.sampled_from(["article-journal", "book", "chapter", "webpage", "report", "thesis", "dataset",
                             "paper-conference", "entry-encyclopedia", "legislation", "nonsense", ""])
NAME = st.fixed_dictionaries({}, optional={
    "family": st.one_of(st.text(max_size=12), st.integers(), st.none()),
    "given": st.text(max_size=12), "literal": st.text(max_size=12),
    "non-dropping-particle": st.sampled_from(["van", "de", ""]), "suffix": st.sampled_from(["Jr.", "III", ""]),
})
DATE = st.one_of(
    st.fixed_dictionaries({"date-parts": st.lists(st.lists(st.one_of(st.integers(-5000, 100000), st.text(max_size=4)),
                                                           max_size=4), max_size=3)}),
    st.fixed_dictionaries({"raw": st.text(max_size=16)}), st.fixed_dictionaries({"literal": st.text(max_size=10)}),
    st.text(max_size=10), st.integers(),
)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["smith2020", "a", "b:c", "pmid:123"]), st.text(min_size=1, max_size=10))},
    optional={
        "type": CSL_TYPES, "title": st.one_of(st.text(max_size=30), st.sampled_from(["<i>Italic</i> title",
                                                                                     "<b>bold", "x<sup>2</sup>"])),
        "author": st.one_of(st.lists(NAME, max_size=25), st.text(max_size=5)), "editor": st.lists(NAME, max_size=3),
        "issued": DATE, "accessed": DATE, "container-title": st.text(max_size=20),
        "volume": st.one_of(st.text(max_size=5), st.integers()), "issue": st.text(max_size=5),
        "page": st.one_of(st.text(max_size=10), st.sampled_from(["1-10", "e123", "33–35", "x-"])),
        "DOI": st.text(max_size=20), "URL": st.sampled_from(["https://example.org", "javascript:alert(1)", ""]),
        "edition": st.one_of(st.integers(-3, 30), st.text(max_size=4)), "publisher": st.text(max_size=10),
        "language": st.sampled_from(["en", "de-DE", "xx", ""]),
    },
)


@SETTINGS
@given(records=st.lists(RECORD, max_size=6), keys=st.lists(st.sampled_from(["smith2020", "a", "b:c", "pmid:123"]),
                                                          min_size=1, max_size=4),
       style=st.sampled_from(["apa", "american-medical-association", "vancouver"]))
def test_random_csl_records_and_citations_only_raise_medprint_errors(records, keys, style, tmp_path):
    try:
        refs = parse_csljson(json.dumps(records), "references.json")
    except MedprintError as exc:
        assert_medprint_error(exc)
        return
    known = sorted({r.id for r in refs})
    items = tuple(CitationItem(key, locator="4" if i % 2 else "", label="page" if i % 2 else "")
                  for i, key in enumerate(keys + known[:3]))
    cite = Cite(1, items, "[@x]")
    document = Document(Meta(title="Property", csl=style, nocite=("@*",) if len(known) % 2 else ()),
                        (Paragraph((Text("Cited "), cite)),), str(tmp_path / "index.md"), "index",
                        references=tuple({r.id: r for r in refs}.values()))
    try:
        rendered = render_citations(document)
    except MedprintError as exc:
        assert_medprint_error(exc)
        return
    assert set(rendered.clusters) == {1}


FORMAT_PIECES = {
    "bibtex": ["@article{", "@book{", "@string{", "@comment{", "@preamble{", "key,", "title = {", "author = ",
               "{", "}", '"', "#", " and ", "\\'e", "\\textit{", "$x^2$", "year = 2020", ",\n", "=", "%"],
    "ris": ["TY  - JOUR\n", "TY  - ", "ER  - \n", "ID  - ", "AU  - ", "TI  - ", "PY  - ", "DA  - 2020/01/",
            "SP  - ", "EP  - ", "DO  - ", "XX  - ", "\n", "  - ", "TY - ", "2020", "Smith, A."],
    "medline": ["PMID- ", "TI  - ", "AU  - ", "FAU - ", "DP  - ", "PG  - ", "AID - ", " [doi]", "      ", "\n",
                "SO  - ", "JT  - ", "VI  - ", "LID - ", "12345678", "2020 Jan", "Smith A"],
    "csl-json": ["[", "]", "{", "}", '"id"', ":", ",", '"smith"', '"type"', '"book"', '"author"', '"issued"',
                 '{"date-parts": [[2020]]}', "null", "1e999", "-0", '"\\ud800"', "true"],
    "csl-yaml": ["- id: ", "smith", "\n", "  type: book\n", "  title: ", "  author:\n", "    - family: ", "&a",
                 "*a", "!!python/name:os.system", "references:\n", "  issued: {date-parts: [[2020]]}\n", ": ", "'"],
}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_random_reference_text_only_raises_medprint_errors(fmt):
    pieces = st.lists(st.one_of(st.sampled_from(FORMAT_PIECES[fmt]), st.text(max_size=6)), max_size=50).map("".join)

    @SETTINGS
    @given(text=pieces)
    def run(text):
        try:
            parse_reference_text(text, fmt, "refs")
        except MedprintError as exc:
            assert_medprint_error(exc)

    run()


EXT = {"bibtex": ".bib", "ris": ".ris", "medline": ".nbib", "csl-json": ".json", "csl-yaml": ".yaml"}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_random_reference_bytes_only_raise_medprint_errors(fmt, tmp_path):
    path = tmp_path / f"references{EXT[fmt]}"

    @SETTINGS
    @given(data=st.binary(max_size=300))
    def run(data):
        path.write_bytes(data)
        try:
            read_reference_file(path, path.name)
        except MedprintError as exc:
            assert_medprint_error(exc)

    run()
