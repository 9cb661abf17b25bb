"""The one boundary where every failure becomes a one-line message and an exit code.

Third-party exceptions that escape a reader or writer are translated by
:func:`translate`; anything still unknown is reported as an internal error
(exit 70) with a hint to rerun with ``--traceback``.
"""

from __future__ import annotations

import sys
import traceback as tb

import click

from .errors import EXIT_USAGE, MedprintError

EXIT_INTERNAL = 70


def translate(exc: BaseException) -> MedprintError | None:
    """Map a third-party exception to a MedprintError, or None if unknown."""
    import zipfile

    from .errors import SourceError

    if isinstance(exc, MedprintError):
        return exc
    if isinstance(exc, UnicodeDecodeError):
        return SourceError("source.encoding", f"invalid text encoding at byte {exc.start}",
                           hint="save the file as UTF-8")
    if isinstance(exc, zipfile.BadZipFile):
        return SourceError("template.invalid", f"not a valid zip/Office file: {exc}",
                           hint="use a .pptx saved by PowerPoint or LibreOffice")
    if isinstance(exc, MemoryError):
        return SourceError("limit.memory", "input too large to process", hint="split the document")
    if isinstance(exc, RecursionError):
        return SourceError("limit.nesting", "input nested too deeply", hint="flatten nested lists or quotes")
    return None


def run_cli(group: click.Group, argv: list[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    show_tb = "--traceback" in args
    try:
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
