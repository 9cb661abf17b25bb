"""Runs to HTML: every formatting flag, links only for safe schemes, text always escaped."""

from markupsafe import Markup

from medprint.model import Run
from medprint.writers.html_runs import render_runs, safe_href


def test_each_flag_has_its_element():
    html = render_runs((Run("a", italic=True), Run("b", bold=True), Run("c", small_caps=True),
                        Run("d", superscript=True), Run("e", subscript=True), Run("f", url="https://x.org/f")))
    assert html == Markup('<i>a</i><b>b</b><span style="font-variant:small-caps">c</span><sup>d</sup>'
                          '<sub>e</sub><a href="https://x.org/f">f</a>')


def test_text_is_escaped():
    assert render_runs((Run("<script>&'\""),)) == "&lt;script&gt;&amp;&#39;&#34;"


def test_unsafe_urls_keep_their_text_but_lose_the_link():
    assert render_runs((Run("x", url="javascript:alert(1)"),)) == "x"
    assert safe_href("doi:10.1/abc") == "https://doi.org/10.1/abc"
    assert safe_href("file:///etc/passwd") is None
    assert safe_href("data:text/html,hi") is None
    assert safe_href("#ref-a") == "#ref-a"
    assert safe_href("mailto:a@b.org") == "mailto:a@b.org"
