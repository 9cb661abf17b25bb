"""CSL-JSON: Zotero exports read with each item's line, string date-parts made numbers, errors located."""

from __future__ import annotations

import pytest

from medprint.errors import SourceError
from medprint.readers.references import read_reference_file
from medprint.readers.references.csljson import parse_csljson


def test_zotero_export_reads_with_lines_and_clean_dates(fixtures):
    refs = read_reference_file(fixtures / "zotero.json", "zotero.json")
    assert [r.id for r in refs] == ["routy2018", "who2023", "baruch2021"]
    assert [(r.location.line, r.location.col) for r in refs] == [(2, 2), (41, 2), (71, 2)]
    routy = refs[0].data
    assert routy["issued"] == {"date-parts": [[2018, 1, 5]]}  # Zotero writes "2018" as a string
    assert routy["PMID"] == "29097494"  # lifted from Zotero's note line
    assert routy["author"][1] == {"family": "Le Chatelier", "given": "Emmanuelle"}
    assert refs[1].data["author"] == [{"literal": "World Health Organization"}]
    assert refs[2].data["issued"] == {"date-parts": [[2021, 2, 5]]}  # "raw" dates parsed


def test_numbers_become_strings_and_ids_strings():
    refs = parse_csljson('[{"id": 7, "type": "book", "volume": 3, "title": "T"}]', "x.json")
    assert refs[0].id == "7" and refs[0].data["volume"] == "3"


@pytest.mark.parametrize("text, code, line, col", [
    ('[{"id": "a", "type": "book"},\n {"id": "b" "type": "book"}]', "reference.parse", 2, 13),
    ('{"id": "a", "type": "book"} x', "reference.parse", 1, 29),
    ('"just a string"', "reference.shape", 1, 1),
    ('[{"id": "a", "type": "book"},\n  {"type": "book", "title": "no id"}]', "reference.missing-id", 2, 3),
    ('[{"id": "a", "type": "book"},\n  "oops"]', "reference.shape", 2, 3),
    ('[{"id": "a", "type": "book", "author": "Smith"}, {"id": "b", "type": "book", "author": 5}]',
     "reference.field", 1, 50),
    ('[{"id": "a", "type": "book"}', "reference.parse", 1, 29),
    ('[' * 100000, "limit.nesting", 1, 2),
])
def test_bad_json_is_located(text, code, line, col):
    with pytest.raises(SourceError) as info:
        parse_csljson(text, "refs.json")
    assert info.value.code == code
    assert (info.value.location.line, info.value.location.col) == (line, col)
    assert str(info.value).startswith(f"refs.json:{line}:{col}: error: ")


@pytest.mark.parametrize("text, line, col", [
    ('[{"id": "a", "type": "book",\n  "title": "T",\n}]', 2, 15),  # after the last field
    ('[{"id": "a", "type": "book"},\n {"id": "b", "type": "book"},\n]', 2, 29),  # after the last reference
    ('{"id": "a", "author": [{"family": "Doe"}, ], "type": "book"}', 1, 41),  # inside a list
])
def test_trailing_comma_is_named_as_such_at_the_comma(text, line, col):
    with pytest.raises(SourceError) as info:
        parse_csljson(text, "refs.json")
    assert (info.value.location.line, info.value.location.col) == (line, col)
    assert "a comma after the last item" in str(info.value) and "delete this comma" in str(info.value)
    assert "missing comma" not in str(info.value)


def test_single_object_and_empty_list():
    assert parse_csljson('{"id": "a", "type": "book"}', "x.json")[0].id == "a"
    assert parse_csljson("[ ]", "x.json") == []


def test_missing_type_defaults_to_article_with_warning():
    from medprint.report import collecting

    with collecting() as warnings:
        refs = parse_csljson('[{"id": "a", "title": "T"}]', "x.json")
    assert refs[0].data["type"] == "article"
    assert [w.code for w in warnings] == ["reference.missing-type"]


@pytest.mark.parametrize("issued, expected", [
    ({"date-parts": [["2020", "02", "29"]]}, {"date-parts": [[2020, 2, 29]]}),
    ({"date-parts": [[2020, 14]]}, {"date-parts": [[2020]], "season": 2}),  # citeproc-js: months 13-16 are seasons
    ({"date-parts": [[2019, 12], [2020, 1]]}, {"date-parts": [[2019, 12], [2020, 1]]}),
    ({"raw": "2019-12/2020-01"}, {"date-parts": [[2019, 12], [2020, 1]]}),
    ({"literal": "in press"}, {"literal": "in press"}),
    ({"date-parts": [[2020]], "season": "Spring"}, {"date-parts": [[2020]], "season": 1}),
    ("2021-03", {"date-parts": [[2021, 3]]}),
    ({"date-parts": [[2020, 0, 0]]}, {"date-parts": [[2020]]}),
])
def test_dates_normalised(issued, expected):
    import json

    item = {"id": "a", "type": "book", "issued": issued}
    assert parse_csljson(json.dumps([item]), "x.json")[0].data["issued"] == expected


@pytest.mark.parametrize("issued", [{"date-parts": [[2021, 2, 29]]}, {"date-parts": [[2020, 0, 5]]},
                                    {"raw": "2021-02-30"}])
def test_impossible_dates_are_located_warnings_keeping_the_year(issued):
    import json

    from medprint.report import collecting

    with collecting() as found:
        ref = parse_csljson(json.dumps([{"id": "a", "type": "book", "issued": issued}]), "x.json")[0]
    assert ref.data["issued"] == {"date-parts": [[int(str(issued).split("[[")[-1][:4]) if "[[" in str(issued)
                                                  else 2021]]}
    assert [(d.code, str(d.location)) for d in found] == [("reference.impossible-date", "x.json:1:2")]


@pytest.mark.parametrize("issued", [{"date-parts": "2020"}, {"date-parts": [["soon"]]}, True])
def test_malformed_dates_are_errors(issued):
    import json

    with pytest.raises(SourceError) as info:
        parse_csljson(json.dumps([{"id": "a", "type": "book", "issued": issued}]), "x.json")
    assert info.value.code == "reference.field" and "'issued'" in str(info.value)
