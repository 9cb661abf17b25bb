"""pyphen's hyphenation patterns from the kept table are exactly the ones pyphen parses."""

from __future__ import annotations

import pyphen
import pytest

from medprint import hyphenation, kept_tables

WORDS = ["microbiome", "immunotherapy", "checkpoint", "inhibitors", "akkermansia", "bifidobacterium", "fecal",
         "transplantation", "probiotics", "short-chain", "pembrolizumab", "nivolumab", "dysbiosis", "muciniphila"]


@pytest.fixture
def empty_pyphen_cache(monkeypatch, tmp_path):
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "user-cache"))


def test_shipped_patterns_are_pyphens_own():
    path = pyphen.LANGUAGES["en_US"]
    shipped = hyphenation.SHIPPED / f"hyphenation-{kept_tables.digest(path)}.bin"
    assert shipped.is_file(), "regenerate the table for the installed pyphen (see src/medprint/data/README.md)"
    assert kept_tables.load(shipped.read_bytes(), hyphenation.FORMAT) == pyphen.HyphDict(path).patterns


@pytest.mark.parametrize("lang", ["en", "en-US", "en_US", "EN-us"])
def test_primed_dictionary_hyphenates_as_pyphen_does(lang, empty_pyphen_cache):
    hyphenation.prime(lang)
    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    primed = pyphen.hdcache[path]
    real = pyphen.HyphDict(path)
    assert primed.maxlen == real.maxlen
    for word in WORDS:
        assert primed.positions(word) == real.positions(word), word
    assert pyphen.Pyphen(lang=lang).hd is primed  # what WeasyPrint and textstat ask for gets the primed patterns


def test_a_language_without_a_shipped_table_is_parsed_once_and_kept(tmp_path, monkeypatch, empty_pyphen_cache):
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    hyphenation.prime("de-DE")
    kept = list((tmp_path / "cache" / "hyphenation").glob("hyphenation-*.bin"))
    assert len(kept) == 1
    path = pyphen.LANGUAGES[pyphen.language_fallback("de_DE")]
    assert kept_tables.load(kept[0].read_bytes(), hyphenation.FORMAT) == pyphen.HyphDict(path).patterns
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.prime("de-DE")  # the second time from the kept table
    assert pyphen.hdcache[path].patterns == pyphen.HyphDict(path).patterns


def test_unknown_languages_and_a_damaged_table_are_harmless(tmp_path, monkeypatch, empty_pyphen_cache):
    hyphenation.prime("xx-unknown")
    assert pyphen.hdcache == {}
    monkeypatch.setattr(hyphenation, "SHIPPED", tmp_path / "shipped")
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    path = pyphen.LANGUAGES["en_US"]
    folder = tmp_path / "cache" / "hyphenation"
    folder.mkdir(parents=True)
    (folder / f"hyphenation-{kept_tables.digest(path)}.bin").write_bytes(b"damaged")
    hyphenation.prime("en-US")
    assert pyphen.hdcache[path].patterns == pyphen.HyphDict(path).patterns
