"""Given names as initials (medprint.citations.initials), as citeproc-js writes them.

Expected strings: citeproc-js 1.4.61 (scripts/golden/node_modules/citeproc) and the CSL test suite's
name_Initials* fixtures' rules, on names of our own.
"""

from __future__ import annotations

import pytest
from helpers_citations import entry_html

from medprint.citations.initials import initialize_given


@pytest.mark.parametrize("given,expected", [
    ("Seo-yeon", "S."),  # a lowercase part after a hyphen belongs to the part before it
    ("Jean-marc", "J."),
    ("Seo-Yeon", "S.-Y."),
    ("Jean-Pierre", "J.-P."),
    ("J.-P.", "J.-P."),
    ("J. P.", "J. P."),
    ("JP", "J."),  # a run of capitals is one name, as citeproc-js and Pandoc read it
    ("John Paul", "J. P."),
    ("Ts.", "Ts."),  # an abbreviation written in the data keeps its letters
    ("Jean de", "J. de"),  # lowercase words stay whole
])
def test_apa_initials(given, expected):
    assert initialize_given(given, ". ") == expected


@pytest.mark.parametrize("given,expected", [
    ("Seo-Yeon", "SY"), ("J.-P.", "JP"), ("J. P.", "JP"), ("Min-Jun", "MJ"),
    ("Seo-yeon", "S yeon"),  # citeproc-js keeps the lowercase word once hyphens are spaces (AMA, Vancouver)
])
def test_initials_without_hyphens_or_periods(given, expected):
    # AMA and Vancouver: initialize-with="" and initialize-with-hyphen="false"
    assert initialize_given(given, "", keep_hyphen=False) == expected


@pytest.mark.parametrize("given,terminator,expected", [
    ("John M.E.", ". ", "John M. E."), ("J.-P.", ". ", "J. P."), ("JP", ". ", "JP"), ("Ph.M.E.", "", "PhME"),
    ("Jr.", "", "Jr"), ("Jr.", ". ", "Jr."), ("III", "", "III"),
])
def test_initialize_false_only_punctuates_initials(given, terminator, expected):
    # initialize="false" (Chicago): full names stay, initials the data has get the terminator;
    # name suffixes are normalised the same way
    assert initialize_given(given, terminator, initialize=False) == expected


def test_hyphenated_and_initial_only_names_in_apa_entries():
    names = [("Park", "Seo-yeon"), ("Ahn", "Seo-Yeon"), ("Roux", "Jean-marc"), ("Bo", "J.-P."), ("Co", "J. P."),
             ("Do", "JP"), ("Eo", "Jean-Pierre")]
    ref = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]},
           "author": [{"family": f, "given": g} for f, g in names]}
    # citeproc-js: "Park, S., Ahn, S.-Y., Roux, J., Bo, J.-P., Co, J. P., Do, J., &#38; Eo, J.-P. (2020). <i>T</i>."
    assert entry_html([ref])["a"] == (
        "Park, S., Ahn, S.-Y., Roux, J., Bo, J.-P., Co, J. P., Do, J., &amp; Eo, J.-P. (2020). <i>T</i>.")
