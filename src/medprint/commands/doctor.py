"""``medprint doctor``: what this machine lacks for medprint, in plain words, and how to get it."""

from __future__ import annotations

import click


@click.command("doctor")
def command() -> None:
    """Report what building needs (PDF engine, fonts, folders) and what only the tests use, and how to install
    what is missing. Exit 1 when something building needs is missing."""
    from ..doctor import findings, render

    text, code = render(findings())
    click.echo(text)
    if code:
        raise SystemExit(code)
