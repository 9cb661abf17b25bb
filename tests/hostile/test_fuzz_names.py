"""Fuzz: citation keys, front-matter keys and file names with invisible, combining, right-to-left and non-ASCII
characters never give a traceback, and the message names the character or the file as the author wrote it."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medprint.boundary import run_cli
from medprint.cli import cli
from medprint.safety.text import describe_char, is_invisible

TRICKY = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u0301", "\u202e", "\u05d0",
                          "\u0627", "é", "ß", "ü", "漢", "\u00ad"])
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
REFS = [{"id": "smith2021", "type": "book", "title": "Gut", "issued": {"date-parts": [[2021]]},
         "author": [{"family": "Smith", "given": "A"}]}]


def build(folder: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = run_cli(cli, ["build", str(folder), "--to", "html", "-o", str(folder.parent.parent / "out"), "-q"])
    return code, capsys.readouterr().err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=WORD, char=TRICKY, tail=WORD)
def test_citation_keys(head, char, tail, capsys):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources" / "doc"
        folder.mkdir(parents=True)
        (folder / "references.json").write_text(json.dumps(REFS))
        key = head + char + tail
        (folder / "index.md").write_text(f"---\ntitle: T\nbibliography: references.json\n---\n\nText [@{key}] "
                                         "and [@smith2021].\n", encoding="utf-8")
        code, err = build(folder, capsys)
        assert "Traceback" not in err and "internal error" not in err
        assert code in (0, 1)
        if code == 1:
            assert "index.md:6:" in err
            if is_invisible(char):
                assert describe_char(char) in err or "no reference with key" in err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=WORD, char=TRICKY, tail=WORD)
def test_front_matter_keys(head, char, tail, capsys):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources" / "doc"
        folder.mkdir(parents=True)
        key = head + char + tail
        (folder / "index.md").write_text(f"---\ntitle: T\n\"{key}\": x\n---\n\nText.\n", encoding="utf-8")
        code, err = build(folder, capsys)
        assert code == 0 and "Traceback" not in err
        if is_invisible(char):
            assert describe_char(char) in err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=WORD, char=TRICKY, tail=WORD, exists=st.booleans())
def test_image_file_names(head, char, tail, exists, capsys):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources" / "doc"
        folder.mkdir(parents=True)
        name = f"{head}{char}{tail}.png"
        if exists:
            shutil.copy(Path(__file__).resolve().parents[1] / "check" / "cases" / "clean" / "chart.png", folder / name)
        (folder / "index.md").write_text(f"---\ntitle: T\n---\n\n![A chart](<{name}>)\n", encoding="utf-8")
        code, err = build(folder, capsys)
        assert "Traceback" not in err and "internal error" not in err
        if exists:
            assert code == 0, err
        else:
            assert code == 1 and name.strip() in err or name in err
