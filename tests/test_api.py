"""The Python API: discovery of sources and every unknown key reported at once."""

import shutil
from pathlib import Path

import pytest

from medprint import api
from medprint.errors import SourceError, UsageError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"


def test_discover_finds_index_named_and_flat_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources" / "a").mkdir(parents=True)
    (tmp_path / "sources" / "a" / "index.md").write_text("---\ntitle: a\n---\n")
    (tmp_path / "sources" / "b").mkdir()
    (tmp_path / "sources" / "b" / "b.md").write_text("---\ntitle: b\n---\n")
    (tmp_path / "sources" / "c.md").write_text("---\ntitle: c\n---\n")
    (tmp_path / "sources" / "README.md").write_text("not a source")
    found = [str(p) for p in api.discover_sources()]
    assert found == ["sources/a/index.md", "sources/b/b.md", "sources/c.md"]
    assert [str(p) for p in api.discover_sources(["sources/b"])] == ["sources/b/b.md"]


def test_discover_without_sources_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError):
        api.discover_sources()


def test_every_unknown_citation_key_is_reported_at_once(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "doc")
    index = tmp_path / "doc" / "index.md"
    index.write_text(index.read_text().replace("[@jci2020]", "[@jci2021]").replace("[@najmi2022]", "[@najmi2023]"))
    with pytest.raises(SourceError) as info:
        api.build_document(index, tmp_path / "out", ("html",))
    lines = info.value.lines()
    assert len(lines) == 2 and all("[citation.unknown-key]" in line for line in lines)
    assert "'jci2021'" in lines[0] and "jci2020" in lines[0] and "'najmi2023'" in lines[1]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_medprint_build_is_the_api(tmp_path, monkeypatch):
    import medprint

    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLE, tmp_path / "sources" / SAMPLE.name)
    report = medprint.build(to="html", out_dir="out")
    assert report.ok and (tmp_path / "out" / f"{SAMPLE.name}.html").is_file()
