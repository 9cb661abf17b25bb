"""The formatted-entry cache: a reference shared by many documents is formatted once, output unchanged."""

from __future__ import annotations

import pytest

from medprint.citations import entry_cache, render_citations
from medprint.citations.styles import load_style

from citations_support import corpus_references
from helpers_citations import document

REFS = {r.id: r for r in corpus_references()}


def _refs(*keys):
    return [dict(REFS[k].data, id=k) for k in keys]


def _render(keys, **kw):
    return render_citations(document([], refs=_refs(*keys), nocite=("@*",), **kw))


def _uncached(keys, **kw):
    entry_cache.clear()
    out = _render(keys, **kw)
    entry_cache.clear()
    return out


@pytest.fixture(autouse=True)
def fresh_cache():
    entry_cache.clear()
    yield
    entry_cache.clear()


@pytest.mark.parametrize("csl", ["apa", "vancouver", "chicago-author-date"])
def test_shared_reference_is_formatted_once_and_output_is_unchanged(csl):
    expected = _uncached(["mcquade2020", "routy2018", "matson2018"], csl=csl)
    _render(["mcquade2020", "najmi2022"], csl=csl)
    assert entry_cache.STATS == {"hits": 0, "misses": 2}
    second = _render(["mcquade2020", "routy2018", "matson2018"], csl=csl)
    # only the two new references were formatted; the shared one (first, so [1] in Vancouver too) was reused
    assert entry_cache.STATS == {"hits": 1, "misses": 4}
    assert second.entries == expected.entries


def test_numeric_entries_are_keyed_by_their_number():
    # mcquade2020 is 1 in one list and 2 in the other: each list gets its own numbers
    def cited_in_reverse():
        return render_citations(document([["najmi2022"], ["mcquade2020"]], refs=_refs("mcquade2020", "najmi2022"),
                                          csl="vancouver"))

    expected = cited_in_reverse().entries
    entry_cache.clear()
    first = _render(["mcquade2020", "najmi2022"], csl="vancouver")
    assert [(e.key, e.label) for e in first.entries] == [("mcquade2020", "1."), ("najmi2022", "2.")]
    other = cited_in_reverse()
    assert entry_cache.STATS == {"hits": 0, "misses": 4}
    assert [(e.key, e.label) for e in other.entries] == [("najmi2022", "1."), ("mcquade2020", "2.")]
    assert other.entries == expected
    assert cited_in_reverse().entries == expected and entry_cache.STATS["hits"] == 2


def test_the_key_ignores_the_citation_key_but_not_the_data():
    _render(["mcquade2020"])
    renamed = render_citations(document([], refs=[dict(REFS["mcquade2020"].data, id="mq")], nocite=("@*",)))
    assert entry_cache.STATS["hits"] == 1 and renamed.entries[0].key == "mq"
    changed = dict(REFS["mcquade2020"].data, id="mcquade2020", volume="99")
    out = render_citations(document([], refs=[changed], nocite=("@*",)))
    assert entry_cache.STATS["hits"] == 1 and "99" in "".join(r.text for r in out.entries[0].runs)


def test_year_suffixes_come_from_each_document_list():
    both = _render(["smith2020a", "smith2020b"])
    alone = _render(["smith2020a"])
    text = {e.key: "".join(r.text for r in e.runs) for e in both.entries}
    assert "(2020b)" in text["smith2020a"]
    assert "(2020)." in "".join(r.text for r in alone.entries[0].runs)
    assert alone.entries == _uncached(["smith2020a"]).entries


def test_styles_with_subsequent_author_substitute_are_not_cached():
    assert load_style("modern-language-association").identity == ""
    _render(["mcquade2020"], csl="modern-language-association")
    _render(["mcquade2020"], csl="modern-language-association")
    assert entry_cache.STATS == {"hits": 0, "misses": 0}


def test_locale_is_part_of_the_key():
    en = _render(["editedbook"])
    de = _render(["editedbook"], lang="de-DE")
    assert entry_cache.STATS["hits"] == 0
    assert "(Hrsg.)" in "".join(r.text for r in de.entries[0].runs)
    assert en.entries != de.entries
