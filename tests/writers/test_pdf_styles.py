"""Parsed stylesheets and font configurations kept between handout renders change no byte of any output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medprint import report
from medprint.citations import render_citations
from medprint.paths import styles_dir
from medprint.readers.source import read_source
from medprint.writers import pdf_styles
from medprint.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"

CSS = """
@counter-style steps { system: cyclic; symbols: "➤" "•"; suffix: " "; }
@page { size: A5; margin: 20mm; @bottom-center { content: "page " counter(page); } }
body { font-family: "Source Serif Pro", serif; }
ol { list-style: steps; }
"""


def _source(folder: Path, css: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "handout.css").write_text(css, encoding="utf-8")
    source = folder / "index.md"
    source.write_text("---\ntitle: Kept styles\nhandout:\n  css: handout.css\n---\n\n# Steps\n\n"
                      + "".join(f"{n}. Step {n} of the plan.\n" for n in range(1, 6)), encoding="utf-8")
    return source


def _render(source: Path) -> tuple[bytes, list[str]]:
    document = read_source(source)
    with report.collecting() as found:
        pdf = render_pdf(document, render_citations(document), styles=styles_dir())
    return pdf, [d.message for d in found]


@pytest.fixture(autouse=True)
def _nothing_kept():
    pdf_styles._KEPT.clear()
    yield
    pdf_styles._KEPT.clear()


def test_a_second_render_reuses_the_sheets_and_gives_the_same_bytes(tmp_path):
    source = _source(tmp_path / "doc", CSS)
    first, warnings_first = _render(source)
    assert len(pdf_styles._KEPT) == 1
    state = next(iter(pdf_styles._KEPT.values()))
    assert state.sheets and state.files  # the sheet (with its @page rule and counter style) and the font files
    second, warnings_second = _render(source)
    assert next(iter(pdf_styles._KEPT.values())) is state  # the same state served the second render
    assert first == second and warnings_first == warnings_second


def test_a_sheet_that_warns_is_parsed_again_and_warns_again(tmp_path):
    source = _source(tmp_path / "doc", CSS + "p { colr: red; }\n")
    first, warnings_first = _render(source)
    second, warnings_second = _render(source)
    assert any("colr" in w for w in warnings_first)
    assert warnings_first == warnings_second and first == second
    assert not pdf_styles._KEPT  # nothing kept: its parsing had an effect (the warning) a reuse would lose


def test_a_changed_font_file_gets_a_new_font_configuration(tmp_path, monkeypatch):
    source = _source(tmp_path / "doc", CSS)
    first, _ = _render(source)
    state = next(iter(pdf_styles._KEPT.values()))
    font = min(state.files)[0]
    real_stamp = pdf_styles._stamp

    def touched(path):  # the font file as if saved again since the first render
        stamp = real_stamp(path)
        return (stamp[0], stamp[1], stamp[2] + 1) if stamp and stamp[0] == font else stamp

    monkeypatch.setattr(pdf_styles, "_stamp", touched)
    second, _ = _render(source)
    renewed = next(iter(pdf_styles._KEPT.values()))
    assert renewed is not state and renewed.font_config is not state.font_config and first == second


def test_the_module_patch_is_undone_after_each_render(tmp_path):
    import weasyprint.css

    _render(_source(tmp_path / "doc", CSS))
    assert weasyprint.css.CSS is pdf_styles._REAL_CSS and not pdf_styles._ACTIVE


def test_cold_process_warm_cache_and_warm_rebuild_write_the_same_bytes(tmp_path):
    """The issue's check: a fresh process with an empty user cache, a fresh process with the cache it filled,
    and ``watch``'s warm rebuild in one process give byte-identical PDF, deck and web page."""
    from medprint.commands.watch import rebuild

    folder = tmp_path / "sources" / "sample"
    shutil.copytree(SAMPLE, folder)
    env = {**os.environ, "MEDPRINT_CACHE_DIR": str(tmp_path / "cache"), "MEDPRINT_STYLES": str(styles_dir())}
    outputs = []
    for run in ("cold", "warm-cache"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "medprint.cli", "build", "--force", "-o", str(out), str(folder)],
                       cwd=tmp_path, env=env, check=True, capture_output=True)
        outputs.append({p.suffix: p.read_bytes() for p in out.iterdir() if p.is_file()})
    for n in range(2):  # the second rebuild reuses the stylesheets, templates and fonts of the first
        out = tmp_path / f"watch{n}"
        assert rebuild(folder / "index.md", out, ("pdf", "pptx", "html")).ok
    outputs.append({p.suffix: p.read_bytes() for p in (tmp_path / "watch1").iterdir() if p.is_file()})
    assert set(outputs[0]) == {".pdf", ".pptx", ".html"}
    assert outputs[0] == outputs[1] == outputs[2]


def _font_folders(root: Path) -> list[Path]:
    return sorted(root.glob("weasyprint-*"))


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    import tempfile

    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_fonts_folders_are_deleted_when_not_kept_and_when_released(tmp_path, temp_root):
    _render(_source(tmp_path / "warns", CSS + "p { colr: red; }\n"))
    assert _font_folders(temp_root) == []  # not kept: WeasyPrint's copies of the fonts go with the render
    _render(_source(tmp_path / "doc", CSS))
    assert len(_font_folders(temp_root)) == 1  # kept for the next render
    pdf_styles.release_kept()
    assert _font_folders(temp_root) == [] and not pdf_styles._KEPT


def test_no_process_of_a_build_leaves_font_folders_behind(tmp_path):
    """The forked handout child ends with os._exit and the main process exits normally: neither may leave
    WeasyPrint's temporary font folders (1.3 MB each) in the temporary directory."""
    folder = tmp_path / "sources" / "sample"
    shutil.copytree(SAMPLE, folder)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_root), "MEDPRINT_CACHE_DIR": str(tmp_path / "cache"),
           "MEDPRINT_STYLES": str(styles_dir())}
    for to in ("pdf", "pdf,pptx,html"):
        subprocess.run([sys.executable, "-m", "medprint", "build", "--force", "--to", to, "-o",
                        str(tmp_path / "out"), str(folder)], cwd=tmp_path, env=env, check=True, capture_output=True)
        assert _font_folders(temp_root) == [], to
    assert (tmp_path / "out" / "sample.pdf").stat().st_size > 10_000


@pytest.mark.parametrize("css, relative", [
    ("p { background: url(a.png) }", True),
    ("p { background: url('x/a.png') }", True),
    ("q { background: url(../up.png) }", True),
    ('@import "more.css";', True),
    ("p { background: image('a.png') }", True),
    ('@font-face { src: url("file:///fonts/x.ttf") }', False),
    ("p { background: url(data:image/png;base64,AAAA) }", False),
    ("p { background: url( 'https://example.org/x.png' ) }", False),
    ("p { color: red }", False),
])
def test_which_stylesheets_depend_on_the_base_url(css, relative):
    assert pdf_styles.needs_base(css) is relative


def test_documents_in_different_folders_share_the_default_stylesheet_and_get_their_own_bytes(tmp_path):
    """A library build in one process: the second document reuses the first one's parsed default stylesheet and
    writes exactly the PDF it writes alone."""
    first = tmp_path / "one" / "index.md"
    second = tmp_path / "two" / "index.md"
    for path, title in ((first, "One"), (second, "Two")):
        path.parent.mkdir()
        path.write_text(f"---\ntitle: {title}\n---\n\n# Part\n\nSome text for the {title} handout.\n",
                        encoding="utf-8")
    alone, _ = _render(second)
    pdf_styles._KEPT.clear()
    _render(first)
    state = next(iter(pdf_styles._KEPT.values()))
    after_other, _ = _render(second)
    assert next(iter(pdf_styles._KEPT.values())) is state and len(pdf_styles._KEPT) == 1
    assert after_other == alone


def test_a_kept_font_outside_the_next_documents_folders_is_not_reused(tmp_path):
    source = _source(tmp_path / "doc", CSS)
    _render(source)
    state = next(iter(pdf_styles._KEPT.values()))

    class Narrow:
        roots = [tmp_path / "elsewhere"]

        def allows(self, path):
            return False

    assert state.fresh(Narrow()) is False


LIBRARY_CSS = CSS.replace("size: A5;", "size: A5; @top-center { content: string(title); }")


def _library(root: Path) -> list[Path]:
    """Three documents as a library holds them: the sample, a German one (its own hyphenation patterns and
    locale), and one with its own stylesheet (counter styles, @page rules)."""
    shutil.copytree(SAMPLE, root / "sources" / "sample")
    german = root / "sources" / "german"
    german.mkdir(parents=True)
    for name in ("german.md", "refs.json"):
        shutil.copy(ROOT / "tests" / "parity" / "docs" / name, german / name)
    (german / "german.md").rename(german / "index.md")
    _source(root / "sources" / "styled", LIBRARY_CSS)
    return [root / "sources" / name / "index.md" for name in ("sample", "german", "styled")]


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_a_library_built_cold_in_a_pool_warm_in_one_process_and_in_watch_is_byte_identical(tmp_path):
    """Across documents and processes: a cold two-worker build, a one-process build with the user cache it
    filled, and warm rebuilds in this process give the same bytes for every output; no process (pool workers
    included) leaves WeasyPrint's font folders behind."""
    from medprint.commands.watch import rebuild

    sources = _library(tmp_path)
    temp_root = tmp_path / "tmp"
    temp_root.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_root), "MEDPRINT_CACHE_DIR": str(tmp_path / "cache"),
           "MEDPRINT_STYLES": str(styles_dir())}
    runs = []
    for jobs in ("2", "1"):
        out = tmp_path / f"jobs{jobs}"
        done = subprocess.run([sys.executable, "-m", "medprint", "build", "--force", "--jobs", jobs, "-o", str(out),
                               *(str(s.parent) for s in sources)], cwd=tmp_path, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        runs.append(_outputs(out))
        assert _font_folders(temp_root) == [], jobs
    assert len(runs[0]) == 9
    for n in range(2):
        for source in sources:
            assert rebuild(source, tmp_path / f"watch{n}", ("pdf", "pptx", "html")).ok
    runs.append(_outputs(tmp_path / "watch1"))
    assert runs[0] == runs[1] == runs[2]
