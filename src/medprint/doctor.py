"""What this machine has and lacks for medprint, in plain words: the findings behind ``medprint doctor``.

Each probe answers one question a clinician could not answer alone ("can it make PDFs?"), says what the thing is
for, and how to get it on this kind of machine.  Probes are cheap (imports, ``PATH`` look-ups, ``fc-match``):
none reaches the network or builds anything.  ``needed`` findings decide the exit code; the others only matter
for the tests, the validators or comparisons with Pandoc.
"""

from __future__ import annotations

import importlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str  # what was found, or what is missing
    purpose: str  # what it is for, in a user's words
    fix: str = ""  # how to get it here
    needed: bool = True  # False: only tests, validators or comparisons use it


def _installer() -> str:
    if shutil.which("apt-get"):
        return "apt"
    if shutil.which("brew"):
        return "brew"
    return ""


def _package_hint(apt: str, brew: str = "") -> str:
    kind = _installer()
    if kind == "apt":
        return f"sudo apt install {apt}"
    if kind == "brew" and brew:
        return f"brew install {brew}"
    return f"install {brew or apt} with your system's package manager"


def _python() -> Finding:
    version = ".".join(map(str, sys.version_info[:3]))
    where = "a virtual environment" if sys.prefix != sys.base_prefix else "the system interpreter"
    return Finding("Python", sys.version_info >= (3, 11), f"Python {version} ({where}: {sys.prefix})",
                   "runs medprint", "install Python 3.11 or newer, then run `make sample` again")


def _module(name: str, module: str, purpose: str, fix: str) -> Finding:
    try:
        imported = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - a missing shared library shows up as OSError, not ImportError
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Finding(name, False, f"cannot be loaded: {first}", purpose, fix)
    imported = getattr(imported, "weasyprint", imported)  # medprint.writers.weasy holds the real module
    version = getattr(imported, "__version__", "") or getattr(imported, "VERSION", "")
    return Finding(name, True, f"{imported.__name__} {version}".strip(), purpose)


def _pdf_engine() -> Finding:
    return _module("PDF engine", "medprint.writers.weasy", "makes the PDF handout (WeasyPrint on Pango/HarfBuzz)",
                   _package_hint("libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0", "pango"))


def _font(family: str, purpose: str, apt: str, brew: str, needed: bool) -> Finding:
    fc = shutil.which("fc-match")
    if fc is None:
        return Finding(f"font {family}", False, "fontconfig's fc-match is not installed", purpose,
                       _package_hint("fontconfig", "fontconfig"), needed)
    out = subprocess.run([fc, "-f", "%{family}", family], capture_output=True, text=True, timeout=30, check=False).stdout
    found = family.lower() in out.lower()
    return Finding(f"font {family}", found, "installed" if found else f"missing (fontconfig would use {out or 'nothing'})",
                   purpose, _package_hint(apt, brew), needed)


def _program(name: str, commands: tuple[str, ...], purpose: str, fix: str, *, needed: bool = False,
             version_args: tuple[str, ...] = ("--version",)) -> Finding:
    for command in commands:
        path = shutil.which(command)
        if path:
            try:
                out = subprocess.run([path, *version_args], capture_output=True, text=True, timeout=60, check=False)
                line = (out.stdout or out.stderr).strip().splitlines()
                version = line[0][:80] if line else ""
            except (OSError, subprocess.TimeoutExpired):
                version = ""
            return Finding(name, True, f"{path} {version}".strip(), purpose, needed=needed)
    return Finding(name, False, "not found", purpose, fix, needed)


def _java() -> Finding:
    found = _program("Java compiler", ("javac",), "runs veraPDF, the PDF/UA and PDF/A validator the tests use",
                     _package_hint("default-jdk-headless", "openjdk"), version_args=("-version",))
    match = re.search(r"javac (\d+)", found.detail)
    if found.ok and match and int(match.group(1)) < 17:
        return Finding(found.name, False, f"{found.detail} (veraPDF needs 17 or newer)", found.purpose,
                       found.fix, needed=False)
    return found


def _writable(name: str, path: Path, purpose: str) -> Finding:
    try:
        if not path.exists():  # the cache is ours to create; anything else is only looked at
            path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path):
            pass
    except OSError as exc:
        return Finding(name, False, f"{path} is not writable ({exc.strerror})", purpose,
                       "run medprint where you may write, or set XDG_CACHE_HOME to a writable folder")
    return Finding(name, True, str(path), purpose)


def findings(cwd: Path | None = None) -> list[Finding]:
    """Every probe, needed ones first."""
    from .user_cache import cache_root

    cwd = cwd or Path.cwd()
    return [
        _python(),
        _pdf_engine(),
        _module("Deck writer", "pptx", "makes the PowerPoint deck (python-pptx)", "run `make sample` again"),
        _module("Citation engine", "citeproc", "formats citations and references (citeproc-py)",
                "run `make sample` again"),
        _font("Liberation Sans", "measures slide text for the default template (same widths as Arial)",
              "fonts-liberation", "font-liberation", True),
        _font("Carlito", "measures slide text in templates set in Calibri (same widths)", "fonts-crosextra-carlito",
              "font-carlito", True),
        _font("Caladea", "measures slide text in templates set in Cambria (same widths)", "fonts-crosextra-caladea",
              "font-caladea", True),
        _font("DejaVu Sans", "prints characters the handout's own fonts lack (symbols, Greek, Cyrillic)",
              "fonts-dejavu-core", "font-dejavu", True),
        _writable("Cache folder", cache_root(), "keeps fetched references and prepared fonts between builds"),
        _writable("Output folder", cwd / "output" if (cwd / "output").is_dir() else cwd,
                  "receives the PDF, deck and web page (output/ here)"),
        _program("LibreOffice", ("soffice", "libreoffice"), "draws decks as LibreOffice does (the tests; optional "
                 "for you: to look at a deck without PowerPoint)", _package_hint("libreoffice-impress",
                                                                                 "--cask libreoffice")),
        _program("PDF page images", ("pdftoppm",), "turns PDF pages into images (the tests)",
                 _package_hint("poppler-utils", "poppler"), version_args=("-v",)),
        _java(),
        _program("Chromium", ("chromium", "chromium-browser", "google-chrome"),
                 "runs the axe accessibility checker on the web page (the tests) and the preview's browser test",
                 _package_hint("chromium", "--cask chromium")),
        _program("Node.js", ("node",), "runs axe-core and citeproc-js (the tests and golden files)",
                 _package_hint("nodejs npm", "node")),
        _program("Pandoc", ("pandoc",), "compares medprint's output with Pandoc's (the parity scripts only)",
                 _package_hint("pandoc", "pandoc")),
    ]


def render(found: list[Finding]) -> tuple[str, int]:
    """The report a person reads, and the exit code (1 when something building needs is missing)."""
    lines = [f"medprint doctor on {platform.system()} {platform.release()} ({os.name})", "",
             "Needed to build handouts, decks and web pages:"]
    optional_header = False
    for item in found:
        if not item.needed and not optional_header:
            lines += ["", "Only for the tests, the validators and comparisons (building works without them):"]
            optional_header = True
        mark = "ok " if item.ok else ("MISSING" if item.needed else "absent")
        lines.append(f"  [{mark}] {item.name}: {item.detail}")
        lines.append(f"          for: {item.purpose}")
        if not item.ok and item.fix:
            lines.append(f"          to get it: {item.fix}")
    missing = [f.name for f in found if f.needed and not f.ok]
    lines.append("")
    lines.append("Everything building needs is here." if not missing else
                 f"Missing for building: {', '.join(missing)}. Install them as shown above, then run "
                 "`medprint doctor` again.")
    return "\n".join(lines), 1 if missing else 0
