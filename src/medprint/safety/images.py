"""Image bytes from a source, checked before any writer decodes them.

A file named ``.png`` may be text, truncated, or a few kilobytes that expand
to billions of pixels (a decompression bomb).  :func:`inspect_image` sniffs
the real format from the bytes, enforces the byte and pixel limits *before*
decoding, then decodes once so a truncated file is an error, not a blank box.
SVG goes through :mod:`medprint.safety.xml` (no DTD, no entities).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import LimitError, SourceError
from ..limits import Limits
from ..model import Location

RASTER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


@dataclass(frozen=True)
class ImageInfo:
    """What a checked image is: its real MIME type and size in pixels (0 for SVG)."""

    mime: str
    width: int
    height: int
    data: bytes


def sniff(data: bytes) -> str | None:
    """The MIME type the bytes really are (never the file name's claim), or None."""
    for magic, mime in RASTER_MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data[:65536].lower():
        return "image/svg+xml"
    return None


def inspect_image(path: Path, src: str, location: Location | None, limits: Limits | None = None) -> ImageInfo:
    """Read and check one image named ``src`` in a source; raise a located error when it is unusable."""
    limits = limits or Limits.from_env()
    try:
        size = Path(path).stat().st_size
        if size > limits.image_bytes:
            raise LimitError("limit.image-bytes", f"image '{src}' is {size} bytes, over the limit of "
                             f"{limits.image_bytes}", location,
                             hint="shrink or re-export the image, or raise MEDPRINT_LIMIT_IMAGE_BYTES")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError("image.unreadable", f"cannot read image '{src}': {exc.strerror}", location,
                          hint="check the file exists and is readable") from None
    return inspect_image_bytes(data, src, location, limits)


def inspect_image_bytes(data: bytes, src: str, location: Location | None, limits: Limits | None = None) -> ImageInfo:
    """Check image bytes (see :func:`inspect_image`)."""
    limits = limits or Limits.from_env()
    if len(data) > limits.image_bytes:
        raise LimitError("limit.image-bytes", f"image '{src}' is {len(data)} bytes, over the limit of "
                         f"{limits.image_bytes}", location, hint="raise MEDPRINT_LIMIT_IMAGE_BYTES")
    mime = sniff(data)
    if mime is None:
        raise SourceError("image.format", f"image '{src}' is not a PNG, JPEG, GIF, WebP, BMP, TIFF or SVG file",
                          location, hint="convert it to PNG or JPEG")
    if mime == "image/svg+xml":
        from .xml import parse_untrusted_xml

        try:
            root = parse_untrusted_xml(data, src, what=f"SVG image '{src}'", location=location)
        except SourceError as err:  # report where the source names the image; the XML problem in the message
            problem = err.problems[0]
            raise SourceError("image.unsafe-svg" if problem.code == "xml.doctype" else "image.broken",
                              f"{problem.message} (at {problem.location})", location, problem.hint) from None
        if not str(root.tag).endswith("svg"):
            raise SourceError("image.broken", f"image '{src}' is XML but its root is not <svg>", location,
                              hint="export the picture as SVG or PNG")
        drawn = svg_expanded_size(root, limits.svg_elements)
        if drawn > limits.svg_elements:
            raise LimitError("limit.svg-elements", f"SVG image '{src}' draws over {limits.svg_elements} elements "
                             "once its <use> references are expanded", location,
                             hint="simplify or rasterise the picture (PNG), or raise MEDPRINT_LIMIT_SVG_ELEMENTS")
        return ImageInfo(mime, 0, 0, data)
    width, height = _decode(data, src, location, limits)
    return ImageInfo(mime, width, height, data)


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def svg_expanded_size(root, cap: int) -> int:
    """How many elements an SVG renderer draws: every element, with each ``<use>`` counted as what it copies.

    Counting stops just past ``cap``; a ``<use>`` cycle counts as ``cap + 1`` (renderers may loop on it).
    """
    alive = list(root.iter())  # lxml reuses a node's proxy only while one is alive: keeps id() stable below
    by_id = {el.get("id"): el for el in alive if isinstance(el.tag, str) and el.get("id")}
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(el) -> int:
        key = id(el)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            return cap + 1
        visiting.add(key)
        total = 1
        if str(el.tag).endswith("}use") or el.tag == "use":
            ref = (el.get("href") or el.get(XLINK_HREF) or "").strip()
            target = by_id.get(ref[1:]) if ref.startswith("#") else None
            if target is not None:
                total += size(target)
        for child in el:
            if isinstance(child.tag, str):
                total += size(child)
            if total > cap:
                break
        visiting.discard(key)
        sizes[key] = min(total, cap + 1)
        return sizes[key]

    return size(root)


def _decode(data: bytes, src: str, location: Location | None, limits: Limits) -> tuple[int, int]:
    from PIL import Image as PILImage

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data)) as img:
                width, height = img.size
        except PILImage.DecompressionBombError:
            width = height = -1
        except Exception as exc:  # noqa: BLE001 - Pillow raises many types for one bad file
            raise _broken(src, location, exc) from None
        if width < 0 or width * height > limits.image_pixels:
            shown = f"{width}x{height} pixels" if width >= 0 else "more pixels than Pillow will open"
            raise LimitError("limit.image-pixels", f"image '{src}' has {shown}, over the limit of "
                             f"{limits.image_pixels} (a small file can expand to a huge picture)", location,
                             hint="downscale the image, or raise MEDPRINT_LIMIT_IMAGE_PIXELS")
        from PIL import ImageFile

        lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint sets it True for the whole process on import
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with PILImage.open(io.BytesIO(data)) as img:
                img.load()  # a truncated or corrupt file fails here, not later in a writer
        except Exception as exc:  # noqa: BLE001
            raise _broken(src, location, exc) from None
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return width, height


def _broken(src: str, location: Location | None, exc: BaseException) -> SourceError:
    detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return SourceError("image.broken", f"image '{src}' cannot be decoded ({detail})", location,
                       hint="the file is damaged or truncated: export it again as PNG or JPEG")
