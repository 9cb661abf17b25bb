"""medprint.boundary.translate: third-party exceptions become located one-line MedprintErrors."""

from __future__ import annotations

import errno
import json
import zipfile

import pytest
import yaml
from lxml import etree
from PIL import Image as PILImage

from medprint.boundary import translate
from medprint.errors import LimitError, OutputError, SourceError


def raised(func):
    try:
        func()
    except Exception as exc:  # noqa: BLE001 - the point is to catch whatever the library raises
        return exc
    raise AssertionError("nothing raised")


def test_lxml_syntax_error_keeps_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "style.csl").write_bytes(b"<style>\n<info>\n</style>")
    err = translate(raised(lambda: etree.parse(str(tmp_path / "style.csl"))))
    assert isinstance(err, SourceError) and err.code == "xml.invalid"
    assert err.location.file == "style.csl" and err.location.line == 3


@pytest.mark.parametrize("make, code", [
    (lambda: yaml.safe_load("a: [1, 2"), "yaml.invalid"),
    (lambda: json.loads('{"a": 1,}'), "json.invalid"),
    (lambda: zipfile.ZipFile(__import__("io").BytesIO(b"not a zip")), "template.invalid"),
    (lambda: b"caf\xe9".decode("utf-8"), "source.encoding"),
    (lambda: PILImage.open(__import__("io").BytesIO(b"not an image")), "image.format"),
])
def test_library_errors_get_codes(make, code):
    err = translate(raised(make))
    assert err is not None and err.code == code
    assert "\n" not in err.lines()[0] and err.lines()[0].endswith(f"[{code}]")


def test_limits_and_disk_errors():
    assert isinstance(translate(PILImage.DecompressionBombError("big")), LimitError)
    assert translate(RecursionError()).code == "limit.nesting"
    full = translate(OSError(errno.ENOSPC, "No space left on device", "output/a.pdf"))
    assert isinstance(full, OutputError) and full.code == "output.unwritable"


def test_unknown_exceptions_stay_unknown():
    assert translate(KeyError("x")) is None
    assert translate(OSError(errno.EIO, "I/O error")) is None
