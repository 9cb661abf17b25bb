"""Web font subsets come from the shipped set, the user cache or fontTools, and are the same bytes every way."""

from __future__ import annotations

import pytest

from medprint.writers import html_fonts


@pytest.fixture
def empty_caches(tmp_path, monkeypatch):
    """No shipped subsets, an empty user cache, and no in-process memo: every subset is made by fontTools."""
    monkeypatch.setattr(html_fonts, "SHIPPED_SUBSETS", tmp_path / "none-shipped")
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    html_fonts._subset.cache_clear()
    yield tmp_path / "cache" / "font-subsets"
    html_fonts._subset.cache_clear()


@pytest.mark.parametrize("stem", [face[1] for face in html_fonts.FACES])
def test_shipped_subsets_are_what_fonttools_makes(stem):
    chars = html_fonts.base_chars()
    shipped = html_fonts.SHIPPED_SUBSETS / (html_fonts.subset_key(stem, chars) + ".woff")
    if not shipped.is_file():
        pytest.skip(f"no shipped subset for this font package / fontTools release ({shipped.name}); "
                    "builds subset and cache instead")
    assert shipped.read_bytes() == html_fonts.make_subset(stem, chars)


def test_web_page_is_byte_identical_with_cold_and_warm_caches(empty_caches, built_sample_html):
    from medprint import api
    from medprint.paths import styles_dir

    text = "Gut bacteria and 細菌 with ⚕ and naïve café"  # characters beyond the base set: a per-page subset
    cold = html_fonts.web_font_faces(text, (html_fonts.SERIF, html_fonts.SANS))
    written = sorted(p.name for p in empty_caches.glob("*.woff"))
    assert len(written) == 7
    html_fonts._subset.cache_clear()
    warm = html_fonts.web_font_faces(text, (html_fonts.SERIF, html_fonts.SANS))
    assert warm == cold and sorted(p.name for p in empty_caches.glob("*.woff")) == written

    # the sample's whole web page: made with every subset computed, then from the caches
    document, citations = built_sample_html
    first = api.render(document, citations, "html", styles=styles_dir())
    html_fonts._subset.cache_clear()
    second = api.render(document, citations, "html", styles=styles_dir())
    assert first == second


def test_shipped_and_computed_paths_give_the_same_page(built_sample_html, tmp_path, monkeypatch):
    from medprint import api
    from medprint.paths import styles_dir

    document, citations = built_sample_html
    html_fonts._subset.cache_clear()
    shipped = api.render(document, citations, "html", styles=styles_dir())
    monkeypatch.setattr(html_fonts, "SHIPPED_SUBSETS", tmp_path / "none")
    monkeypatch.setenv("MEDPRINT_CACHE_DIR", str(tmp_path / "cache"))
    html_fonts._subset.cache_clear()
    computed = api.render(document, citations, "html", styles=styles_dir())
    html_fonts._subset.cache_clear()
    assert computed == shipped


@pytest.fixture(scope="module")
def built_sample_html():
    from pathlib import Path

    from medprint import api

    root = Path(__file__).resolve().parents[2]
    document = api.read(root / "sources" / "gut-microbiome-immunotherapy" / "index.md")
    return api.resolve(document)
