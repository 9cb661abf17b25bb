"""Warnings that help: repeats on one line, a code's findings together, a summary line with counts, and messages
that name the style in use."""

from __future__ import annotations

import subprocess
import sys

from medprint.diagnostics import Diagnostic, collapse_repeats, group_by_code, summary_line
from medprint.errors import Problem
from medprint.model import Location


def _missing(line: int) -> Diagnostic:
    return Diagnostic("figure.missing-file", "warning", "image 'x.svg' not found", Location("a.md", line, 1),
                      "fix the path")


def test_a_repeated_finding_is_one_line_saying_how_often_and_where():
    found = collapse_repeats([_missing(n) for n in range(10, 54)])
    assert len(found) == 1
    (one,) = found
    assert one.location == Location("a.md", 10, 1) and one.hint == "fix the path"
    assert one.message == "image 'x.svg' not found, 44 times (first here; also at 11:1, 12:1, 13:1, …)"


def test_different_findings_stay_apart_and_problems_collapse_too():
    other = Diagnostic("figure.missing-file", "warning", "image 'y.svg' not found", Location("a.md", 3, 1))
    assert len(collapse_repeats([_missing(1), other, _missing(2)])) == 2
    problems = [Problem("figure.missing-file", "image 'x.svg' not found", Location("b.md", n, 1)) for n in (4, 9)]
    (one,) = collapse_repeats(problems)
    assert one.format() == "b.md:4:1: error: image 'x.svg' not found, 2 times (first here; also at 9:1) " \
                           "[figure.missing-file]"


def test_grouped_by_code_in_order_of_first_appearance_errors_first():
    a = Diagnostic("b.code", "warning", "one")
    b = Diagnostic("a.code", "warning", "two")
    c = Diagnostic("b.code", "warning", "three")
    e = Diagnostic("z.code", "error", "bad")
    assert group_by_code([a, b, c, e]) == [e, a, c, b]


def test_summary_line():
    items = [Diagnostic("b.code", "warning", "one"), Diagnostic("a.code", "warning", "two"),
             Diagnostic("b.code", "warning", "three")]
    assert summary_line(items) == "3 warnings (2 codes): b.code ×2, a.code"
    assert summary_line([]) == ""
    assert summary_line([Diagnostic("x.y", "error", "e"), *items[:1]]) == "1 error, 1 warning (2 codes): x.y, b.code"


SOURCE = """---
title: Repeats
csl: vancouver
references:
  - id: a
    type: article-journal
    title: The Gut Microbiome And Cancer Therapy Outcomes
    author: [{family: Doe, given: J}]
    issued: {date-parts: [[2020]]}
    container-title: J
    volume: 1
    page: 1-2
---

Text [@a] and {#one} here.

More {#two} text.
"""


def test_build_prints_grouped_warnings_and_a_summary_line(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "index.md").write_text(SOURCE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", "build", "doc", "--to", "html", "-q"],
                          check=False, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in lines[:-1]]
    assert codes == sorted(codes, key=codes.index)  # a code's lines are together
    assert codes.count("markdown.not-understood") == 2
    summary = lines[-1]
    assert summary.startswith(f"medprint: {len(codes)} warnings ({len(set(codes))} codes): ")
    assert "markdown.not-understood ×2" in summary


def test_title_case_names_the_style_in_use(tmp_path):
    from medprint.check import check_source

    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "index.md").write_text(SOURCE, encoding="utf-8")
    (found,) = [d for d in check_source(tmp_path / "doc" / "index.md").diagnostics if d.code == "reference.title-case"]
    assert "NLM/Vancouver" in found.hint and "APA" not in found.hint
    (tmp_path / "doc" / "index.md").write_text(SOURCE.replace("csl: vancouver\n", ""), encoding="utf-8")
    (found,) = [d for d in check_source(tmp_path / "doc" / "index.md").diagnostics if d.code == "reference.title-case"]
    assert "APA Style 7th edition" in found.hint
