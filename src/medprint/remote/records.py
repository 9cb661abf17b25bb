"""What a service says about one work: its CSL item and any notices (retraction, concern, correction)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..safety.xml import parse_untrusted_xml

NOTICE_SEVERITY = {"retraction": "error", "expression-of-concern": "warning", "correction": "info"}
_SMALL_WORDS = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over", "per", "the", "to", "upon", "via", "with"])
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*>")


@dataclass(frozen=True)
class Notice:
    kind: str  # "retraction", "expression-of-concern" or "correction"
    text: str  # what the record says, e.g. "Retraction in: Nature. 2021;590(7845):E1"


@dataclass
class Record:
    """One authoritative record; ``csl`` is a CSL item whose ``id`` is the identifier key it was fetched for."""

    source: str  # "pubmed", "crossref" or "datacite"
    csl: dict[str, Any]
    notices: list[Notice] = field(default_factory=list)


def journal_title_case(title: str) -> str:
    """NLM writes journal titles in sentence case ("Current oncology reports"); APA and readers expect title case.

    Only a title that is entirely lower case after its first letter is changed, so "JAMA" or "mBio" stay.
    """
    words = title.split(" ")
    if not words or any(ch.isupper() for ch in title[1:]):
        return title
    out = []
    for i, word in enumerate(words):
        out.append(word if (i and word in _SMALL_WORDS) else word[:1].upper() + word[1:])
    return " ".join(out)


def parse_service_xml(data: bytes, name: str) -> etree._Element:
    """Service XML without its DOCTYPE line (E-utilities send a public DTD reference, never an internal subset)."""
    return parse_untrusted_xml(_DOCTYPE.sub(b"", data, count=1), name, what="response")
