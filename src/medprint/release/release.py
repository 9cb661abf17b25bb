"""``medprint release``: make, verify and merge numbered releases of the whole library.

A release is all or nothing: every document is first read and checked (and
compared with the previous release, see ``changes.py``); if any fails, nothing
is written and the VERSION stays free.  Then each document builds in its own
folder (a pool job) inside a hidden temporary folder beside the final place,
which is renamed into ``output/releases/VERSION/`` only when complete, with the
inputs it was built from (``carried.py``).  ``--partial`` releases the good
documents and records the others as failures.  ``--verify`` rebuilds a release
from the inputs it carries, in a temporary project, and compares every byte.
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
from .carried import carry, restore
from .changes import compare, previous_release, removed_sources, same_version, same_version_error
from .manifest import INPUTS_DIR, MANIFEST_NAME, SCHEMA, SUMMARY_NAME, DocumentEntry, Failure, Manifest, merge, zip_name
from ..pool import run_jobs
from .shard import relative_key, select
from .summary import render_summary
from ..warmup import warm
from .worker import Outcome, build_one, first_error, inspect_one

FORMATS = ("pdf", "pptx", "html")
ARCHIVE_PDF = "pdf/a-3u"  # the archive copy of every handout
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")


@dataclass
class ReleaseResult:
    folder: Path
    manifest: Manifest


@dataclass
class ReleasePlan:
    """What a release would hold: each good document with its change, the failures, what is gone."""

    version: str
    folder: Path
    previous: str = ""
    documents: list[DocumentEntry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)  # of ``documents``, in order


class ReleaseRefused(ReleaseError):
    """Some documents failed, so nothing was released: each failure's line, then what to do."""

    def __init__(self, version: str, failures: list[Failure], total: int) -> None:
        good = total - len(failures)
        names = " ".join(f.source for f in failures)
        hint = f"fix them (`medprint check --release {names}` lists every problem) and run the release again"
        if good:
            hint += f", or pass --partial to release the {good} good document(s) and record the failures"
        super().__init__("release.failed", f"release {version} refused: {len(failures)} of {total} document(s) "
                         "failed, nothing was written and the version is still free", hint=hint)
        self.failures = sorted(failures, key=lambda f: f.source)

    def lines(self) -> list[str]:
        return [f.error for f in self.failures] + super().lines()


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
         check: bool, allow_overdue: bool, jobs: int | None, progress: bool, what: str,
         styles: Path | None = None) -> list[Outcome]:
    """Build each source into ``stage/.doc-N/`` in the pool."""
    jobs_args = []
    for i, source in enumerate(sources):
        folder = stage / f".doc-{i:05d}"
        folder.mkdir(parents=True)
        jobs_args.append((relative_key(source, root),
                          (str(source), str(folder), str(root), tuple(formats), variant, check, allow_overdue,
                           str(styles) if styles else None)))
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
        names += [f"{INPUTS_DIR}/{f.path}" for f in manifest.inputs]
        write_zip(stage / zip_name(manifest.release), stage, names, manifest.release)
    try:
        os.rename(stage, final)
    except OSError as exc:
        raise ReleaseError("release.exists", f"{final} appeared while building; nothing was changed",
                           hint="releases are never overwritten: choose a new VERSION") from exc


def _made_folders(parent: Path) -> list[Path]:
    """The folders ``parent.mkdir(parents=True)`` is about to create, innermost first."""
    made = []
    for folder in [parent, *parent.parents]:
        if folder.exists():
            break
        made.append(folder)
    return made


def _remove_if_empty(folders: list[Path]) -> None:
    """A refused release leaves no trace, not even the empty output folders it made for its stage."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _stage(parent: Path, version: str) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=parent))
    os.chmod(stage, 0o755)  # a published release is readable like any output folder
    return stage


def _paths(version: str, out_dir: Path, shard: tuple[int, int] | None) -> tuple[Path, Path]:
    check_version(version)
    parent = releases_dir(out_dir)
    final = parent / (_shard_folder(version, shard) if shard else version)
    _refuse_existing(final)
    if shard:
        _refuse_existing(parent / version)
    return parent, final


def _judge(plan: ReleasePlan, chosen: list[Path], outcomes: list[Outcome], before: Manifest | None, *,
           root: Path, shard: tuple[int, int] | None, allow_same_version: bool) -> None:
    """Fill ``plan`` from the jobs' outcomes: each document's change since ``before``, and the failures
    (its own error, a version that did not move with its text, an output name taken by another source).
    A failed outcome gets its ``error`` set, so the documents it would have released are left out."""
    earlier = {d.source: d for d in before.documents} if before else {}
    names: dict[str, str] = {}
    for source, outcome in zip(chosen, outcomes):
        if not outcome.error:
            entry = compare(outcome.entry, earlier.get(outcome.source))
            if entry.name in names:
                outcome.error = (f"{outcome.source}: error: its outputs ({entry.name}.*) are also made by "
                                 f"{names[entry.name]}; rename one of them [release.duplicate-name]")
            elif same_version(entry) and not allow_same_version:
                outcome.error = same_version_error(entry, plan.previous, outcome.version_at)
            else:
                outcome.entry = entry
                names[entry.name] = outcome.source
                plan.documents.append(entry)
                plan.sources.append(source)
        if outcome.error:
            plan.failures.append(Failure(outcome.source, outcome.error))
    plan.removed = removed_sources(before, {relative_key(s, root) for s in chosen}, shard)


def _chosen(sources: Sequence[Path | str] | None, shard: tuple[int, int] | None, root: Path) -> list[Path]:
    from .. import api

    return select(api.discover_sources([Path(s) for s in sources] if sources else None), shard, root)


def plan_release(
    version: str,
    sources: Sequence[Path | str] | None = None,
    *,
    root: Path | str | None = None,
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    allow_overdue: bool = False,
    allow_same_version: bool = False,
    progress: bool = False,
) -> ReleasePlan:
    """``release --dry-run``: read and check every document and compare it with the previous release,
    as a release would, without building or writing anything."""
    root = Path(root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else root / "output"
    parent, final = _paths(version, out_dir, shard)
    chosen = _chosen(sources, shard, root)
    args = [(relative_key(s, root), (str(s), str(root), allow_overdue)) for s in chosen]
    outcomes = run_jobs(inspect_one, args, jobs=jobs, on_error=_on_error, progress=progress,
                        description=f"checking {version}", initializer=warm)
    before = previous_release(parent, version)
    plan = ReleasePlan(version, final, before.release if before else "")
    _judge(plan, chosen, outcomes, before, root=root, shard=shard, allow_same_version=allow_same_version)
    return plan


def make_release(
    version: str,
    sources: Sequence[Path | str] | None = None,
    *,
    root: Path | str | None = None,
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    allow_overdue: bool = False,
    allow_same_version: bool = False,
    partial: bool = False,
    formats: Sequence[str] = FORMATS,
    progress: bool = False,
) -> ReleaseResult:
    """Build every source (or those named) into ``output/releases/VERSION/`` (or its shard folder).

    All or nothing unless ``partial``: every document is checked and built in a hidden folder first; if
    any fails (:class:`ReleaseRefused`), that folder is removed and nothing was written.
    """
    from ..paths import styles_dir

    root = Path(root or Path.cwd()).resolve()
    out_dir = Path(out_dir) if out_dir else root / "output"
    parent, final = _paths(version, out_dir, shard)
    chosen = _chosen(sources, shard, root)
    before = previous_release(parent, version)
    plan = ReleasePlan(version, final, before.release if before else "")
    options = {"allow_overdue": allow_overdue, "allow_same_version": allow_same_version,
               "formats": ",".join(sorted(formats)), "partial": partial, "pdf_variant": ARCHIVE_PDF}
    made = _made_folders(parent)
    stage = _stage(parent, version)
    try:
        outcomes = _run(chosen, stage, root, formats, ARCHIVE_PDF if "pdf" in formats else None, check=True,
                        allow_overdue=allow_overdue, jobs=jobs, progress=progress, what=f"release {version}")
        _judge(plan, chosen, outcomes, before, root=root, shard=shard, allow_same_version=allow_same_version)
        if plan.failures and not partial:
            raise ReleaseRefused(version, plan.failures, len(chosen))
        if not plan.documents and not shard:
            first = plan.failures[0].error if plan.failures else "no sources found"
            raise ReleaseError("release.empty", f"no document could be released ({first})",
                               hint="fix the errors listed by `medprint check --release` and run again")
        manifest = Manifest(version, tool_versions(), options, shard=f"{shard[0]}/{shard[1]}" if shard else "",
                            previous=plan.previous, removed=plan.removed)
        _collect(outcomes, stage, manifest)
        manifest.inputs = carry(stage, manifest, root, styles_dir())
        _finish(stage, manifest, final, archive=not shard)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        _remove_if_empty(made)
        raise
    return ReleaseResult(final, manifest.normalized())


def _check_files(folder: Path, manifest: Manifest, result: VerifyResult, *, archive: bool) -> None:
    """Every listed file present with its hash and size, nothing unlisted, summary and zip consistent."""
    carried = [(f"{INPUTS_DIR}/{f.path}", f) for f in manifest.inputs]
    listed = {f.path for f in manifest.files} | {name for name, _ in carried}
    for name, f in [(f.path, f) for f in manifest.files] + carried:
        path = folder / name
        if not path.is_file():
            result.problems.append(f"{name}: missing from the release")
        elif path.stat().st_size != f.bytes or sha256_file(path) != f.sha256:
            result.problems.append(f"{name}: bytes differ from the manifest (altered after release)")
        result.checked += 1
    extra = {MANIFEST_NAME, SUMMARY_NAME} | ({zip_name(manifest.release)} if archive else set())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name not in listed and name not in extra:
            result.problems.append(f"{name}: not in the manifest")
    summary = folder / SUMMARY_NAME
    same_medprint = manifest.tools.get("medprint") == tool_versions()["medprint"] and manifest.schema == SCHEMA
    if not summary.is_file() or (same_medprint and summary.read_text(encoding="utf-8") != render_summary(manifest)):
        result.problems.append(f"{SUMMARY_NAME}: does not match the manifest")
    if archive:
        zpath = folder / zip_name(manifest.release)
        try:
            members = zip_members(zpath)
        except Exception:  # noqa: BLE001 - a missing or broken zip is a finding, not a crash
            members = None
        expected = sorted(listed | {MANIFEST_NAME, SUMMARY_NAME})
        if members is None:
            result.problems.append(f"{zpath.name}: missing or not a readable zip")
        else:
            odd = [f"{n} is not in the zip" for n in expected if n not in members]
            odd += [f"{n} is in the zip only" for n in sorted(set(members) - set(expected))]
            odd += [f"its copy of {n} differs from the folder's" for n in expected
                    if n in members and (folder / n).is_file() and members[n] != (folder / n).read_bytes()]
            if odd:
                more = f" (and {len(odd) - 1} more)" if len(odd) > 1 else ""
                result.problems.append(f"{zpath.name}: {odd[0]}{more}")


def _altered_inputs(result: VerifyResult) -> set[str]:
    """The carried inputs that :func:`_check_files` found altered or missing (paths without ``inputs/``)."""
    prefix = INPUTS_DIR + "/"
    return {p.split(": ", 1)[0][len(prefix):] for p in result.problems
            if p.startswith(prefix) and (": bytes differ" in p or ": missing" in p)}


def verify_release(
    version: str,
    *,
    root: Path | str | None = None,
    out_dir: Path | str | None = None,
    jobs: int | None = None,
    progress: bool = False,
) -> VerifyResult:
    """Check the release's files against its manifest, then rebuild every document and compare every byte.

    The rebuild uses the inputs the release carries, laid out in a temporary project, so a release verifies
    on any later checkout.  A release made before inputs were carried is rebuilt from ``root``.
    """
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
    altered = _altered_inputs(result)
    documents = []
    for doc in manifest.documents:
        bad = sorted(altered & set(doc.inputs))
        if bad:
            result.problems.append(f"{doc.source}: not rebuilt: the release's copy of {', '.join(bad)} was altered "
                                   f"after release (compare it with {INPUTS_DIR}/ in {zip_name(version)})")
        else:
            documents.append(doc)
    own = bool(manifest.inputs)
    if not own:
        result.notes.append(f"release {version} carries no inputs (made by an older medprint): rebuilt from the "
                            f"sources in {root}")
    project = Path(tempfile.mkdtemp(prefix=f"medprint-verify-{version}-"))
    try:
        if own:
            restore(folder, manifest, project)
            base, styles = project, project / "styles"
        else:
            base, styles = root, None
        stage = project / ".build"
        stage.mkdir()
        outcomes = _run([base / d.source for d in documents], stage, base, formats,
                        manifest.options.get("pdf_variant"), check=False, allow_overdue=True, jobs=jobs,
                        progress=progress, what=f"verify {version}", styles=styles)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    for doc, outcome in zip(documents, outcomes):
        if outcome.error:
            result.problems.append(f"{doc.source}: rebuild failed: {outcome.error}")
            continue
        changed = [p for p, h in outcome.entry.inputs.items() if doc.inputs.get(p) != h]
        changed += [p for p in doc.inputs if p not in outcome.entry.inputs]
        rebuilt = {f.path: f.sha256 for f in outcome.files}
        expected = {f.path: f.sha256 for f in manifest.files if f.source == doc.source}
        for path in sorted(set(rebuilt) | set(expected)):
            if rebuilt.get(path) != expected.get(path):
                if changed and not own:
                    why = (f" (inputs changed since the release: {', '.join(sorted(changed))}; this release "
                           f"carries no inputs, so check out the sources it was made from to verify it)")
                elif changed:
                    why = f" (the rebuild read different inputs: {', '.join(sorted(changed))})"
                else:
                    why = " (same inputs: the manifest or the file was altered, or the tools differ, see notes)"
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
            for path in [f.path for f in shard.files] + [f"{INPUTS_DIR}/{f.path}" for f in shard.inputs]:
                target = stage / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / path, target)
        _finish(stage, merged, final, archive=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return ReleaseResult(final, merged)
