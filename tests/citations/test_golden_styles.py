"""The other styles a medical author picks, and year-suffix collapsing, against citeproc-js.

Expected output: ``scripts/golden/generate.js`` (never edited by hand).  The main corpus runs
through Harvard (Cite Them Right), Chicago author-date, IEEE and Nature (AMA, Vancouver and APA
have their own test modules); the small second corpus (``corpus-collapse.json``) through styles
with ``collapse="year-suffix"`` / ``"year-suffix-ranged"``, an implicit year-suffix and
``disambiguate="true"``.  Every remaining difference is a strict xfail naming its cause.
"""

from __future__ import annotations

import functools

import pytest

from medprint.citations import render_citations
from medprint.citations.markup import runs_to_html

from citations_support import golden_document, html_runs, load

NUMERIC = ("american-medical-association", "nlm-citation-sequence")

# golden file -> (style name, corpus, clusters, author-date: nocite @* and narrative clusters)
GOLDENS = {
    "harvard-cite-them-right": ("harvard-cite-them-right", "corpus.json", "clusters.json", True),
    "chicago-author-date": ("chicago-author-date", "corpus.json", "clusters.json", True),
    "ieee": ("ieee", "corpus.json", "clusters.json", False),
    "nature": ("nature", "corpus.json", "clusters.json", False),
    **{f"collapse-{name}": (name, "corpus-collapse.json", "clusters-collapse.json", True)
       for name in ("elsevier-harvard", "journal-of-sports-science-and-medicine", "annual-reviews-author-date",
                    "journal-of-molecular-endocrinology", "chicago-author-date")},
    # a minimal test style (next to the goldens, relative to the golden document) whose only
    # disambiguation is cs:if disambiguate="true"
    "collapse-disambiguate-condition": ("disambiguate-condition.csl", "corpus-collapse.json",
                                        "clusters-collapse.json", True),
    # issue 12 (corpus-names.json): hyphenated, initial-only, suffixed and particle names, an italic name in
    # an italic title, "11th" in title case, a quoted phrase before a period, same-author suppress-author cites
    **{f"names-{name}": (name, "corpus-names.json", "clusters-names.json", name not in NUMERIC)
       for name in ("apa", "american-medical-association", "nlm-citation-sequence", "chicago-author-date",
                    "harvard-cite-them-right")},
}

# Remaining differences, each with its cause (strict: an entry fails the suite once it passes).
AND_OTHERS = ("deliberate: BibTeX 'and others' ({'literal': 'others'}) prints 'et al.' as Pandoc 3 does; "
              "citeproc-js prints the word 'others' as a name")
AUTHOR_ONLY = ("deliberate: citeproc-js's author-only form (the name part of a narrative cite) drops the style's "
               "italics on 'et al.' ('Routy et al. (2018)'); Pandoc 3.9 prints 'Routy <i>et al.</i> (2018)' with "
               "this style, and so does medprint")
SUFFIX_DELIMITER = ("citeproc-js's delimiters among year-suffixes of cites the style leaves unsorted (c, a, e, b) "
                    "follow its numeric-blob merging ('2000c, a, e; b'); medprint uses year-suffix-delimiter "
                    "between every collapsed suffix as CSL 1.0.2 says")
INTERVIEW_SUFFIX = ("chicago-author-date leaves interviews out of the reference list; citeproc-js then assigns "
                    "their year-suffixes in an order of its own (Hale a, Kim b); medprint follows citation order")
KNOWN: dict[tuple[str, str, str], str] = {
    **{(g, "entry", k): AND_OTHERS for g in ("harvard-cite-them-right", "chicago-author-date", "ieee", "nature")
       for k in ("andothers2020", "andothers2021")},
    **{(g, "cluster", c): AND_OTHERS for g in ("harvard-cite-them-right", "chicago-author-date")
       for c in ("72", "73")},
    ("harvard-cite-them-right", "cluster", "71"): AND_OTHERS,
    **{("harvard-cite-them-right", "cluster", c): AUTHOR_ONLY for c in ("56", "57")},
    ("chicago-author-date", "entry", "cdcnd"):
        "deliberate: citeproc-js title-cases the site name 'Cancer.org' as 'Cancer.Org' (see test_golden_pandoc)",
    ("chicago-author-date", "entry", "quotes2019"):
        "citeproc-js's title case leaves a word that opens with a quote mark lowercase (\u2018bad\u2019); "
        "medprint capitalises it (\u2018Bad\u2019)",
    ("nature", "entry", "daterange2018"):
        "citeproc-js bug: Nature's year range prints the style's parentheses twice ('(2018\u2013(2019))'); "
        "medprint prints '(2018\u20132019)'",
    **{(f"collapse-{g}", "cluster", "5"): SUFFIX_DELIMITER
       for g in ("journal-of-sports-science-and-medicine", "annual-reviews-author-date")},
    **{("collapse-chicago-author-date", "cluster", c): INTERVIEW_SUFFIX for c in ("8", "9")},
}


@functools.lru_cache(maxsize=None)
def rendered(golden: str):
    style, corpus, clusters, author_date = GOLDENS[golden]
    return render_citations(golden_document(style, nocite=author_date, plain_only=not author_date, corpus=corpus,
                                            clusters=clusters))


def _cases():
    for golden in GOLDENS:
        expected = load(f"expected-citeproc-js-{golden}.json")
        for e in expected["entries"]:
            yield _param(golden, "entry", e["key"], e)
        for c in expected["clusters"]:
            yield _param(golden, "cluster", str(c["id"]), c)


def _param(golden, kind, ident, value):
    reason = KNOWN.get((golden, kind, ident))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(golden, kind, value, id=f"{golden}-{kind}-{ident}", marks=marks)


@pytest.mark.parametrize("golden,kind,expected", list(_cases()))
def test_style_matches_citeproc_js(golden, kind, expected):
    result = rendered(golden)
    if kind == "entry":
        entries = {e.key: e for e in result.entries}
        assert expected["key"] in entries, f"{expected['key']} missing from the reference list"
        entry = entries[expected["key"]]
        assert entry.label == expected.get("label", "")
        assert runs_to_html(entry.runs) == runs_to_html(html_runs(expected["html"]))
    else:
        assert runs_to_html(result.clusters[expected["id"]]) == runs_to_html(html_runs(expected["html"]))


@pytest.mark.parametrize("golden", list(GOLDENS))
def test_style_reference_list_order(golden):
    expected = [e["key"] for e in load(f"expected-citeproc-js-{golden}.json")["entries"]]
    assert [e.key for e in rendered(golden).entries] == expected
