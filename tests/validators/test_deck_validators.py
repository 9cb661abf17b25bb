"""openxml-audit (the Open XML SDK's validation rules, strict) on every deck: no error."""

from __future__ import annotations

import pytest

import validator_tools as tools

pytestmark = pytest.mark.slow


def test_every_deck_has_no_ooxml_error(built_docs):
    verdicts = tools.openxml_audit([d.pptx for d in built_docs.values()])
    assert len(verdicts) == len(built_docs)
    bad = [f"{v['file']}: {v['error_count']} error(s): {v['errors'][:3]}" for v in verdicts if v["error_count"]]
    assert not bad, "\n".join(bad)


def test_decks_with_an_svg_figure_and_an_organisation_template_have_no_ooxml_error(tmp_path):
    """The SVG picture (asvg:svgBlip beside its PNG) and a template's fonts, list levels and body placeholder."""
    import shutil
    import sys

    from pptx import Presentation

    from medprint.api import build_document

    deck_tests = tools.ROOT / "tests" / "writers" / "pptx"
    sys.path.insert(0, str(deck_tests))
    from test_pptx_svg import CHART
    from test_pptx_theme_fonts import georgia_verdana_template

    folder = tmp_path / "src"
    shutil.copytree(tools.ROOT / "tests" / "writers" / "pptx" / "fixtures" / "long", folder)
    (folder / "chart.svg").write_text(CHART, encoding="utf-8")
    template = georgia_verdana_template(folder / "org.pptx")
    text = (folder / "index.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    (folder / "index.md").write_text(head + "\nslides:\n  template: org.pptx\n---\n" + body
                                     + "\n\n# A chart\n\n![Response by arm](chart.svg)\n", encoding="utf-8")
    prs = Presentation(str(template))  # and a second copy whose content layout has a body placeholder
    for layout in list(prs.slide_layouts):
        if layout.name == "Title Only":
            prs.slide_layouts.remove(layout)
    (tmp_path / "body").mkdir()
    shutil.copytree(folder, tmp_path / "body", dirs_exist_ok=True)
    prs.save(str(tmp_path / "body" / "org.pptx"))
    decks = []
    for name, source in (("org", folder / "index.md"), ("body", tmp_path / "body" / "index.md")):
        build_document(source, tmp_path / "out", ("pptx",), run_check=False, name=name)
        decks.append(tmp_path / "out" / f"{name}.pptx")
    import zipfile

    for deck in decks:  # what is validated: the template's fonts and the SVG picture are in the deck
        with zipfile.ZipFile(deck) as zf:
            assert any(n.endswith(".svg") for n in zf.namelist())
            assert b'typeface="Georgia"' in zf.read("ppt/slides/slide2.xml")
    verdicts = tools.openxml_audit(decks)
    assert len(verdicts) == 2
    bad = [f"{v['file']}: {v['error_count']} error(s): {v['errors'][:3]}" for v in verdicts if v["error_count"]]
    assert not bad, "\n".join(bad)
