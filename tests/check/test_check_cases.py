"""One broken source per diagnostic code (tests/check/cases/<code>/): each fires its code, at the right
file:line:col, and nothing else; the clean source fires nothing."""

from __future__ import annotations

import pytest

from medprint.check import CODES, ONLINE_CODES, check_source
from medprint.check.report import display_path

from check_support import CASES, TODAY

# code -> (file inside the case folder, line, column) of the finding
WHERE = {
    "citation.unknown-key": ("index.md", 18, 39),
    "citation.uncited": ("references.json", 27, 3),
    "citation.repeated-in-cluster": ("index.md", 18, 42),
    "citation.unresolved-identifier": ("index.md", 18, 39),
    "citation.invisible-character": ("index.md", 18, 39),
    "citation.bad-identifier": ("index.md", 18, 39),
    "reference.duplicate-key": ("references.json", 27, 3),
    "reference.duplicate-work": ("references.json", 27, 3),
    "reference.missing-author": ("references.json", 2, 3),
    "reference.missing-date": ("references.json", 2, 3),
    "reference.missing-title": ("references.json", 2, 3),
    "reference.missing-container": ("references.json", 2, 3),
    "reference.missing-volume": ("references.json", 2, 3),
    "reference.missing-pages": ("references.json", 2, 3),
    "reference.missing-doi": ("references.json", 2, 3),
    "reference.missing-url": ("references.json", 2, 3),
    "reference.missing-accessed": ("references.json", 2, 3),
    "reference.missing-publisher": ("references.json", 2, 3),
    "reference.missing-editor": ("references.json", 2, 3),
    "reference.malformed-doi": ("references.json", 2, 3),
    "reference.malformed-pmid": ("references.json", 2, 3),
    "reference.malformed-pmcid": ("references.json", 2, 3),
    "reference.title-case": ("references.json", 2, 3),
    "readability.grade": ("index.md", 16, 1),  # the section heading (the whole-document one is on the title)
    "readability.long-sentence": ("index.md", 18, 1),
    "readability.no-audience": ("index.md", 2, 1),
    "publishing.missing-title": ("index.md", 1, 1),
    "publishing.missing-review": ("index.md", 5, 1),
    "publishing.missing-review-date": ("index.md", 5, 1),
    "publishing.missing-next-review": ("index.md", 5, 1),
    "publishing.missing-disclaimer": ("index.md", 2, 1),
    "publishing.review-overdue": ("index.md", 8, 3),
    "publishing.placeholder": ("index.md", 17, 93),  # the one outside comments
    "figure.missing-alt": ("index.md", 18, 1),
    "figure.missing-file": ("index.md", 18, 1),
    "figure.unreadable": ("index.md", 18, 1),
    "slides.continuations": ("index.md", 18, 1),  # the section's heading
    "slides.duplicate-title": ("index.md", 20, 1),  # the second heading of that name
    "slides.table-header": ("index.md", 20, 1),
    "meta.ignored-key": ("index.md", 10, 1),
    "check.invalid-config": ("index.md", 12, 5),
    "check.unknown-code": ("index.md", 11, 3),
    "frontmatter.yaml": ("index.md", 4, 11),  # a source that cannot be read is reported, not a traceback
    "citation.unknown-style": ("index.md", 4, 1),  # the citation engine's own errors are reported too
    "path.escapes": ("index.md", 18, 1),  # an image outside the source's folder: the path checker's code
}
# codes that necessarily come together in one source
COMPANIONS = {"citation.invisible-character": {"citation.repeated-in-cluster"},"readability.grade": {"readability.long-sentence"}, "readability.long-sentence": {"readability.grade"}}


def test_every_code_has_a_case_and_every_case_is_a_code():
    folders = {p.name for p in CASES.iterdir() if p.is_dir()} - {"clean", "check.ignore"}
    assert folders == set(WHERE)
    assert set(CODES) - ONLINE_CODES <= set(WHERE)


@pytest.mark.parametrize("code", sorted(WHERE))
def test_case_fires_its_code_at_its_location_and_nothing_else(code, in_repo):
    result = check_source(CASES / code / "index.md", today=TODAY)
    fired = [d for d in result.diagnostics if d.code == code]
    assert fired, f"{code} did not fire: {[d.format() for d in result.diagnostics]}"
    file, line, col = WHERE[code]
    where = [(display_path(d.location.file), d.location.line, d.location.col) for d in fired]
    assert (f"tests/check/cases/{code}/{file}", line, col) in where
    assert {d.code for d in result.diagnostics} <= {code} | COMPANIONS.get(code, set())
    severity = CODES[code][0] if code in CODES else "error"
    assert {d.severity for d in fired} == {severity}


def test_clean_source_fires_nothing(in_repo):
    result = check_source(CASES / "clean" / "index.md", today=TODAY)
    assert result.diagnostics == []
    assert result.document is not None and len(result.document.references) == 1


def test_ignore_silences_codes_and_globs(in_repo):
    result = check_source(CASES / "check.ignore" / "index.md", today=TODAY)
    assert result.diagnostics == []
    # the same references without the ignore list do warn
    assert [d.code for d in check_source(CASES / "reference.missing-doi" / "index.md", today=TODAY).diagnostics] \
        == ["reference.missing-doi"]


def test_overdue_review_is_an_error_for_a_release(in_repo):
    result = check_source(CASES / "publishing.review-overdue" / "index.md", today=TODAY, release=True)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("publishing.review-overdue", "error")]


def test_continuation_limit_is_configurable(tmp_path):
    import shutil

    folder = tmp_path / "tips"
    shutil.copytree(CASES / "slides.continuations", folder)
    source = folder / "index.md"
    text = source.read_text()
    source.write_text(text.replace("disclaimer:", "check:\n  slides:\n    max-continuations: 20\ndisclaimer:", 1))
    assert check_source(source, today=TODAY).diagnostics == []
    source.write_text(text.replace("disclaimer:", "check:\n  slides:\n    max-continuations: 1\ndisclaimer:", 1))
    (diag,) = check_source(source, today=TODAY).diagnostics
    assert diag.code == "slides.continuations" and "(more than 1)" in diag.message
