"""``medprint new NAME``: a ready-to-edit source that invents nothing.

Every value only the author can know (names, organisation, lead, the example reference) is a ``TODO`` that
``check`` reports as an error; no review statement or date is written (only a review board can date a review);
references are inline CSL-YAML, the form a clinician can copy without a reference manager.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..atomic import write_text
from ..errors import UsageError

TEMPLATE = """---
# Every TODO below is a blank only you can fill in: `medprint check` and `medprint release` report each one
# as an error until it is replaced (a build still works, with a warning), so nothing invented is ever printed.
title: "{title}"
author:
  - name: "TODO: your name"
    credentials: "TODO: e.g. MD, RN (or delete this line)"
    affiliation: "TODO: your hospital, clinic or department"
lang: en-US
csl: apa
audience: patients
organization: "TODO: the organisation that publishes this handout"
version: "1.0"
disclaimer: >-
  TODO: your organisation's disclaimer, e.g. "This information does not replace advice from your own doctor."
# When a medical review board has really reviewed the text, add what it wrote and the dates it set:
# review:
#   statement: "Reviewed by the ... Medical Review Board"
#   reviewed: YYYY-MM-DD
#   next-review: YYYY-MM-DD
# References are written here in CSL-YAML (as in Pandoc and Quarto). Copy the block for each work; keep the
# fields a work has and delete the others. A BibTeX, RIS, PubMed or CSL-JSON file works too:
# bibliography: references.bib
references:
  - id: example
    type: article-journal
    author:
      - family: "TODO: family name"
        given: "TODO: given names"
    issued: "TODO: year"
    title: "TODO: the article's title, in sentence case"
    container-title: "TODO: the journal's name"
    volume: "TODO: volume"
    issue: "TODO: issue (or delete)"
    page: "TODO: pages, e.g. 45-67"
    DOI: "TODO: the DOI, e.g. 10.1056/NEJMoa2034577 (or delete)"
---

TODO: write the lead paragraph: one or two sentences that tell the reader what this is about.

# First section

TODO: write this section. Cite a reference like this [@example], or narratively: @example found that …

- A point for the slides
- Another point

::: notes
What the speaker says on this section's slides.
:::

# Second section

TODO: more text [see @example, p. 4].

::: {{#refs}}
:::
"""


@click.command("new")
@click.argument("name")
@click.option("--dir", "folder", default="sources", show_default=True, type=click.Path(file_okay=False),
              help="Where sources live.")
@click.option("--title", default=None, help="The document's title (default: from NAME).")
def command(name: str, folder: str, title: str | None) -> None:
    """Create sources/NAME/index.md, with TODO placeholders and an inline reference to copy."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise UsageError("usage.name", f"'{name}' is not a usable source name",
                         hint="use letters, digits, '-', '_' or '.' (it becomes the output file name)")
    target = Path(folder) / name
    if target.exists():
        raise UsageError("usage.exists", f"{target} already exists", hint="choose another NAME; nothing was changed")
    text = TEMPLATE.format(title=title or name.replace("-", " ").replace("_", " ").capitalize())
    target.mkdir(parents=True)
    write_text(target / "index.md", text)
    click.echo(f"created {target / 'index.md'}")
    click.echo("fill in every TODO (medprint check lists them), then build it with: "
               f"medprint build {target}")
