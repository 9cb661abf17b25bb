"""The web page and the print handout's HTML: one template, two modes.

``render_html(..., for_print=True)`` is what WeasyPrint lays out for the PDF;
``for_print=False`` is the self-contained web page (CSS, fonts and images
inlined).  Templates run in Jinja2's sandbox with autoescape on, because a
source may bring its own template and all source text is untrusted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html as html_lib
import os
import re
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .. import __version__
from ..errors import SourceError
from ..model import Document, Location, RenderedCitations, Text, split_sections
from ..paths import is_inside, resolve_source_path
from ..i18n.labels import Labels, is_english, untranslated
from ..i18n.terms import display_date
from .html_assets import qr_svg_data_uri, read_css, self_contained_css
from .html_blocks import BlockRenderer
from .html_runs import safe_href
from .html_fonts import SANS, SERIF, print_font_faces, web_font_faces

PAPER_SIZES = {"letter": "letter", "a4": "A4", "a5": "A5", "legal": "legal", "ledger": "ledger", "b5": "B5"}
TRAILING_WORDS = {"a", "an", "and", "the", "of", "on", "in", "for", "to", "with", "by", "at", "or", "from"}


def render_html(document: Document, citations: RenderedCitations, *, styles: Path, for_print: bool = False) -> str:
    """The document as one HTML page (the PDF's input when ``for_print``)."""
    meta = document.meta
    check_options(document)
    source_dir = Path(document.source_path).parent
    renderer = BlockRenderer(document, citations, for_print=for_print)
    renderer.reserve_ids()
    lead_blocks, _ = split_sections(document.blocks)
    lead_html = renderer.blocks(lead_blocks)
    body_html = renderer.blocks(document.blocks[len(lead_blocks):])
    refs_html = Markup("")
    if not renderer.refs_placed and citations.entries:
        refs_html = renderer.references_heading() + renderer.references()
    qr = qr_svg_data_uri(meta.url) if safe_href(meta.url) and _truthy(meta.option("handout", "qr", True)) else ""
    context = {
        "for_print": for_print,
        "lang": meta.lang or "en-US",
        "meta": meta,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "authors": meta.authors,
        "affiliations": _affiliations(meta.authors),
        "title_organization": meta.title_organization(),
        "title_html": renderer.inlines(meta.title_markup()),
        "subtitle_html": renderer.inlines(meta.subtitle_markup()),
        "authors_html": authors_line(meta, renderer),
        "affiliations_html": [renderer.inlines(a) for a in _affiliation_markup(meta.authors)],
        "abstract_title": abstract_title(meta),
        "labels": Labels(meta.lang),
        "abstract_html": renderer.blocks(meta.abstract_markup()) if meta.abstract else Markup(""),
        "date": format_date(meta.date, meta.lang),
        "iso_date": meta.date.isoformat() if meta.date else "",
        "created": creation_date(meta.date),
        "reviewed": format_date(meta.review.reviewed, meta.lang),
        "next_review": format_date(meta.review.next_review, meta.lang),
        "running_head": running_head(document),
        "footer": page_footer(document),
        "lead": lead_html,
        "body": body_html,
        "references": refs_html,
        "endnotes": renderer.endnotes,
        "headings": renderer.headings,
        "qr": qr,
        "generator": f"medprint {__version__}",
        "description": meta.subtitle or meta.abstract,
    }
    env, template_name = _environment(document, styles, source_dir)
    css = _stylesheet(document, styles, source_dir)
    context["paper"] = paper_size(document)
    context["css"] = Markup("")  # fonts need the page text first (web) so CSS is added after a first pass
    template = env.get_template(template_name)
    page = _render(template, context)
    fonts = print_font_faces() if for_print else web_font_faces(_visible_text(page), families=(SERIF, SANS))
    context["css"] = Markup(fonts + "\n" + css.replace("</", "<\\/"))
    return _render(template, context)


def _render(template: jinja2.Template, context: dict) -> str:
    """Render, turning template mistakes (and sandbox refusals) into a located SourceError."""
    try:
        return template.render(context)
    except RecursionError:
        raise SourceError("handout.template", "template includes itself without end",
                          Location(template.name or "template"), hint="remove the recursive include") from None
    except jinja2.TemplateError as exc:
        from ..safety import display, template_line

        filename = getattr(exc, "filename", None) or template.filename or template.name or "template"
        line = getattr(exc, "lineno", 0) or template_line(exc, filename)
        raise SourceError("handout.template", f"template error: {exc}",
                          Location(display(filename), line, 1 if line else 0),
                          hint="fix the handout template (it runs sandboxed: no attribute tricks, no files outside "
                               "its folder)") from None


# ---------------------------------------------------------------- options


HANDOUT_OPTIONS = ("paper", "variant", "qr", "template", "css", "running_head")


def check_options(document: Document) -> None:
    """Every ``handout:`` key must be one medprint knows: a typo must not be silently ignored."""
    for key, _ in document.meta.handout:
        if key not in HANDOUT_OPTIONS:
            close = difflib.get_close_matches(str(key), HANDOUT_OPTIONS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(HANDOUT_OPTIONS)
            where = document.meta.position(f"handout.{key}") or document.meta.position("handout")
            raise SourceError("handout.unknown-option", f"unknown handout option '{key}'", where, hint=hint)


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0", "")
    return bool(value)


def paper_size(document: Document) -> str:
    raw = str(document.meta.option("handout", "paper", "letter") or "letter").strip()
    size = PAPER_SIZES.get(raw.lower())
    if size is None:
        raise SourceError("handout.paper", f"unknown paper size '{raw}'",
                          document.meta.position("handout.paper") or document.meta.position("handout"),
                          hint="use one of: " + ", ".join(PAPER_SIZES))
    return size


def running_head(document: Document) -> str:
    """APA running head: the short title in capitals, at most 50 characters."""
    chosen = str(document.meta.option("handout", "running_head", "") or "").strip()
    short = chosen or document.meta.title.split(":", 1)[0].strip()
    if len(short) > 50:
        words = short[:51].rsplit(" ", 1)[0].split()
        while len(words) > 1 and words[-1].lower().strip(",;:") in TRAILING_WORDS:
            words.pop()
        short = " ".join(words).rstrip(" :;,-–—")
    return short.upper()


def page_footer(document: Document) -> str:
    """The short line printed at every page foot, so a single printed page still carries who endorsed it
    (review statement, version, review date), that it is not medical advice, and the copyright holder."""
    meta = document.meta
    parts = []
    copyright_ = meta.copyright.split(",", 1)[0].strip()
    if meta.review.statement:
        parts.append(meta.review.statement)
    elif meta.organization and meta.organization not in copyright_:
        parts.append(meta.organization)
    labels = Labels(meta.lang)
    if meta.version:
        parts.append(labels("Version {version}", version=meta.version))
    if meta.review.reviewed:
        parts.append(labels("Reviewed {date}", date=format_date(meta.review.reviewed, meta.lang)))
    notice = "Not a substitute for professional medical advice (see last page)"
    if meta.disclaimer and (is_english(meta.lang) or notice not in untranslated(meta.lang)):
        parts.append(labels(notice))
    if copyright_:
        parts.append(copyright_)
    return " · ".join(parts)


def format_date(date: dt.date | None, lang: str) -> str:
    if date is None:
        return ""
    return display_date(date, lang)  # "March 1, 2025"; the CSL locale's text form: "1 de marzo de 2025"


def creation_date(date: dt.date | None) -> str:
    """W3C date for the PDF's CreationDate: the document's date, else SOURCE_DATE_EPOCH, else none (never the clock)."""
    if date is not None:
        return date.isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


def abstract_title(meta) -> str:
    """The abstract's label: Pandoc's ``abstract-title`` when the front matter sets one, else "Abstract"."""
    return meta.abstract_title or Labels(meta.lang)("Abstract")


def authors_line(meta, renderer: BlockRenderer) -> Markup:
    """"Name, credentials¹, Name² and Name": names read as Markdown, joined in the document's language."""
    from ..i18n.terms import list_separators

    affiliations = _affiliations(meta.authors)
    parts = []
    for author, sep in zip(meta.authors, list_separators(len(meta.authors), meta.lang)):
        part = renderer.inlines(author.name_markup())
        if author.credentials:
            part += Markup(", {}").format(author.credentials)
        if len(affiliations) > 1 and author.affiliation_list():
            numbers = sorted(affiliations.index(a) + 1 for a in author.affiliation_list())
            part += Markup("<sup>{}</sup>").format(",".join(map(str, numbers)))
        parts.append(part + sep)
    return Markup("").join(parts)


def _affiliation_markup(authors) -> list:
    """Each institution once, as inlines (an author's single affiliation keeps its Markdown)."""
    seen: dict[str, object] = {}
    for author in authors:
        for name in author.affiliation_list():
            if name not in seen:
                seen[name] = author.affiliation_markup() if not author.institutions else (Text(name),)
    return list(seen.values())


def _affiliations(authors) -> list[str]:
    """Each institution once, in order of first mention: the numbers of the title block."""
    seen: list[str] = []
    for author in authors:
        for name in author.affiliation_list():
            if name not in seen:
                seen.append(name)
    return seen


# ---------------------------------------------------------------- templates and CSS


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that also refuses symlinks leading out of its folders ({% include %} included)."""

    def get_source(self, environment, template):
        for root in self.searchpath:  # refuse before reading: a secret must not even reach memory
            candidate = Path(root, *jinja2.loaders.split_template_path(template))
            if candidate.is_file():
                if not is_inside(candidate.resolve(), Path(root).resolve()):
                    raise jinja2.TemplateNotFound(template)
                break
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(is_inside(real, Path(root).resolve()) for root in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def _sandbox(folders: tuple[str, ...]) -> jinja2.Environment:
    """One sandboxed environment per template folder list, kept for the process: Jinja2 then compiles a
    template once and again only when its file changes (``watch`` and ``preview`` rebuild many times)."""
    env = SandboxedEnvironment(loader=ConfinedLoader(list(folders)), autoescape=True,
                               undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = lambda url: safe_href(str(url)) or ""
    return env


def _environment(document: Document, styles: Path, source_dir: Path) -> tuple[jinja2.Environment, str]:
    folders = [str(styles / "handout")]
    name = "handout.html"
    written = document.meta.option("handout", "template")
    if written:
        where = document.meta.position("handout.template") or document.meta.position("handout")
        path = resolve_source_path(str(written), source_dir, where, what="handout template")
        folders.insert(0, str(path.parent))
        name = path.name
    env = _sandbox(tuple(folders))
    try:
        env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise SourceError("handout.template", f"template syntax error: {exc.message}",
                          Location(Path(exc.filename or name).name, exc.lineno or 0, 1),
                          hint="fix the Jinja2 template") from None
    except jinja2.TemplateNotFound:
        raise SourceError("handout.template", f"handout template '{name}' not found in {', '.join(folders)}",
                          None, hint="restore styles/handout/ or fix handout: {template: …}") from None
    return env, name


def _stylesheet(document: Document, styles: Path, source_dir: Path) -> str:
    written = document.meta.option("handout", "css")
    if written:
        where = document.meta.position("handout.css") or document.meta.position("handout")
        text, base = read_css(str(written), source_dir, where)
        origin = str(written)
    else:
        base = styles / "handout"
        text = (base / "handout.css").read_text(encoding="utf-8")
        origin = "styles/handout/handout.css"
    return self_contained_css(text, base, [source_dir.resolve(), styles.resolve()], origin)


def _visible_text(page: str) -> str:
    body = page.split("<body", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
