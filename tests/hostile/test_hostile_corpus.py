"""The hostile-source corpus: every folder in ``cases/`` is one broken or hostile source built by the real CLI.

A case's ``expect.yaml`` says either which error it must stop with (``code``,
``line``, ``col``, ``file``) — one line ``file:line:col: error: what; what to do
[code]``, exit 1, no traceback — or that it must build (``builds: true``) with
outputs that contain nothing leaked (``absent``) and what must survive
(``present``).  Every case runs with a canary HTTP server on 127.0.0.1 that
must receive zero requests, and a Python audit hook (PEP 578) records every
file the build opens and every connection it tries: none may touch the canary
folder outside the project, ``/etc/passwd`` or the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from medprint.boundary import run_cli
from medprint.cli import cli

from hostile_kit import CANARY, CASES, Audit, forbidden_touches, materialise, output_texts

ERROR_LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: (?P<what>.+?); (?P<hint>.+) "
                        r"\[(?P<code>[a-z0-9_.-]+)\]$")
LEAKS = ("root:x:0:0", CANARY)  # /etc/passwd's first line; the canary files beside the project


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def expectation(name: str) -> dict:
    path = CASES / name / "expect.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def run_case(name: str, tmp_path: Path, server, outside: Path, monkeypatch, capsys):
    expect = expectation(name)
    project = tmp_path / "project"
    source_dir = project / "sources" / name
    source_dir.parent.mkdir(parents=True)
    materialise(CASES / name, source_dir, expect.get("setup", []), server.url, outside)
    for key, value in (expect.get("env") or {}).items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.chdir(project)
    capsys.readouterr()
    to = ",".join(expect.get("to", ["html"]))
    Audit.events.clear()
    Audit.active = True
    try:
        code = run_cli(cli, ["build", f"sources/{name}", "--to", to, "--force", "-j", "1", "-q"])
    finally:
        Audit.active = False
    captured = capsys.readouterr()
    return expect, code, captured.out, captured.err, project


def assert_nothing_leaked(texts: dict[str, str], extra: list[str]) -> None:
    for name, text in texts.items():
        for leak in (*LEAKS, *extra):
            assert leak not in text, f"{name} contains {leak!r}"


@pytest.mark.parametrize("name", case_names())
def test_hostile_source(name, tmp_path, canary_server, outside_secrets, monkeypatch, capsys):
    canary_server.requests.clear()
    expect, code, out, err, project = run_case(name, tmp_path, canary_server, outside_secrets, monkeypatch, capsys)
    assert expect, f"cases/{name} has no expect.yaml; the build said (exit {code}):\n{err}"
    assert "Traceback" not in err and "internal error" not in err, err
    assert canary_server.requests == [], f"the build fetched {canary_server.requests}"
    forbidden = [outside_secrets.resolve(), Path("/etc/passwd"), Path("/etc/hostname"), Path("/etc/shadow")]
    touched = forbidden_touches(Audit.events, forbidden)
    assert touched == [], f"the build opened files outside the allowed folders: {touched}"
    assert not (project / "sources" / name / "pwned.txt").exists()
    if expect.get("builds"):
        assert code == 0, err
        texts = output_texts(project / "output")
        assert sorted(Path(n).suffix[1:] for n in texts) == sorted(expect.get("to", ["html"]))
        for fmt_name, text in texts.items():
            fmt = Path(fmt_name).suffix[1:]
            assert_nothing_leaked({fmt_name: text}, expect.get("absent", []) + expect.get(f"absent_{fmt}", []))
            for wanted in expect.get("present", []) + expect.get(f"present_{fmt}", []):
                assert wanted in text, f"{fmt_name} lost {wanted!r}"
        for warning in expect.get("warnings", []):
            assert f"[{warning}]" in err, err
        return
    assert code == expect.get("exit", 1), err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors, err
    if expect.get("file", "index.md") is None:  # not about a file (a bad setting): "medprint: error: …"
        assert re.match(r"^medprint: error: .+; .+ \[" + re.escape(expect["code"]) + r"\]$", errors[0]), errors[0]
        return
    match = ERROR_LINE.match(errors[0])
    assert match, f"not one well-formed error line: {errors[0]!r}"
    assert match["code"] == expect["code"], errors[0]
    where = f"sources/{name}/{expect.get('file', 'index.md')}"
    assert match["file"] == where, errors[0]
    if "line" in expect:
        assert int(match["line"]) == expect["line"], errors[0]
    if "col" in expect:
        assert int(match["col"]) == expect["col"], errors[0]
    for wanted in expect.get("message", []):
        assert wanted in errors[0], errors[0]
    assert not [p for p in (project / "output").glob("*.*")] if (project / "output").is_dir() else True


def test_corpus_is_large_enough():
    assert len(case_names()) >= 40
    assert all((CASES / n / "expect.yaml").is_file() for n in case_names())
