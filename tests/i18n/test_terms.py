"""Author lists are joined in the document's language with the CSL locale's 'and' term."""

from __future__ import annotations

import pytest

from medprint.i18n.terms import csl_term, join_names


@pytest.mark.parametrize("lang, three, two", [
    ("en-US", "A, B, and C", "A and B"),
    ("es-ES", "A, B y C", "A y B"),
    ("pt-BR", "A, B e C", "A e B"),
    ("pt-PT", "A, B e C", "A e B"),
    ("fr-FR", "A, B et C", "A et B"),
    ("de-DE", "A, B und C", "A und B"),
    ("de", "A, B und C", "A und B"),
])
def test_names_joined_with_the_locale_and(lang, three, two):
    assert join_names(["A", "B", "C"], lang) == three
    assert join_names(["A", "B"], lang) == two
    assert join_names(["A"], lang) == "A"


def test_a_language_without_a_locale_falls_back_to_english():
    assert join_names(["A", "B", "C"], "tlh") == "A, B, and C"


def test_terms_come_from_the_csl_locale():
    assert csl_term("es-ES", "and") == "y"
    assert csl_term("fr-FR", "figure") == "figure"
    assert csl_term("en-US", "no-such-term") == ""


def test_the_web_page_joins_authors_in_portuguese(tmp_path):
    from lxml import html as lxml_html

    from medprint import api

    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "index.md").write_text(
        "---\ntitle: Asma\nlang: pt-BR\nauthor: [Ana Lima, Bruno Costa, Carla Dias]\n---\n\nTexto.\n", encoding="utf-8")
    built = api.build_document(tmp_path / "doc" / "index.md", tmp_path / "out", formats=("html",))
    tree = lxml_html.parse(str(built.outputs["html"]))
    assert tree.find(".//p[@class='authors']").text_content() == "Ana Lima, Bruno Costa e Carla Dias"


@pytest.mark.parametrize("lang, expected", [
    ("en-US", "March 1, 2025"),
    ("es-ES", "1 de marzo de 2025"),
    ("pt-BR", "1º de março de 2025"),
    ("fr-FR", "1 mars 2025"),
    ("de-DE", "1. März 2025"),
])
def test_long_dates_from_the_csl_locale(lang, expected):
    import datetime as dt

    from medprint.i18n.terms import long_date

    assert long_date(dt.date(2025, 3, 1), lang) == expected


def test_day_ordinals_limited_to_the_first_where_the_locale_says_so():
    import datetime as dt

    from medprint.i18n.terms import long_date

    assert long_date(dt.date(2025, 3, 4), "pt-BR") == "4 de março de 2025"
    assert long_date(dt.date(2025, 3, 4), "de-DE") == "4. März 2025"
