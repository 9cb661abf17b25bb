"""The one boundary where every failure becomes a one-line message and an exit code.

Third-party exceptions that escape a reader or writer are translated by
:func:`translate` (with the file and line the library reported, when it
reported one); anything still unknown is reported as an internal error (exit
70) with a hint to rerun with ``--traceback``, which prints the traceback —
also for failures caught inside a build, through ``MEDPRINT_TRACEBACK``.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback as tb

import click

from .errors import EXIT_USAGE, LimitError, MedprintError, OutputError, SourceError
from .model import Location

EXIT_INTERNAL = 70
TRACEBACK_ENV = "MEDPRINT_TRACEBACK"


def print_traceback_if_asked(exc: BaseException) -> None:
    """Print ``exc``'s traceback to stderr when the user ran ``medprint --traceback``."""
    if os.environ.get(TRACEBACK_ENV) == "1":
        tb.print_exception(exc, file=sys.stderr)


def _where(filename: object, line: object = 0, col: object = 0) -> Location | None:
    if not filename or not isinstance(filename, str) or filename.startswith("<"):
        return None
    try:
        return Location(_display(filename), int(line or 0), int(col or 0))
    except (TypeError, ValueError):
        return Location(_display(filename))


def _display(filename: str) -> str:
    from pathlib import Path

    try:
        return str(Path(filename).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return filename


def _translate_xml(exc: BaseException) -> MedprintError | None:
    """XML from CSL styles, SVG images and .pptx templates (lxml, ElementTree, defusedxml)."""
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a dependency
        DefusedXmlException = ()  # noqa: N806
    if DefusedXmlException and isinstance(exc, DefusedXmlException):
        return SourceError("xml.unsafe", f"XML with a DTD or entities refused ({type(exc).__name__})",
                           hint="remove the <!DOCTYPE …> and entity declarations from the file")
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - a dependency
        return None
    if isinstance(exc, etree.XMLSyntaxError):
        line, col = (exc.position if getattr(exc, "position", None) else (exc.lineno, 0))
        msg = str(exc.msg or exc).split(", line ")[0]
        return SourceError("xml.invalid", f"invalid XML: {msg}", _where(exc.filename, line, col),
                           hint="fix the XML (or re-export the file); DTDs and entities are not allowed")
    import xml.etree.ElementTree as ET

    if isinstance(exc, ET.ParseError):
        return SourceError("xml.invalid", f"invalid XML: {exc}", None, hint="fix or re-export the file")
    return None


def translate(exc: BaseException) -> MedprintError | None:
    """Map a third-party exception to a MedprintError, or None if unknown."""
    import zipfile

    if isinstance(exc, MedprintError):
        return exc
    if isinstance(exc, UnicodeDecodeError):
        return SourceError("source.encoding", f"invalid text encoding at byte {exc.start}",
                           hint="save the file as UTF-8")
    if isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile)):
        return SourceError("template.invalid", f"not a valid zip/Office file: {exc}",
                           hint="use a .pptx saved by PowerPoint or LibreOffice")
    if isinstance(exc, MemoryError):
        return LimitError("limit.memory", "input too large to process", hint="split the document")
    if isinstance(exc, RecursionError):
        return LimitError("limit.nesting", "input nested too deeply", hint="flatten nested lists or quotes")
    try:
        from PIL import Image as PILImage
    except ImportError:  # pragma: no cover - a dependency
        PILImage = None  # noqa: N806
    if PILImage is not None:
        if isinstance(exc, PILImage.DecompressionBombError):
            return LimitError("limit.image-pixels", f"an image has too many pixels ({exc})",
                              hint="downscale it or raise MEDPRINT_LIMIT_IMAGE_PIXELS")
        if isinstance(exc, PILImage.UnidentifiedImageError):
            return SourceError("image.format", f"an image cannot be read: {exc}", hint="re-export it as PNG or JPEG")
    xml_error = _translate_xml(exc)
    if xml_error is not None:
        return xml_error
    import yaml

    if isinstance(exc, yaml.YAMLError):
        mark = getattr(exc, "problem_mark", None)
        where = _where(getattr(mark, "name", None), mark.line + 1, mark.column + 1) if mark else None
        return SourceError("yaml.invalid", f"invalid YAML: {getattr(exc, 'problem', None) or exc}", where,
                           hint="fix the YAML syntax")
    import json

    if isinstance(exc, json.JSONDecodeError):
        return SourceError("json.invalid", f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                           hint="fix the JSON syntax or re-export the file")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
        return OutputError("output.unwritable", f"{exc.strerror}: {exc.filename or ''}".rstrip(": "),
                           _where(exc.filename), hint="free disk space or check the folder's permissions")
    return None


def run_cli(group: click.Group, argv: list[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    show_tb = "--traceback" in args
    if show_tb:
        os.environ[TRACEBACK_ENV] = "1"  # inherited by build workers, read by print_traceback_if_asked
    try:
        from .limits import Limits

        Limits.from_env()  # a bad MEDPRINT_LIMIT_* is a usage error (exit 2) before any document is read
        group.main(args=args, prog_name="medprint", standalone_mode=False)
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("medprint: aborted", err=True)
        return 130
    except click.UsageError as exc:
        click.echo(f"medprint: usage error: {exc.format_message()}", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"medprint: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("medprint: interrupted", err=True)
        return 130
    except BaseException as exc:  # noqa: BLE001 - this is the boundary
        if isinstance(exc, SystemExit):
            return int(exc.code or 0)
        err = translate(exc)
        if show_tb:
            tb.print_exception(exc)
        if err is None:
            click.echo(f"medprint: internal error: {type(exc).__name__}: {exc}; "
                       "rerun with --traceback and report it [internal]", err=True)
            return EXIT_INTERNAL
        for line in err.lines():
            click.echo(line, err=True)
        return err.exit_code
    finally:
        if show_tb:
            os.environ.pop(TRACEBACK_ENV, None)
