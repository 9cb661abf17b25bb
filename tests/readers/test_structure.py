"""Structure as Pandoc reads it: the section level comes from the document; the author's own references
heading holds the list."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from medprint import api
from medprint.model import split_sections
from medprint.writers.pptx.layout import plan_deck

ROOT = Path(__file__).resolve().parents[2]
STYLES = ROOT / "styles"
REFS = [{"id": "lee2020", "type": "article-journal", "title": "Gut bacteria", "container-title": "J Tests",
         "issued": {"date-parts": [[2020]]}, "author": [{"family": "Lee", "given": "Ann"}], "volume": "1",
         "page": "1-2", "DOI": "10.5555/x"}]


def source(tmp_path: Path, body: str, front: str = "title: A review\nbibliography: refs.json\n") -> Path:
    (tmp_path / "refs.json").write_text(json.dumps(REFS))
    path = tmp_path / "doc.md"
    path.write_text(f"---\n{front}---\n\n{body}")
    return path


MANUBOT = "".join(f"## Part {n}\n\nText of part {n} cites [@lee2020] and says thing {n}.\n\n### Detail {n}\n\n"
                  f"More about part {n}.\n\n" for n in range(1, 5))


def test_a_document_whose_top_level_is_h2_has_one_section_per_h2(tmp_path):
    document = api.read(source(tmp_path, MANUBOT))
    lead, sections = split_sections(document.blocks)
    assert lead == () and [s.heading.level for s in sections] == [2, 2, 2, 2]
    document, citations = api.resolve(document)
    deck = plan_deck(document, citations, styles=STYLES)
    titles = [s.title for s in deck.slides]
    assert all(f"Part {n}" in titles for n in range(1, 5))
    for slide in deck.slides:  # each slide's notes are its own section's, never the whole document
        if slide.title.startswith("Part "):
            n = slide.title.split()[1]
            assert f"part {n}" in slide.notes and all(f"part {m} " not in slide.notes for m in "1234" if m != n)


def test_the_authors_references_heading_holds_the_list(tmp_path):
    body = "# Background\n\nSee [@lee2020].\n\n# References\n"
    document, citations = api.resolve(api.read(source(tmp_path, body)))
    page = lxml_html.fromstring(api.render(document, citations, "html", styles=STYLES))
    headings = [h.text_content().strip() for h in page.xpath("//h1|//h2")]
    assert headings.count("References") == 1
    heading = page.xpath("//*[self::h1 or self::h2][normalize-space()='References']")[0]
    following = heading.xpath("following::div[@id='refs']")
    assert following and "Lee, A. (2020)" in following[0].text_content()
    deck = plan_deck(document, citations, styles=STYLES)
    refs_slides = [s for s in deck.slides if s.title.startswith("References")]
    assert len(refs_slides) == 1 and "Lee, A." in "".join(
        r.text for box in refs_slides[0].shapes for p in getattr(box, "paras", ()) for r in p.runs)


def test_a_portuguese_heading_is_recognised_and_a_nonempty_one_is_left_alone(tmp_path):
    pt = api.read(source(tmp_path, "# Introdução\n\nVer [@lee2020].\n\n# Referências\n"))
    assert pt.blocks[-1].id == "refs"
    kept = api.read(source(tmp_path, "# Intro\n\nSee [@lee2020].\n\n# References\n\nSome text the author wrote.\n"))
    assert not any(getattr(b, "id", "") == "refs" for b in kept.blocks)
