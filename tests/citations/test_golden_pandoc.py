"""medprint against Pandoc 3's citeproc, the second reference implementation.

``expected-pandoc.json`` is written by ``scripts/golden/generate_pandoc.py`` (never by hand).
Where Pandoc and citeproc-js agree, medprint must equal both.  Where they disagree,
medprint follows citeproc-js unless APA 7 clearly sides with Pandoc; each case is listed in
DISAGREE (or PANDOC_WINS) with the reason.  The test
also fails if a listed disagreement disappears, so the list stays true.
"""

from __future__ import annotations

import re

import pytest

from medprint.citations.markup import runs_to_html

from citations_support import html_runs, load

PANDOC = load("expected-pandoc.json")
JS = load("expected-citeproc-js.json")
JS_ENTRIES = {e["key"]: e for e in JS["entries"]}
JS_CLUSTERS = {c["id"]: c for c in JS["clusters"]}

DISAGREE = {
    "entry:quotes2019": "Pandoc turns the data's single quotes ('bad') into double ones; citeproc-js keeps the "
                        "quotes the author typed (made typographic). APA's double-quote rule is not clearly about "
                        "data the author quoted deliberately, so we follow citeproc-js.",
    "entry:revital2018": "Pandoc treats the eLocator 'e00512-17' as a page range (en dash); citeproc-js does not. "
                         "APA 7 prints an eLocator as given, so citeproc-js is right.",
    "cluster:41": "Title ending in '?' as author substitute: citeproc-js keeps the delimiter comma inside the quotes "
                  "('Where Next?,\u201d'), Pandoc drops it. APA 7 does not clearly say; we follow citeproc-js.",
    "cluster:62": "Prefixed cites: citeproc-js sorts the cluster as the style says (Matson before Routy), Pandoc keeps "
                  "the author's order. APA 7 orders works in one parenthesis alphabetically; citeproc-js.",
    "cluster:66": "Same author, several works: citeproc-js groups them after one author name (APA 7: "
                  "'Blaser, 2014, p. 3, 2016, 2016\u20132017'); Pandoc separates them with semicolons. citeproc-js.",
}


# Disagreements where APA 7 clearly sides with Pandoc: medprint equals Pandoc here.
PANDOC_WINS = {
    "entry:cdcnd": "citeproc-js's title case capitalises after the dot in a site name ('Cancer.Org'); APA 7 "
                   "(9.16) gives a website's name as the site writes it ('Cancer.org'), as Pandoc does.",
}
# BibTeX "and others" arrives as a final {"literal": "others"}: Pandoc prints "et al." there; citeproc-js prints the word "others" as a name.
PANDOC_WINS.update({k: "BibTeX 'and others': Pandoc prints 'et al.', citeproc-js '& others'"
                    for k in ("entry:andothers2020", "entry:andothers2021", "cluster:72", "cluster:73")})


def canon(html: str) -> str:
    return runs_to_html(html_runs(html))


def _cases():
    for entry in PANDOC["entries"]:
        yield pytest.param("entry", entry["key"], entry["html"], id=f"entry-{entry['key']}")
    for cluster in PANDOC["clusters"]:
        yield pytest.param("cluster", cluster["id"], cluster["html"], id=f"cluster-{cluster['id']}")


@pytest.mark.parametrize("kind,ident,pandoc_html", list(_cases()))
def test_against_pandoc(golden_rendered, kind, ident, pandoc_html):
    if kind == "entry":
        mine = {e.key: e for e in golden_rendered.entries}[ident].runs
        js_html = JS_ENTRIES[ident]["html"]
    else:
        mine = golden_rendered.clusters[ident]
        js_html = JS_CLUSTERS[ident]["html"]
    reason = DISAGREE.get(f"{kind}:{ident}")
    if f"{kind}:{ident}" in PANDOC_WINS:
        assert canon(js_html) != canon(pandoc_html), "no longer a disagreement: remove it from PANDOC_WINS"
        assert runs_to_html(mine) == canon(pandoc_html)
    elif reason:
        assert canon(js_html) != canon(pandoc_html), f"no longer a disagreement: remove it from DISAGREE ({reason})"
        assert runs_to_html(mine) == canon(js_html)
    else:
        assert canon(js_html) == canon(pandoc_html), "new disagreement between citeproc-js and Pandoc: decide and list it"
        assert runs_to_html(mine) == canon(pandoc_html)


@pytest.mark.parametrize("entry", PANDOC["entries"], ids=lambda e: e["key"])
def test_links_match_pandoc(golden_rendered, entry):
    """Pandoc links every DOI and URL in an entry; so do medprint's runs."""
    mine = {e.key: e for e in golden_rendered.entries}[entry["key"]]
    expected = re.findall(r'<a href="([^"]+)"', entry["html"])
    assert [r.url for r in mine.runs if r.url] == expected
    for run in mine.runs:
        if run.url:
            assert run.text == run.url
