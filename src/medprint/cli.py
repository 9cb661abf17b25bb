"""The ``medprint`` command line: one click command per module in ``medprint/commands/``.

Commands are imported lazily so ``medprint --help`` stays fast and a command
only pays for the heavy libraries it uses.  Every :class:`MedprintError` is
printed as one line and turned into its exit code here; a traceback is shown
only with ``--traceback``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from . import __version__

COMMANDS = {
    "build": "Build PDF handout, deck and web page from sources.",
    "new": "Create a ready-to-edit source with a references file.",
    "check": "Check sources for citation, reference, readability and publishing problems.",
    "refs": "Format or convert reference files; fetch and verify references by DOI/PMID/PMCID.",
    "release": "Build a versioned, verifiable release of the whole library.",
    "watch": "Rebuild a source every time it is saved.",
    "doctor": "Say what this machine lacks for medprint, and how to install it.",
    "preview": "Show the web page, handout pages and slides live in the browser, updated on save.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _module_exists(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _module_exists(name):
            return None
        module = importlib.import_module(f"medprint.commands.{name}")
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _module_exists(name: str) -> bool:
    return importlib.util.find_spec(f"medprint.commands.{name}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medprint")
@click.option("--traceback", is_flag=True, help="Show Python tracebacks (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """medprint: one source, three outputs (PDF handout, PowerPoint deck, web page)."""
    ctx.ensure_object(dict)
    ctx.obj["traceback"] = traceback


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group and map every failure to one line and an exit code."""
    from .boundary import run_cli

    sys.exit(run_cli(cli, argv))


if __name__ == "__main__":  # pragma: no cover
    main()
