"""Property tests through the writers: random Markdown that reads must render as HTML and as a deck,
or fail with a MedprintError — never a writer crash (lxml, python-pptx, Jinja2 or layout exceptions)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medprint import api
from medprint.errors import MedprintError
from medprint.paths import styles_dir

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ONE_LINE = re.compile(r"^.+: error: .+ \[[a-z0-9_.-]+\]$")
PIECES = st.sampled_from([
    "# ", "## ", "### ", "\n", "\n\n", "> ", "- ", "1. ", "::: notes\n", "::: slides\n", ":::\n", "::: {#refs}\n",
    "::: {.handout-only}\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "[@smith2020]", "[-@smith2020, p. 4]",
    "@smith2020", "[^n]", "\n\n[^n]: note\n", "**", "*", "`", "```\ncode\n```\n", "&#27;", "&#x0C;", "&#xFFFE;",
    "&#0;", "&nbsp;", "<b>", "</b>", "<script>x</script>", "\\", "\u200f", "\u0301", "שלום", "漢字", "😀",
    "\u00ad", "Supercalifragilisticexpialidocious" * 3, "H~2~O", "x^2^", "[link](https://example.org)",
    "![](missing.png)", "---\n", "***\n", "\t", "    indented\n",
])
BODY = st.lists(st.one_of(PIECES, st.text(max_size=10)), min_size=1, max_size=50).map("".join)
FRONT = ("---\ntitle: Writers\nreferences:\n  - id: smith2020\n    type: article-journal\n    title: A study\n"
         "    author: [{family: Smith, given: Ann}]\n    container-title: Journal\n"
         "    issued: {date-parts: [[2020]]}\n---\n\n")


@SETTINGS
@given(body=BODY)
def test_random_documents_render_or_fail_cleanly(body, tmp_path):
    path = tmp_path / "index.md"
    path.write_text(FRONT + body, encoding="utf-8")
    try:
        document = api.read(path)
        citations = api.cite(document)
        html = api.render(document, citations, "html", styles=styles_dir()).decode("utf-8")
        deck = api.render(document, citations, "pptx", styles=styles_dir())
    except MedprintError as exc:
        for line in exc.lines():
            assert ONE_LINE.match(line), line
        return
    assert html.rstrip().endswith("</html>") and "<script>x</script>" not in html
    assert deck[:2] == b"PK"
