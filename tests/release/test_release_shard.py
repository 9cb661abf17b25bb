"""--shard I/N: a stable, exact partition by relative path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medprint.errors import UsageError
from medprint.release.shard import parse_shard, relative_key, select, shard_of


def test_parse_shard_accepts_i_of_n():
    assert parse_shard("1/1") == (1, 1)
    assert parse_shard(" 3 / 4 ") == (3, 4)


@pytest.mark.parametrize("bad", ["", "1", "0/2", "3/2", "a/b", "1/0", "-1/2", "1/2/3"])
def test_parse_shard_refuses_nonsense(bad):
    with pytest.raises(UsageError) as info:
        parse_shard(bad)
    assert info.value.code == "release.shard"


@settings(max_examples=50, deadline=None)
@given(names=st.lists(st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True), unique=True, max_size=40),
       count=st.integers(1, 7))
def test_shards_partition_exactly(names, count):
    root = Path("/proj")
    sources = [root / "sources" / n / f"{n}.md" for n in names]
    parts = [select(sources, (i, count), root) for i in range(1, count + 1)]
    flat = [s for part in parts for s in part]
    assert sorted(flat) == sorted(sources)
    assert len(flat) == len(set(flat))


def test_shard_depends_only_on_relative_path(tmp_path):
    key = relative_key(tmp_path / "sources" / "a.md", tmp_path)
    assert key == "sources/a.md"
    assert [shard_of(key, 5)] * 3 == [shard_of("sources/a.md", 5) for _ in range(3)]
    # the same relative path in another checkout lands in the same shard
    other = tmp_path / "elsewhere"
    assert relative_key(other / "sources" / "a.md", other) == key


def test_shards_spread_documents():
    keys = [f"sources/doc{i:03d}.md" for i in range(100)]
    sizes = [sum(1 for k in keys if shard_of(k, 4) == i) for i in range(1, 5)]
    assert min(sizes) >= 10
