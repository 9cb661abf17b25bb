"""The stylesheet made self-contained once per process, and made again when it or a file it inlines changes."""

from __future__ import annotations

import os

from medprint import report
from medprint.writers import html_assets
from medprint.writers.html_assets import self_contained_css

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_same_css_twice_is_made_once_and_warns_each_time(tmp_path, monkeypatch):
    (tmp_path / "dot.png").write_bytes(PNG)
    css = "@import 'x.css'; p { background: url(dot.png); } q { background: url(https://example.org/x.png); }"
    calls = []
    real = html_assets._self_contained_css
    monkeypatch.setattr(html_assets, "_self_contained_css", lambda *a: calls.append(1) or real(*a))
    html_assets._CSS_CACHE.clear()
    outputs, warnings = [], []
    for _ in range(2):
        with report.collecting() as found:
            outputs.append(self_contained_css(css, tmp_path, [tmp_path], "my.css"))
        warnings.append([d.message for d in found])
    assert calls == [1] and outputs[0] == outputs[1] and "data:image/png;base64," in outputs[0]
    assert warnings[0] == warnings[1] and len(warnings[0]) == 2  # @import and the URL, both times


def test_a_changed_inlined_file_is_read_again(tmp_path):
    image = tmp_path / "dot.png"
    image.write_bytes(PNG)
    html_assets._CSS_CACHE.clear()
    css = "p { background: url(dot.png); }"
    first = self_contained_css(css, tmp_path, [tmp_path], "my.css")
    image.write_bytes(PNG + b"\0")
    stat = image.stat()
    os.utime(image, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = self_contained_css(css, tmp_path, [tmp_path], "my.css")
    assert first != second


def test_a_warm_rebuild_writes_the_same_bytes_as_the_first(tmp_path):
    """watch's rebuild in one process: the kept stylesheet and templates change no byte of the outputs."""
    import shutil

    from pathlib import Path

    from medprint.commands.watch import rebuild

    folder = tmp_path / "sample"
    shutil.copytree(Path(__file__).resolve().parents[2] / "sources" / "gut-microbiome-immunotherapy", folder)
    html_assets._CSS_CACHE.clear()
    outputs = []
    for n in range(2):
        out = tmp_path / f"out{n}"
        assert rebuild(folder / "index.md", out, ("html", "pdf")).ok
        outputs.append({p.suffix: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1] and set(outputs[0]) == {".html", ".pdf"}
