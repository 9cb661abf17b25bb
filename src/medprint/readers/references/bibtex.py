"""BibTeX and BibLaTeX (Zotero, Better BibTeX, JabRef, Google Scholar) → CSL items.

bibtexparser 1.4 parses the file (``@string`` macros, ``#`` concatenation,
month macros).  It silently skips entries it cannot parse, so a small
scanner first finds every ``@type{key,`` with its line and checks that its
braces close; an entry found by the scanner but missing from the parse is
reported at its line instead of vanishing.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import bibtexparser
from bibtexparser.bparser import BibTexParser

from ...diagnostics import Diagnostic
from ...model import Location, Reference
from ...report import warn
from ._text import fail, line_col
from .bibnames import parse_names
from .latex import plain, quiet_logger, to_csl
from .normalize import MONTHS
from .sentence_case import sentence_case, unprotect

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\n]*([{(])")
_NON_ENTRIES = {"comment", "preamble", "string"}
# The characters Pandoc's BibTeX reader (and BibTeX itself) accept in a key: letters, digits and
# .:;?!`'()$/*@_+=-[]&  -- so ``Mullender:1993:DS(:302430`` is a key like any other.
_KEY = re.compile(r"[\w.:;?!`'()$/*@+=\-\[\]&]+")

# Entry type → CSL type, as Pandoc's BibTeX reader maps them (``getTypeAndGenre``); ``misc`` and unknown
# types have no CSL type there, which CSL processors print like ``article`` -- so do we.
TYPES = {
    "article": "article-journal", "periodical": "article-journal", "suppperiodical": "article-journal",
    "book": "book", "bookinbook": "book", "collection": "book", "mvbook": "book", "mvcollection": "book",
    "mvproceedings": "book", "mvreference": "book", "proceedings": "book", "reference": "book",
    "manual": "book", "commentary": "book", "booklet": "pamphlet", "dataset": "dataset", "data": "dataset",
    "electronic": "webpage", "online": "webpage", "www": "webpage", "inbook": "chapter", "incollection": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference", "mastersthesis": "thesis",
    "phdthesis": "thesis", "thesis": "thesis", "patent": "patent", "report": "report", "techreport": "report",
    "software": "software", "unpublished": "manuscript", "artwork": "graphic", "image": "graphic",
    "audio": "song", "music": "song", "jurisdiction": "legal_case", "legislation": "legislation",
    "legal": "treaty", "letter": "personal_communication", "letters": "personal_communication",
    "movie": "motion_picture", "video": "motion_picture", "performance": "speech", "review": "review",
    "standard": "legislation", "newsarticle": "article-newspaper", "misc": "article",
}
_PERIODICALS = {"article", "periodical", "suppperiodical", "review"}
_CHAPTERS = {"inbook", "incollection", "inproceedings", "inreference", "bookinbook"}
_BOOKS = {"book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings",
          "mvreference", "bookinbook", "inbook", "incollection", "inproceedings", "inreference", "suppbook",
          "suppcollection"}
# BibLaTeX's localisation keys a field may hold (english.lbx, as Pandoc resolves them).
BIBSTRINGS = {"phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "candthesis": "Candidate thesis",
              "resreport": "research report", "techreport": "technical report", "software": "computer software",
              "datacd": "CD-ROM", "audiocd": "audio CD", "jourser": "series", "newseries": "new series",
              "oldseries": "old series", "inpress": "in press", "forthcoming": "forthcoming",
              "inpreparation": "in preparation", "submitted": "submitted", "prepublished": "pre-published",
              "patent": "patent", "patentde": "German patent", "patenteu": "European patent",
              "patentfr": "French patent", "patentuk": "British patent", "patentus": "U.S. patent",
              "patreq": "patent request", "patreqde": "German patent request", "patreqeu": "European patent request",
              "patreqfr": "French patent request", "patrequk": "British patent request",
              "patrequs": "U.S. patent request"}
# babel/polyglossia language names → IETF tags (Pandoc's ``toIETF``)
LANGIDS = {"english": "en-US", "usenglish": "en-US", "american": "en-US", "british": "en-GB", "ukenglish": "en-GB",
           "canadian": "en-US", "australian": "en-GB", "newzealand": "en-GB", "afrikaans": "af-ZA", "arabic": "ar",
           "basque": "eu", "bulgarian": "bg-BG", "catalan": "ca-AD", "croatian": "hr-HR", "czech": "cs-CZ",
           "danish": "da-DK", "dutch": "nl-NL", "estonian": "et-EE", "finnish": "fi-FI", "canadien": "fr-CA",
           "acadian": "fr-CA", "french": "fr-FR", "francais": "fr-FR", "austrian": "de-AT", "naustrian": "de-AT",
           "german": "de-DE", "germanb": "de-DE", "ngerman": "de-DE", "greek": "el-GR", "polutonikogreek": "el-GR",
           "polytonicgreek": "el-GR", "hebrew": "he-IL", "hungarian": "hu-HU", "icelandic": "is-IS",
           "italian": "it-IT", "japanese": "ja-JP", "latvian": "lv-LV", "lithuanian": "lt-LT", "magyar": "hu-HU",
           "mongolian": "mn-MN", "norsk": "nb-NO", "nynorsk": "nn-NO", "farsi": "fa-IR", "polish": "pl-PL",
           "brazil": "pt-BR", "brazilian": "pt-BR", "portugues": "pt-PT", "portuguese": "pt-PT",
           "romanian": "ro-RO", "russian": "ru-RU", "serbian": "sr-RS", "serbianc": "sr-RS", "slovak": "sk-SK",
           "slovene": "sl-SL", "spanish": "es-ES", "swedish": "sv-SE", "thai": "th-TH", "turkish": "tr-TR",
           "ukrainian": "uk-UA", "vietnamese": "vi-VN", "latin": "la"}
_LANGID_VARIANTS = {"british": "british", "uk": "british", "american": "american", "us": "american",
                    "usmax": "american", "australian": "australian", "newzealand": "newzealand"}
_EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "googlebooks": "https://books.google.com?id="}
# Plain field → CSL variable, each through the LaTeX converter.
_TEXT_FIELDS = {"pagetotal": "number-of-pages", "volumes": "number-of-volumes", "chapter": "chapter-number",
                "edition": "edition", "version": "version", "venue": "event-place", "origpublisher":
                "original-publisher", "abstract": "abstract", "keywords": "keyword"}
_RAW_FIELDS = {"doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmcid": "PMCID",
               "library": "call-number", "ids": "other-ids"}


def _scan(text: str, file: str) -> list[tuple[str, str, int, int, int, int]]:
    """Every entry as (type, key, line, col, start, end offsets); raises at an entry whose braces never close."""
    entries = []
    pos = 0
    while True:
        m = _ENTRY_START.search(text, pos)
        if not m:
            return entries
        kind = m.group(1).lower()
        opener = m.group(2)
        closer = "}" if opener == "{" else ")"
        depth, braces, i = 1, 0, m.end()
        while i < len(text) and depth:
            c = text[i]
            if opener == "{":
                depth += (c == "{") - (c == "}")
            elif c in "{}":
                braces += 1 if c == "{" else -1
            elif c == ")" and braces <= 0:
                depth = 0
            i += 1
        line, col = line_col(text, m.start())
        if depth:
            nxt = _ENTRY_START.search(text, m.end())
            where = f"; another entry starts at line {line_col(text, nxt.start())[0]}" if nxt else ""
            raise fail("reference.unterminated", f"@{m.group(1)} entry is never closed with '{closer}'{where}",
                       file, line, col, hint="count the braces in this entry (a '}' is missing or a '{' extra)")
        if kind not in _NON_ENTRIES:
            body = text[m.end():i - 1]
            key = body.split(",", 1)[0].strip()
            if not _KEY.fullmatch(key):
                raise fail("reference.missing-id", f"@{m.group(1)} entry has no citation key", file, line, col,
                           hint="write the key right after the brace: @article{smith2020, ...")
            entries.append((kind, key, line, col, m.end(), i))
        pos = i


def _first_of_each_key(found: list[tuple], file: str) -> list[tuple]:
    """A key defined twice in one file: BibTeX and biber warn and keep the first entry; so do we (with the
    place of both).  Across files a repeated key stays an error (``check_duplicates``)."""
    seen: dict[str, Location] = {}
    kept = []
    for entry in found:
        key, line, col = entry[1], entry[2], entry[3]
        if key in seen:
            warn(Diagnostic("reference.duplicate-key-in-file", "warning",
                            f"reference key '{key}' is defined again; the first entry (at {seen[key]}) is used",
                            Location(file, line, col), "delete or rename one of the two entries"))
            continue
        seen[key] = Location(file, line, col)
        kept.append(entry)
    return kept


def parse_bibtex(text: str, file: str) -> list[Reference]:
    """Parse BibTeX/BibLaTeX text into references, one per entry, in file order."""
    found = _scan(text, file)
    found = _first_of_each_key(found, file)
    from ...limits import Limits
    from ...safety.bibtex_strings import check_string_expansion

    check_string_expansion(text, file, Limits.from_env().reference_file_bytes)  # @string "billion laughs"
    try:
        with warnings.catch_warnings(), quiet_logger("bibtexparser"):
            warnings.simplefilter("ignore")  # bibtexparser 1.4 uses pyparsing names pyparsing 3 deprecates
            parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True,
                                  add_missing_from_crossref=True)
            db = bibtexparser.loads(_ANNOTATION_FIELD.sub(_rename_field, text), parser=parser)
    except RecursionError:
        raise fail("limit.nesting", "BibTeX nested too deeply", file, 1, 1) from None
    except KeyError as exc:  # an undefined @string macro
        name = str(exc.args[0]) if exc.args else ""
        m = re.search(r"(?:=|#)\s*" + re.escape(name) + r"\b", text, re.I) if name else None
        line, col = line_col(text, m.end() - len(name)) if m else (1, 1)
        raise fail("reference.undefined-string", f"'{name}' is not a defined @string macro", file, line, col,
                   hint="put the value in braces ({...}) or define it with @string{name = {...}}") from None
    except Exception as exc:  # noqa: BLE001 - bibtexparser/pyparsing raise many kinds; name the problem
        raise fail("reference.parse", f"BibTeX could not be parsed: {(str(exc).splitlines() or [type(exc).__name__])[0][:200]}", file, 1, 1,
                   hint="check the entry syntax: @type{key, field = {value}, ...}") from None
    parsed: dict[str, dict] = {}
    for e in db.entries:  # file order: a key defined twice keeps its first entry, as BibTeX and biber do
        parsed.setdefault(e.get("ID", ""), e)
    refs = []
    for _, key, line, col, start, end in found:
        entry = parsed.get(key)
        where = Location(file, line, col)
        if entry is None:
            raise fail("reference.parse", f"entry '{key}' could not be parsed", file, line, col,
                       hint="check its fields: name = {value} or name = \"value\", separated by commas")
        bare_month = _BARE_MONTH.search(text, start, end)
        if bare_month and "month" in entry:  # bibtexparser expanded the macro to "January"; keep Pandoc's view
            entry = {**entry, "month": bare_month.group(1)[:3]}
        data = entry_to_csl(entry)
        refs.append(Reference(key, data, where))
    return refs


def _date_row(year: int, fields: dict[str, str], prefix: str) -> list[int]:
    """[year, month, day] from ``{prefix}month`` and ``{prefix}day`` (as far as they are given)."""
    row = [year]
    month = _month(fields.get(f"{prefix}month", ""))
    if month:
        row.append(month)
        day = plain(fields.get(f"{prefix}day", "")).strip()
        if day.isdigit():
            row.append(int(day))
    return row


def _year(value: str) -> int | None:
    value = plain(value).strip()
    value = re.sub(r"^[–—]", "-", value)  # a BC year written --44
    return int(value) if re.fullmatch(r"-?\d+", value) else None


def _month(value: str) -> int | None:
    """``month = jan`` (the macro) or a number, as Pandoc's ``parseMonth``; ``{January}`` is no month there."""
    value = plain(value).strip().lower()
    if value.isdigit():
        return int(value)
    return MONTHS.get(value)


# BibLaTeX data annotations (``author+an = {...}``, ``title+an:default``): field names bibtexparser cannot
# read; Pandoc reads and ignores them, so they are renamed to a name no mapping uses.
_ANNOTATION_FIELD = re.compile(r"(^|,)([ \t]*)([A-Za-z][\w-]*[+:][\w+:-]*)(?=\s*=)", re.M)


def _rename_field(m: re.Match) -> str:
    return m.group(1) + m.group(2) + re.sub(r"[+:]", "_", m.group(3))


_BARE_MONTH = re.compile(r"[,\s]month\s*=\s*([A-Za-z]{3,})\b", re.I)
_EDTF_PART = re.compile(r"(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _edtf(value: str) -> dict[str, Any] | None:
    """A BibLaTeX ``date`` field: ISO 8601/EDTF only (``2020-06-24``, ``2019/2020``, ``2020~``), as
    citeproc's ``rawDateEDTF`` reads it; anything else is no date (the ``year`` fields are used instead)."""
    value = plain(value).replace("\u00a0", "~").strip()
    pieces = value.split("/")
    if len(pieces) == 2 and pieces[1] in ("open", "unknown", "..", ""):
        pieces = pieces[:1]
    parts = []
    for piece in pieces:
        m = _EDTF_PART.fullmatch(re.split(r"[~?%T]", piece.strip(), maxsplit=1)[0])
        if not m:
            return None
        year = int(m.group(2)) * (-1 if m.group(1) else 1) - (1 if m.group(1) else 0)
        parts.append([year] + [int(g) for g in m.groups()[2:] if g])
    date: dict[str, Any] = {"date-parts": parts}
    if any(p.strip().endswith("~") for p in pieces):
        date["circa"] = True
    return date


def _date(fields: dict[str, str], prefix: str) -> dict[str, Any] | None:
    """``{prefix}date`` (EDTF) or the old ``{prefix}year``/``month``/``day`` fields, as Pandoc reads them."""
    name = f"{prefix}date" if prefix != "url" else "urldate"
    if fields.get(name):
        date = _edtf(fields[name])
        if date:
            return date
    year = fields.get(f"{prefix}year")
    if year is None:
        return None
    parts = []
    y = _year(year)
    if y is not None:
        parts.append(_date_row(y, fields, prefix))
        end_year = _year(fields.get(f"{prefix}endyear", ""))
        if end_year is not None:
            parts.append(_date_row(end_year, fields, f"{prefix}end"))
        return {"date-parts": parts}
    literal = year.strip()
    return {"literal": literal} if literal else None


def _join(parts: list[str], sep: str) -> str:
    """Pandoc's ``concatWith``: ``title: subtitle``, unless the first part already ends in punctuation."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif re.sub(r"<[^>]+>", "", out)[-1:] in "!?.,:;":
            out += " " + part
        else:
            out += sep + " " + part
    return out


def _literal_list(value: str) -> str:
    """A BibLaTeX list field (``publisher = {A and B}``) as Pandoc prints it: ``A; B``."""
    from .bibnames import split_names

    return "; ".join(to_csl(p).strip() for p in split_names(value))


def _options(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(","):
        key, _, val = part.partition("=")
        out[key.strip().lower()] = val.strip().lower()
    return out


def _language(fields: dict[str, str]) -> str | None:
    """``langid`` (with ``langidopts`` variant) or ``hyphenation`` as an IETF tag, as Pandoc reads them."""
    langid = plain(fields.get("langid", "")).strip().lower()
    if langid:
        opts = plain(fields.get("langidopts", "")).strip().lower()
        if langid == "english" and opts.startswith("variant="):
            langid = _LANGID_VARIANTS.get(opts[8:], langid)
    else:
        langid = plain(fields.get("hyphenation", "")).strip().lower()
    return LANGIDS.get(langid, langid) if langid else None


def _doi(value: str) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.I)


def entry_to_csl(entry: dict[str, str]) -> dict[str, Any]:
    """One bibtexparser entry as a CSL item, field by field as Pandoc's BibTeX reader
    (``Text.Pandoc.Citeproc.BibTeX.itemToReference``) maps a ``.bib`` file (read as BibLaTeX)."""
    kind = entry.get("ENTRYTYPE", "misc").lower()
    fields = {k.lower(): v for k, v in entry.items() if k not in ("ENTRYTYPE", "ID") and isinstance(v, str)}
    for alias, name in (("archiveprefix", "eprinttype"), ("primaryclass", "eprintclass")):
        if alias in fields:
            fields.setdefault(name, fields[alias])
    subtype = plain(fields.get("entrysubtype", "")).strip()
    language = _language(fields)
    english = language is None or language == "en" or language.startswith("en-")
    opts = _options(fields.get("options", ""))
    data: dict[str, Any] = {"id": entry.get("ID", "")}

    csl_type = TYPES.get(kind, "article")
    if kind in ("article", "periodical", "suppperiodical") and subtype in ("magazine", "newspaper"):
        csl_type = f"article-{subtype}"
    if kind == "unpublished" and any(fields.get(f) for f in ("eventdate", "eventtitle", "venue")):
        csl_type = "speech"
    data["type"] = csl_type
    genre = plain(fields.get("type", "")).strip()
    genre = BIBSTRINGS.get(genre, genre)
    if not genre and kind in ("mastersthesis", "phdthesis"):
        genre = BIBSTRINGS["mathesis" if kind == "mastersthesis" else "phdthesis"]
    if genre:
        data["genre"] = genre
    if language:
        data["language"] = language

    useprefix = opts.get("useprefix", "x") in ("true", "")
    for role, var in (("author", "author"), ("bookauthor", "container-author"), ("translator", "translator"),
                      ("editor", "editor"), ("director", "director")):
        if fields.get(role):
            names = parse_names(fields[role], useprefix=useprefix)
            if names:
                if role == "editor" and plain(fields.get("editortype", "")).strip() == "director":
                    var = "director"
                data[var] = names

    def title(name: str) -> str:  # sentence case for English entries (Pandoc's getTitle / unTitlecase)
        if not fields.get(name):
            return ""
        text = to_csl(fields[name], protect=True).strip()
        return unprotect(sentence_case(text)) if english else text

    def periodical(name: str) -> str:  # journal names keep their case (getPeriodicalTitle)
        return unprotect(to_csl(fields[name], protect=True).strip()) if fields.get(name) else ""

    is_periodical = kind == "periodical"
    chapterlike = kind in _CHAPTERS
    has_main = bool(fields.get("maintitle"))
    main = has_main and not chapterlike
    main_title = (is_periodical and title("issuetitle")) or (main and title("maintitle")) or title("title")
    if is_periodical and fields.get("issuesubtitle"):
        subtitle = title("issuesubtitle")
    elif main:
        subtitle = title("mainsubtitle")
    else:
        subtitle = title("subtitle")
    addon = title("maintitleaddon") if main else title("titleaddon")
    if main_title:
        data["title"] = _join([_join([main_title, subtitle], ":"), addon], ".")
    if main:
        volume_title = [title("title"), title("subtitle"), title("titleaddon")]
    elif has_main:
        volume_title = [title("booktitle"), title("booksubtitle"), title("booktitleaddon")]
    else:
        volume_title = []
    if volume_title and volume_title[0]:
        data["volume-title"] = _join([_join(volume_title[:2], ":"), volume_title[2]], ".")
    container = ((is_periodical and periodical("title")) or (chapterlike and (title("maintitle") or title("booktitle")))
                 or periodical("journaltitle") or periodical("journal"))
    if container:
        if is_periodical and fields.get("subtitle"):
            container_sub, container_addon = periodical("subtitle"), periodical("titleaddon")
        elif chapterlike:
            container_sub = title("mainsubtitle") or title("booksubtitle")
            container_addon = title("maintitleaddon") or title("booktitleaddon")
        else:
            container_sub, container_addon = periodical("journalsubtitle"), ""
        data["container-title"] = _join([_join([container, container_sub], ":"), container_addon], ".")
    short_container = (is_periodical and not has_main and periodical("shorttitle")) or periodical("shortjournal")
    if short_container:
        data["container-title-short"] = short_container
    series = _series(fields.get("series", ""), english)
    if series:
        data["collection-title"] = series
    if (not has_main or chapterlike) and fields.get("shorttitle"):
        data["title-short"] = title("shorttitle")
    elif fields.get("title") and ((subtitle or addon) and not has_main or ":" in _plain_text(title("title"))):
        data["title-short"] = title("title").split(":", 1)[0].strip()
    for field, var in (("eventtitle", "event"), ("origtitle", "original-title")):
        if fields.get(field):
            data[var] = title(field)

    for field, var in _TEXT_FIELDS.items():
        if fields.get(field):
            data[var] = to_csl(fields[field]).strip()
    if fields.get("pages"):
        data["page"] = to_csl(fields["pages"]).strip().replace("\u2013", "-")
    volume, part = (to_csl(fields[f]).strip() if fields.get(f) else "" for f in ("volume", "part"))
    if volume or part:
        data["volume"] = f"{volume}.{part}" if volume and part else volume or part
    if fields.get("number"):
        number = to_csl(fields["number"]).strip()
        if kind in _BOOKS:
            data["collection-number"] = number
        elif kind in _PERIODICALS:
            issue = to_csl(fields["issue"]).strip() if fields.get("issue") else ""
            data["issue"] = _join([number, issue], ",")
        else:
            data["number"] = number

    publishers = [to_csl(fields[f]).strip() if f == "howpublished" else _literal_list(fields[f])
                  for f in ("school", "institution", "organization", "howpublished", "publisher") if fields.get(f)]
    if publishers:
        data["publisher"] = _join(publishers, ";")
    if fields.get("address"):
        data["publisher-place"] = _literal_list(fields["address"])
    elif fields.get("location") and kind != "patent":
        data["publisher-place"] = _literal_list(fields["location"])
    if fields.get("origlocation"):
        data["original-publisher-place"] = _literal_list(fields["origlocation"])
    if csl_type == "patent" and fields.get("location"):
        data["jurisdiction"] = _literal_list(fields["location"])

    for prefix, var in (("", "issued"), ("event", "event-date"), ("orig", "original-date"), ("url", "accessed")):
        date = _date(fields, prefix)
        if date:
            data[var] = date

    url = fields.get("url", "").strip()
    if url and (kind == "online" or opts.get("url") != "false"):
        data["URL"] = url
    elif fields.get("eprint") and plain(fields.get("eprinttype", "")).strip().lower() in _EPRINT_URLS:
        data["URL"] = _EPRINT_URLS[plain(fields["eprinttype"]).strip().lower()] + fields["eprint"].strip()
    for field, var in _RAW_FIELDS.items():
        if fields.get(field) and not (field == "doi" and opts.get("doi") == "false"):
            data[var] = fields[field].strip()
    if data.get("DOI"):
        data["DOI"] = _doi(data["DOI"])

    notes = [to_csl(fields[f]).strip() for f in ("note", "addendum")
             if fields.get(f) and not (f == "note" and kind == "periodical")]
    if notes:
        data["note"] = _join(notes, ".")
    if fields.get("annotation") or fields.get("annote"):
        data["annote"] = to_csl(fields.get("annotation") or fields["annote"]).strip()
    pubstate = plain(fields.get("pubstate", "")).strip()
    if pubstate:
        data["status"] = BIBSTRINGS.get(pubstate, pubstate)
    elif data.get("issued", {}).get("literal") == "forthcoming":
        data["status"] = "forthcoming"
    return {k: v for k, v in data.items() if v not in ("", None, [])}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _series(value: str, english: bool) -> str:
    """``series = 3`` → ``3rd series``; ``series = newseries`` → ``new series`` (BibLaTeX's keys, as Pandoc
    resolves them word by word); any other series is a title (sentence case for English entries)."""
    if not value.strip():
        return ""
    text = to_csl(value, protect=True).strip()
    if re.fullmatch(r"-?\d+", text):
        return f"{_ordinal(int(text))} {BIBSTRINGS['jourser']}"
    text = re.sub(r"[A-Za-z]+", lambda m: BIBSTRINGS.get(m.group(0), m.group(0)), text) if "<" not in text else text
    return unprotect(sentence_case(text)) if english else text


def _plain_text(rich: str) -> str:
    return re.sub(r"<[^>]+>", "", rich)
