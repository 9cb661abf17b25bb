"""The build cache: fresh only when key, inputs and outputs all match; damage means rebuild."""

from __future__ import annotations

from pathlib import Path

from medprint.cache import CACHE_DIRNAME, BuildCache, build_key, sha256_file


def _setup(tmp_path: Path):
    src_dir = tmp_path / "sources"
    src_dir.mkdir()
    source = src_dir / "doc.md"
    source.write_text("---\ntitle: T\n---\nBody\n")
    refs = src_dir / "refs.json"
    refs.write_text("[]")
    out = tmp_path / "output"
    out.mkdir()
    pdf = out / "doc.pdf"
    pdf.write_bytes(b"%PDF-fake")
    cache = BuildCache(out)
    key = build_key(["pdf"], {"variant": None})
    cache.store(source, key, [refs], [pdf])
    return cache, key, source, refs, pdf


def test_fresh_after_store_and_stale_after_input_change(tmp_path):
    cache, key, source, refs, _ = _setup(tmp_path)
    assert cache.is_fresh(source, key)
    refs.write_text('[{"id": "a"}]')
    assert not cache.is_fresh(source, key)


def test_source_change_and_key_change_are_stale(tmp_path):
    cache, key, source, _, _ = _setup(tmp_path)
    assert not cache.is_fresh(source, build_key(["pdf", "html"], {"variant": None}))
    assert not cache.is_fresh(source, build_key(["pdf"], {"variant": "pdf/a-3u"}))
    source.write_text("---\ntitle: T2\n---\nBody\n")
    assert not cache.is_fresh(source, key)


def test_missing_or_altered_output_is_stale(tmp_path):
    cache, key, source, _, pdf = _setup(tmp_path)
    pdf.write_bytes(b"%PDF-other")
    assert not cache.is_fresh(source, key)
    pdf.unlink()
    assert not cache.is_fresh(source, key)


def test_damaged_record_is_not_trusted_and_is_rewritten(tmp_path):
    cache, key, source, refs, pdf = _setup(tmp_path)
    record = cache.record_path(source)
    assert record.parent.name == CACHE_DIRNAME
    for damage in (b"{not json", b"", b'{"schema": 1, "key": "x"}', b"\xff\xfe", b'[1, 2]',
                   record.read_bytes().replace(b'"schema": 1', b'"schema": 99')):
        record.write_bytes(damage)
        assert not cache.is_fresh(source, key)
    cache.store(source, key, [refs], [pdf])
    assert cache.is_fresh(source, key)


def test_records_are_relative_so_a_moved_project_stays_fresh(tmp_path):
    cache, key, source, _, _ = _setup(tmp_path)
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    tmp_path.rename(moved)
    try:
        assert BuildCache(moved / "output").is_fresh(moved / "sources" / "doc.md", key)
    finally:
        moved.rename(tmp_path)


def test_two_index_sources_get_distinct_records(tmp_path):
    cache = BuildCache(tmp_path / "output")
    a = cache.record_path(tmp_path / "a" / "index.md")
    b = cache.record_path(tmp_path / "b" / "index.md")
    assert a != b and a.name.startswith("a-") and b.name.startswith("b-")


def test_forget_drops_the_record(tmp_path):
    cache, key, source, _, _ = _setup(tmp_path)
    cache.forget(source)
    assert not cache.is_fresh(source, key)
    cache.forget(source)  # forgetting twice is harmless


def test_sha256_file_matches_hashlib(tmp_path):
    import hashlib

    p = tmp_path / "x.bin"
    data = bytes(range(256)) * 5000
    p.write_bytes(data)
    assert sha256_file(p) == hashlib.sha256(data).hexdigest()


def test_tool_versions_are_the_installed_distributions_versions():
    from importlib import metadata

    from medprint.cache import TOOLS, _dist_info_versions, tool_versions

    versions = tool_versions()
    for dist in TOOLS:
        assert versions[dist] == metadata.version(dist), dist
    assert _dist_info_versions(), "the dist-info listing found nothing: every version costs a metadata search"
