"""Property: whatever bytes or text a reader is given, it fails only with a MedprintError (never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medprint.errors import MedprintError
from medprint.readers.references import PARSERS, parse_reference_text
from medprint.readers.references._text import decode

FORMAT_NAMES = {"csl-json": "r.json", "csl-yaml": "r.yaml", "bibtex": "r.bib", "ris": "r.ris", "medline": "r.nbib"}

# Tokens that reach deep into each grammar, so random input is more than an early syntax error.
TOKENS = {
    "csl-json": ['[', ']', '{', '}', ',', ':', '"id"', '"type"', '"author"', '"issued"', '"date-parts"', '"raw"',
                 '"x"', '1', '[[2020]]', 'null', 'true', '"family"', '{"literal": 3}', ' ', '\n'],
    "csl-yaml": ['- ', 'id: ', 'type: ', 'author: ', 'issued: ', 'references:', '\n', '  ', 'x', '2020-02-30',
                 '{date-parts: [[a]]}', '[', ']', '&a ', '*a', '"', ': ', '- family: ', 'literal: ', '12'],
    "bibtex": ['@article', '@string', '@comment', '{', '}', '(', ')', ',', '=', '"', 'key', 'title', 'author',
               ' and ', 'others', '\\"', '\\emph', '{\\o}', '#', 'jan', 'date', '2020-06', 'pages', '--', '\n', ' ',
               '%', '\\', 'year', 'month', 'von ', 'Last, ', 'Jr, '],
    "ris": ['TY  - JOUR\n', 'ER  - \n', 'AU  - ', 'A1  - ', 'ID  - ', 'PY  - ', 'DA  - ', '2020/13/40/', 'SP  - ',
            'EP  - ', 'T2  - ', 'N1  - PMID: 1', 'x', ',', '\n', '  ', 'UR  - ', 'KW  - ', '-'],
    "medline": ['PMID- ', '1234', 'TI  - ', 'FAU - ', 'AU  - ', 'CN  - ', 'DP  - ', '2020 Jun-', 'Spring',
                'AID - ', ' [doi]', 'PMC - ', '\n', '      ', 'x', ',', 'LA  - ', 'DEP - ', '2020133'],
}


def _only_medprint_errors(fmt: str, text: str) -> None:
    try:
        refs = parse_reference_text(text, fmt, FORMAT_NAMES[fmt])
    except MedprintError as exc:
        assert exc.code and exc.lines()[0].startswith(FORMAT_NAMES[fmt]) or exc.location is None
        return
    for ref in refs:
        assert isinstance(ref.id, str) and ref.id and ref.data["id"] == ref.id and isinstance(ref.data["type"], str)


@pytest.mark.parametrize("fmt", sorted(PARSERS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_random_bytes(fmt, data):
    try:
        text = decode(data, FORMAT_NAMES[fmt])
    except MedprintError:
        return
    _only_medprint_errors(fmt, text)


@pytest.mark.parametrize("fmt", sorted(PARSERS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_grammar_soup(fmt, data):
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(TOKENS[fmt]), st.text(max_size=4)), max_size=60))
    _only_medprint_errors(fmt, "".join(pieces))


FIXTURE_FILES = ["zotero.json", "pandoc.yaml", "jabref.bib", "biblatex.bib", "zotero.ris", "endnote.ris",
                 "pubmed.nbib"]


@pytest.mark.parametrize("name", FIXTURE_FILES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_real_exports(name, data):
    """Real exports with pieces cut, copied or inserted: reach the deep paths of each reader."""
    FIXTURES = Path(__file__).parent / "fixtures"
    from medprint.readers.references import format_of

    fmt = format_of(name)
    text = decode((FIXTURES / name).read_bytes(), name)
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["cut", "insert", "copy"]))
        if op == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)):]
        elif op == "insert":
            text = text[:at] + data.draw(st.one_of(st.sampled_from(TOKENS[fmt]), st.text(max_size=3))) + text[at:]
        else:
            other = data.draw(st.integers(0, len(text)))
            text = text[:at] + text[min(at, other):max(at, other)][:200] + text[at:]
    _only_medprint_errors(fmt, text)
