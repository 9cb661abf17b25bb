"""``medprint new NAME``: a ready-to-edit source folder with a references file."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from ..atomic import write_text
from ..errors import UsageError

TEMPLATE = """---
title: "{title}"
subtitle: ""
author:
  - name: Your Name
    credentials: MD
    affiliation: Your Organization
date: {today}
lang: en-US
bibliography: references.json
csl: apa
audience: patients
organization: Your Organization
version: "1.0"
review:
  statement: Reviewed by the Medical Review Board
  reviewed: {today}
  next-review: {next_year}
disclaimer: >-
  This information does not replace professional medical advice.
copyright: "© {year} Your Organization"
---

Write the lead paragraph here: one or two sentences that tell the reader what this is about.

# First section

Cite a reference like this [@example2024], or narratively: @example2024 found that …

- A point for the slides
- Another point

::: notes
What the speaker says on this section's slides.
:::

# Second section

More text [see @example2024, p. 4].

::: {{#refs}}
:::
"""

REFERENCES = [
    {
        "id": "example2024",
        "type": "article-journal",
        "title": "An example article title in sentence case",
        "container-title": "Journal of Examples",
        "volume": "12",
        "issue": "3",
        "page": "45-67",
        "DOI": "10.1234/example.2024.001",
        "author": [{"family": "Doe", "given": "Jane A."}, {"family": "Roe", "given": "Richard"}],
        "issued": {"date-parts": [[2024, 5, 1]]},
    }
]


@click.command("new")
@click.argument("name")
@click.option("--dir", "folder", default="sources", show_default=True, type=click.Path(file_okay=False),
              help="Where sources live.")
@click.option("--title", default=None, help="The document's title (default: from NAME).")
def command(name: str, folder: str, title: str | None) -> None:
    """Create sources/NAME/index.md and sources/NAME/references.json."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise UsageError("usage.name", f"'{name}' is not a usable source name",
                         hint="use letters, digits, '-', '_' or '.' (it becomes the output file name)")
    target = Path(folder) / name
    if target.exists():
        raise UsageError("usage.exists", f"{target} already exists", hint="choose another NAME; nothing was changed")
    today = dt.date.today()
    text = TEMPLATE.format(title=title or name.replace("-", " ").replace("_", " ").capitalize(),
                           today=today.isoformat(), next_year=today.replace(year=today.year + 1).isoformat()
                           if not (today.month == 2 and today.day == 29) else (today + dt.timedelta(days=365)).isoformat(),
                           year=today.year)
    target.mkdir(parents=True)
    write_text(target / "references.json", json.dumps(REFERENCES, indent=2, ensure_ascii=False) + "\n")
    write_text(target / "index.md", text)
    click.echo(f"created {target / 'index.md'}")
    click.echo(f"created {target / 'references.json'}")
    click.echo(f"build it with: medprint build {target}")
