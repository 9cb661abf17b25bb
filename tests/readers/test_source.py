"""Whole source files: encodings, line ends, front-matter framing, names and inputs."""

import codecs

import pytest

from medprint.errors import SourceError
from medprint.readers.source import read_source

GOOD = "---\ntitle: Hello\n---\n\nLead.\n\n# One\n\nText.\n"


def write(tmp_path, data: bytes, name="doc.md"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path) -> SourceError:
    with pytest.raises(SourceError) as info:
        read_source(path)
    return info.value


def test_reads_a_minimal_source(tmp_path):
    doc = read_source(write(tmp_path, GOOD.encode()))
    assert doc.meta.title == "Hello" and doc.name == "doc" and len(doc.blocks) == 3
    assert str(doc.blocks[1].location).endswith("doc.md:7:1")


def test_index_md_takes_its_folder_name(tmp_path):
    (tmp_path / "my-topic").mkdir()
    doc = read_source(write(tmp_path / "my-topic", GOOD.encode(), "index.md"))
    assert doc.name == "my-topic"


def test_bom_and_crlf_are_accepted(tmp_path):
    doc = read_source(write(tmp_path, codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode()))
    assert doc.meta.title == "Hello" and str(doc.blocks[1].location).endswith(":7:1")


def test_utf16_with_bom_is_accepted(tmp_path):
    doc = read_source(write(tmp_path, GOOD.encode("utf-16")))
    assert doc.meta.title == "Hello"


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    data = GOOD.encode().replace(b"Text.", b"Te\xff\xfet.")
    err = error_of(write(tmp_path, data))
    offset = data.index(b"\xff")
    assert err.code == "source.encoding" and f"byte {offset}" in err.problems[0].message
    assert err.location.line == 9


def test_binary_garbage_is_refused(tmp_path):
    err = error_of(write(tmp_path, b"---\ntitle: x\n---\n\x00\x01\x02"))
    assert err.code == "source.binary"


def test_unclosed_front_matter(tmp_path):
    assert error_of(write(tmp_path, b"---\ntitle: x\n\nbody\n")).code == "frontmatter.unclosed"


def test_a_file_without_front_matter_takes_its_first_heading_as_title(tmp_path):
    from medprint.readers.source import read_source
    from medprint.report import collecting

    with collecting() as found:
        doc = read_source(write(tmp_path, b"Intro line.\n\n## Just *markdown* here\n\nText.\n"))
    assert doc.meta.title == "Just markdown here" and doc.meta.title_from == "heading"
    assert [(d.code, d.location.line) for d in found] == [("frontmatter.missing-title", 3)]
    assert doc.blocks[1].location.line == 3  # body lines are the file's own


def test_no_heading_and_no_title_falls_back_to_the_file_name(tmp_path):
    from medprint.readers.source import read_source
    from medprint.report import collecting

    path = tmp_path / "asthma-action_plan.md"
    path.write_bytes(b"---\nlang: en-GB\n---\n\nJust text.\n")
    with collecting() as found:
        doc = read_source(path)
    assert doc.meta.title == "asthma action plan" and doc.meta.title_from == "file"
    assert "file name" in found[0].message


def test_missing_file(tmp_path):
    assert error_of(tmp_path / "nope.md").code == "source.missing"


def test_source_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDPRINT_LIMIT_SOURCE_BYTES", "100")
    err = error_of(write(tmp_path, (GOOD + "x" * 200).encode()))
    assert err.code == "limit.source-size"


def test_nesting_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDPRINT_LIMIT_NESTING_DEPTH", "5")
    err = error_of(write(tmp_path, ("---\ntitle: x\n---\n\n" + "> " * 12 + "deep\n").encode()))
    assert err.code == "limit.nesting" and err.location.line == 5


def test_inputs_list_the_source_and_its_bibliography(tmp_path):
    (tmp_path / "refs.json").write_text('[{"id": "a", "type": "book", "title": "T"}]')
    doc = read_source(write(tmp_path, b"---\ntitle: x\nbibliography: refs.json\n---\n\nText [@a].\n"))
    assert [p.rsplit("/", 1)[-1] for p in doc.inputs] == ["doc.md", "refs.json"]
    assert [r.id for r in doc.references] == ["a"]


def test_unreadable_bibliography_is_an_error_at_the_key(tmp_path):
    err = error_of(write(tmp_path, b"---\ntitle: x\nbibliography: missing.json\n---\n\nText.\n"))
    assert err.code == "path.missing" and err.location.line == 3


def test_bibliography_outside_the_source_folder_is_refused(tmp_path):
    (tmp_path / "inner").mkdir()
    (tmp_path / "secret.json").write_text("[]")
    err = error_of(write(tmp_path / "inner", b"---\ntitle: x\nbibliography: ../secret.json\n---\n\nText.\n"))
    assert err.code == "path.escapes"
