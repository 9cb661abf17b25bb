"""medprint's own words ("Abstract", "Reviewed", "Next review", "Overview", "Page 2 of 5") in the document's
language, from gettext catalogs.

The sources are ``locale/<ll>/LC_MESSAGES/medprint.po`` beside this module (``en`` is the reference: every
label, translated to itself); the compiled ``.mo`` files are committed next to them (compiled with babel by
``python -m medprint.i18n.compile``; a test fails when one differs from its ``.po``), so an editable ``pip install -e .`` — which runs no build step — and a wheel both find
them, and loading needs only the standard library's :mod:`gettext`.

A label the catalog of the language lacks prints in English; the build says so once per document
(:func:`untranslated`), never once per label.
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path

DOMAIN = "medprint"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def _languages(lang: str) -> list[str]:
    """``pt-BR`` -> ``["pt_BR", "pt"]``: the region's catalog first, then the language's."""
    parts = (lang or "en-US").replace("_", "-").split("-")
    base = parts[0].lower()
    out = []
    if len(parts) > 1 and len(parts[1]) == 2:
        out.append(f"{base}_{parts[1].upper()}")
    out.append(base)
    return out


def is_english(lang: str) -> bool:
    return _languages(lang)[-1] == "en"


@functools.lru_cache(maxsize=32)
def catalog(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang`` (region first, then language); an empty one for English or a language with none."""
    if is_english(lang):
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=_languages(lang), fallback=True)


def label(lang: str, message: str, **values: object) -> str:
    """``message`` (an English label, the catalog's msgid) in ``lang``, with ``{name}`` fields filled in."""
    text = catalog(lang).gettext(message)
    return _fill(text, values) if values else text


_FIELD = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: dict[str, object]) -> str:
    """``{name}`` fields filled from ``values``; nothing else (no ``str.format``: a template, which may be a
    source's own, must not reach attributes through ``{x.__class__}``)."""
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


class Labels:
    """``labels("Abstract")`` for one document's language: what writers and templates call."""

    def __init__(self, lang: str) -> None:
        self.lang = lang or "en-US"

    def __call__(self, message: str, **values: object) -> str:
        return label(self.lang, message, **values)


@functools.lru_cache(maxsize=1)
def english_labels() -> tuple[str, ...]:
    """Every label medprint prints: the messages of the English catalog (``locale/en``), the reference set a
    translation is measured against."""
    english = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["en"])
    return tuple(sorted(k for k in getattr(english, "_catalog", {}) if isinstance(k, str) and k))


def _translated(table: gettext.NullTranslations) -> set[str]:
    found: set[str] = set()
    while table is not None:
        found.update(k for k in getattr(table, "_catalog", {}) if isinstance(k, str) and k)
        table = getattr(table, "_fallback", None)
    return found


@functools.lru_cache(maxsize=32)
def untranslated(lang: str) -> tuple[str, ...]:
    """The labels ``lang``'s catalog does not translate (all of them for a language without a catalog)."""
    if is_english(lang):
        return ()
    done = _translated(catalog(lang))
    return tuple(m for m in english_labels() if m not in done)


CALLOUT_TITLES = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}
# languages without a catalog of their own still had their reference heading before the catalogs came
_REFERENCES_ELSEWHERE = {"it": "Bibliografia", "nl": "Referenties"}


def callout_title(kind: str, lang: str) -> str:
    """A callout's title when the author gives none: "Note", "Nota", "Hinweis"…"""
    return label(lang, CALLOUT_TITLES[kind]) if kind in CALLOUT_TITLES else kind.title()


def references_title(lang: str) -> str:
    """The reference list's heading in the document's language (handout, web page, slides)."""
    if "References" in untranslated(lang):
        return _REFERENCES_ELSEWHERE.get(_languages(lang)[-1], "References")
    return label(lang, "References")
