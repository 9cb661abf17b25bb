"""The BibTeX and RIS readers against Pandoc 3's own reading of the same files, field by field.

``fixtures/pandoc/cases.{bib,ris}`` are medprint's own records: sentence case with braces, subtitles,
title add-ons, maintitle, series keys, langid (English variants and French), names with particles
(``van der``, ``{von}``, BibLaTeX's extended form with ``useprefix``), suffixes, initials written ``J.P.``,
hyphenated given names, TeX logos, accents, quotes, dashes, arXiv/PubMed eprints, month macros, a key
with parentheses.  ``NAME.pandoc.json`` is ``pandoc -f biblatex|ris -t csljson`` of each
(``scripts/golden/generate_reader_pandoc.py``), never edited by hand.

Pandoc's CSL-JSON writer changes three things its citation processor never sees, so our side gets the same
treatment before comparing: ``nocase`` spans are dropped, and citeproc's ``extractParticles`` (applied when
CSL-JSON is read) moves lowercase words at the start of a family name and at the end of a given name into
particles.  The differences medprint keeps on purpose are listed in DELIBERATE with their reason.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from medprint.readers.references import read_reference_file

FIXTURES = Path(__file__).parent / "fixtures" / "pandoc"

# (file, item index, field) -> why medprint differs from Pandoc there.
DELIBERATE = {
    ("cases.bib", 3, "author"): "Garc{\\'\\i}a: Pandoc writes a dotless i and a combining accent (U+0131 U+0301), "
                                "medprint the letter í (U+00ED)",
    ("cases.bib", 7, "type"): "@misc: Pandoc leaves the CSL type empty, which CSL processors print as 'article'; "
                              "medprint writes 'article'",
    ("cases.ris", 0, "author"): "RIS 'van der Berg, Jan': medprint keeps the family name as written (Zotero's and "
                                "citeproc-js's reading, 'van der Berg, J.'); Pandoc applies BibTeX's rule and makes "
                                "'van der' a dropping particle ('Berg, J. van der')",
    ("cases.ris", 1, "author"): "RIS 'Dupont JP' (PubMed's form) is family and initials, 'Doe, John, Jr.' is "
                                "Last, First, Suffix (the RIS specification) and a name without comma or initials "
                                "a group; Pandoc reads each with BibTeX's rules (family 'JP', given 'Jr.', "
                                "family 'Organization')",
    ("cases.ris", 2, "publisher-place"): "RIS CY is the place of publication; Pandoc's RIS reader drops it",
}


def _strip_nocase(value):
    if isinstance(value, str):
        return re.sub(r'<span class="nocase">(.*?)</span>', r"\1", value)
    if isinstance(value, list):
        return [_strip_nocase(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip_nocase(v) for k, v in value.items()}
    return value


def _particle_word(word: str) -> bool:
    return all(c.islower() or c in "'\u2019-\u2013." for c in word)


def _extract_particles(name: dict) -> dict:
    """citeproc's extractParticles, which Pandoc's CSL-JSON output went through."""
    name = dict(name)
    given = name.get("given", "").split()
    if "dropping-particle" not in name and given:
        cut = next((i for i, w in enumerate(given) if _particle_word(w)), None)
        if cut and all(_particle_word(w) for w in given[cut:]):
            name["given"], name["dropping-particle"] = " ".join(given[:cut]), " ".join(given[cut:])
    family = name.get("family", "").split()
    if "non-dropping-particle" not in name and len(family) > 1 and _particle_word(family[0]):
        cut = next(i for i, w in enumerate(family) if not _particle_word(w)) if not all(
            _particle_word(w) for w in family) else len(family)
        if cut < len(family):
            name["non-dropping-particle"], name["family"] = " ".join(family[:cut]), " ".join(family[cut:])
    return name


def _as_pandoc_writes_it(data: dict) -> dict:
    data = _strip_nocase(data)
    for role in ("author", "editor", "translator", "container-author", "director"):
        if role in data:
            data[role] = [_extract_particles(n) for n in data[role]]
    return data


def _cases():
    for path in sorted(FIXTURES.glob("cases.*")):
        if path.suffix not in (".bib", ".ris"):
            continue
        expected = json.loads(path.with_name(path.name + ".pandoc.json").read_text(encoding="utf-8"))
        ours = [_as_pandoc_writes_it(r.data) for r in read_reference_file(path, path.name)]
        assert len(ours) == len(expected), path.name
        for index, (mine, theirs) in enumerate(zip(ours, expected)):
            for field in sorted(set(mine) | set(theirs) - {"id"}):
                if field == "id" and path.suffix == ".ris":
                    continue  # RIS has no keys: each reader makes its own
                key = (path.name, index, field)
                marks = [pytest.mark.xfail(strict=True, reason=DELIBERATE[key])] if key in DELIBERATE else []
                yield pytest.param(mine.get(field), theirs.get(field), id=f"{path.name}-{index}-{field}",
                                   marks=marks)


@pytest.mark.parametrize("ours, pandoc", list(_cases()))
def test_field_as_pandoc_reads_it(ours, pandoc):
    assert ours == pandoc


def test_every_deliberate_difference_is_still_there():
    ids = {p.id for p in _cases()}
    for file, index, field in DELIBERATE:
        assert f"{file}-{index}-{field}" in ids
