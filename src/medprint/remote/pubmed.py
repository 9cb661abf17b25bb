"""PubMed records from NCBI E-utilities ``efetch`` (XML): full journal title, every author, PMID, PMCID, DOI,
publication types and the comments/corrections that announce retractions and expressions of concern."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from ..readers.references.medline import expand_pages
from .http import Client
from .records import Notice, Record, journal_title_case, parse_service_xml

EFETCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
BATCH = 200  # NCBI asks for at most 200 ids per GET
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
NOTICE_REFS = {"RetractionIn": "retraction", "ExpressionOfConcernIn": "expression-of-concern",
               "ErratumIn": "correction", "CorrectedandRepublishedIn": "correction"}
NOTICE_TYPES = {"retracted publication": "retraction", "expression of concern": "expression-of-concern"}


def fetch_pubmed(client: Client, pmids: Iterable[str]) -> dict[str, Record]:
    """Records by PMID for every PMID PubMed has (missing ones are simply absent)."""
    wanted = list(dict.fromkeys(pmids))
    found: dict[str, Record] = {}
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start:start + BATCH]
        body = client.get(EFETCH, {"db": "pubmed", "id": ",".join(batch), "retmode": "xml"},
                          accept="application/xml")
        found.update(parse_pubmed_xml(body))
    return found


def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _date(pub_date: etree._Element | None) -> dict[str, Any]:
    if pub_date is None:
        return {}
    year = _text(pub_date.find("Year"))
    if not year:  # <MedlineDate>2019 Nov-Dec</MedlineDate>
        medline = _text(pub_date.find("MedlineDate"))
        year = medline[:4] if medline[:4].isdigit() else ""
    if not year.isdigit():
        return {}
    parts = [int(year)]
    month = _text(pub_date.find("Month")).lower()[:3]
    month_number = MONTHS.get(month) or (int(month) if month.isdigit() else 0)
    if month_number:
        parts.append(month_number)
        day = _text(pub_date.find("Day"))
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def _authors(article: etree._Element) -> list[dict[str, str]]:
    names = []
    for author in article.iterfind("AuthorList/Author"):
        if author.get("ValidYN", "Y") != "Y":
            continue
        collective = _text(author.find("CollectiveName"))
        if collective:
            names.append({"literal": collective})
            continue
        name = {"family": _text(author.find("LastName"))}
        given = _text(author.find("ForeName")) or _text(author.find("Initials"))
        if given:
            name["given"] = given
        suffix = _text(author.find("Suffix"))
        if suffix:
            name["suffix"] = suffix
        if name["family"]:
            names.append(name)
    return names


def parse_pubmed_xml(body: bytes) -> dict[str, Record]:
    """Every ``PubmedArticle`` of an efetch response as a Record keyed by PMID."""
    root = parse_service_xml(body, "PubMed response")
    records: dict[str, Record] = {}
    for article_node in root.iterfind("PubmedArticle"):
        citation = article_node.find("MedlineCitation")
        if citation is None:
            continue
        pmid = _text(citation.find("PMID"))
        article = citation.find("Article")
        if not pmid or article is None:
            continue
        data: dict[str, Any] = {"id": f"pmid:{pmid}", "type": "article-journal", "PMID": pmid}
        title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
        if title:
            data["title"] = title.removesuffix(".") if not title.endswith("..") else title
        journal = article.find("Journal")
        if journal is not None:
            full = _text(journal.find("Title"))
            if full:
                data["container-title"] = journal_title_case(full)
            short = _text(journal.find("ISOAbbreviation"))
            if short:
                data["container-title-short"] = short
            issue = journal.find("JournalIssue")
            if issue is not None:
                for tag, var in (("Volume", "volume"), ("Issue", "issue")):
                    value = _text(issue.find(tag))
                    if value:
                        data[var] = value
                date = _date(issue.find("PubDate"))
                if date:
                    data["issued"] = date
            issn = _text(journal.find("ISSN"))
            if issn:
                data["ISSN"] = issn
        pages = _text(article.find("Pagination/MedlinePgn"))
        if pages:
            data["page"] = expand_pages(pages)
        authors = _authors(article)
        if authors:
            data["author"] = authors
        for eloc in article.iterfind("ELocationID"):
            if eloc.get("EIdType") == "doi" and eloc.get("ValidYN", "Y") == "Y":
                data.setdefault("DOI", _text(eloc))
        for art_id in article_node.iterfind("PubmedData/ArticleIdList/ArticleId"):
            kind = art_id.get("IdType")
            if kind == "pmc":
                data["PMCID"] = _text(art_id)
            elif kind == "doi":
                data.setdefault("DOI", _text(art_id))
        if "page" not in data:
            number = next((_text(e) for e in article.iterfind("ELocationID") if e.get("EIdType") == "pii"), "")
            if number and number.isalnum() and len(number) <= 10:
                data["number"] = number
        notices = []
        for comment in citation.iterfind("CommentsCorrectionsList/CommentsCorrections"):
            kind = NOTICE_REFS.get(comment.get("RefType", ""))
            if kind:
                ref = _text(comment.find("RefSource"))
                other = _text(comment.find("PMID"))
                label = {"retraction": "Retraction in", "expression-of-concern": "Expression of concern in",
                         "correction": "Erratum in"}[kind]
                notices.append(Notice(kind, f"{label}: {ref}" + (f" (PMID {other})" if other else "")))
        types = [_text(t).lower() for t in article.iterfind("PublicationTypeList/PublicationType")]
        for pub_type in types:
            kind = NOTICE_TYPES.get(pub_type)
            if kind and not any(n.kind == kind for n in notices):
                notices.append(Notice(kind, f"PubMed publication type: {pub_type.capitalize()}"))
        records[pmid] = Record("pubmed", data, notices)
    return records
