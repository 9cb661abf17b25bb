"""`medprint watch`: the rebuild function, which files concern which source, and a bounded watch loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from medprint.commands.watch import affected, rebuild, watch_loop


def test_rebuild_builds_and_reports_errors_without_raising(library):
    source = library / "sources" / "alpha" / "index.md"
    out = library / "output"
    ok = rebuild(source, out, ("pptx",))
    assert ok.ok and (out / "alpha.pptx").is_file() and "rebuilt in" in ok.describe()
    text = source.read_text()
    source.write_text(text.replace("[@smith2020]", "[@missing2020]"))
    bad = rebuild(source, out, ("pptx",))
    assert not bad.ok and "FAILED" in bad.describe()
    assert any("[citation.unknown-key]" in line and "index.md:" in line for line in bad.lines)
    source.write_text("---\ntitle: [unclosed\n---\n")
    broken_yaml = rebuild(source, out, ("pptx",))
    assert not broken_yaml.ok and broken_yaml.lines and "internal" not in broken_yaml.lines[0]


def test_affected_maps_changes_to_sources(tmp_path):
    styles = tmp_path / "styles"
    out = tmp_path / "output"
    a = tmp_path / "sources" / "a" / "index.md"
    b = tmp_path / "sources" / "b" / "index.md"
    assert affected([a], [a, b], styles, out) == [a]
    assert affected([b.parent / "references.json"], [a, b], styles, out) == [b]
    assert affected([a.parent / "img" / "fig.png"], [a, b], styles, out) == [a]
    assert affected([styles / "handout" / "handout.css"], [a, b], styles, out) == [a, b]
    assert affected([out / "a.pdf", tmp_path / "elsewhere.txt"], [a, b], styles, out) == []


def test_watch_loop_rebuilds_on_save_and_keeps_going(library):
    source = library / "sources" / "beta" / "index.md"
    out = library / "output"
    seen = []
    stop = threading.Event()
    loop = threading.Thread(target=lambda: seen.append(
        watch_loop([source], out, ("pptx",), echo=seen.append, stop_event=stop, max_rounds=2)))
    loop.start()
    try:
        time.sleep(0.5)  # let the watcher start
        source.write_text(source.read_text().replace("[@smith2020]", "[@nokey]"))
        deadline = time.monotonic() + 120
        while not seen and time.monotonic() < deadline:
            time.sleep(0.1)
        source.write_text(source.read_text().replace("[@nokey]", "[@smith2020]"))
        loop.join(timeout=120)
    finally:
        stop.set()
        loop.join(timeout=10)
    assert not loop.is_alive()
    results = [r for r in seen if not isinstance(r, int)]
    assert [r.ok for r in results] == [False, True], [r.lines for r in results]
    assert seen[-1] == 2
    assert (out / "beta.pptx").is_file()
    assert all(Path(r.source) == source for r in results)


def test_reporter_shows_new_warnings_once(capsys, tmp_path):
    from medprint.commands.watch import Rebuild, Reporter

    src = tmp_path / "a.md"
    report = Reporter()
    report(Rebuild(src, True, 0.2, ["w1", "w2"]))
    report(Rebuild(src, True, 0.1, ["w1", "w2", "w3"]))
    report(Rebuild(src, False, 0.0, ["e1"]))
    out, err = capsys.readouterr()
    assert err.splitlines() == ["w1", "w2", "w3", "e1", f"{src}: FAILED in 0.00 s"]
    assert out.splitlines() == [f"{src}: rebuilt in 0.20 s", f"{src}: rebuilt in 0.10 s (2 warning(s) as before)"]
