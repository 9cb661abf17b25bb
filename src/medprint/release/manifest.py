"""The release manifest: what a release holds, byte for byte, and what it was made from.

Per file: its path in the release, the source it came from, sha256 and size.
Per document: title, version, review dates, the hash of every input, the
outputs, and what changed since the previous release (``new``, ``changed`` with
the inputs that changed, or ``unchanged``).  Per carried input (``inputs/…``, the
sources, bibliographies, images, lock files and styles the release was built
from): its sha256 and size.  Release-wide: the tool versions, the options (PDF
variant, formats, ``--allow-overdue``, ``--partial``, ``--allow-same-version``),
the previous release compared with and the documents it had that this one lacks.  It carries no clock and no machine detail, and
lists everything sorted, so the same library gives the same manifest whether it
was built in one run or merged from shards.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..atomic import write_text
from . import ReleaseError

MANIFEST_NAME = "manifest.json"
SUMMARY_NAME = "SUMMARY.md"
SCHEMA = 2
READABLE_SCHEMAS = (1, 2)  # schema 1: releases made before inputs were carried (verified from the checkout)
INPUTS_DIR = "inputs"


def zip_name(version: str) -> str:
    return f"medprint-release-{version}.zip"


@dataclass(frozen=True)
class FileEntry:
    path: str
    source: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class DocumentEntry:
    name: str
    source: str
    title: str
    version: str = ""
    reviewed: str = ""
    next_review: str = ""
    reviewer: str = ""
    overdue: bool = False
    inputs: dict[str, str] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    change: str = ""  # "new", "changed" or "unchanged" since the previous release
    changed_inputs: tuple[str, ...] = ()
    previous_version: str = ""  # its version: in the previous release ("" when new)


@dataclass(frozen=True)
class InputEntry:
    """A file the release was built from, carried in the release under ``inputs/PATH``."""

    path: str  # relative to the project root; styles as styles/…
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Failure:
    source: str
    error: str


@dataclass
class Manifest:
    release: str
    tools: dict[str, str]
    options: dict[str, Any]
    documents: list[DocumentEntry] = field(default_factory=list)
    files: list[FileEntry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    shard: str = ""  # "I/N" for a shard's partial manifest, "" for a whole release
    inputs: list[InputEntry] = field(default_factory=list)
    previous: str = ""  # the release compared with ("" for the first)
    removed: list[str] = field(default_factory=list)  # sources in the previous release, not in this one
    schema: int = SCHEMA

    def normalized(self) -> "Manifest":
        """The same manifest with every list in its canonical order."""
        return Manifest(
            self.release, dict(sorted(self.tools.items())), dict(sorted(self.options.items())),
            sorted(self.documents, key=lambda d: d.source),
            sorted(self.files, key=lambda f: f.path),
            sorted(self.failures, key=lambda f: f.source),
            self.shard,
            sorted(self.inputs, key=lambda f: f.path),
            self.previous,
            sorted(self.removed),
            self.schema,
        )

    def to_dict(self) -> dict[str, Any]:
        m = self.normalized()
        data: dict[str, Any] = {
            "schema": m.schema,
            "release": m.release,
            "tools": m.tools,
            "options": m.options,
            "documents": [{**asdict(d), "files": list(d.files), "changed_inputs": list(d.changed_inputs)}
                          for d in m.documents],
            "files": [asdict(f) for f in m.files],
            "failures": [asdict(f) for f in m.failures],
        }
        if m.schema >= 2:
            data.update(inputs=[asdict(f) for f in m.inputs], previous=m.previous, removed=m.removed)
        if m.shard:
            data["shard"] = m.shard
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def write(self, folder: Path) -> Path:
        return write_text(folder / MANIFEST_NAME, self.to_json())

    @classmethod
    def from_dict(cls, data: Any, where: str = MANIFEST_NAME) -> "Manifest":
        try:
            if data.get("schema") not in READABLE_SCHEMAS:
                raise ValueError(f"schema {data.get('schema')!r}")
            docs = [DocumentEntry(**{**_only(DocumentEntry, d), "files": tuple(d.get("files", ())),
                                     "changed_inputs": tuple(d.get("changed_inputs", ()))})
                    for d in data["documents"]]
            files = [FileEntry(**_only(FileEntry, f)) for f in data["files"]]
            failures = [Failure(**_only(Failure, f)) for f in data.get("failures", [])]
            inputs = [InputEntry(**_only(InputEntry, f)) for f in data.get("inputs", [])]
            for entry in [*files, *inputs]:
                if entry.path.startswith("/") or ".." in entry.path.split("/"):
                    raise ValueError(f"path {entry.path!r} leaves the release")
            return cls(str(data["release"]), dict(data["tools"]), dict(data["options"]), docs, files, failures,
                       str(data.get("shard", "")), inputs, str(data.get("previous", "")),
                       [str(r) for r in data.get("removed", [])], int(data["schema"]))
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ReleaseError("release.manifest", f"{where} is not a medprint release manifest ({exc})",
                               hint="restore it from the release's .zip or rebuild the release") from exc

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ReleaseError("release.missing", f"{path} does not exist",
                               hint="check the VERSION; releases live in output/releases/VERSION/") from exc
        except (OSError, ValueError) as exc:
            raise ReleaseError("release.manifest", f"{path} cannot be read ({exc})",
                               hint="restore it from the release's .zip or rebuild the release") from exc
        return cls.from_dict(data, str(path))


def _only(kind: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in data.items() if k in names}


def merge(shards: list[Manifest]) -> Manifest:
    """Combine the manifests of shards 1..N of one release into the whole release's manifest."""
    if not shards:
        raise ReleaseError("release.merge", "no shard manifests to merge",
                           hint="put each shard's folder (VERSION.shard-I-of-N) under output/releases/ first")
    first = shards[0]
    counts = {m.shard.partition("/")[2] for m in shards}
    if len(counts) != 1 or not first.shard:
        raise ReleaseError("release.merge", "the shards disagree on N (or one is a whole release)",
                           hint="merge the shards of one `--shard I/N` run only")
    count = int(counts.pop())
    have = sorted(int(m.shard.partition("/")[0]) for m in shards)
    if have != list(range(1, count + 1)):
        missing = sorted(set(range(1, count + 1)) - set(have))
        raise ReleaseError("release.merge", f"shards {', '.join(map(str, missing)) or 'duplicated'} of {count} "
                           "missing", hint="run every `--shard I/N` and collect all their folders before merging")
    for m in shards[1:]:
        for what in ("release", "tools", "options", "previous"):
            if getattr(m, what) != getattr(first, what):
                raise ReleaseError("release.merge", f"shard {m.shard} has different {what} from shard {first.shard}",
                                   hint="build every shard with the same medprint, libraries and options")
    merged = Manifest(first.release, first.tools, first.options, previous=first.previous)
    seen: set[str] = set()
    carried: dict[str, InputEntry] = {}
    for m in shards:
        for f in m.files:
            if f.path in seen:
                raise ReleaseError("release.merge", f"{f.path} is in more than one shard",
                                   hint="two sources have the same output name; rename one")
            seen.add(f.path)
        merged.documents += m.documents
        merged.files += m.files
        merged.failures += m.failures
        merged.removed += m.removed
        for entry in m.inputs:
            if carried.setdefault(entry.path, entry) != entry:
                raise ReleaseError("release.merge", f"{entry.path} differs between shards",
                                   hint="build every shard from the same checkout")
    merged.inputs = list(carried.values())
    return merged.normalized()
