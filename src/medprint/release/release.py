"""``medprint release``: make, verify and merge numbered releases of the whole library.

A release is built in a hidden temporary folder beside its final place and
renamed into ``output/releases/VERSION/`` only when complete, so a release is
never half-written and an existing one is never touched.  Each document builds
in its own folder (a pool job); a document that fails its release check or its
build is left out and listed with its first error, the others are released.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..cache import sha256_file, tool_versions
from . import ReleaseError
from .archive import write_zip, zip_members
from .manifest import MANIFEST_NAME, SUMMARY_NAME, Failure, Manifest, merge, zip_name
from ..pool import run_jobs
from .shard import relative_key, select
from .summary import render_summary
from ..warmup import warm
from .worker import Outcome, build_one, first_error

FORMATS = ("pdf", "pptx", "html")
ARCHIVE_PDF = "pdf/a-3u"  # the archive copy of every handout
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")


@dataclass
class ReleaseResult:
    folder: Path
    manifest: Manifest


@dataclass
class VerifyResult:
    folder: Path
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def releases_dir(out_dir: Path) -> Path:
    return Path(out_dir) / "releases"


def check_version(version: str) -> str:
    if not _VERSION.match(version or "") or ".shard-" in version:
        raise ReleaseError("release.version", f"'{version}' is not a usable release VERSION",
                           hint="use letters, digits, '.', '-', '_' or '+', e.g. 2026.1 or v3.2.0")
    return version


def _shard_folder(version: str, shard: tuple[int, int]) -> str:
    return f"{version}.shard-{shard[0]}-of-{shard[1]}"


def _refuse_existing(folder: Path) -> None:
    if folder.exists():
        raise ReleaseError("release.exists", f"{folder} already exists; nothing was changed",
                           hint="releases are never overwritten: choose a new VERSION")


def _on_error(label: str, exc: BaseException) -> Outcome:
    return Outcome(label, error=first_error(exc))


def _run(sources: list[Path], stage: Path, root: Path, formats: Sequence[str], variant: str | None, *,
         check: bool, allow_overdue: bool, jobs: int | None, progress: bool, what: str) -> list[Outcome]:
    """Build each source into ``stage/.doc-N/`` in the pool."""
    jobs_args = []
    for i, source in enumerate(sources):
        folder = stage / f".doc-{i:05d}"
        folder.mkdir(parents=True)
        jobs_args.append((relative_key(source, root),
                          (str(source), str(folder), str(root), tuple(formats), variant, check, allow_overdue)))
    return run_jobs(build_one, jobs_args, jobs=jobs, on_error=_on_error, progress=progress,
                    description=what, initializer=warm)


def _collect(outcomes: list[Outcome], stage: Path, manifest: Manifest) -> None:
    """Move each document's files up into the release folder; a name clash fails the later document."""
    taken: set[str] = set()
    for i, outcome in enumerate(outcomes):
        doc_dir = stage / f".doc-{i:05d}"
        if not outcome.error:
            clash = sorted(taken.intersection(f.path for f in outcome.files))
            if clash:
                outcome = Outcome(outcome.source, error=f"{outcome.source}: error: output {clash[0]} is also made by "
                                  "another source; rename one of them [release.duplicate-name]")
        if outcome.error:
            manifest.failures.append(Failure(outcome.source, outcome.error))
        else:
            for f in outcome.files:
                target = stage / f.path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(doc_dir / f.path, target)
                taken.add(f.path)
            manifest.documents.append(outcome.entry)
            manifest.files += outcome.files
        shutil.rmtree(doc_dir, ignore_errors=True)


def _finish(stage: Path, manifest: Manifest, final: Path, *, archive: bool) -> None:
    """Write manifest, summary and zip into the stage, then rename it into place."""
    manifest.write(stage)
    (stage / SUMMARY_NAME).write_text(render_summary(manifest), encoding="utf-8")
    if archive:
        names = [f.path for f in manifest.files] + [MANIFEST_NAME, SUMMARY_NAME]
        write_zip(stage / zip_name(manifest.release), stage, names, manifest.release)
    try:
        os.rename(stage, final)
    except OSError as exc:
        raise ReleaseError("release.exists", f"{final} appeared while building; nothing was changed",
                           hint="releases are never overwritten: choose a new VERSION") from exc


def _stage(parent: Path, version: str) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=parent))
    os.chmod(stage, 0o755)  # a published release is readable like any output folder
    return stage


def make_release(
    version: str,
    sources: Sequence[Path | str] | None = None,
    *,
    root: Path | str | None = None,
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    allow_overdue: bool = False,
    formats: Sequence[str] = FORMATS,
    progress: bool = False,
) -> ReleaseResult:
    """Build every source (or those named) into ``output/releases/VERSION/`` (or its shard folder)."""
    from .. import api

    root = Path(root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else root / "output"
    check_version(version)
    parent = releases_dir(out_dir)
    final = parent / (_shard_folder(version, shard) if shard else version)
    _refuse_existing(final)
    if shard:
        _refuse_existing(parent / version)
    chosen = select(api.discover_sources([Path(s) for s in sources] if sources else None), shard, root)
    options = {"allow_overdue": allow_overdue, "formats": ",".join(sorted(formats)), "pdf_variant": ARCHIVE_PDF}
    manifest = Manifest(version, tool_versions(), options, shard=f"{shard[0]}/{shard[1]}" if shard else "")
    stage = _stage(parent, version)
    try:
        outcomes = _run(chosen, stage, root, formats, ARCHIVE_PDF if "pdf" in formats else None, check=True,
                        allow_overdue=allow_overdue, jobs=jobs, progress=progress, what=f"release {version}")
        _collect(outcomes, stage, manifest)
        if not manifest.documents and not shard:
            first = manifest.failures[0].error if manifest.failures else "no sources found"
            raise ReleaseError("release.empty", f"no document could be released ({first})",
                               hint="fix the errors listed by `medprint check --release` and run again")
        _finish(stage, manifest, final, archive=not shard)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return ReleaseResult(final, manifest.normalized())


def _check_files(folder: Path, manifest: Manifest, result: VerifyResult, *, archive: bool) -> None:
    """Every listed file present with its hash and size, nothing unlisted, summary and zip consistent."""
    listed = {f.path for f in manifest.files}
    for f in manifest.files:
        path = folder / f.path
        if not path.is_file():
            result.problems.append(f"{f.path}: missing from the release")
        elif path.stat().st_size != f.bytes or sha256_file(path) != f.sha256:
            result.problems.append(f"{f.path}: bytes differ from the manifest (altered after release)")
        result.checked += 1
    extra = {MANIFEST_NAME, SUMMARY_NAME} | ({zip_name(manifest.release)} if archive else set())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name not in listed and name not in extra:
            result.problems.append(f"{name}: not in the manifest")
    summary = folder / SUMMARY_NAME
    same_medprint = manifest.tools.get("medprint") == tool_versions()["medprint"]
    if not summary.is_file() or (same_medprint and summary.read_text(encoding="utf-8") != render_summary(manifest)):
        result.problems.append(f"{SUMMARY_NAME}: does not match the manifest")
    if archive:
        zpath = folder / zip_name(manifest.release)
        try:
            members = zip_members(zpath)
        except Exception:  # noqa: BLE001 - a missing or broken zip is a finding, not a crash
            members = None
        expected = sorted(listed | {MANIFEST_NAME, SUMMARY_NAME})
        if members is None or sorted(members) != expected or any(
                members[n] != (folder / n).read_bytes() for n in expected if (folder / n).is_file()):
            result.problems.append(f"{zpath.name}: does not hold exactly the release's files")


def verify_release(
    version: str,
    *,
    root: Path | str | None = None,
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    progress: bool = False,
) -> VerifyResult:
    """Check the release's files against its manifest, then rebuild every document and compare every byte."""
    root = Path(root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else root / "output"
    folder = releases_dir(out_dir) / check_version(version)
    manifest = Manifest.load(folder)
    result = VerifyResult(folder)
    _check_files(folder, manifest, result, archive=True)
    now = tool_versions()
    for name, was in manifest.tools.items():
        if now.get(name) != was:
            result.notes.append(f"{name} is {now.get(name)} now, {was} in the release: bytes may differ")
    formats = tuple(manifest.options.get("formats", ",".join(FORMATS)).split(","))
    sources = [root / d.source for d in manifest.documents]
    stage = _stage(releases_dir(out_dir), version + ".verify")
    try:
        outcomes = _run(sources, stage, root, formats, manifest.options.get("pdf_variant"), check=False,
                        allow_overdue=True, jobs=jobs, progress=progress, what=f"verify {version}")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for doc, outcome in zip(manifest.documents, outcomes):
        if outcome.error:
            result.problems.append(f"{doc.source}: rebuild failed: {outcome.error}")
            continue
        changed = [p for p, h in outcome.entry.inputs.items() if doc.inputs.get(p) != h]
        changed += [p for p in doc.inputs if p not in outcome.entry.inputs]
        rebuilt = {f.path: f.sha256 for f in outcome.files}
        expected = {f.path: f.sha256 for f in manifest.files if f.source == doc.source}
        for path in sorted(set(rebuilt) | set(expected)):
            if rebuilt.get(path) != expected.get(path):
                why = f" (inputs changed since the release: {', '.join(sorted(changed))})" if changed else ""
                result.problems.append(f"{path}: rebuilt bytes differ from the release{why}")
    return result


def merge_release(version: str, *, root: Path | str | None = None, out_dir: Path | str | None = None) -> ReleaseResult:
    """Merge ``VERSION.shard-I-of-N`` folders into ``VERSION/``: one manifest, summary and zip."""
    root = Path(root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else root / "output"
    parent = releases_dir(out_dir)
    final = parent / check_version(version)
    _refuse_existing(final)
    folders = sorted(p for p in parent.glob(f"{version}.shard-*-of-*") if p.is_dir())
    shards = [Manifest.load(f) for f in folders]
    merged = merge(shards)
    for folder, shard in zip(folders, shards):
        check = VerifyResult(folder)
        _check_files(folder, shard, check, archive=False)
        if not check.ok:
            raise ReleaseError("release.merge", f"shard {folder.name}: {check.problems[0]}",
                               hint="rebuild that shard; a shard must be merged exactly as it was built")
    if not merged.documents:
        raise ReleaseError("release.empty", "no document in any shard could be released",
                           hint="fix the errors listed in the shards' SUMMARY.md and run again")
    stage = _stage(parent, version)
    try:
        for folder, shard in zip(folders, shards):
            for f in shard.files:
                target = stage / f.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / f.path, target)
        _finish(stage, merged, final, archive=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return ReleaseResult(final, merged)
