"""``medprint refs``: CSL-JSON conversion, formatted text/html through the citation engine, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from medprint.boundary import run_cli
from medprint.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "readers" / "references" / "fixtures"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, ["refs", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_pubmed_export_to_clean_csl_json(capsys, tmp_path):
    code, out, err = run(capsys, str(FIXTURES / "pubmed.nbib"), "--format", "csl-json")
    assert code == 0, err
    items = json.loads(out)
    assert [i["id"] for i in items] == ["pmid:32577835", "pmid:29097494", "pmid:31000001"]  # file order kept
    assert list(items[0]) == sorted(items[0])  # sorted keys
    assert items[0]["PMCID"] == "PMC7685568" and items[0]["DOI"] == "10.1007/s11912-020-00913-y"
    # the output is itself a valid reference file that reads back to the same data
    target = tmp_path / "refs.json"
    assert run(capsys, str(FIXTURES / "pubmed.nbib"), "-f", "csl-json", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
    code, again, _ = run(capsys, str(target), "-f", "csl-json")
    assert code == 0 and again == out


def test_several_formats_in_one_conversion(capsys):
    code, out, err = run(capsys, str(FIXTURES / "jabref.bib"), str(FIXTURES / "endnote.ris"),
                         str(FIXTURES / "pandoc.yaml"), "-f", "csl-json")
    assert code == 0, err
    ids = [i["id"] for i in json.loads(out)]
    assert ids[:2] == ["Routy2018", "Mueller2019"] and ids[-1] == "nci2024" and len(ids) == 5 + 7 + 2


def test_text_list_is_the_engines_apa_output(capsys):
    from medprint.citations import render_bibliography
    from medprint.model import runs_text
    from medprint.readers.references import read_reference_file

    code, out, err = run(capsys, str(FIXTURES / "biblatex.bib"))
    assert code == 0, err
    entries = render_bibliography(tuple(read_reference_file(FIXTURES / "biblatex.bib")), "apa", "en-US")
    assert out.splitlines() == [runs_text(e.runs) for e in entries]
    assert any(line.startswith("McQuade, J. L., Ologun, G. O., Arora, R., & Wargo, J. A. (2020).")
               for line in out.splitlines())


class _Entries(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.italic = 0
        self.italics: list[str] = []
        self.refs_div = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("id") == "refs":
            self.refs_div = "csl-bib-body" in attrs.get("class", "")
        if tag == "div" and "csl-entry" in (attrs.get("class") or ""):
            self.ids.append(attrs["id"])
        if tag == "i":
            self.italic += 1

    def handle_endtag(self, tag):
        if tag == "i":
            self.italic -= 1

    def handle_data(self, data):
        if self.italic:
            self.italics.append(data)


def test_html_list_marks_entries_like_pandoc(capsys):
    code, out, err = run(capsys, str(FIXTURES / "zotero.json"), "--format", "html")
    assert code == 0, err
    parser = _Entries()
    parser.feed(out)
    assert parser.refs_div
    assert sorted(parser.ids) == ["ref-baruch2021", "ref-routy2018", "ref-who2023"]
    assert "Science" in parser.italics  # journal titles in italics


def test_numeric_style_labels(capsys):
    code, out, err = run(capsys, str(FIXTURES / "endnote.ris"), "--style", "vancouver")
    assert code == 0, err
    assert out.splitlines()[0].startswith("1. Matson V, Fessler J, Bao R.")


def test_bad_file_exits_1_with_located_message(capsys, tmp_path):
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{a, title = {x}\n@book{b, title={y}}\n", encoding="utf-8")
    code, out, err = run(capsys, str(bad))
    assert code == 1 and out == ""
    assert err.strip() == (f"{bad}:1:1: error: @article entry is never closed with '}}'; another entry starts at "
                           "line 2; count the braces in this entry (a '}' is missing or a '{' extra) "
                           "[reference.unterminated]")


def test_duplicate_keys_across_files_exit_1(capsys, tmp_path):
    a = tmp_path / "a.ris"
    a.write_text("TY  - JOUR\nID  - k\nER  - \n", encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text("- id: k\n  type: book\n", encoding="utf-8")
    code, _, err = run(capsys, str(a), str(b))
    assert code == 1 and f"{b}:1:3: error: duplicate reference key 'k'" in err and f"{a}:1:1" in err


@pytest.mark.parametrize("args", [[], ["missing.bib"], ["--format", "docx", "x.bib"]])
def test_usage_errors_exit_2(capsys, args, tmp_path):
    code, _, err = run(capsys, *args)
    assert code == 2 and "usage" in err


def test_unknown_extension_and_missing_style_exit_2(capsys, tmp_path):
    odd = tmp_path / "refs.docx"
    odd.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, str(odd))
    assert code == 2 and "unknown reference file type '.docx'" in err
    code, _, err = run(capsys, str(FIXTURES / "zotero.json"), "--style", "missing.csl")
    assert code == 2 and "[usage.style]" in err


def test_unknown_style_name_exits_1(capsys):
    code, _, err = run(capsys, str(FIXTURES / "zotero.json"), "--style", "apaa")
    assert code == 1 and "unknown citation style 'apaa'" in err


def test_real_process(tmp_path):
    out = subprocess.run([sys.executable, "-m", "medprint.cli", "refs", str(FIXTURES / "list.yml"), "-f", "csl-json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert [i["id"] for i in json.loads(out.stdout)] == ["gopalakrishnan2018", "matson2018"]


@pytest.mark.parametrize("name", ["zotero.json", "pandoc.yaml", "list.yml", "jabref.bib", "biblatex.bib",
                                  "zotero.ris", "endnote.ris", "pubmed.nbib"])
def test_conversion_round_trips_every_format(name):
    """CSL-JSON written by `refs -f csl-json` reads back to exactly the same items."""
    from medprint.commands.refs import to_csl_json
    from medprint.readers.references import read_reference_file
    from medprint.readers.references.csljson import parse_csljson

    refs = read_reference_file(FIXTURES / name)
    again = parse_csljson(to_csl_json(refs), "out.json")
    assert [(r.id, r.data) for r in again] == [(r.id, r.data) for r in refs]
