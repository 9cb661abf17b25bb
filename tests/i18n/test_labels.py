"""medprint's own labels: gettext catalogs compiled with babel, English fallback with one warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medprint.i18n import compile as catalogs
from medprint.i18n.labels import (
    CALLOUT_TITLES,
    LOCALE_DIR,
    english_labels,
    label,
    references_title,
    untranslated,
)

SRC = Path(catalogs.__file__).resolve().parents[1]
STYLES = SRC.parents[1] / "styles"
LANGUAGES = ("es", "fr", "de", "pt")


def test_committed_mo_files_are_compiled_from_their_po():
    """The .mo files are what `python -m medprint.i18n.compile` makes from the .po files now (never stale)."""
    sources = catalogs.sources()
    assert {p.parent.parent.name for p in sources} >= {"en", *LANGUAGES}
    for po in sources:
        assert po.with_suffix(".mo").read_bytes() == catalogs.compiled(po), f"run python -m medprint.i18n.compile ({po})"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_is_translated_with_the_same_fields(lang):
    assert untranslated(lang) == ()
    for message in english_labels():
        fields = set(re.findall(r"\{(\w+)\}", message))
        assert set(re.findall(r"\{(\w+)\}", label(lang, message))) == fields, (lang, message)


def test_region_tags_use_the_language_catalog_and_english_is_itself():
    assert label("pt-BR", "Abstract") == label("pt-PT", "Abstract") == "Resumo"
    assert label("es-MX", "Next review: {date}", date="x") == "Próxima revisión: x"
    assert label("en-GB", "Abstract") == "Abstract" and untranslated("en-GB") == ()
    assert references_title("de-DE") == "Literatur" and references_title("it") == "Bibliografia"


def test_a_language_without_a_catalog_falls_back_to_english():
    assert label("it-IT", "Abstract") == "Abstract"
    assert set(untranslated("it-IT")) == set(english_labels())


def test_fields_are_filled_but_never_reach_attributes():
    assert label("en", "Version {version}", version="1.2") == "Version 1.2"
    assert label("en", "{x.__class__}", x=1) == "{x.__class__}"  # a template cannot format its way out


_CALLS = re.compile(r"""\b(?:labels?|translate)\(\s*(?:[\w.]+,\s*)?(["'])(?P<msg>(?:(?!\1).)+)\1""")


def _used_labels() -> set[str]:
    found: set[str] = set(CALLOUT_TITLES.values())
    from medprint.readers.crossrefs import _ENGLISH

    found.update(_ENGLISH.values())
    files = list(SRC.rglob("*.py")) + list(STYLES.rglob("*.html"))
    for path in files:
        for match in _CALLS.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group("msg"))
    return found


def test_every_label_the_code_prints_is_in_the_english_catalog():
    """A label added to a writer or template without its catalog entry fails here (and so cannot be translated)."""
    used = _used_labels()
    assert {"Abstract", "Overview", "Next review: {date}", "Sources:", "cont."} <= used
    missing = sorted(m for m in used if m not in english_labels() and "{" not in m[:1])
    assert missing == [], f"add these to {LOCALE_DIR}/en/LC_MESSAGES/medprint.po and translate them: {missing}"


def test_one_warning_for_a_language_without_translations(tmp_path):
    from medprint import api

    src = tmp_path / "doc"
    src.mkdir()
    (src / "index.md").write_text("---\ntitle: Prova\nlang: it-IT\nabstract: Breve.\nversion: '2'\n"
                                  "review: {reviewed: 2025-01-02, next-review: 2026-01-02}\n---\n\nTesto.\n\n"
                                  "# Uno\n\nAltro.\n", encoding="utf-8")
    result = api.build_document(src / "index.md", tmp_path / "out", formats=("html", "pptx"))
    found = [w for w in result.warnings if w.code == "lang.untranslated"]
    assert len(found) == 1 and "it-IT" in found[0].message and found[0].location.line == 3
    spanish = src.parent / "es"
    spanish.mkdir()
    (spanish / "index.md").write_text("---\ntitle: Prueba\nlang: es-ES\n---\n\nTexto.\n", encoding="utf-8")
    result = api.build_document(spanish / "index.md", tmp_path / "out", formats=("html",))
    assert not [w for w in result.warnings if w.code == "lang.untranslated"]
