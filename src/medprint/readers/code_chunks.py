"""Executable code chunks of Quarto and R Markdown, read as those tools show them when the code is not run.

A Quarto document (```` ```{r} ```` with ``#| label: fig-x`` / ``#| fig-cap:`` option lines) or an R Markdown one
(```` ```{r name, fig.cap="...", echo=FALSE} ````) makes figures and tables by running code; medprint runs no
code.  So that such documents still build unchanged, a chunk is shown as Quarto echoes it (option lines
removed; nothing when ``echo: false``), and a chunk labelled as a figure or table (``fig-``/``tbl-``) becomes a
captioned block that ``@fig-x`` refers to, numbered like any figure, with a note that the code was not run.
One located warning per document says how many chunks were not run.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

import yaml

from .. import model as m

_ENGINE = re.compile(r"\{\s*(?P<engine>[A-Za-z][\w-]*)(?P<rest>[^}]*)\}\s*$")
_OPTION_LINE = re.compile(r"^\s*(?:#|//|--)\|\s?(?P<yaml>.*)$")
_KNITR_OPTION = re.compile(r"""\s*(?P<key>[\w.-]+)\s*=\s*(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^,]+)""")
_FALSE = {"false", "no", "f"}
CHUNK_CLASS = "code-chunk"  # the class of the block standing for a labelled chunk's figure or table


@dataclasses.dataclass(frozen=True)
class ChunkInfo:
    language: str
    executable: bool
    options: dict[str, str]


def parse_info(info: str) -> ChunkInfo:
    """A fence's info string: ``python``, Pandoc's ``{.python}``, or an executable ``{r label, fig.cap="x"}``."""
    info = (info or "").strip()
    if info.startswith("{") and not info.startswith(("{.", "{#", "{ .", "{ #")):
        found = _ENGINE.match(info)
        if found:
            return ChunkInfo(found.group("engine"), True, _knitr_options(found.group("rest")))
    if info.startswith("{"):
        classes = re.findall(r"\.([\w-]+)", info)
        return ChunkInfo(classes[0] if classes else "", False, {})
    return ChunkInfo(info.split(" ")[0] if info else "", False, {})


def _knitr_options(rest: str) -> dict[str, str]:
    """``, fig.cap="A plot", echo=FALSE`` (the first bare word is the chunk's label) as Quarto-style keys."""
    options: dict[str, str] = {}
    rest = rest.strip().lstrip(",").strip()
    label = re.match(r"(?P<label>[^\s,=]+)\s*(?:,|$)", rest)
    if label:
        options["label"] = label.group("label")
        rest = rest[label.end():]
    for found in _KNITR_OPTION.finditer(rest):
        value = found.group("value").strip()
        if value[:1] in "\"'" and value[-1:] == value[:1]:
            value = value[1:-1]
        options[found.group("key").replace(".", "-")] = value
    return options


def split_option_lines(text: str) -> tuple[dict[str, str], str]:
    """Leading ``#| key: value`` lines (YAML) as options, and the code without them (as Quarto echoes it)."""
    lines = text.split("\n")
    yaml_lines = []
    while lines and _OPTION_LINE.match(lines[0]):
        yaml_lines.append(_OPTION_LINE.match(lines[0]).group("yaml"))
        lines.pop(0)
    options: dict[str, str] = {}
    if yaml_lines:
        try:
            data = yaml.safe_load("\n".join(yaml_lines))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            options = {str(k): "" if v is None else str(v) for k, v in data.items()}
    return options, "\n".join(lines)


def chunk_block(text: str, info: str, location: m.Location | None) -> m.CodeBlock:
    """The model's code block for a fence: executable chunks carry their options and lose their option lines."""
    parsed = parse_info(info)
    if not parsed.executable:
        return m.CodeBlock(text, parsed.language, location)
    options, code = split_option_lines(text)
    merged = {**parsed.options, **options}
    return m.CodeBlock(code, parsed.language, location, executable=True, options=tuple(sorted(merged.items())))


_LANGUAGE_NAMES = {"r": "R", "python": "Python", "julia": "Julia", "ojs": "Observable JS", "sql": "SQL",
                   "matlab": "MATLAB", "stata": "Stata", "sas": "SAS", "mermaid": "Mermaid", "dot": "Graphviz"}


def language_name(engine: str) -> str:
    return _LANGUAGE_NAMES.get(engine.casefold(), engine)


def _caption_inlines(caption: str, language: str) -> tuple[m.Inline, ...]:
    note = m.Emph((m.Text(f"(made by {language_name(language)} code, which medprint does not run)"),))
    return ((m.Text(caption + " "),) if caption else ()) + (note,)


def _resolve(block: m.Block, found: list[m.CodeBlock]) -> Iterable[m.Block]:
    if isinstance(block, m.CodeBlock) and block.executable:
        found.append(block)
        options = dict(block.options)
        label = options.get("label", "")
        echo = options.get("echo", "true").strip().casefold() not in _FALSE
        shown = (dataclasses.replace(block, executable=False),) if echo and block.text.strip() else ()
        kind = label[:3] if label[:4] in ("fig-", "tbl-", "fig:", "tbl:") else ""
        if kind:
            caption = options.get(f"{kind}-cap", "")
            paragraph = m.Paragraph(_caption_inlines(caption, block.language), block.location)
            yield m.Div(shown + (paragraph,), (CHUNK_CLASS, f"{CHUNK_CLASS}-{kind}"), label, (), block.location)
        else:
            yield from shown
        return
    if isinstance(block, (m.Div, m.BlockQuote)):
        inner: list[m.Block] = []
        for child in block.blocks:
            inner.extend(_resolve(child, found))
        yield dataclasses.replace(block, blocks=tuple(inner))
        return
    yield block


def resolve_chunks(blocks: tuple[m.Block, ...]) -> tuple[tuple[m.Block, ...], list[m.CodeBlock]]:
    """Blocks with executable chunks shown as Quarto shows unrun code; the chunks found (for the warning)."""
    found: list[m.CodeBlock] = []
    out: list[m.Block] = []
    for block in blocks:
        out.extend(_resolve(block, found))
    return tuple(out), found


def warn_not_run(found: list[m.CodeBlock]) -> None:
    """One warning for all the chunks of a document, at the first one."""
    if not found:
        return
    from ..diagnostics import Diagnostic
    from ..report import warn

    languages = ", ".join(sorted({language_name(c.language) for c in found}))
    count = f"{len(found)} code chunk{'s' if len(found) > 1 else ''} ({languages})"
    warn(Diagnostic("markdown.code-not-run", "warning", f"{count} shown as code, not run: medprint runs no code, "
                    "so the figures, tables and numbers they make are missing", found[0].location,
                    "render them to images or tables first (e.g. quarto render --to md, or knitr), or leave them "
                    "as code"))
