"""Failing well, round two: each message names the file, line and column of the real cause, and what it is."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from medprint.boundary import run_cli
from medprint.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REFS = [{"id": "smith2021", "type": "article-journal", "title": "Gut bacteria", "container-title": "J Tests",
         "issued": {"date-parts": [[2021]]}, "author": [{"family": "Smith", "given": "Ann"}]}]


def project(tmp_path: Path, body: str = "# One\n\nText [@smith2021].\n", front: str = "", name: str = "doc") -> Path:
    folder = tmp_path / "sources" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "references.json").write_text(json.dumps(REFS))
    (folder / "index.md").write_text(f"---\ntitle: A handout\nbibliography: references.json\n{front}---\n\n{body}",
                                     encoding="utf-8")
    return folder


def medprint(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run_cli(cli, [str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_index_md_given_from_inside_its_folder_names_outputs_after_the_folder(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path)
    monkeypatch.chdir(folder)
    code, _, err = medprint(capsys, "build", "index.md", "-o", "out", "--to", "html")
    assert code == 0, err
    assert sorted(p.name for p in (folder / "out").iterdir() if not p.name.startswith(".medprint")) == ["doc.html"]


def test_non_ascii_and_spaced_image_names_are_found_as_written(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path, body="# One\n\n![Semáforo de presión](figuras/semáforo-presión.png)\n\n"
                                    "![Inhaler](<Inhaler Photo.png>)\n")
    (folder / "figuras").mkdir()
    png = (ROOT / "tests" / "check" / "cases" / "clean" / "chart.png").read_bytes()
    (folder / "figuras" / "semáforo-presión.png").write_bytes(png)
    (folder / "Inhaler Photo.png").write_bytes(png)
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html,pdf", "-o", "out")
    assert code == 0, err
    assert "not found" not in err


@pytest.mark.parametrize("kind, words", [("dir", "a folder"), ("fifo", "a named pipe")])
def test_a_bibliography_that_is_no_file_says_what_it_is(kind, words, tmp_path, capsys, monkeypatch):
    folder = project(tmp_path)
    (folder / "references.json").unlink()
    if kind == "dir":
        (folder / "references.json").mkdir()
    else:
        os.mkfifo(folder / "references.json")
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    assert code == 1
    assert (f"sources/doc/index.md:3:1: error: bibliography 'references.json' is {words}, not a file; point "
            "bibliography at a regular file inside the source's folder [path.not-a-file]") in err


def test_a_yaml_alias_in_csl_yaml_gets_a_hint_about_aliases(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path, front="")
    (folder / "refs.yaml").write_text("- id: a\n  type: book\n  title: &t Gut\n- id: b\n  type: book\n  title: *t\n")
    (folder / "index.md").write_text("---\ntitle: T\nbibliography: refs.yaml\n---\n\nText [@a].\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    assert code == 1 and "alias" in err and "aliases are refused" in err and "quote titles" not in err


def test_a_web_page_saved_as_csl_is_named_as_such_at_the_line_naming_it(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path, front="csl: vancouver.csl\n")
    (folder / "vancouver.csl").write_text("<!DOCTYPE html>\n<html><head><title>Vancouver - Zotero Style "
                                          "Repository</title></head><body></body></html>\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    assert code == 1
    assert ("sources/doc/index.md:4:1: error: 'vancouver.csl' is an HTML web page, not a CSL style; download the "
            "style file itself") in err and "DTD" not in err


@pytest.mark.parametrize("href, ok", [("http://www.zotero.org/styles/apa", True),
                                      ("https://www.zotero.org/styles/apa/", True),
                                      ("https://evil.example/styles/apa", False),
                                      ("http://www.zotero.org.evil.test/styles/apa", False)])
def test_dependent_styles_take_their_parent_only_from_the_official_repository(href, ok, tmp_path, capsys,
                                                                               monkeypatch):
    folder = project(tmp_path, front="csl: journal.csl\n")
    (folder / "journal.csl").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" '
        'default-locale="en-US"><info><title>A journal</title><id>x</id>'
        f'<link href="{href}" rel="independent-parent"/><updated>2020-01-01T00:00:00+00:00</updated></info>'
        '</style>\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    if ok:
        assert code == 0, err
    else:
        assert code == 1 and "which is not the official style repository" in err and "[citation.bad-style]" in err


def test_invisible_characters_in_keys_are_named_with_their_code_point(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path, body="# One\n\nText [@smith\u200b2021].\n", front="subtitle\u200b: x\n")
    refs = REFS + [dict(REFS[0], id="lee\u00a02020")]
    (folder / "references.json").write_text(json.dumps(refs))
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    assert code == 1
    assert ("sources/doc/index.md:9:7: error: citation key '@smith\u200b2021' contains the invisible character "
            "U+200B ZERO WIDTH SPACE, which ends the key at 'smith'; delete it: write '@smith2021' (a key the "
            "bibliography has) [citation.invisible-character]") in err
    (folder / "index.md").write_text((folder / "index.md").read_text().replace("\u200b2021", "2021"))
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "html", "-o", "out")
    assert code == 0, err
    assert ("sources/doc/index.md:4:1: warning: front-matter key 'subtitle\u200b' contains the invisible character "
            "U+200B ZERO WIDTH SPACE (the key is ignored); delete it: write 'subtitle:'") in err
    assert ("reference key 'lee\u00a02020' contains the invisible character U+00A0 NO-BREAK SPACE; citations of "
            "'@lee2020' will not find it") in err


def test_a_heading_thousands_of_characters_long_is_reported_at_its_line(tmp_path, capsys, monkeypatch):
    long = "Gut " * 1500
    project(tmp_path, body=f"# Intro\n\nText [@smith2021].\n\n# {long.strip()}\n\nBody text.\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "build", "sources/doc", "--to", "pptx", "-o", "out")
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if "[slides.title-shortened]" in ln]  # not the summary line
    assert len(lines) == 1 and lines[0].startswith("sources/doc/index.md:10:1: warning: a heading of 5999 characters")
    assert "template.layout-too-small" not in err
