"""Helpers for the hostile-source corpus: generated hostile files and reading outputs back.

Files git cannot hold or should not hold (symlinks, zip bombs, pixel bombs,
multi-megabyte inputs) are made at test time from a ``setup:`` list in a
case's ``expect.yaml`` or from ``@@NAME@@`` placeholders in its files.
"""


from __future__ import annotations

import os
import shutil
import sys
import subprocess
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
CANARY = "MEDPRINT-CANARY-7f3a9c"  # the content of files that must never reach an output


# ---------------------------------------------------------------- generated hostile files


def png_bytes(width: int, height: int, *, depth: int = 8, colour: int = 2) -> bytes:
    """A valid PNG of zero pixels, compressed (a big pixel count stays a few kilobytes)."""
    channels = {0: 1, 2: 3}[colour]
    row = b"\x00" + bytes((width * channels * depth + 7) // 8)
    comp = zlib.compressobj(9)
    chunks = [comp.compress(row) for _ in range(height)]
    chunks.append(comp.flush())

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(chunks)) + chunk(b"IEND", b"")


def zip_bomb(path: Path, expanded: int) -> None:
    """A .pptx-looking zip whose one member expands to ``expanded`` bytes of zeros."""
    block = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        with zf.open("ppt/media/padding.bin", "w", force_zip64=True) as member:
            for _ in range(expanded // len(block)):
                member.write(block)


def xxe_pptx(path: Path, server_url: str) -> None:
    """The real default template with an external entity and a remote DTD in its presentation.xml."""
    src = ROOT / "styles" / "slides" / "default.pptx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "ppt/presentation.xml":
                text = data.decode("utf-8")
                decl_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
                doctype = (f'<!DOCTYPE p:presentation SYSTEM "{server_url}/pptx.dtd" '
                           '[<!ENTITY leak SYSTEM "file:///etc/passwd">]>')
                data = (text[:decl_end] + doctype + text[decl_end:]).encode("utf-8")
            zout.writestr(info, data)


def external_pptx(path: Path, server_url: str) -> None:
    """The default template whose slide master links a picture on a web server (fetched when opened)."""
    src = ROOT / "styles" / "slides" / "default.pptx"
    rel = (f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           f'image" Target="{server_url}/pixel.png" TargetMode="External"/></Relationships>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
                data = data.decode("utf-8").replace("</Relationships>", rel).encode("utf-8")
            zout.writestr(info, data)


def evil_csl(path: Path) -> None:
    """The pinned APA style with an external entity expanded into the 'and' term and the title."""
    text = (ROOT / "styles" / "csl" / "apa.csl").read_text(encoding="utf-8")
    decl_end = text.index("?>") + 2
    doctype = '\n<!DOCTYPE style [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
    text = text[:decl_end] + doctype + text[decl_end:]
    text = text.replace("<title>", "<title>&leak;", 1)
    path.write_text(text, encoding="utf-8")


PLACEHOLDERS = {
    "@@HUGE@@": lambda: ("A paragraph of filler text that is long enough to add up. " * 20 + "\n\n") * 5000,
    "@@DEEP_QUOTES@@": lambda: "> " * 5000 + "deep",
    "@@DEEP_LISTS@@": lambda: "\n".join("  " * i + "- item" for i in range(300)),
    "@@DEEP_EMPHASIS@@": lambda: "*_" * 20000 + "x" + "_*" * 20000,
    "@@BRACKETS@@": lambda: "[" * 50000 + "@smith" + "]" * 50000 + " " + "![" * 20000,
    "@@DEEP_YAML@@": lambda: "[" * 20000 + "]" * 20000,
}


def materialise(case: Path, dest: Path, setup: list, server_url: str, outside: Path) -> None:
    """Copy a case to ``dest`` and make what its ``setup`` asks for; fill placeholders."""
    shutil.copytree(case, dest, ignore=shutil.ignore_patterns("expect.yaml"))
    for path in dest.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"@@" not in data:
            continue
        text = data.decode("utf-8")
        text = text.replace("@@SERVER@@", server_url)
        for name, make in PLACEHOLDERS.items():
            if name in text:
                text = text.replace(name, make())
        path.write_text(text, encoding="utf-8")
    for step in setup or []:
        kind, _, arg = str(step).partition(":")
        arg = arg.strip()
        if kind == "symlink":  # symlink:NAME -> a canary file outside the source folder
            target = outside / ("secret" + Path(arg).suffix)
            os.symlink(target, dest / arg)
        elif kind == "source-symlink":  # the source file itself lives outside, linked in
            (dest / arg).rename(outside / arg)
            os.symlink(outside / arg, dest / arg)
        elif kind == "symlink-loop":  # NAME -> NAME.loop -> NAME
            os.symlink(dest / (arg + ".loop"), dest / arg)
            os.symlink(dest / arg, dest / (arg + ".loop"))
        elif kind == "pixel-bomb":
            (dest / arg).write_bytes(png_bytes(20_000, 20_000, depth=1, colour=0))
        elif kind == "big-file":  # sparse: 30 MB on paper, nothing on disk
            with open(dest / arg, "wb") as fh:
                fh.write(png_bytes(8, 8))
                fh.truncate(30 * 1024 * 1024)
        elif kind == "zip-bomb":
            zip_bomb(dest / arg, 300 * 1024 * 1024)
        elif kind == "xxe-pptx":
            xxe_pptx(dest / arg, server_url)
        elif kind == "external-pptx":
            external_pptx(dest / arg, server_url)
        elif kind == "evil-csl":
            evil_csl(dest / arg)
        else:  # pragma: no cover - a typo in a case's expect.yaml
            raise AssertionError(f"unknown setup step {step!r}")


def output_texts(out: Path) -> dict[str, str]:
    """The readable text of every output: the HTML as is, the PDF's extracted text, every pptx part."""
    texts: dict[str, str] = {}
    for path in sorted(out.glob("*.*")):
        if path.suffix == ".html":
            texts[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".pdf":  # poppler's pdftotext keeps RTL, CJK and emoji text that pypdf garbles
            texts[path.name] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                                              capture_output=True, timeout=120).stdout.decode("utf-8")
        elif path.suffix == ".pptx":
            with zipfile.ZipFile(path) as zf:
                texts[path.name] = "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                                             if n.endswith((".xml", ".rels")))
    return texts


# ---------------------------------------------------------------- what a build opens and connects to


class Audit:
    """Python audit events (``open``, ``socket.connect``, …) recorded while ``active`` (see PEP 578)."""

    active = False
    events: list[tuple[str, object]] = []
    WATCHED = ("open", "os.listdir", "os.scandir", "socket.connect", "socket.getaddrinfo", "urllib.Request",
               "subprocess.Popen")

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if cls.active and event in cls.WATCHED:
            cls.events.append((event, args[0] if args else None))


sys.addaudithook(Audit.hook)  # cannot be removed; costs one attribute check per event while inactive


def forbidden_touches(events, forbidden: list[Path]) -> list[tuple[str, object]]:
    """Events that read a forbidden path or reach the network."""
    bad = []
    for event, arg in events:
        if event.startswith(("socket.", "urllib.")):
            if not str(arg).startswith("data:"):  # WeasyPrint decodes data: URIs through urllib; no network
                bad.append((event, arg))
        elif isinstance(arg, (str, bytes, os.PathLike)):
            path = Path(os.fsdecode(arg))
            try:
                real = path.resolve()
            except OSError:
                real = path
            if any(real == f or f in real.parents for f in forbidden):
                bad.append((event, arg))
    return bad
