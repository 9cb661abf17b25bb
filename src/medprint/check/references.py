"""Reference checks: complete for APA 7 by CSL type, well-formed identifiers, sentence case, duplicates.

What "complete" means, per CSL type (APA 7, chapter 9-10 reference formats):

| type | required (else a ``reference.missing-*`` warning) |
| --- | --- |
| article-journal | author, date, title, journal, volume, pages or article number (``page``/``number``), DOI |
| article-magazine, article-newspaper | author, date, title, periodical |
| book | author or editor, date, title, publisher |
| chapter | author, date, title, book title, editor, publisher, pages |
| thesis | author, date, title, institution (``publisher``) |
| report | author or publisher (group author), date, title (report number optional) |
| webpage, post, post-weblog | author, site name or publisher (group author); title; URL; date, or else an accessed date |
| entry-encyclopedia, entry-dictionary | date, title, work (container) |
| anything else | author, date, title |

A ``status`` of in press / forthcoming / accepted / submitted waives date, volume, pages and DOI (APA prints
"in press"); advance online publication / online first / ahead of print / epub waives volume and pages.

The DOI is demanded for every journal article: nearly all journals register DOIs, and a missing one is
almost always an omission worth a look (silence it with ``check: {ignore: [reference.missing-doi]}``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Document, Location, Reference

JOURNAL = {"article-journal"}
PERIODICAL = {"article-magazine", "article-newspaper"}
WEB = {"webpage", "post", "post-weblog"}
ENTRY = {"entry-encyclopedia", "entry-dictionary", "entry"}

DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_RE = re.compile(r"^\d{1,8}$")
PMCID_RE = re.compile(r"^PMC\d{1,9}$")

MINOR_WORDS = frozenset(
    ["a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs", "versus", "with", "from", "into", "onto", "over", "than", "upon", "about", "after", "among", "before", "between", "during", "through", "under", "within", "without"]
)


def _get(data: dict[str, Any], name: str) -> Any:
    """A CSL variable, tolerating the lower-case spellings some exporters write."""
    if name in data:
        return data[name]
    lowered = name.lower()
    for key, value in data.items():
        if key.lower() == lowered:
            return value
    return None


def _has(data: dict[str, Any], name: str) -> bool:
    value = _get(data, name)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (int, float)):
        return True
    return bool(value)


def _has_names(data: dict[str, Any], name: str) -> bool:
    value = _get(data, name)
    if isinstance(value, str):
        return bool(value.strip())
    if not isinstance(value, list):
        return False
    return any(isinstance(p, dict) and any(str(p.get(k) or "").strip() for k in ("family", "literal", "given"))
               for p in value)


def _year(data: dict[str, Any], name: str = "issued") -> str:
    value = _get(data, name)
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0]).strip()
        for key in ("literal", "raw", "season"):
            if str(value.get(key) or "").strip():
                return str(value[key]).strip()[:4]
        return ""
    if isinstance(value, (str, int)):
        return str(value).strip()[:4]
    return ""


def _missing(ref: Reference, code: str, what: str, hint: str) -> Diagnostic:
    return Diagnostic(code, "warning", f"reference '{ref.id}' has no {what}", ref.location, hint)


IN_PRESS = ("press", "forthcoming", "accepted", "submitted")
ONLINE_FIRST = ("advance online", "online first", "ahead of print", "epub")


def completeness(ref: Reference) -> Iterator[Diagnostic]:
    """``reference.missing-*`` warnings for one reference, per the table in this module's docstring."""
    data, kind = ref.data, str(ref.data.get("type") or "")
    lookup = _lookup_hint(data)
    status = str(_get(data, "status") or "").lower()
    in_press = any(word in status for word in IN_PRESS)
    unpaged = in_press or any(word in status for word in ONLINE_FIRST)

    has_author = _has_names(data, "author")
    if kind == "book":
        has_author = has_author or _has_names(data, "editor")
    elif kind == "report":
        has_author = has_author or _has(data, "publisher")
    elif kind in WEB:
        has_author = has_author or _has(data, "container-title") or _has(data, "publisher")
    if not has_author and kind not in ENTRY:
        yield _missing(ref, "reference.missing-author", "author",
                       "add author: [{family, given}] (a group author goes in literal:)" + lookup)

    if kind in WEB:
        if not _year(data) and not _year(data, "accessed"):
            yield _missing(ref, "reference.missing-accessed", "date and no accessed date",
                           "add issued: if the page is dated, else accessed: (author-date styles print 'n.d.' and a "
                           "retrieval date)")
    elif not _year(data) and not in_press:
        yield _missing(ref, "reference.missing-date", "publication date (issued)", "add issued: {date-parts: [[YYYY]]}"
                       + lookup)

    if not _has(data, "title"):
        yield _missing(ref, "reference.missing-title", "title", "add title:")

    if kind in JOURNAL | PERIODICAL | ENTRY | {"chapter"} and not _has(data, "container-title"):
        what = {"chapter": "book title (container-title)"}.get(kind, "journal or periodical (container-title)")
        yield _missing(ref, "reference.missing-container", what, "add container-title:")

    if kind in JOURNAL:
        if not _has(data, "volume") and not unpaged:
            yield _missing(ref, "reference.missing-volume", "volume", "add volume: (and issue: when it has one), or "
                           "status: advance online publication if it has none yet" + lookup)
        if not any(_has(data, v) for v in ("page", "number", "article-number")) and not unpaged:
            yield _missing(ref, "reference.missing-pages", "pages or article number",
                           "add page: (e.g. 2489-2497) or the article number as page:" + lookup)
        if not _has(data, "DOI") and not in_press:
            yield _missing(ref, "reference.missing-doi", "DOI", "add DOI: 10.xxxx/... (journal articles almost always "
                           "have one)" + lookup)
    if kind == "chapter":
        if not _has_names(data, "editor"):
            yield _missing(ref, "reference.missing-editor", "editor of the book", "add editor: [{family, given}]")
        if not _has(data, "page"):
            yield _missing(ref, "reference.missing-pages", "page range", "add page: (e.g. 33-51)")
    if kind in {"book", "chapter", "thesis"} and not _has(data, "publisher"):
        what = "institution (publisher)" if kind == "thesis" else "publisher"
        yield _missing(ref, "reference.missing-publisher", what, "add publisher:")
    if kind in WEB and not _has(data, "URL"):
        yield _missing(ref, "reference.missing-url", "URL", "add URL:")


def _lookup_hint(data: dict[str, Any]) -> str:
    pmcid, pmid = _get(data, "PMCID"), _get(data, "PMID")
    if pmcid and PMCID_RE.match(str(pmcid).strip()):
        return f"; its PMC record {str(pmcid).strip()} has the details"
    if pmid and PMID_RE.match(str(pmid).strip()):
        return f"; its PubMed record {str(pmid).strip()} has the details"
    return ""


def normalize_doi(value: Any) -> str:
    return DOI_PREFIX.sub("", str(value).strip())


def identifiers(ref: Reference) -> Iterator[Diagnostic]:
    """Malformed DOI, PMID and PMCID values."""
    doi = _get(ref.data, "DOI")
    if doi not in (None, "") and not DOI_RE.match(normalize_doi(doi)):
        yield Diagnostic("reference.malformed-doi", "warning", f"reference '{ref.id}' has a malformed DOI '{doi}'",
                         ref.location, "a DOI looks like 10.1007/s11912-020-00913-y")
    pmid = _get(ref.data, "PMID")
    if pmid not in (None, "") and not PMID_RE.match(str(pmid).strip()):
        yield Diagnostic("reference.malformed-pmid", "warning", f"reference '{ref.id}' has a malformed PMID '{pmid}'",
                         ref.location, "a PMID is 1 to 8 digits, e.g. 32577835")
    pmcid = _get(ref.data, "PMCID")
    if pmcid not in (None, "") and not PMCID_RE.match(str(pmcid).strip()):
        yield Diagnostic("reference.malformed-pmcid", "warning",
                         f"reference '{ref.id}' has a malformed PMCID '{pmcid}'", ref.location,
                         "a PMCID is PMC followed by digits, e.g. PMC7685568")


_WORD = re.compile(r"[^\s]+")


def is_title_case(title: str) -> bool:
    """True when most words that sentence case would leave lower-case are capitalised.

    Skipped: the first word and the first word after ``:``/``?``/``!``/``.``/dash (capitalised in sentence case
    too), short function words, acronyms and words with digits or inner capitals (``mRNA``, ``PD-1``).  A title
    needs at least 4 words and 3 such candidates; it is Title Case when at least 80% of them are capitalised, so a
    sentence-case title with a proper noun or two does not trip it.
    """
    words = _WORD.findall(re.sub(r"<[^>]+>", "", title))  # CSL rich text: <i>Akkermansia</i>
    if len(words) < 4:
        return False
    candidates = capitalised = 0
    start = True
    for raw in words:
        word = raw.strip("\"'“”‘’()[]{},;*_")
        first_part = word.split("-")[0].split("/")[0]
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", first_part)
        skip = start or not letters or letters.lower() in MINOR_WORDS
        skip = skip or any(ch.isdigit() for ch in first_part) or sum(ch.isupper() for ch in letters) > 1
        skip = skip or (len(letters) > 1 and letters[0].islower() and any(ch.isupper() for ch in letters[1:]))
        if not skip:
            candidates += 1
            capitalised += letters[0].isupper()
        start = raw.endswith((":", "?", "!", ".", "—", "–")) or raw in {"-", "—", "–"}
    return candidates >= 3 and capitalised >= 3 and capitalised >= 0.8 * candidates


def title_case(ref: Reference, style: str = "APA Style 7th edition") -> Iterator[Diagnostic]:
    """A title stored in Title Case, for a style (named in the message) that prints titles as stored."""
    title = _get(ref.data, "title")
    if isinstance(title, str) and is_title_case(title):
        yield Diagnostic("reference.title-case", "warning", f"reference '{ref.id}' title is in Title Case",
                         ref.location, f"the style in use ({style}) prints titles as they are stored, in sentence "
                         "case: capitalise only the first word, the first word after a colon, and proper nouns")


def style_in_use(document: Document) -> tuple[str, bool]:
    """The document's CSL style as its ``<title>`` names it ("APA Style 7th edition", "NLM/Vancouver: Citing
    Medicine 2nd edition"), and whether it prints titles as stored (a style that title-cases every title itself, as Chicago does,
    is served by either storage, so no warning; CSL's own sentence case is unreliable, so AMA still wants it)."""
    from pathlib import Path

    from lxml import etree

    from ..citations.styles import resolve_style
    from ..errors import MedprintError

    try:
        path = resolve_style(document.meta.csl, Path(document.source_path).parent)
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (MedprintError, OSError, etree.XMLSyntaxError):
        return document.meta.csl or "apa", True  # the engine reports a bad style; here: the name as written
    ns = "{http://purl.org/net/xbiblio/csl}"
    title = (root.findtext(f"{ns}info/{ns}title") or document.meta.csl or "").strip()
    title = re.sub(r"\s*\([^)]*\)\s*$", "", title) or document.meta.csl
    cases = [e.get("text-case") for e in root.iter(f"{ns}text") if e.get("variable") == "title"]
    return title, not (cases and all(c == "title" for c in cases))


def _norm_title(value: Any) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(value or "").casefold())


def duplicates(references: tuple[Reference, ...]) -> Iterator[Diagnostic]:
    """Duplicate keys (error) and the same work under two keys (same DOI, PMID, or title and year)."""
    first_by_key: dict[str, Reference] = {}
    seen: dict[tuple[str, str], Reference] = {}
    for ref in references:
        if ref.id in first_by_key:
            prior = first_by_key[ref.id]
            yield Diagnostic("reference.duplicate-key", "error", f"key '{ref.id}' is used by two references",
                             ref.location, f"first defined at {prior.location or 'an earlier record'}; "
                             "rename or remove one")
            continue
        first_by_key[ref.id] = ref
        marks = []
        doi = _get(ref.data, "DOI")
        if doi:
            marks.append(("DOI", normalize_doi(doi).lower()))
        pmid = _get(ref.data, "PMID")
        if pmid:
            marks.append(("PMID", str(pmid).strip()))
        title, year = _norm_title(_get(ref.data, "title")), _year(ref.data)
        if title and year:
            marks.append(("title and year", f"{title}|{year}"))
        for mark in marks:
            prior = seen.get(mark)
            if prior is not None and prior.id != ref.id:
                yield Diagnostic("reference.duplicate-work", "warning",
                                 f"references '{prior.id}' and '{ref.id}' are the same work (same {mark[0]})",
                                 ref.location, f"keep one key and cite it everywhere (the other is at "
                                 f"{prior.location or 'an earlier record'})")
                break
        for mark in marks:
            seen.setdefault(mark, ref)


def check_references(document: Document) -> Iterator[Diagnostic]:
    yield from duplicates(document.references)
    style, as_stored = style_in_use(document) if document.references else ("", False)
    for ref in document.references:
        yield from completeness(ref)
        yield from identifiers(ref)
        if as_stored:
            yield from title_case(ref, style)


def reference_location(document: Document, ref: Reference) -> Location | None:
    return ref.location or document.meta.position("references") or document.meta.position("bibliography")
