"""Change tracking across three releases, --dry-run, and verifying an old release after the sources moved on."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from medprint.release import ReleaseError
from medprint.release.changes import previous_release, suggest_version, version_key
from medprint.release.manifest import MANIFEST_NAME, SUMMARY_NAME, Manifest
from medprint.release.release import make_release, plan_release, verify_release

FORMATS = ("html", "pdf")


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def session(tmp_path_factory, library_maker):
    """Three releases of one library: 1.0; 1.1 after beta changed (version bumped); 1.2 after gamma changed
    without a version bump, refused first and then made with allow_same_version."""
    root = tmp_path_factory.mktemp("changes")
    library_maker(root)
    out = root / "output"

    def release(version, **kw):
        return make_release(version, [root / "sources"], root=root, out_dir=out, jobs=2, formats=FORMATS, **kw)

    first = release("1.0")
    _edit(root / "sources" / "beta" / "index.md", "Microbes matter", "Microbes matter a great deal")
    _edit(root / "sources" / "beta" / "index.md", 'version: "1.4"', 'version: "1.5"')
    second = release("1.1")
    _edit(root / "sources" / "gamma" / "index.md", "Microbes matter", "Microbes often matter")
    before = _snapshot(out)
    with pytest.raises(ReleaseError) as refused:
        release("1.2")
    after_refusal = _snapshot(out)
    third = release("1.2", allow_same_version=True)
    return root, first, second, refused.value, before, after_refusal, third


def test_first_release_is_all_new(session):
    _, first, *_ = session
    m = first.manifest
    assert m.previous == "" and m.removed == []
    assert [(d.name, d.change) for d in m.documents] == [("alpha", "new"), ("beta", "new"), ("gamma", "new")]
    summary = (first.folder / SUMMARY_NAME).read_text()
    assert "First release: every document is new." in summary


def test_second_release_names_the_changed_document_and_its_changed_input(session):
    _, _, second, *_ = session
    m = Manifest.load(second.folder)
    assert m.previous == "1.0"
    changes = {d.name: (d.change, d.changed_inputs, d.previous_version, d.version) for d in m.documents}
    assert changes == {
        "alpha": ("unchanged", (), "1.5", "1.5"),
        "beta": ("changed", ("sources/beta/index.md",), "1.4", "1.5"),
        "gamma": ("unchanged", (), "1.5", "1.5"),
    }
    summary = (second.folder / SUMMARY_NAME).read_text()
    assert "Since 1.0: 0 new, 1 changed, 2 unchanged, 0 removed." in summary
    assert "| since 1.0 |" in summary
    beta_row = next(line for line in summary.splitlines() if "`sources/beta/index.md`" in line)
    assert "changed (1.4 → 1.5): sources/beta/index.md" in beta_row
    alpha_row = next(line for line in summary.splitlines() if "`sources/alpha/index.md`" in line)
    assert "| unchanged |" in alpha_row


def test_same_version_change_is_refused_with_the_fix_and_writes_nothing(session):
    root, _, _, refused, before, after_refusal, _ = session
    assert refused.code == "release.failed"
    [line] = [x for x in refused.lines() if "[release.same-version]" in x]
    version_line = (root / "sources" / "gamma" / "index.md").read_text().splitlines().index('version: "1.5"') + 1
    assert line.startswith(f"{root / 'sources' / 'gamma' / 'index.md'}:{version_line}:")
    assert 'error: changed since release 1.1 (sources/gamma/index.md) but version: is still "1.5"' in line
    assert "bump version: in its front matter (e.g. 1.6), or pass --allow-same-version" in line
    assert after_refusal == before, "a refused release changed output/"


def test_allow_same_version_releases_and_records_it(session):
    _, _, _, _, _, _, third = session
    m = Manifest.load(third.folder)
    assert m.previous == "1.1" and m.options["allow_same_version"] is True
    gamma = next(d for d in m.documents if d.name == "gamma")
    assert (gamma.change, gamma.version, gamma.previous_version) == ("changed", "1.5", "1.5")
    assert [d.change for d in m.documents if d.name != "gamma"] == ["unchanged", "unchanged"]
    summary = (third.folder / SUMMARY_NAME).read_text()
    assert "**Released with --allow-same-version**: the text of sources/gamma/index.md changed" in summary
    assert "changed (same version 1.5): sources/gamma/index.md" in summary


def test_old_release_verifies_after_the_sources_changed_and_from_another_checkout(session, tmp_path):
    root, first, *_ = session
    assert (root / "sources" / "beta" / "index.md").read_bytes() != \
        (first.folder / "inputs" / "sources" / "beta" / "index.md").read_bytes()
    result = verify_release("1.0", root=root, out_dir=root / "output", jobs=2)
    assert result.ok, result.problems
    # a later checkout with no sources at all, only the release folder
    elsewhere = tmp_path / "checkout"
    shutil.copytree(first.folder, elsewhere / "output" / "releases" / "1.0")
    result = verify_release("1.0", root=elsewhere, out_dir=elsewhere / "output", jobs=1)
    assert result.ok, result.problems
    assert result.checked == len(first.manifest.files) + len(first.manifest.inputs)


def test_dry_run_reports_changes_and_removals_and_writes_nothing(session):
    root, *_ = session
    out = root / "output"
    before = _snapshot(root)
    _edit(root / "sources" / "alpha" / "index.md", 'version: "1.5"', 'version: "1.6"')
    moved = root / "sources" / "gamma"
    shutil.move(moved, root / "gamma-away")
    try:
        plan = plan_release("1.3", [root / "sources"], root=root, out_dir=out, jobs=1)
        assert (plan.previous, plan.removed, plan.failures) == ("1.2", ["sources/gamma/index.md"], [])
        assert [(d.name, d.change) for d in plan.documents] == [("alpha", "changed"), ("beta", "unchanged")]
        assert not (out / "releases" / "1.3").exists()
    finally:
        shutil.move(root / "gamma-away", moved)
        _edit(root / "sources" / "alpha" / "index.md", 'version: "1.6"', 'version: "1.5"')
    assert _snapshot(root) == before


def test_previous_release_is_the_newest_earlier_version(tmp_path):
    for name in ("1.9", "1.10", "2.0", "1.10.shard-1-of-2", ".1.11.partial-x"):
        (tmp_path / name).mkdir()
        (tmp_path / name / MANIFEST_NAME).write_text(
            '{"schema": 2, "release": "%s", "tools": {}, "options": {}, "documents": [], "files": []}' % name)
    assert previous_release(tmp_path, "1.11").release == "1.10"
    assert previous_release(tmp_path, "1.10").release == "1.9"
    assert previous_release(tmp_path, "1.0") is None
    assert previous_release(tmp_path / "none", "1.0") is None
    assert version_key("1.9") < version_key("1.10") < version_key("1.10-fix") < version_key("2")


@pytest.mark.parametrize("before, after", [("1.4", "1.5"), ("2025.09", "2025.10"), ("v3", "v4"), ("", "1.0"),
                                           ("draft", "1.0")])
def test_suggested_version_raises_the_last_number(before, after):
    assert suggest_version(before) == after


def test_a_release_made_before_inputs_were_carried_verifies_from_the_checkout(tmp_path, library_maker):
    from medprint.release.archive import write_zip
    from medprint.release.manifest import zip_name

    library_maker(tmp_path)
    made = make_release("0.9", [tmp_path / "sources"], root=tmp_path, out_dir=tmp_path / "output", jobs=1,
                        formats=("html",))
    folder = made.folder
    old = Manifest.load(folder)  # as medprint wrote it before it carried inputs: schema 1, no inputs/
    old.schema, old.inputs = 1, []
    old.write(folder)
    shutil.rmtree(folder / "inputs")
    names = [f.path for f in old.files] + [MANIFEST_NAME, SUMMARY_NAME]
    write_zip(folder / zip_name("0.9"), folder, names, "0.9")
    result = verify_release("0.9", root=tmp_path, out_dir=tmp_path / "output", jobs=1)
    assert result.ok, result.problems
    assert any("carries no inputs" in note for note in result.notes)
    _edit(tmp_path / "sources" / "beta" / "index.md", "Microbes matter", "Microbes matter a lot")
    result = verify_release("0.9", root=tmp_path, out_dir=tmp_path / "output", jobs=1)
    [problem] = result.problems
    assert problem.startswith("beta.html: rebuilt bytes differ from the release (inputs changed since the release: "
                              "sources/beta/index.md; this release carries no inputs, so check out the sources")
