"""Publishing metadata: review statement, reviewed and next-review dates, disclaimer, ignored keys.

Missing items are warnings (they are never invented: only the review board can date a review).  A next-review
date in the past is a warning, and an error for a release.  Locations point at the front-matter key when it
exists, else at the title line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document
from .config import meta_location

NEXT_KEYS = ("review.next-review", "review.next_review", "review.next")


def check_publishing(document: Document, *, release: bool, today: dt.date, building: bool = False
                     ) -> Iterator[Diagnostic]:
    if document.meta.title_from and not building:  # a build goes on with the fallback title (warned when read)
        yield Diagnostic("publishing.missing-title", "error", f"no title: in the front matter (a build would use "
                         f"'{document.meta.title}')", meta_location(document, "title"),
                         "add title: to the front matter; check and release require one")
    review = document.meta.review
    if not review.statement.strip():
        yield Diagnostic("publishing.missing-review", "warning", "no review statement", meta_location(document, "review"),
                         "add review: {statement: ...} with the board's wording (e.g. 'Assessed and Endorsed by "
                         "the ... Medical Review Board')")
    if review.reviewed is None:
        yield Diagnostic("publishing.missing-review-date", "warning", "no date of the medical review",
                         meta_location(document, "review"), "add review: {reviewed: YYYY-MM-DD} as the review board dated it")
    if review.next_review is None:
        yield Diagnostic("publishing.missing-next-review", "warning", "no next-review date",
                         meta_location(document, "review"), "add review: {next-review: YYYY-MM-DD} as the review board set it")
    elif review.next_review < today:
        severity = "error" if release else "warning"
        yield Diagnostic("publishing.review-overdue", severity,
                         f"next review was due {review.next_review.isoformat()}",
                         meta_location(document, *NEXT_KEYS, "review"),
                         "have the content reviewed again and update review: dates" +
                         ("; a release cannot ship overdue content" if release else ""))
    if not document.meta.disclaimer.strip():
        yield Diagnostic("publishing.missing-disclaimer", "warning", "no disclaimer", meta_location(document, "disclaimer"),
                         "add disclaimer: (e.g. 'not a substitute for professional medical advice')")


def check_ignored_keys(document: Document) -> Iterator[Diagnostic]:
    for key in document.meta.ignored_keys:
        yield Diagnostic("meta.ignored-key", "info", f"front-matter key '{key}' is a Pandoc/Quarto key medprint ignores",
                         meta_location(document, key), "remove it if you no longer build with Pandoc or Quarto")
