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
    "reference.title-case": ("warning", "title stored in Title Case; APA 7 prints titles in sentence case"),
    # readability
    "readability.grade": ("warning", "Flesch-Kincaid grade above the audience's target"),
    "readability.long-sentence": ("info", "one of the longest sentences of a section that reads above target"),
    "readability.no-audience": ("info", "no audience set, so no reading-grade target"),
    # publishing metadata
    "publishing.missing-review": ("warning", "no review statement"),
    "publishing.missing-review-date": ("warning", "no reviewed date"),
    "publishing.missing-next-review": ("warning", "no next-review date"),
    "publishing.missing-disclaimer": ("warning", "no disclaimer"),
    "publishing.review-overdue": ("warning", "next-review date has passed (an error for a release)"),
    # figures and slides
    "figure.missing-alt": ("error", "image without alt text (the handout is PDF/UA)"),
    "figure.missing-file": ("error", "image file not found (or outside the source's folder)"),
    "figure.unreadable": ("error", "image file cannot be decoded or exceeds the size limits"),
    "slides.continuations": ("warning", "a section needs more continuation slides than allowed"),
    # metadata and configuration
    "meta.ignored-key": ("info", "a Pandoc/Quarto front-matter key medprint accepts but does not use"),
    "check.invalid-config": ("error", "the front matter's check: settings are malformed"),
    "check.unknown-code": ("warning", "check: ignore: names a code medprint does not have"),
}


def default_severity(code: str) -> str:
    return CODES[code][0]
