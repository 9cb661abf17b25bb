"""Lookup tables derived from a library's data file, kept so no build parses that file again.

A table is keyed by the SHA-256 of the file it comes from: shipped in the package for the release medprint
is tested with, else built once from whatever is installed and kept in the user cache.  A table that cannot
be read (damaged, another format) is built again; an unwritable cache only costs the same time next run.
"""

from __future__ import annotations

import hashlib
import marshal
import zlib
from collections.abc import Callable
from pathlib import Path


def digest(path: Path) -> str:
    """SHA-256 (16 hex digits) of a file: the key of the table made from it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def package_file(package: str, relative: str) -> Path:
    """A data file of an installed package, found without importing it (nor ``importlib.resources``)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise OSError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def table_bytes(table: dict, fmt: int) -> bytes:
    """A table as kept on disk: zlib-compressed marshal of (format, table in sorted key order)."""
    return zlib.compress(marshal.dumps((fmt, dict(sorted(table.items())))), 9)


def load(data: bytes, fmt: int) -> dict | None:
    """The table in ``data``, or None when it is not one of format ``fmt``."""
    try:
        version, table = marshal.loads(zlib.decompress(data))
    except (ValueError, EOFError, TypeError, zlib.error):
        return None
    return table if version == fmt and isinstance(table, dict) else None


def kept(name: str, build: Callable[[], dict], fmt: int, shipped: Path, cache_folder: str) -> dict:
    """The table ``name``: from ``shipped``, else from the user cache's ``cache_folder``, else built now and
    kept there."""
    from .user_cache import cache_root

    cache = cache_root() / cache_folder
    for folder in (shipped, cache):
        try:
            loaded = load((folder / name).read_bytes(), fmt)
        except OSError:
            continue
        if loaded is not None:
            return loaded
    built = build()
    try:
        from .atomic import write_bytes

        cache.mkdir(parents=True, exist_ok=True)
        write_bytes(cache / name, table_bytes(built, fmt))
    except (OSError, ValueError):
        pass  # an unwritable cache (or a table marshal cannot hold) costs the same time next run, nothing more
    return built
