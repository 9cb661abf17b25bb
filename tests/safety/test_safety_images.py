"""medprint.safety.images: real formats, limits before decoding, truncation, unsafe SVG."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from medprint.errors import LimitError, SourceError
from medprint.limits import Limits
from medprint.model import Location
from medprint.safety.images import inspect_image, inspect_image_bytes, sniff


WHERE = Location("index.md", 7, 1)


def png_bytes(width: int, height: int, *, depth: int = 8, colour: int = 2) -> bytes:
    """A valid all-zero PNG, compressed row by row (a huge pixel count stays a few kilobytes)."""
    row = b"\x00" + bytes((width * {0: 1, 2: 3}[colour] * depth + 7) // 8)
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg_bytes(w: int = 20, h: int = 10) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (w, h), "red").save(buf, "JPEG")
    return buf.getvalue()


def test_valid_png_and_jpeg_report_their_size():
    png = inspect_image_bytes(png_bytes(30, 12), "a.png", WHERE)
    jpg = inspect_image_bytes(jpeg_bytes(), "a.jpg", WHERE)
    assert (png.mime, png.width, png.height) == ("image/png", 30, 12)
    assert (jpg.mime, jpg.width, jpg.height) == ("image/jpeg", 20, 10)


def test_format_comes_from_the_bytes_not_the_name():
    assert sniff(jpeg_bytes()) == "image/jpeg"
    with pytest.raises(SourceError) as info:
        inspect_image_bytes(b"just text, named photo.png", "photo.png", WHERE)
    assert info.value.code == "image.format" and info.value.location == WHERE


@pytest.mark.parametrize("lenient", [False, True])  # WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on
def test_truncated_png_is_broken(monkeypatch, lenient):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    data = png_bytes(64, 64)
    with pytest.raises(SourceError) as info:
        inspect_image_bytes(data[: len(data) // 2], "cut.png", WHERE)
    assert info.value.code == "image.broken"


def test_pixel_bomb_is_refused_before_decoding():
    bomb = png_bytes(20_000, 20_000, depth=1, colour=0)  # 400 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    with pytest.raises(LimitError) as info:
        inspect_image_bytes(bomb, "bomb.png", WHERE)
    assert info.value.code == "limit.image-pixels"


def test_pixel_limit_is_configurable():
    with pytest.raises(LimitError):
        inspect_image_bytes(png_bytes(100, 100), "a.png", WHERE, Limits(image_pixels=9_999))
    assert inspect_image_bytes(png_bytes(100, 100), "a.png", WHERE, Limits(image_pixels=10_000)).width == 100


def test_byte_limit_uses_the_file_size_without_reading(tmp_path):
    path = tmp_path / "huge.png"
    with open(path, "wb") as fh:
        fh.write(png_bytes(4, 4))
        fh.truncate(2_000_000)
    with pytest.raises(LimitError) as info:
        inspect_image(path, "huge.png", WHERE, Limits(image_bytes=1_000_000))
    assert info.value.code == "limit.image-bytes"


def test_svg_with_entities_is_unsafe_and_plain_svg_passes():
    evil = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'
    with pytest.raises(SourceError) as info:
        inspect_image_bytes(evil, "evil.svg", WHERE)
    assert info.value.code == "image.unsafe-svg" and info.value.location == WHERE
    ok = inspect_image_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "ok.svg", WHERE)
    assert ok.mime == "image/svg+xml"


def use_chain(levels: int, fan: int = 10) -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs>'
             '<g id="l0"><rect width="1" height="1"/></g>']
    for i in range(1, levels + 1):
        parts.append(f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * fan + "</g>")
    parts.append(f'</defs><use href="#l{levels}"/></svg>')
    return "".join(parts).encode()


def test_svg_use_bombs_are_refused_and_ordinary_reuse_passes():
    assert inspect_image_bytes(use_chain(2), "ok.svg", WHERE).mime == "image/svg+xml"  # ~300 elements
    with pytest.raises(LimitError) as info:
        inspect_image_bytes(use_chain(8), "bomb.svg", WHERE)  # ~3 * 10**8 elements from 2 kB
    assert info.value.code == "limit.svg-elements" and info.value.location == WHERE


def test_svg_use_cycle_is_refused():
    cyclic = b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>'
    with pytest.raises(LimitError):
        inspect_image_bytes(cyclic, "loop.svg", WHERE)
