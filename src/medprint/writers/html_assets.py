"""Everything the page embeds: images as data: URIs, the stylesheet made self-contained, the QR code.

The web page must make no request and the PDF must read nothing outside the
allowed folders, so assets are read here (through ``paths.resolve_source_path``)
and inlined; a stylesheet's ``@import`` and foreign ``url()`` values are dropped.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

import tinycss2
from tinycss2 import ast as css_ast

from .. import report
from ..diagnostics import Diagnostic
from ..errors import LimitError, SourceError
from ..limits import Limits
from ..model import Location
from ..paths import resolve_source_path, styles_dir

MIME_BY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MIME_BY_SUFFIX = {".svg": "image/svg+xml", ".webp": "image/webp", ".ttf": "font/ttf", ".otf": "font/otf",
                  ".woff": "font/woff", ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg",
                  ".jpeg": "image/jpeg", ".gif": "image/gif"}


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def sniff_mime(data: bytes, path: Path) -> str | None:
    for magic, mime in MIME_BY_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if path.suffix.lower() == ".svg" and b"<svg" in data[:4096]:
        return "image/svg+xml"
    return None


def image_data_uri(src: str, source_dir: Path, location: Location | None, limits: Limits) -> str:
    """Read an image named in a source and return it as a data: URI, or raise a located SourceError."""
    path = resolve_source_path(src, source_dir, location, what="image")
    size = path.stat().st_size
    if size > limits.image_bytes:
        raise LimitError("limit.image_bytes", f"image '{src}' is {size} bytes (limit {limits.image_bytes})",
                         location, hint="shrink the image or raise MEDPRINT_LIMIT_IMAGE_BYTES")
    data = path.read_bytes()
    mime = sniff_mime(data, path)
    if mime is None:
        raise SourceError("image.format", f"image '{src}' is not a PNG, JPEG, GIF, WebP or SVG file", location,
                          hint="convert it to PNG or JPEG")
    _check_pixels(data, src, location, limits)
    return data_uri(data, mime)


def _check_pixels(data: bytes, src: str, location: Location | None, limits: Limits) -> None:
    """Pixel bombs, truncated files and unsafe SVG are refused by :mod:`medprint.safety.images`."""
    from ..safety.images import inspect_image_bytes

    inspect_image_bytes(data, src, location, limits)


# ---------------------------------------------------------------- stylesheets


_CSS_CACHE: dict[tuple, tuple[str, tuple[Diagnostic, ...], tuple[tuple[Path, tuple[int, int]], ...]]] = {}
_CSS_CACHE_SIZE = 8


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def self_contained_css(text: str, base_dir: Path, roots: list[Path], origin: str) -> str:
    """CSS with ``@import`` removed and every ``url()`` inlined as data: or emptied.

    Only files inside ``roots`` are inlined; network and other URLs become ``url()`` that loads
    nothing, with a warning naming the stylesheet.  The result is kept for the process (``watch`` and
    ``preview`` rebuild with the same stylesheet every time; tokenising it is a tenth of a second) until the
    text or a file it inlines changes; its warnings are given again each time.
    """
    key = (text, str(base_dir), tuple(str(r) for r in roots), origin)
    hit = _CSS_CACHE.get(key)
    if hit is not None and all(_stamp(path) == stamp for path, stamp in hit[2]):
        css, warnings, _ = hit
    else:
        deps: list[Path] = []
        with report.collecting() as found:
            css = _self_contained_css(text, base_dir, roots, origin, deps)
        warnings = tuple(found)
        if len(_CSS_CACHE) >= _CSS_CACHE_SIZE:
            _CSS_CACHE.clear()
        _CSS_CACHE[key] = (css, warnings, tuple((path, _stamp(path)) for path in deps))
    for diagnostic in warnings:
        report.warn(diagnostic)
    return css


def _self_contained_css(text: str, base_dir: Path, roots: list[Path], origin: str, deps: list[Path]) -> str:
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=False)
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, css_ast.AtRule) and rule.lower_at_keyword in ("import", "namespace"):
            _warn_css(origin, f"@{rule.at_keyword} removed (stylesheets are self-contained)")
            continue
        if isinstance(rule, css_ast.ParseError):
            continue
        _rewrite_urls(rule, base_dir, roots, origin, deps)
        out.append(rule.serialize())
    return "".join(out).replace("</", "<\\/")


def _rewrite_urls(node, base_dir: Path, roots: list[Path], origin: str, deps: list[Path]) -> None:
    for attr in ("prelude", "content"):
        tokens = getattr(node, attr, None)
        if isinstance(tokens, list):
            for i, token in enumerate(tokens):
                tokens[i] = _rewrite_token(token, base_dir, roots, origin, deps)
                if hasattr(tokens[i], "content") or hasattr(tokens[i], "arguments"):
                    _rewrite_urls(tokens[i], base_dir, roots, origin, deps)
    arguments = getattr(node, "arguments", None)
    if isinstance(arguments, list):
        for i, token in enumerate(arguments):
            arguments[i] = _rewrite_token(token, base_dir, roots, origin, deps)


def _rewrite_token(token, base_dir: Path, roots: list[Path], origin: str, deps: list[Path]):
    url = None
    if isinstance(token, css_ast.URLToken):
        url = token.value
    elif isinstance(token, css_ast.FunctionBlock) and token.lower_name in ("url", "src", "image-set"):
        strings = [a for a in token.arguments if isinstance(a, css_ast.StringToken)]
        url = strings[0].value if strings else ""
    if url is None:
        return token
    new = _inline_url(url, base_dir, roots, origin, deps)
    return css_ast.URLToken(token.source_line, token.source_column, new, f"url({_css_string(new)})")


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "") + '"'


def _inline_url(url: str, base_dir: Path, roots: list[Path], origin: str, deps: list[Path]) -> str:
    if url.startswith("data:") or url.startswith("#") or not url:
        return url
    try:
        path = resolve_source_path(url, base_dir, None, what="stylesheet resource", extra_roots=roots)
    except SourceError:
        _warn_css(origin, f"url({url}) removed: only files beside the source or in styles/ may be used")
        return ""
    mime = MIME_BY_SUFFIX.get(path.suffix.lower())
    if mime is None:
        _warn_css(origin, f"url({url}) removed: unknown file type")
        return ""
    deps.append(path)
    return data_uri(path.read_bytes(), mime)


def _warn_css(origin: str, message: str) -> None:
    report.warn(Diagnostic("handout.css", "warning", message, Location(origin),
                           hint="put fonts and images beside the stylesheet"))


def read_css(written: str, source_dir: Path, location: Location | None) -> tuple[str, Path]:
    """A source-provided stylesheet's text and its folder (paths resolved safely)."""
    path = resolve_source_path(written, source_dir, location, what="stylesheet", extra_roots=[styles_dir()])
    return path.read_text(encoding="utf-8", errors="replace"), path.parent


# ---------------------------------------------------------------- QR code


@functools.lru_cache(maxsize=64)
def qr_svg_data_uri(url: str) -> str:
    """A QR code for ``url`` as an SVG data: URI (vector, so it prints sharp at any size); made once per URL
    and process (the web page and the handout of every rebuild share it)."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    qr.save(buf, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, nl=False, omitsize=False)
    return data_uri(buf.getvalue(), "image/svg+xml")
