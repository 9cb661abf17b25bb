"""``medprint check`` end to end: the sample's pinned report, exit codes, JSON per the documented schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from medprint.boundary import run_cli
from medprint.check import CODES
from medprint.cli import cli

from check_support import CASES, REPO

SAMPLE = "sources/gut-microbiome-immunotherapy"
GOLDEN = Path(__file__).parent / "golden" / "sample-report.txt"
SCHEMA = json.loads((REPO / "docs" / "check-json-schema.json").read_text())


def run(capsys, *args):
    code = run_cli(cli, ["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_report_is_pinned(in_repo, capsys):
    """Regenerate after a deliberate change: medprint check SAMPLE --today 2026-11-27 > tests/check/golden/..."""
    code, out, err = run(capsys, SAMPLE, "--today", "2026-11-27")
    assert (code, err) == (0, "")
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_sample_gets_exactly_the_warnings_it_deserves(in_repo, capsys):
    code, out, _ = run(capsys, SAMPLE, "--format", "json", "--today", "2026-11-27")
    (doc,) = json.loads(out)["documents"]
    warnings = sorted((d["code"], d["message"].split("'")[1] if d["code"].startswith("reference.") else "")
                      for d in doc["diagnostics"] if d["severity"] == "warning")
    incomplete = [(f"reference.missing-{what}", key) for key in ("frontonc2023", "jci2020")
                  for what in ("author", "doi", "pages", "volume")]
    assert warnings == sorted(incomplete + [("publishing.missing-next-review", ""),
                                            ("publishing.missing-review-date", "")]
                              + [("readability.grade", "")] * 6)
    assert doc["counts"]["error"] == 0
    notes = {d["code"] for d in doc["diagnostics"] if d["severity"] == "info"}
    assert notes == {"readability.long-sentence"}


def test_strict_makes_warnings_fail(in_repo, capsys):
    assert run(capsys, SAMPLE, "--strict")[0] == 1
    assert run(capsys, str(CASES / "clean"), "--strict")[0] == 0


def test_errors_exit_1_and_every_source_is_reported(in_repo, capsys):
    code, out, err = run(capsys, str(CASES / "clean"), str(CASES / "figure.missing-alt"),
                         str(CASES / "frontmatter.yaml"))
    assert code == 1 and err == ""
    assert "[figure.missing-alt]" in out and "[frontmatter.yaml]" in out and "Traceback" not in out
    assert out.strip().splitlines()[-1] == "medprint check: 3 documents, 2 errors, 0 warnings, 0 notes (2 codes)"


def test_no_colour_when_not_a_terminal(in_repo, capsys):
    assert "\x1b[" not in run(capsys, str(CASES / "figure.missing-alt"))[1]


def test_colour_when_asked(in_repo):
    from medprint.check import check_source
    from medprint.check.report import format_text

    text = format_text([check_source(CASES / "figure.missing-alt" / "index.md")], color=True)
    assert "\x1b[31m" in text  # errors in red


@pytest.mark.parametrize("args", [["nope.md"], ["--format", "xml"], ["--today", "27/11/2026"]])
def test_usage_errors_exit_2(in_repo, capsys, args):
    assert run(capsys, *args)[0] == 2


def test_no_sources_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys)
    assert code == 2 and "[usage.no-sources]" in err


def test_default_checks_every_source_in_sources(tmp_path, monkeypatch, capsys):
    import shutil

    for name in ("clean", "figure.missing-alt"):
        shutil.copytree(CASES / name, tmp_path / "sources" / name.replace(".", "-"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [d["source"] for d in report["documents"]] == ["sources/clean/index.md",
                                                          "sources/figure-missing-alt/index.md"]


def test_json_follows_the_documented_schema(in_repo, capsys):
    code, out, _ = run(capsys, SAMPLE, str(CASES / "figure.missing-alt"), str(CASES / "frontmatter.yaml"),
                       str(CASES / "meta.ignored-key"), "--format", "json", "--strict")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert code == report["summary"]["exit_code"] == 1
    assert report["summary"]["strict"] is True
    assert report["summary"]["error"] == 2 and report["summary"]["documents"] == 4
    first = report["documents"][1]["diagnostics"][0]
    assert first["code"] == "figure.missing-alt"
    assert first["location"] == {"file": "tests/check/cases/figure.missing-alt/index.md", "line": 18, "column": 1}


def test_schema_lists_every_code():
    assert SCHEMA["x-codes"] == {code: {"severity": sev, "meaning": text} for code, (sev, text) in CODES.items()}
