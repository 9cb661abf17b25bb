"""`medprint release`: a small real library released, verified, refused, sharded and merged."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from medprint.release import ReleaseError
from medprint.release.archive import zip_members
from medprint.release.manifest import MANIFEST_NAME, SUMMARY_NAME, Manifest, zip_name
from medprint.release.release import make_release, merge_release, verify_release

FORMATS = ("html", "pdf", "pptx")


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory, library_maker) -> Path:
    root = tmp_path_factory.mktemp("library")
    library_maker(root)
    return root


@pytest.fixture(scope="module")
def released(project):
    return make_release("1.0", [project / "sources"], root=project, out_dir=project / "output", jobs=2,
                        formats=FORMATS)


def test_manifest_hashes_match_the_files(released, project):
    folder = released.folder
    assert folder == project / "output" / "releases" / "1.0"
    manifest = Manifest.load(folder)
    assert manifest.to_json() == released.manifest.to_json()
    assert [d.name for d in manifest.documents] == ["alpha", "beta", "gamma"]
    assert sorted(f.path for f in manifest.files) == sorted(f"{n}.{e}" for n in ("alpha", "beta", "gamma")
                                                            for e in FORMATS)
    for f in manifest.files:
        data = (folder / f.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f.sha256 and len(data) == f.bytes
        assert f.source == f"sources/{Path(f.path).stem}/index.md"
    alpha = manifest.documents[0]
    assert alpha.title == "Document alpha" and alpha.version == "1.5"
    assert (alpha.reviewed, alpha.next_review) == ("2025-01-15", "2099-01-01")
    for rel in ("sources/alpha/index.md", "sources/alpha/references.json"):
        assert alpha.inputs[rel] == hashlib.sha256((project / rel).read_bytes()).hexdigest()
    assert {"medprint", "weasyprint", "python-pptx", "citeproc-py"} <= set(manifest.tools)
    assert manifest.options["allow_overdue"] is False and manifest.failures == []
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")], "a partial folder was left"


def test_archive_copy_is_pdf_a_and_zip_holds_everything(released):
    folder = released.folder
    with pikepdf.open(folder / "alpha.pdf") as pdf:
        assert pdf.open_metadata().get("pdfaid:part") == "3"
    members = zip_members(folder / zip_name("1.0"))
    carried = {f"inputs/{f.path}" for f in released.manifest.inputs}
    expected = {f.path for f in released.manifest.files} | {MANIFEST_NAME, SUMMARY_NAME} | carried
    assert set(members) == expected
    assert {"inputs/sources/alpha/index.md", "inputs/sources/alpha/references.json"} <= carried
    assert any(name.startswith("inputs/styles/csl/") for name in carried)
    assert all(members[name] == (folder / name).read_bytes() for name in expected)
    summary = (folder / SUMMARY_NAME).read_text()
    assert "3 of 3 document(s) released; 0 failed." in summary and "Document gamma" in summary


def test_verify_passes_and_catches_tampering_with_outputs_and_carried_inputs(released, project):
    result = verify_release("1.0", root=project, out_dir=project / "output", jobs=2)
    assert result.ok, result.problems
    assert result.checked == 9 + len(released.manifest.inputs)

    folder = released.folder
    pdf = folder / "beta.pdf"
    original = pdf.read_bytes()
    pdf.write_bytes(original.replace(b"%%EOF", b"%%EOF\n% tampered"))
    carried = folder / "inputs" / "sources" / "gamma" / "index.md"
    text = carried.read_text()
    carried.write_text(text.replace("A short lead paragraph", "A changed lead paragraph"))
    try:
        result = verify_release("1.0", root=project, out_dir=project / "output", jobs=2)
    finally:
        pdf.write_bytes(original)
        carried.write_text(text)
    assert not result.ok
    assert any(p.startswith("beta.pdf: bytes differ from the manifest") for p in result.problems)
    assert "inputs/sources/gamma/index.md: bytes differ from the manifest (altered after release)" in result.problems
    assert any(p.startswith("sources/gamma/index.md: not rebuilt: the release's copy of sources/gamma/index.md "
                            "was altered") for p in result.problems)
    assert not any(p.startswith("alpha") for p in result.problems), result.problems


def test_verify_rebuilds_and_catches_an_output_whose_manifest_hash_was_forged(released, project):
    folder = released.folder
    manifest_path, html = folder / MANIFEST_NAME, folder / "alpha.html"
    saved = {p: p.read_bytes() for p in (manifest_path, html, folder / zip_name("1.0"))}
    forged = html.read_bytes().replace(b"A short lead paragraph", b"A forged lead paragraph")
    data = json.loads(manifest_path.read_text())
    for f in data["files"]:
        if f["path"] == "alpha.html":
            f["sha256"], f["bytes"] = hashlib.sha256(forged).hexdigest(), len(forged)
    try:
        html.write_bytes(forged)
        manifest_path.write_text(json.dumps(data))
        result = verify_release("1.0", root=project, out_dir=project / "output", jobs=1)
    finally:
        for path, data_ in saved.items():
            path.write_bytes(data_)
    assert any(p.startswith("alpha.html: rebuilt bytes differ from the release") for p in result.problems), \
        result.problems


def test_same_version_is_refused_and_nothing_changes(released, project):
    before = _snapshot(project / "output")
    with pytest.raises(ReleaseError) as info:
        make_release("1.0", [project / "sources"], root=project, out_dir=project / "output", jobs=1,
                     formats=FORMATS)
    assert info.value.code == "release.exists"
    assert _snapshot(project / "output") == before


def test_shards_partition_the_library_and_merge_reproduces_the_release(released, project):
    ci = project / "ci-output"
    shards = [make_release("1.0", [project / "sources"], root=project, out_dir=ci, jobs=1, shard=(i, 2),
                           formats=FORMATS) for i in (1, 2)]
    docs = [[d.source for d in s.manifest.documents] for s in shards]
    assert sorted(docs[0] + docs[1]) == [d.source for d in released.manifest.documents]
    assert not set(docs[0]) & set(docs[1])
    assert [s.folder.name for s in shards] == ["1.0.shard-1-of-2", "1.0.shard-2-of-2"]
    merged = merge_release("1.0", root=project, out_dir=ci)
    assert merged.manifest.to_json() == released.manifest.to_json()
    assert (merged.folder / MANIFEST_NAME).read_bytes() == (released.folder / MANIFEST_NAME).read_bytes()
    assert (merged.folder / zip_name("1.0")).read_bytes() == (released.folder / zip_name("1.0")).read_bytes()
    with pytest.raises(ReleaseError) as info:
        merge_release("1.0", root=project, out_dir=ci)
    assert info.value.code == "release.exists"


def test_a_failing_document_fails_alone_and_allow_overdue_is_recorded(tmp_path, source_writer):
    write_source = source_writer
    sources = tmp_path / "sources"
    write_source(sources, "good")
    write_source(sources, "broken", cite="nosuchkey")
    write_source(sources, "stale", next_review="2020-01-01")
    with pytest.raises(ReleaseError) as refused:
        make_release("2.0", [sources], root=tmp_path, out_dir=tmp_path / "output", jobs=2, formats=("html",))
    assert refused.value.code == "release.failed"
    lines = refused.value.lines()
    assert "sources/broken/index.md:11:" in lines[0] and lines[0].endswith("[citation.unknown-key]")
    assert lines[1].endswith("[publishing.review-overdue]")
    assert "2 of 3 document(s) failed, nothing was written" in lines[2]
    assert "`medprint check --release sources/broken/index.md sources/stale/index.md`" in lines[2]
    assert "--partial" in lines[2]
    assert not (tmp_path / "output").exists(), "a refused release wrote something"

    result = make_release("2.0", [sources], root=tmp_path, out_dir=tmp_path / "output", jobs=2, formats=("html",),
                          partial=True)
    m = result.manifest
    assert m.options["partial"] is True
    assert [d.name for d in m.documents] == ["good"]
    errors = {f.source: f.error for f in m.failures}
    assert set(errors) == {"sources/broken/index.md", "sources/stale/index.md"}
    assert "sources/broken/index.md:11:" in errors["sources/broken/index.md"]
    assert "[citation.unknown-key]" in errors["sources/broken/index.md"]
    assert "[publishing.review-overdue]" in errors["sources/stale/index.md"]
    summary = (result.folder / SUMMARY_NAME).read_text()
    assert "1 of 3 document(s) released; 2 failed." in summary and "--partial" in summary
    assert all(f"`{src}`: {err}" in summary for src, err in errors.items())

    emergency = make_release("2.0-emergency", [sources], root=tmp_path, out_dir=tmp_path / "output", jobs=1,
                             formats=("html",), allow_overdue=True, partial=True)
    m = emergency.manifest
    assert [(d.name, d.overdue) for d in m.documents] == [("good", False), ("stale", True)]
    assert m.options["allow_overdue"] is True
    data = json.loads((emergency.folder / MANIFEST_NAME).read_text())
    assert data["options"]["allow_overdue"] is True
    assert "--allow-overdue" in (emergency.folder / SUMMARY_NAME).read_text()


def test_a_release_where_every_document_fails_leaves_nothing(tmp_path, source_writer):
    source_writer(tmp_path / "sources", "broken", cite="nosuchkey")
    with pytest.raises(ReleaseError) as info:
        make_release("3.0", [tmp_path / "sources"], root=tmp_path, out_dir=tmp_path / "output", jobs=1,
                     formats=("html",))
    assert info.value.code == "release.failed" and "citation.unknown-key" in info.value.lines()[0]
    assert "--partial" not in info.value.lines()[-1]  # nothing good to release
    with pytest.raises(ReleaseError) as info:
        make_release("3.0", [tmp_path / "sources"], root=tmp_path, out_dir=tmp_path / "output", jobs=1,
                     formats=("html",), partial=True)
    assert info.value.code == "release.empty" and "citation.unknown-key" in str(info.value)
    assert not (tmp_path / "output" / "releases").exists() or list((tmp_path / "output" / "releases").iterdir()) == []


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medprint.cli", "release", *args], cwd=project,
                          capture_output=True, text=True, timeout=600)


def test_cli_refuses_existing_version_and_bad_arguments(released, project):
    again = _cli(project, "1.0")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines()[-1].endswith("[release.exists]")
    bad = _cli(project, "1.1", "--shard", "3/2")
    assert bad.returncode == 2 and "[release.shard]" in bad.stderr
    bad_version = _cli(project, "../up")
    assert bad_version.returncode == 1 and "[release.version]" in bad_version.stderr
    mixed = _cli(project, "--verify", "1.0", "sources/alpha")
    assert mixed.returncode == 2 and "[usage.release]" in mixed.stderr
    assert not (project / "output" / "releases" / "1.1").exists()


def test_cli_refuses_a_release_with_a_failing_document_and_partial_releases_the_rest(tmp_path, source_writer):
    source_writer(tmp_path / "sources", "good")
    source_writer(tmp_path / "sources", "broken", cite="nosuchkey")
    refused = _cli(tmp_path, "5.0", "--jobs", "1")
    assert refused.returncode == 1, refused.stderr
    err = refused.stderr.splitlines()
    assert any(line.startswith("sources/broken/index.md:") and line.endswith("[citation.unknown-key]") for line in err)
    assert err[-1].startswith("medprint: error: release 5.0 refused: 1 of 2 document(s) failed, nothing was written")
    assert "`medprint check --release sources/broken/index.md`" in err[-1] and "--partial" in err[-1]
    assert not (tmp_path / "output" / "releases" / "5.0").exists()
    assert not list((tmp_path / "output" / "releases").glob("*")), "a failed release left something behind"

    proc = _cli(tmp_path, "5.0", "--jobs", "1", "--partial")
    assert proc.returncode == 1, proc.stderr
    assert "release 5.0: 1 document(s), 3 file(s) in output/releases/5.0; first release, all new; 1 failed" in \
        proc.stdout
    assert "  new        sources/good/index.md (version 1.4)" in proc.stdout
    manifest = Manifest.load(tmp_path / "output" / "releases" / "5.0")
    assert [f.source for f in manifest.failures] == ["sources/broken/index.md"]
    assert manifest.options["partial"] is True
    (tmp_path / "output" / "releases" / "5.0" / "good.html").write_text("tampered")
    verify = _cli(tmp_path, "--verify", "5.0", "--jobs", "1")
    assert verify.returncode == 1
    assert "good.html: bytes differ from the manifest" in verify.stderr
