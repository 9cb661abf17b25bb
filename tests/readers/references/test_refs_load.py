"""load_references / read_reference_file: dispatch, inline items, duplicates across files, encodings, limits."""

from __future__ import annotations

import shutil

import pytest

from medprint.errors import LimitError, SourceError, UnsafePathError
from medprint.limits import Limits
from medprint.model import Location, Meta
from medprint.readers.references import load_references, read_reference_file

ALL = ["zotero.json", "pandoc.yaml", "list.yml", "jabref.bib", "biblatex.bib", "endnote.ris", "pubmed.nbib"]


def _meta(bibliography, references=(), file="src/doc.md"):
    positions = [("bibliography", Location(file, 3, 1))]
    positions += [(f"bibliography.{i}", Location(file, 4 + i, 5)) for i in range(len(bibliography))]
    positions += [("references", Location(file, 20, 1))]
    positions += [(f"references.{i}", Location(file, 21 + 3 * i, 3)) for i in range(len(references))]
    return Meta(title="T", bibliography=tuple(bibliography), references=tuple(references),
                positions=tuple(positions))


def test_every_format_together(tmp_path, fixtures):
    for name in ALL:
        shutil.copy(fixtures / name, tmp_path / name)
    inline = ({"id": "inline1", "type": "book", "title": "Inline"},)
    refs = load_references(_meta(ALL, inline), tmp_path)
    assert len(refs) == 3 + 2 + 2 + 5 + 4 + 7 + 3 + 1
    assert refs[0].location == Location("src/zotero.json", 2, 2)  # named beside the source file
    assert refs[-1].id == "inline1" and refs[-1].location == Location("src/doc.md", 21, 3)
    assert {r.id for r in refs} >= {"routy2018", "davar2021", "Routy2018", "mcquade2020", "12", "pmid:32577835"}
    for ref in refs:
        assert ref.data["id"] == ref.id and isinstance(ref.data["type"], str)


def test_generated_ris_key_clashing_with_another_file(tmp_path, fixtures):
    for name in ("biblatex.bib", "zotero.ris"):
        shutil.copy(fixtures / name, tmp_path / name)
    with pytest.raises(SourceError) as info:
        load_references(_meta(["biblatex.bib", "zotero.ris"]), tmp_path)
    assert info.value.location == Location("src/zotero.ris", 1, 1)
    assert "'mcquade2020'" in str(info.value) and "first defined at src/biblatex.bib:1:1" in str(info.value)


def test_duplicate_across_files_names_both_places(tmp_path, write):
    write("a.json", '[\n  {"id": "smith2020", "type": "book"}\n]')
    write("b.bib", "% comment\n\n@book{smith2020, title = {Other}}\n")
    with pytest.raises(SourceError) as info:
        load_references(_meta(["a.json", "b.bib"]), tmp_path)
    err = info.value
    assert err.code == "reference.duplicate-key" and err.location == Location("src/b.bib", 3, 1)
    assert "first defined at src/a.json:2:3" in str(err)


def test_duplicate_between_file_and_inline(tmp_path, write):
    write("a.yaml", "- id: x\n  type: book\n")
    with pytest.raises(SourceError) as info:
        load_references(_meta(["a.yaml"], ({"id": "x", "type": "book"},)), tmp_path)
    assert info.value.location == Location("src/doc.md", 21, 3) and "src/a.yaml:1:3" in str(info.value)


def test_keys_are_case_sensitive(tmp_path, write):
    write("a.yaml", "- id: Smith2020\n  type: book\n- id: smith2020\n  type: book\n")
    assert [r.id for r in load_references(_meta(["a.yaml"]), tmp_path)] == ["Smith2020", "smith2020"]


def test_unknown_extension_missing_and_escaping_paths(tmp_path, write):
    write("refs.docx", "x")
    with pytest.raises(SourceError) as info:
        load_references(_meta(["refs.docx"]), tmp_path)
    assert info.value.code == "reference.format" and info.value.location == Location("src/doc.md", 4, 5)
    with pytest.raises(SourceError) as info:
        load_references(_meta(["nope.bib"]), tmp_path)
    assert info.value.code == "path.missing"
    (tmp_path / "inner").mkdir()
    write("outside.bib", "@book{a, title={x}}")
    with pytest.raises(UnsafePathError):
        load_references(_meta(["../outside.bib"]), tmp_path / "inner")


def test_invalid_utf8_names_the_byte(write):
    path = write("bad.bib", b"@book{a,\n  title = {Caf\xe9}}\n")
    with pytest.raises(SourceError) as info:
        read_reference_file(path, "bad.bib")
    assert info.value.code == "reference.encoding" and "byte 23" in str(info.value)
    assert info.value.location == Location("bad.bib", 2, 15)
    with pytest.raises(SourceError) as info:
        read_reference_file(write("bom.json", b"\xef\xbb\xbf[\xff]"), "bom.json")
    assert "byte 4" in str(info.value)


def test_utf16_with_bom_and_bom_crlf_utf8(write):
    text = "TY  - JOUR\r\nID  - k\r\nTI  - Ångström\r\nER  - \r\n"
    assert read_reference_file(write("a.ris", text.encode("utf-16")), "a.ris")[0].data["title"] == "Ångström"
    assert read_reference_file(write("b.ris", b"\xef\xbb\xbf" + text.encode()), "b.ris")[0].id == "k"


def test_garbage_bytes_and_binary_files(write):
    with pytest.raises(SourceError) as info:
        read_reference_file(write("x.json", b"\x00\x01\x02PK"), "x.json")
    assert info.value.code == "reference.parse"
    with pytest.raises(SourceError):
        read_reference_file(write("x.nbib", b"\x89PNG\r\n\x1a\n"), "x.nbib")


def test_txt_exports_medline_or_ris(write, fixtures):
    nbib = write("pubmed-export.txt", (fixtures / "pubmed.nbib").read_bytes())
    assert read_reference_file(nbib)[0].id == "pmid:32577835"
    ris = write("citations.txt", "TY  - JOUR\nID  - k\nER  - \n")
    assert read_reference_file(ris)[0].id == "k"


def test_empty_file_has_no_references(write):
    assert read_reference_file(write("empty.bib", "\n\n"), "empty.bib") == []


def test_limits(tmp_path, fixtures):
    shutil.copy(fixtures / "jabref.bib", tmp_path / "jabref.bib")
    with pytest.raises(LimitError) as info:
        load_references(_meta(["jabref.bib"]), tmp_path, limits=Limits(reference_file_bytes=100))
    assert info.value.code == "limit.reference-file" and info.value.location == Location("src/doc.md", 4, 5)
    with pytest.raises(LimitError) as info:
        load_references(_meta(["jabref.bib"]), tmp_path, limits=Limits(references=3))
    assert info.value.code == "limit.references"


def test_limits_from_environment(tmp_path, fixtures, monkeypatch):
    shutil.copy(fixtures / "zotero.json", tmp_path / "z.json")
    monkeypatch.setenv("MEDPRINT_LIMIT_REFERENCES", "2")
    with pytest.raises(LimitError):
        load_references(_meta(["z.json"]), tmp_path)


def test_through_the_real_source_reader(tmp_path, fixtures):
    from medprint.readers.source import read_source

    shutil.copy(fixtures / "pubmed.nbib", tmp_path / "pubmed.nbib")
    shutil.copy(fixtures / "jabref.bib", tmp_path / "refs.bib")
    (tmp_path / "doc.md").write_text(
        "---\ntitle: T\nbibliography:\n  - refs.bib\n  - pubmed.nbib\nreferences:\n"
        "  - id: extra\n    type: report\n    title: Inline\n    issued: 2021-03-04\n---\n\nText [@Routy2018].\n",
        encoding="utf-8")
    doc = read_source(tmp_path / "doc.md")
    assert [r.id for r in doc.references][:2] == ["Routy2018", "Mueller2019"]
    assert doc.references[-1].id == "extra" and doc.references[-1].data["issued"] == {"date-parts": [[2021, 3, 4]]}
    assert doc.references[-1].location.line == 7
    assert doc.references[5].id == "pmid:32577835" and doc.references[5].location.file.endswith("pubmed.nbib")


def test_rereading_an_unchanged_file_gives_fresh_equal_data_and_replays_warnings(write):
    from medprint.report import collecting

    path = write("w.json", '[{"id": "a", "title": "no type"}]')
    for _ in range(2):
        with collecting() as warnings:
            refs = read_reference_file(path, "w.json")
        assert refs[0].data == {"id": "a", "type": "article", "title": "no type"}
        assert [w.code for w in warnings] == ["reference.missing-type"]
        refs[0].data["title"] = "mutated by a caller"  # must not leak into the next read
    path.write_text('[{"id": "b", "type": "book"}]', encoding="utf-8")
    assert read_reference_file(path, "w.json")[0].id == "b"  # changed content is parsed again


def test_same_file_listed_twice(tmp_path, write):
    write("a.json", '[{"id": "a", "type": "book"}]')
    with pytest.raises(SourceError) as info:
        load_references(_meta(["a.json", "./a.json"]), tmp_path)
    assert info.value.code == "reference.listed-twice" and info.value.location == Location("src/doc.md", 5, 5)
