"""A reference file over the limit is refused while reading, before any parser runs, in every format."""

from __future__ import annotations

import json

import pytest

from medprint.errors import LimitError
from medprint.limits import Limits
from medprint.readers import references

ONE = {
    "medline": "PMID- {n}\nTI  - Title {n}.\nDP  - 2020\n\n",
    "ris": "TY  - JOUR\nID  - r{n}\nTI  - Title {n}\nPY  - 2020\nER  - \n\n",
    "bibtex": "@article{{k{n},\n  title = {{Title {n}}},\n  year = {{2020}}\n}}\n\n",
    "csl-yaml": "- id: k{n}\n  type: book\n  title: Title {n}\n",
}
EXT = {"medline": ".nbib", "ris": ".ris", "bibtex": ".bib", "csl-yaml": ".yaml", "csl-json": ".json"}


def content(fmt: str, count: int) -> str:
    if fmt == "csl-json":
        return json.dumps([{"id": f"k{n}", "type": "book", "title": f"T {n}"} for n in range(count)])
    return "".join(ONE[fmt].format(n=n + 1) for n in range(count))


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_over_the_limit_is_refused_before_parsing(fmt, tmp_path, monkeypatch):
    path = tmp_path / f"refs{EXT[fmt]}"
    path.write_text(content(fmt, 12))
    limits = Limits.from_env()
    limits = type(limits)(**{**limits.__dict__, "references": 10})

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a file that is over the limit")

    monkeypatch.setattr(references, "parse_reference_text", no_parsing)
    references._CACHE.clear()
    with pytest.raises(LimitError) as err:
        references.read_reference_file(path, path.name, limits=limits)
    assert err.value.lines() == [f"{path.name}:1:1: error: {path.name} holds 12 references, over the limit of 10; "
                                 "raise MEDPRINT_LIMIT_REFERENCES [limit.references]"]


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_counting_matches_parsing_for_ordinary_exports(fmt):
    data = content(fmt, 7).encode()
    assert references.count_records(data, fmt) == len(references.parse_reference_text(data.decode(), fmt, "x"))
