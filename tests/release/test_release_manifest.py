"""Manifest round trip, merging of shard manifests and the deterministic zip."""

from __future__ import annotations

import pytest

from medprint.release import ReleaseError
from medprint.release.archive import write_zip, zip_members
from medprint.release.manifest import DocumentEntry, Failure, FileEntry, Manifest, merge
from medprint.release.summary import render_summary

TOOLS = {"medprint": "0.1.0", "weasyprint": "70.0"}
OPTIONS = {"allow_overdue": False, "formats": "html,pdf"}


def _doc(n: str) -> tuple[DocumentEntry, list[FileEntry]]:
    src = f"sources/{n}.md"
    files = [FileEntry(f"{n}.{ext}", src, ext[0] * 64, 10) for ext in ("html", "pdf")]
    entry = DocumentEntry(n, src, f"Title {n}", "1.0", "2025-01-01", "2027-01-01", "", False,
                          {src: "d" * 64}, tuple(f.path for f in files))
    return entry, files


def _manifest(names, shard=""):
    m = Manifest("2026.1", TOOLS, OPTIONS, shard=shard)
    for n in names:
        d, f = _doc(n)
        m.documents.append(d)
        m.files += f
    return m


def test_round_trip_is_exact_and_sorted():
    m = _manifest(["b", "a"])
    m.failures.append(Failure("sources/c.md", "sources/c.md:3:1: error: boom [x.y]"))
    text = m.to_json()
    again = Manifest.from_dict(__import__("json").loads(text))
    assert again.to_json() == text
    assert [d.name for d in again.documents] == ["a", "b"]


def test_load_refuses_damaged_manifest(tmp_path):
    (tmp_path / "manifest.json").write_text('{"schema": 1, "release": "x"}')
    with pytest.raises(ReleaseError) as info:
        Manifest.load(tmp_path)
    assert info.value.code == "release.manifest"
    with pytest.raises(ReleaseError) as info:
        Manifest.load(tmp_path / "nope")
    assert info.value.code == "release.missing"


def test_merge_reproduces_the_whole_manifest():
    whole = _manifest(["a", "b", "c", "d"])
    shards = [_manifest(["c", "a"], "1/2"), _manifest(["d", "b"], "2/2")]
    assert merge(shards).to_json() == whole.to_json()


def test_merge_refuses_missing_or_inconsistent_shards():
    with pytest.raises(ReleaseError, match="missing"):
        merge([_manifest(["a"], "1/3"), _manifest(["b"], "3/3")])
    other = _manifest(["b"], "2/2")
    other.tools = {**TOOLS, "weasyprint": "71"}
    with pytest.raises(ReleaseError, match="different tools"):
        merge([_manifest(["a"], "1/2"), other])
    with pytest.raises(ReleaseError, match="more than one shard"):
        merge([_manifest(["a"], "1/2"), _manifest(["a"], "2/2")])


def test_zip_is_deterministic(tmp_path):
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.bin").write_bytes(bytes(range(256)))
    z1 = write_zip(tmp_path / "one.zip", tmp_path, ["b.bin", "a.txt"], "1.0")
    (tmp_path / "a.txt").touch()
    z2 = write_zip(tmp_path / "two.zip", tmp_path, ["a.txt", "b.bin"], "1.0")
    assert z1.read_bytes() == z2.read_bytes()
    assert zip_members(z1) == {"a.txt": b"alpha", "b.bin": bytes(range(256))}


def test_summary_lists_documents_failures_and_overdue():
    m = _manifest(["a"])
    m.options = {**OPTIONS, "allow_overdue": True}
    m.documents[0] = DocumentEntry(**{**m.documents[0].__dict__, "overdue": True})
    m.failures.append(Failure("sources/z.md", "sources/z.md:1:1: error: bad [check.x]"))
    text = render_summary(m)
    assert "Title a (overdue)" in text
    assert "--allow-overdue" in text and "sources/a.md" in text
    assert "`sources/z.md`: sources/z.md:1:1: error: bad [check.x]" in text
    assert "1 of 2 document(s) released; 1 failed." in text
