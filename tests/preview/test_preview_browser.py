"""End to end: `medprint preview` in headless Chromium, edited as an author would, every view following the save."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright (pip) drives the browser; `make test` installs it")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed "
                                                                             "(`make test` installs it)")]
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

VIEWS_SHOW = """([heading, cite]) => {
  const web = document.getElementById('web').contentDocument;
  const webText = web && web.body ? web.body.innerText : '';
  const slides = document.getElementById('slides').innerText;
  const pages = document.getElementById('pages');
  const sections = [...document.querySelectorAll('#sections a')].map(a => a.textContent);
  return webText.includes(heading) && webText.includes(cite) && slides.includes(heading) && slides.includes(cite)
    && sections.includes(heading) && pages.children.length > 0
    && pages.dataset.version === document.body.dataset.version && document.getElementById('overlay').hidden;
}"""


def test_views_update_on_save_and_errors_show_and_clear(preview):
    source, url = preview
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.wait_for_function(VIEWS_SHOW, arg=["The Gut Microbiome and Its Role in Immune Regulation",
                                                "(McQuade et al., 2020)"], timeout=30_000)
        page.wait_for_function("[...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 500)",
                               timeout=30_000)  # every handout page image arrives and decodes
        assert page.locator("#slides figure.slide-frame").count() >= 6
        for tab in ("handout", "slides", "web"):
            page.click(f"#tab-{tab}")
            assert page.locator(f"#view-{tab}").is_visible()

        # a first save warms the rebuild path (modules a first rebuild imports); not timed
        text = source.read_text()
        source.write_text(text.replace("# Influence of Gut", "# The Influence of Gut", 1))
        page.wait_for_function(VIEWS_SHOW, arg=["The Influence of Gut Microbiome Composition on the Efficacy of Cancer "
                                                "Immunotherapy", "(McQuade et al., 2020)"], timeout=30_000)

        # a heading and a citation change: every view shows both (how fast is bench/preview.py's figure)
        edited = text.replace("# The Gut Microbiome and Its Role in Immune Regulation",
                              "# How Gut Microbes Steer Immunity").replace("[@mcquade2020]", "[@mcquade2020; @najmi2022]")
        source.write_text(edited)
        page.wait_for_function(VIEWS_SHOW, arg=["How Gut Microbes Steer Immunity",
                                                "(McQuade et al., 2020; Najmi et al., 2022)"], timeout=10_000)

        # a YAML error: the overlay names the file and line, the last good views stay
        source.write_text(edited.replace("title:", "title: [unclosed", 1))
        page.wait_for_selector("#overlay:not([hidden])", timeout=10_000)
        assert "index.md:3:" in page.inner_text("#error-where")
        assert "How Gut Microbes Steer Immunity" in page.inner_text("#slides")
        source.write_text(edited)
        page.wait_for_selector("#overlay", state="hidden", timeout=10_000)

        # a click on a section shows it in the other views
        page.click("#tab-slides")
        page.click("#sections a[data-index='3']")
        shown = page.evaluate("""() => { const r = [...document.querySelectorAll('#slides figure.slide-frame')]
            .find(f => f.getBoundingClientRect().top >= 0); return r && r.dataset.section; }""")
        assert shown == "Challenges and Future Perspectives in Gut Microbiome Modulation"
        browser.close()
