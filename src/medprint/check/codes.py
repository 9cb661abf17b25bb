"""Every diagnostic code ``medprint check`` can report, with its default severity.

One table so the CLI can validate ``check: {ignore: [...]}`` (a typo in an
ignore list must not silence nothing silently), the docs can list the codes,
and tests can prove each one fires.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    # citations
    "citation.unknown-key": ("error", "a citation names a key no reference has"),
    "citation.uncited": ("warning", "a reference is never cited (and not in nocite)"),
    "citation.repeated-in-cluster": ("warning", "one citation cluster cites the same work twice"),
    "citation.invisible-character": ("error", "an invisible character (zero-width space, no-break space...) cuts a "
                                              "citation key"),
    "citation.unresolved-identifier": ("error", "a cited DOI/PMID/PMCID is in no bibliography and not yet fetched"),
    "citation.bad-identifier": ("error", "a citation key starts with doi:/pmid:/pmcid: but is not a valid one"),
    # references: identity
    "reference.duplicate-key": ("error", "two references share one key"),
    "reference.duplicate-work": ("warning", "the same work is entered under two keys (same DOI/PMID, or title and year)"),
    # references: completeness for APA 7
    "reference.missing-author": ("warning", "no author (or editor / group author) for a type APA credits"),
    "reference.missing-date": ("warning", "no publication date"),
    "reference.missing-title": ("warning", "no title"),
    "reference.missing-container": ("warning", "no journal / book / site title"),
    "reference.missing-volume": ("warning", "journal article without a volume"),
    "reference.missing-pages": ("warning", "journal article without pages or article number; chapter without pages"),
    "reference.missing-doi": ("warning", "journal article without a DOI"),
    "reference.missing-url": ("warning", "web page without a URL"),
    "reference.missing-accessed": ("warning", "undated web page without a retrieval (accessed) date"),
    "reference.missing-publisher": ("warning", "book, chapter or thesis without a publisher / institution"),
    "reference.missing-editor": ("warning", "book chapter without the book's editor"),
    "reference.malformed-doi": ("warning", "DOI is not 10.NNNN/suffix"),
    "reference.malformed-pmid": ("warning", "PMID is not 1-8 digits"),
    "reference.malformed-pmcid": ("warning", "PMCID is not PMC followed by digits"),
    "reference.title-case": ("warning", "title stored in Title Case for a style that prints titles as stored (in sentence case)"),
    # readability
    "readability.grade": ("warning", "Flesch-Kincaid grade above the audience's target"),
    "readability.long-sentence": ("info", "one of the longest sentences of a section that reads above target"),
    "readability.no-audience": ("info", "no audience set, so no reading-grade target"),
    # publishing metadata
    "publishing.missing-title": ("error", "no title: in the front matter (a build uses the first heading instead)"),
    "publishing.missing-review": ("warning", "no review statement"),
    "publishing.missing-review-date": ("warning", "no reviewed date"),
    "publishing.missing-next-review": ("warning", "no next-review date"),
    "publishing.missing-disclaimer": ("warning", "no disclaimer"),
    "publishing.placeholder": ("error", "a TODO placeholder (as medprint new writes them) is still in the source or "
                                        "its references (a warning for build)"),
    "publishing.review-overdue": ("warning", "next-review date has passed (an error for a release)"),
    # figures and slides
    "figure.missing-alt": ("error", "image without alt text (the handout is PDF/UA)"),
    "figure.missing-file": ("error", "image file not found (or outside the source's folder)"),
    "figure.unreadable": ("error", "image file cannot be decoded or exceeds the size limits"),
    "slides.continuations": ("warning", "a section needs more continuation slides than allowed"),
    "slides.duplicate-title": ("warning", "two sections share a heading, so two slides share a title"),
    "slides.table-header": ("warning", "a table without a header row (screen readers name cells by it)"),
    # metadata and configuration
    "meta.ignored-key": ("info", "a Pandoc/Quarto front-matter key medprint accepts but does not use"),
    "check.invalid-config": ("error", "the front matter's check: settings are malformed"),
    "check.unknown-code": ("warning", "check: ignore: names a code medprint does not have"),
    # online: `medprint refs verify` / `check --online` against PubMed, Crossref and DataCite
    "verify.retracted": ("error", "the record says the work has been retracted"),
    "verify.concern": ("warning", "the record carries an expression of concern"),
    "verify.corrected": ("info", "the record has a published correction (erratum)"),
    "verify.journal": ("warning", "the entry's journal differs from the record's"),
    "verify.year": ("warning", "the entry's year differs from the record's"),
    "verify.volume": ("warning", "the entry's volume differs from the record's"),
    "verify.issue": ("warning", "the entry's issue differs from the record's"),
    "verify.pages": ("warning", "the entry's pages or article number differ from the record's"),
    "verify.title": ("warning", "the entry's title differs from the record's"),
    "verify.authors": ("warning", "the entry's authors (count or family names) differ from the record's"),
    "verify.authors-missing": ("warning", "the entry has no authors; the record lists them"),
    "verify.missing-fields": ("info", "the record has fields (volume, pages, identifiers...) the entry lacks"),
    "verify.not-found": ("warning", "no service has a record for the entry's identifier"),
    "verify.unreachable": ("error", "the services could not be reached, so the entry was not verified"),
}
# found only with the network (tested on recorded responses in tests/remote/, not by tests/check/cases)
ONLINE_CODES = frozenset(code for code in CODES if code.startswith("verify."))


def default_severity(code: str) -> str:
    return CODES[code][0]
