"""Formatted runs and URLs to escaped HTML: the one place citation text becomes markup.

Everything here returns :class:`markupsafe.Markup`; every piece of text is
escaped on the way in, so nothing a source or a reference contains is ever
interpreted as HTML.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..model import Run

# Schemes a reader may follow from the page.  Everything else (javascript:, data:, file:, …) loses its link.
SAFE_LINK_SCHEMES = ("http", "https", "mailto", "tel", "doi")


def safe_href(url: str) -> str | None:
    """The URL if a reader may safely follow it, else None (the text stays, the link goes)."""
    url = (url or "").strip()
    if not url or any(ord(c) < 32 for c in url):
        return None
    if url.startswith("#"):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "doi":
        return "https://doi.org/" + url[4:].lstrip("/")
    if scheme in SAFE_LINK_SCHEMES and (parts.netloc or scheme in ("mailto", "tel")):
        return url
    return None


def link(href: str | None, inner: Markup | str) -> Markup:
    """``inner`` wrapped in ``<a href>`` when ``href`` is safe, else just ``inner``."""
    safe = safe_href(href or "")
    if safe is None:
        return Markup(escape(inner))
    return Markup('<a href="{}">{}</a>').format(safe, inner)


def render_run(run: Run) -> Markup:
    """One run: text with italic/bold/small caps/super/sub and a link when ``run.url`` is set."""
    out = Markup(escape(run.text))
    if run.strike:
        out = Markup("<del>{}</del>").format(out)
    if run.small_caps:
        out = Markup('<span style="font-variant:small-caps">{}</span>').format(out)
    if run.superscript:
        out = Markup("<sup>{}</sup>").format(out)
    if run.subscript:
        out = Markup("<sub>{}</sub>").format(out)
    if run.bold:
        out = Markup("<b>{}</b>").format(out)
    if run.italic:
        out = Markup("<i>{}</i>").format(out)
    if run.url:
        out = link(run.url, out)
    return out


def render_runs(runs: tuple[Run, ...] | list[Run]) -> Markup:
    """A run list as one escaped HTML fragment."""
    return Markup("").join(render_run(r) for r in runs)
