"""axe-core in headless Chromium on every web page, at a desktop and a phone viewport.

No violation (WCAG 2.1 A/AA + best practice), no request leaving the machine, nothing wider than the
phone's screen but the tables' own scroll regions, no caption or heading cut off, and every visible
text in a face the page itself embeds.
"""

from __future__ import annotations

import pytest

import validator_tools as tools

pytestmark = pytest.mark.slow
VIEWPORTS = ("1280x800", "390x844")


@pytest.fixture(scope="module")
def results(built_docs, tmp_path_factory):
    reason = tools.missing_requirement("axe")
    if reason:
        pytest.skip(reason)
    pages = [d.html for d in built_docs.values()]
    found = tools.axe(pages, VIEWPORTS, shots=tmp_path_factory.mktemp("shots"))
    assert len(found["pages"]) == len(pages) * len(VIEWPORTS)
    return found["pages"]


def _where(page) -> str:
    return f"{page['file'].rsplit('/', 1)[-1]} at {page['viewport']}"


def test_no_axe_violation(results):
    bad = [f"{_where(p)}: {v['id']} [{v['impact']}] {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
           for p in results for v in p["violations"]]
    assert not bad, "\n".join(bad)


def test_no_network_request(results):
    bad = [f"{_where(p)}: {r}" for p in results for r in p["network"]]
    assert not bad, "\n".join(bad)


def test_page_fits_the_screen_and_captions_are_not_cut(results):
    for page in results:
        assert page["scrollWidth"] <= page["innerWidth"], f"{_where(page)} scrolls sideways"
        assert not page["clipped"], f"{_where(page)}: cut off: {page['clipped']}"


def test_every_visible_text_uses_an_embedded_face(results):
    bad = [f"{_where(p)}: {m}" for p in results for m in p["missingFonts"]]
    assert not bad, "\n".join(bad)


def test_footer_column_is_the_text_column(results):
    bad = [f"{_where(p)}: footer column off by {p['columnOffset']:.1f}px" for p in results if p["columnOffset"] > 1]
    assert not bad, "\n".join(bad)
