"""Images: alt text present (the handout is PDF/UA), file present inside the source folder, and decodable.

Paths go through :func:`medprint.paths.resolve_source_path`, so an image outside the source's folder or at
a URL is reported with that function's own code (``path.escapes``, ``path.url``, ``path.absolute``).
Decoding uses Pillow for raster images and defusedxml for SVG, within :mod:`medprint.limits`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import SourceError, UnsafePathError
from ..limits import Limits
from ..model import Document, Figure, Image, Location, block_inlines, walk_blocks, walk_inlines


def _images(document: Document) -> Iterator[tuple[Image, Location | None]]:
    blocks = list(document.blocks)
    for _, notes in document.footnotes:
        blocks.extend(notes)
    for block in walk_blocks(tuple(blocks)):
        if isinstance(block, Figure):
            yield block.image, block.image.location or block.location
        for inlines in block_inlines(block):
            for inline in walk_inlines(inlines):
                if isinstance(inline, Image):
                    yield inline, inline.location or getattr(block, "location", None)


def unreadable_reason(path: Path, limits: Limits) -> str:
    """Why an image file cannot be used, or "" when it decodes within the limits."""
    size = path.stat().st_size
    if size > limits.image_bytes:
        return f"it is {size} bytes, over the {limits.image_bytes}-byte limit"
    if path.suffix.lower() == ".svg":
        from defusedxml import ElementTree

        try:
            root = ElementTree.parse(str(path)).getroot()
        except Exception as exc:  # noqa: BLE001 - any parse failure means unreadable
            return f"it is not valid SVG ({type(exc).__name__})"
        return "" if root.tag.split("}")[-1] == "svg" else "its root element is not <svg>"
    import warnings

    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # the limit below decides
            with PILImage.open(path) as img:
                width, height = img.size
                img.verify()
    except PILImage.DecompressionBombError:
        return "it has more pixels than any handout needs (a decompression bomb)"
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for a bad file
        return f"it cannot be decoded as an image ({type(exc).__name__})"
    if width * height > limits.image_pixels:
        return f"it has {width}x{height} pixels, over the {limits.image_pixels}-pixel limit"
    return ""


def check_figures(document: Document, limits: Limits | None = None) -> Iterator[Diagnostic]:
    limits = limits or Limits.from_env()
    source_dir = Path(document.source_path).parent
    for image, loc in _images(document):
        if not image.alt.strip():
            yield Diagnostic("figure.missing-alt", "error", f"image '{image.src}' has no alt text", loc,
                             "describe what it shows: ![what the image shows](" + image.src + ")")
        try:
            path = resolve_image(image.src, source_dir, loc)
        except UnsafePathError as err:
            problem = err.problems[0]
            yield Diagnostic(problem.code, "error", problem.message, loc, problem.hint)
            continue
        except SourceError as err:
            yield Diagnostic("figure.missing-file", "error", f"image file '{image.src}' not found", loc,
                             err.problems[0].hint or "fix the path")
            continue
        reason = unreadable_reason(path, limits)
        if reason:
            yield Diagnostic("figure.unreadable", "error", f"image '{image.src}' is unusable: {reason}", loc,
                             "re-export it as PNG, JPEG or SVG")


def resolve_image(src: str, source_dir: Path, loc: Location | None) -> Path:
    from ..paths import resolve_source_path

    return resolve_source_path(src, source_dir, loc, what="image")
