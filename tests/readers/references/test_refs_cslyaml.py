"""CSL-YAML: Pandoc's ``references:`` files (BOM, CRLF, ``...`` end marker) and plain lists; inline items."""

from __future__ import annotations

import pytest

from medprint.errors import SourceError
from medprint.model import Location
from medprint.readers.references import read_reference_file
from medprint.readers.references.cslyaml import inline_references, parse_cslyaml


def test_pandoc_references_mapping_with_bom_and_crlf(fixtures):
    refs = read_reference_file(fixtures / "pandoc.yaml", "pandoc.yaml")
    assert [r.id for r in refs] == ["davar2021", "nci2024"]
    assert [r.location.line for r in refs] == [3, 18]
    davar = refs[0].data
    assert davar["issued"] == {"date-parts": [[2021, 2, 5]]}  # a YAML date becomes date-parts
    assert davar["volume"] == "371" and davar["PMID"] == "33542131"
    assert refs[1].data["issued"] == {"date-parts": [[2024, 9]]}


def test_plain_list(fixtures):
    refs = read_reference_file(fixtures / "list.yml", "list.yml")
    assert [(r.id, r.location.line) for r in refs] == [("gopalakrishnan2018", 1), ("matson2018", 12)]
    assert refs[1].data["issued"] == {"date-parts": [[2018]]}


@pytest.mark.parametrize("text, code, line", [
    ("- id: a\n  type: book\n  title: [unclosed\n", "reference.parse", 4),
    ("title: no references key\n", "reference.shape", 1),
    ("references: just text\n", "reference.shape", 1),
    ("- id: a\n  type: book\n- type: book\n  title: no id\n", "reference.missing-id", 3),
    ("- &x {id: a, type: book}\n- *x\n", "reference.parse", 2),
    ("- id: a\n  type: book\n  author: 12\n", "reference.field", 1),
    ("- id: a\n  type: book\n  issued: {date-parts: [[twenty]]}\n", "reference.field", 1),
])
def test_bad_yaml_is_located(text, code, line):
    with pytest.raises(SourceError) as info:
        parse_cslyaml(text, "refs.yaml")
    assert info.value.code == code
    assert info.value.location.file == "refs.yaml" and info.value.location.line == line


def test_impossible_dates_kept_as_literal():
    ref = parse_cslyaml("- id: a\n  type: book\n  issued: 2020-13-45\n", "r.yaml")[0]
    assert ref.data["issued"] == {"literal": "2020-13-45"}


def test_inline_references_keep_front_matter_positions():
    import datetime

    where = Location("doc.md", 9, 5)
    refs = inline_references(({"id": "x", "type": "book", "issued": datetime.date(2020, 6, 24),
                               "author": [{"family": "Smith", "given": "A."}]},), [where])
    assert refs[0].location == where
    assert refs[0].data["issued"] == {"date-parts": [[2020, 6, 24]]}
    with pytest.raises(SourceError) as info:
        inline_references(({"type": "book"},), [where])
    assert info.value.location == where and info.value.code == "reference.missing-id"


@pytest.mark.parametrize("markdown, csl", [
    ("The role of *Bacteroides fragilis* in **IBD**", "The role of <i>Bacteroides fragilis</i> in <b>IBD</b>"),
    ("H~2~O at 10^6^ cells", "H<sub>2</sub>O at 10<sup>6</sup> cells"),
    ("[mTOR]{.nocase} signalling and [WHO]{.smallcaps}",
     '<span class="nocase">mTOR</span> signalling and <span style="font-variant:small-caps;">WHO</span>'),
    ("snake_case stays, \\*stars\\* escaped, a ~ b", "snake_case stays, *stars* escaped, a ~ b"),
    ("_Helicobacter_ and __bold__", "<i>Helicobacter</i> and <b>bold</b>"),
])
def test_pandoc_markdown_in_fields(markdown, csl):
    import json

    text = f"- id: a\n  type: article-journal\n  title: {json.dumps(markdown)}\n  URL: https://x.org/a_b_c_\n"
    data = parse_cslyaml(text, "r.yaml")[0].data
    assert data["title"] == csl
    assert data["URL"] == "https://x.org/a_b_c_"  # identifiers are never Markdown


def test_inline_references_markdown_too():
    refs = inline_references(({"id": "x", "type": "book", "title": "On *E. coli*"},), [None])
    assert refs[0].data["title"] == "On <i>E. coli</i>"
