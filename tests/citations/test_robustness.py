"""Odd reference data never crashes the engine: it formats, or fails with a located SourceError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medprint.citations import render_citations
from medprint.errors import MedprintError
from medprint.model import runs_text

from helpers_citations import document, item

TYPES = ["article-journal", "book", "chapter", "report", "webpage", "thesis", "dataset", "paper-conference",
         "article", "legal_case", "interview", "motion_picture", "entry-encyclopedia", "software", "speech"]
SCALARS = st.one_of(st.sampled_from(["", "x", "12", "1-3", "e12-3", "<i>a</i>", "<b>b", "&", "O'Neil", '"q"',
                                     "2nd", "XIV", "Ü", "?", "3&4", "n.d.", "<span class=\"nocase\">A</span>"]),
                    st.integers(-5, 3000), st.none(), st.text(max_size=12))
NAME = st.one_of(st.fixed_dictionaries({}, optional={k: SCALARS for k in
                 ["family", "given", "suffix", "dropping-particle", "non-dropping-particle", "literal"]}), SCALARS)
DATE = st.one_of(
    st.fixed_dictionaries({"date-parts": st.lists(st.lists(st.one_of(st.integers(-50, 2100), SCALARS), max_size=3),
                                                  max_size=3)}, optional={"season": SCALARS, "circa": SCALARS}),
    st.fixed_dictionaries({"raw": SCALARS}), st.fixed_dictionaries({"literal": SCALARS}), SCALARS)
FIELDS = ["title", "container-title", "volume", "issue", "page", "DOI", "URL", "publisher", "edition", "number",
          "genre", "status", "version", "event-title", "collection-title", "language", "title-short"]
REFERENCE = st.fixed_dictionaries(
    {"type": st.sampled_from(TYPES)},
    optional={**{f: SCALARS for f in FIELDS},
              **{n: st.one_of(st.lists(NAME, max_size=4), SCALARS) for n in ["author", "editor", "director",
                                                                          "container-author", "translator"]},
              **{d: DATE for d in ["issued", "accessed", "original-date", "event-date"]}})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REFERENCE, min_size=2, max_size=2), st.sampled_from(["apa", "vancouver"]),
       st.sampled_from(["normal", "suppress-author", "author-in-text"]), st.sampled_from(["", "3", "1-2", "iv"]))
def test_random_references_format_or_fail_cleanly(refs, csl, mode, locator):
    refs = [dict(r, id=f"k{i}") for i, r in enumerate(refs)]
    try:
        rendered = render_citations(document([[item("k0", mode=mode, locator=locator, label="page" if locator else "")],
                                              ["k1", "k0"]], refs=refs, csl=csl, nocite=("@*",)))
    except MedprintError as err:
        assert err.code.startswith("citation.")
        return
    for runs in list(rendered.clusters.values()) + [e.runs for e in rendered.entries]:
        text = runs_text(runs)
        assert not any("\ue000" <= ch <= "\ue0ff" for ch in text)
