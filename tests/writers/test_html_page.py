"""The web page (and the print HTML): structure, citation markup, escaping, self-containment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent / "handout"))
import handout_docs as docs  # noqa: E402

from medprint import report  # noqa: E402
from medprint.errors import SourceError  # noqa: E402
from medprint.model import Document, Figure, Image, Link, Paragraph, RenderedCitations, Text  # noqa: E402
from medprint.paths import styles_dir  # noqa: E402
from medprint.writers.html import render_html, running_head  # noqa: E402

STYLES = styles_dir()


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rich")
    doc, cits = docs.rich_document(folder, table_rows=5)
    with report.collecting() as warnings:
        page = render_html(doc, cits, styles=STYLES)
    return doc, cits, page, lxml_html.fromstring(page), warnings


def test_page_has_lang_title_and_apa_title_block(rich):
    doc, _, _, tree, _ = rich
    assert tree.get("lang") == "en-US"
    assert tree.findtext(".//title") == doc.meta.title
    assert tree.xpath("string(//header[@id='title']//h1)").startswith(doc.meta.title)
    authors = tree.xpath("string(//p[@class='authors'])")
    assert "Ada Lovelace, MD, PhD" in authors and "Grace Hopper, RN" in authors
    assert tree.xpath("string(//p[@class='organization'])") == "The MedReport Foundation"
    assert "March 1, 2025" in tree.xpath("string(//p[@class='date'])")
    assert tree.xpath("//meta[@name='viewport']"), "responsive pages declare a viewport"


def test_headings_keep_their_levels_and_ids(rich):
    _, _, _, tree, _ = rich
    body = tree.xpath("//main//*[self::h1 or self::h2 or self::h3][not(ancestor::header)][not(ancestor::section[@id='footnotes' or @id='abstract'])]")
    assert [(h.tag, h.text_content()) for h in body] == [
        ("h1", "Background"), ("h2", "Level Two Heading"), ("h3", "Level Three Heading"), ("h1", "Data"),
        ("h1", "References")]
    ids = [h.get("id") for h in body]
    assert ids[:2] == ["background", "level-two-heading"] and len(set(ids)) == len(ids)


def test_citations_use_pandoc_markup_with_engine_runs(rich):
    _, cits, _, tree, _ = rich
    spans = tree.xpath("//span[@class='citation']")
    assert [s.get("data-cites") for s in spans][:3] == ["jci2020", "mcquade2020", "najmi2022"]
    assert spans[1].text_content() == "(McQuade et al., 2020)"
    refs = tree.xpath("//div[@id='refs']")
    assert len(refs) == 1 and "csl-bib-body" in refs[0].get("class") and refs[0].get("role") == "list"
    entries = refs[0].xpath("./div[@class='csl-entry']")
    assert [e.get("id") for e in entries] == [f"ref-{e.key}" for e in cits.entries]
    assert all(e.get("role") == "listitem" for e in entries)
    mcquade = entries[1]
    assert mcquade.xpath("string(.//i[1])") == "Current Oncology Reports"
    assert mcquade.xpath(".//a/@href") == ["https://doi.org/10.1007/s11912-020-00913-y"]


def test_refs_div_places_the_list_and_gets_a_heading(tmp_path):
    doc, cits = docs.sample_document()
    tree = lxml_html.fromstring(render_html(doc, cits, styles=STYLES))
    last_h1 = tree.xpath("//main/h1")[-1]
    assert last_h1.text_content() == "References"
    assert last_h1.getnext().get("id") == "refs"
    assert len(tree.xpath("//div[@id='refs']")) == 1


def test_hidden_divs_and_raw_html_do_not_print(rich):
    _, _, page, tree, warnings = rich
    text = tree.text_content()
    assert "Speaker notes must not print" not in text
    assert "Slides only text must not print" not in text
    assert "Handout only text prints" in text
    assert not tree.xpath("//script") and "alert(1)" not in page
    assert any(w.code == "handout.raw-html" for w in warnings)


def test_source_text_is_escaped_and_templates_are_not_evaluated(rich):
    _, _, page, tree, _ = rich
    assert "{{ 7*7 }} and {% raw %} and <b>bold?</b> stay literal." in tree.text_content()
    assert "49 and" not in page
    assert not [b for b in tree.xpath("//b") if b.text_content() == "bold?"]


def test_web_page_is_self_contained(rich):
    _, _, page, tree, _ = rich
    for attr in tree.xpath("//img/@src | //script/@src | //link/@href | //iframe/@src"):
        assert attr.startswith("data:"), attr[:60]
    style = "".join(tree.xpath("//style/text()"))
    assert "@import" not in style and "url(http" not in style and "file:" not in page
    assert 'font-family: "Source Serif Pro"; src: url("data:font/woff;base64,' in style
    img = tree.xpath("//figure/img")[0]
    assert img.get("alt") == "A grey chart with one dark line" and img.get("src").startswith("data:image/png;base64,")


def test_footnotes_are_endnotes_on_the_web_and_floats_in_print(rich, tmp_path):
    doc, cits, _, tree, _ = rich
    calls = tree.xpath("//sup[@class='footnote-ref']/a")
    assert [a.get("href") for a in calls] == ["#fn1", "#fn2"]
    notes = tree.xpath("//section[@id='footnotes']//li")
    assert [n.get("id") for n in notes] == ["fn1", "fn2"]
    assert "First footnote text" in notes[0].text_content()
    printed = lxml_html.fromstring(render_html(doc, cits, styles=STYLES, for_print=True))
    assert [s.text_content()[:14] for s in printed.xpath("//span[@class='footnote']")] == [
        "First footnote", "Second footnot"]
    assert not printed.xpath("//section[@id='footnotes']")


def test_publishing_block_and_qr(rich):
    doc, _, _, tree, _ = rich
    block = tree.xpath("//footer[@id='publishing']")[0]
    text = block.text_content()
    for expected in ("Assessed and Endorsed", "Reviewed: February 15, 2025", "Next review: February 15, 2027",
                     "Version 1.2", "©2025 by The MedReport Foundation", "not a substitute"):
        assert expected in text
    qr = block.xpath(".//div[@class='qr']/img")[0]
    assert qr.get("src").startswith("data:image/svg+xml;base64,") and "QR code" in qr.get("alt")


def test_qr_can_be_switched_off(tmp_path):
    doc, cits = docs.sample_document(handout=(("qr", False),))
    tree = lxml_html.fromstring(render_html(doc, cits, styles=STYLES))
    assert not tree.xpath("//div[@class='qr']")
    assert tree.xpath("//p[@class='online']/a/@href") == ["https://www.medreport.foundation/"]


def test_unsafe_links_lose_their_href(tmp_path):
    doc = Document(docs.sample_meta(url="javascript:alert(1)"), (
        Paragraph((Link("javascript:alert(1)", (Text("click"),)), Link("https://ok.example/", (Text("ok"),)))),),
        str(tmp_path / "d.md"), "d")
    page = render_html(doc, RenderedCitations({}), styles=STYLES)
    assert "javascript:" not in page.split("<body", 1)[1].replace("javascript:alert(1)</a>", "")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//main//a/@href") == ["https://ok.example/"]


@pytest.mark.parametrize("src, code", [("file:///etc/passwd", "path.url"), ("../outside.png", "path.escapes"),
                                       ("/etc/hostname", "path.absolute"), ("missing.png", "path.missing")])
def test_images_outside_the_source_folder_are_refused(tmp_path, src, code):
    folder = tmp_path / "src"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(docs.png_bytes())
    doc = Document(docs.sample_meta(), (Figure(Image(src, "alt")),), str(folder / "d.md"), "d")
    with pytest.raises(SourceError) as err:
        render_html(doc, RenderedCitations({}), styles=STYLES)
    assert err.value.code == code


def test_source_template_and_css_replace_the_defaults(tmp_path):
    (tmp_path / "mine.html").write_text("<html lang='{{ lang }}'><head><style>{{ css }}</style></head>"
                                        "<body><h1>{{ title }}</h1>{{ lead }}{{ body }}{{ references }}</body></html>")
    (tmp_path / "mine.css").write_text("@import url(http://127.0.0.1:9/x.css);\nbody { color: #222; "
                                       "background: url(http://127.0.0.1:9/bg.png); }\n"
                                       "h1 { background: url(dot.png) }\n")
    (tmp_path / "dot.png").write_bytes(docs.png_bytes(2, 2))
    doc = Document(docs.sample_meta(handout=(("template", "mine.html"), ("css", "mine.css"))),
                   (Paragraph((Text("Body <text> {{ 7*7 }}"),)),), str(tmp_path / "d.md"), "d")
    with report.collecting() as warnings:
        page = render_html(doc, RenderedCitations({}), styles=STYLES)
    assert "<h1>The Influence" in page and "Body &lt;text&gt; {{ 7*7 }}" in page
    assert "@import" not in page and "127.0.0.1" not in page and "url(\"data:image/png;base64," in page
    assert "Assessed" not in page  # the default template was replaced
    assert sum(w.code == "handout.css" for w in warnings) == 2


def test_a_hostile_template_is_sandboxed(tmp_path):
    (tmp_path / "evil.html").write_text("{{ title.__class__.__mro__[1].__subclasses__() }}")
    doc = Document(docs.sample_meta(handout=(("template", "evil.html"),)), (), str(tmp_path / "d.md"), "d")
    with pytest.raises(SourceError) as err:
        render_html(doc, RenderedCitations({}), styles=STYLES)
    assert err.value.code == "handout.template"


def test_unknown_paper_size_is_a_located_error(tmp_path):
    doc, cits = docs.sample_document(handout=(("paper", "napkin"),))
    with pytest.raises(SourceError) as err:
        render_html(doc, cits, styles=STYLES, for_print=True)
    assert err.value.code == "handout.paper" and "letter" in err.value.problems[0].hint


def test_running_head_is_a_short_capitalised_title():
    doc, _ = docs.sample_document()
    assert running_head(doc) == "THE INFLUENCE OF THE GUT MICROBIOME"
    doc2, _ = docs.sample_document(title="Diet: What Helps", handout=(("running_head", "Diet"),))
    assert running_head(doc2) == "DIET"
    doc3, _ = docs.sample_document(title="Short Title: And More")
    assert running_head(doc3) == "SHORT TITLE"
    assert len(running_head(doc)) <= 50


def test_two_renders_are_identical(rich):
    doc, cits, page, _, _ = rich
    assert render_html(doc, cits, styles=STYLES) == page


def test_a_misspelt_handout_option_is_an_error_naming_the_right_one():
    doc, cits = docs.sample_document(handout=(("papr", "a4"),))
    with pytest.raises(SourceError) as err:
        render_html(doc, cits, styles=STYLES)
    assert err.value.code == "handout.unknown-option" and "'paper'" in err.value.problems[0].hint


def test_template_includes_cannot_follow_symlinks_out_or_recurse(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("TOP-SECRET-VALUE")
    src = tmp_path / "src"
    src.mkdir()
    (src / "leak.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (src / "t.html").write_text("<p>{% include 'leak.txt' %}</p>")
    doc = Document(docs.sample_meta(handout=(("template", "t.html"),)), (), str(src / "d.md"), "d")
    with pytest.raises(SourceError) as err:
        render_html(doc, RenderedCitations({}), styles=STYLES)
    assert err.value.code == "handout.template" and "TOP-SECRET" not in str(err.value)
    (src / "r.html").write_text("x{% include 'r.html' %}")
    doc = Document(docs.sample_meta(handout=(("template", "r.html"),)), (), str(src / "d.md"), "d")
    with pytest.raises(SourceError) as err:
        render_html(doc, RenderedCitations({}), styles=STYLES)
    assert err.value.code == "handout.template"
