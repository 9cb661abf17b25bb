"""YAML front matter -> :class:`~medprint.model.Meta`, validated against a typed schema.

PyYAML composes the block into nodes that know their line and column, pydantic
validates the data, and every problem is reported at once with the position of
the offending key in the *source file* (not in the front-matter block).
Unknown keys name the closest known key; keys that Pandoc or Quarto define and
medprint does not use are accepted and recorded in ``Meta.ignored_keys``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem, SourceError
from ..model import Author, Location, Meta, Review
from .meta_markdown import block_markdown, inline_markdown

# Keys Pandoc/Quarto know that medprint accepts but does not use (``medprint check`` notes them).
PANDOC_KEYS = frozenset(
    """
    link-citations link-bibliography toc toc-depth toc-title format output documentclass classoption geometry
    fontsize mainfont sansfont monofont fontfamily header-includes include-before include-after numbersections
    number-sections reference-section-title citation-abbreviations suppress-bibliography notes-after-punctuation
    execute jupyter editor theme institute papersize margin-left margin-right margin-top margin-bottom linkcolor
    urlcolor citecolor colorlinks description category categories tags draft engine lof lot thanks page-layout
    date-format editor_options citeproc filters highlight-style self-contained embed-resources standalone
    title-block-banner dir fig-cap-location tbl-cap-location crossref linestretch indent
    subject pagetitle title-prefix author-meta date-meta css cover-image footer header logo bibliographystyle
    biblio-style biblio-title natbiboptions biblatexoptions hyperrefoptions secnumdepth mainfontoptions
    funding license citation google-scholar appendix-style title-block-style code-fold
    number-depth toc-location reference-location citation-location cap-location
    keywords-title lof-title lot-title subparagraph documentclass-options classoption
    fig-align fig-width fig-height fig-dpi fig-format fig-pos tbl-colwidths df-print code-line-numbers
    code-overflow code-tools code-copy highlight mathjax katex html-math-method tbl-cap-location
    bibliography-title csl-refs link-external-icon link-external-newwindow anchor-sections smooth-scroll
    citations-hover footnotes-hover website book project manuscript notebook-links lightbox
    zotero doi issued published article journal volume issue eid pages publisher submitted
    """.split()
)
# pandoc-crossref's settings (https://lierdakil.github.io/pandoc-crossref/): accepted, not used
CROSSREF_KEYS = frozenset(
    """
    figPrefix tblPrefix eqnPrefix lstPrefix secPrefix figureTitle tableTitle listingTitle lofTitle lotTitle
    lolTitle figureTemplate tableTemplate listingTemplate subfigureTemplate subfigureChildTemplate ccsTemplate
    eqnTemplate eqnIndexTemplate eqnBlockTemplate eqnInlineTemplate refIndexTemplate subfigureRefIndexTemplate
    secHeaderTemplate secHeaderDelim autoSectionLabels autoEqnLabels linkReferences nameInLink chapters
    chaptersDepth numberSections sectionsDepth cref chapDelim rangeDelim pairDelim lastDelim refDelim
    subfigGrid subfigLabels ccsDelim ccsLabelSep figLabels eqLabels tblLabels lstLabels secLabels
    figPrefixTemplate tblPrefixTemplate eqnPrefixTemplate secPrefixTemplate lstPrefixTemplate codeBlockCaptions
    listings equationNumberTeX tableEqns eqnBlockInlineMath setLabelAttribute
    """.split()
)


def known_elsewhere(key: str) -> bool:
    """A key Pandoc, Quarto, pandoc-crossref or Manubot defines: accepted quietly (recorded, not used)."""
    return key in PANDOC_KEYS or key in CROSSREF_KEYS or key.startswith(("manubot", "crossref-", "quarto-"))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class NameSchema(_Strict):
    """Quarto's structured name."""

    given: str = ""
    family: str = ""
    literal: str = ""
    dropping_particle: str = Field("", alias="dropping-particle")
    non_dropping_particle: str = Field("", alias="non-dropping-particle")

    def text(self) -> str:
        if self.literal:
            return self.literal
        parts = [self.given, self.dropping_particle, self.non_dropping_particle, self.family]
        return " ".join(p for p in parts if p)


class AffiliationSchema(BaseModel):
    """Quarto affiliations carry many optional fields; medprint prints the name (``ref:`` points at a
    top-level ``affiliations:`` entry by its ``id``)."""

    model_config = ConfigDict(extra="allow")
    name: str = ""
    department: str = ""
    id: Union[str, int] = ""
    ref: Union[str, int] = ""


class AuthorSchema(_Strict):
    """Pandoc's ``{name, …}`` plus the fields Quarto's author schema defines (accepted; name,
    credentials/degrees and affiliation(s) are printed)."""

    name: Union[str, NameSchema]
    credentials: str = ""
    degrees: Union[str, list[str]] = ""
    affiliation: Union[str, int, list[Union[str, int]]] = ""
    affiliations: Union[list[Union[str, int, AffiliationSchema]], str, int] = []
    email: str = ""
    orcid: str = ""
    url: str = ""
    phone: str = ""
    fax: str = ""
    note: str = ""
    id: str = ""
    number: Union[int, str] = ""
    acknowledgements: str = ""
    roles: Any = None
    role: Any = None
    attributes: dict[str, Any] = {}
    corresponding: bool = False
    equal_contributor: bool = Field(False, alias="equal-contributor")
    deceased: bool = False

    def display_name(self) -> str:
        return self.name if isinstance(self.name, str) else self.name.text()

    def display_credentials(self) -> str:
        if self.credentials:
            return self.credentials
        return self.degrees if isinstance(self.degrees, str) else ", ".join(self.degrees)

    def display_affiliation(self, table: dict[str, str] | None = None) -> str:
        """The affiliation names; ids and ``ref:``s (Quarto, R Markdown's ``affiliation: 1``) resolved through
        ``table`` (the top-level ``affiliations:``)."""
        return "; ".join(self.affiliation_names(table))

    def affiliation_names(self, table: dict[str, str] | None = None) -> list[str]:
        """Each affiliation's name, in order (ids and refs resolved as in :meth:`display_affiliation`)."""
        table = table or {}
        items = self.affiliation if self.affiliation != "" else self.affiliations
        if not isinstance(items, list):
            items = [p.strip() for p in str(items).split(",")] if isinstance(items, str) and table else [items]
        names = []
        for item in items:
            if isinstance(item, AffiliationSchema):
                key = str(item.ref or item.id)
                names.append(item.name or item.department or table.get(key, key))
            else:
                names.append(table.get(str(item), str(item)))
        return [n for n in names if n]


class ReviewSchema(_Strict):
    statement: str = ""
    reviewed: dt.date | None = None
    next_review: dt.date | None = Field(None, alias="next-review")
    reviewer: str = ""


class FrontMatter(_Strict):
    title: str = ""  # Pandoc builds without one; the reader falls back to the first heading or the file name
    subtitle: str = ""
    author: Union[str, list[Union[str, AuthorSchema]], AuthorSchema, None] = None
    date: dt.date | None = None
    lang: str = "en-US"
    bibliography: Union[str, list[str], None] = None
    references: list[dict[str, Any]] | None = None
    csl: str = "apa"
    nocite: Union[str, list[str], None] = None
    organization: str = ""
    review: Union[ReviewSchema, str, None] = None
    disclaimer: str = ""
    copyright: str = ""
    version: Union[str, int, float] = ""
    handout: dict[str, Any] | None = None
    slides: dict[str, Any] | None = None
    url: str = ""
    keywords: Union[str, list[str], None] = None
    abstract: str = ""
    abstract_title: str = Field("", alias="abstract-title")
    audience: Literal["patients", "clinicians", ""] = ""
    check: dict[str, Any] | None = None
    affiliations: Union[list[Union[str, AffiliationSchema]], None] = None

    @field_validator("lang")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
            raise ValueError("must be a BCP 47 language tag such as en-US or fr-CA")
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not re.match(r"https?://[^\s/]+", value):
            raise ValueError("must be an http(s) address")
        return value


KNOWN_KEYS = tuple(
    (field.alias or name) for name, field in FrontMatter.model_fields.items()
)

# --------------------------------------------------------------------- YAML with positions


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (no billion-laughs) and keeps dates as dates."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        """An impossible date (2025-13-01) stays a string so the schema reports it with its position."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _positions(node: yaml.Node, file: str, line_offset: int, prefix: str = "") -> dict[str, Location]:
    """Map dotted key paths (``review.reviewed``, ``author.0.name``) to source locations."""
    out: dict[str, Location] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            path = f"{prefix}{key}"
            out[path] = Location(file, key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1)
            out[path + "#value"] = Location(
                file, value_node.start_mark.line + 1 + line_offset, value_node.start_mark.column + 1
            )
            out.update(_positions(value_node, file, line_offset, path + "."))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            path = f"{prefix}{i}"
            out[path] = Location(file, item.start_mark.line + 1 + line_offset, item.start_mark.column + 1)
            out.update(_positions(item, file, line_offset, path + "."))
    return out


def _yaml_error(exc: yaml.YAMLError, file: str, line_offset: int) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"{context}: {problem}" if context and "alias" not in str(problem) else str(problem)
    loc = Location(file, mark.line + 1 + line_offset, mark.column + 1) if mark else Location(file, line_offset)
    return SourceError("frontmatter.yaml", f"invalid YAML in front matter: {text}", loc,
                       hint="fix the YAML syntax (quote values that contain ':' or start with '@')")


def parse_yaml(text: str, file: str, line_offset: int) -> tuple[Any, dict[str, Location]]:
    """Parse YAML text whose first line is ``line_offset + 1`` of ``file``."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return {}, {}
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, file, line_offset) from exc
    return data, _positions(node, file, line_offset)


# --------------------------------------------------------------------- validation


def _closest(key: str, known: tuple[str, ...]) -> str:
    """A known key ``key`` is a misspelling of (one or two letters off), else "": a looser guess can turn a
    key of another tool into one that changes the document (``linkReferences`` is not ``references``)."""
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.85)
    if match and abs(len(match[0]) - len(key)) <= 2:
        return match[0]
    return ""


_BRANCH_TAGS = {"str", "constrained-str", "int", "float", "bool", "none", "AuthorSchema", "ReviewSchema",
                "NameSchema", "AffiliationSchema"}
_SHAPE_ERRORS = {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type", "none_required",
                 "int_type", "float_type", "bool_type", "int_parsing", "float_parsing"}


def _clean_path(loc: tuple[Any, ...]) -> tuple[str, ...]:
    """A pydantic error path without its Union branch tags: ('author', 0, 'name')."""
    return tuple(str(p) for p in loc if not (isinstance(p, str) and (p in _BRANCH_TAGS or "[" in p)))


def _location_for(path: tuple[str, ...], positions: dict[str, Location], file: str, *, key: bool) -> Location:
    """The most precise source position we know: the key itself, or the value it holds."""
    for n in range(len(path), 0, -1):
        dotted = ".".join(path[:n])
        if dotted in positions:
            if not key and n == len(path) and dotted + "#value" in positions:
                return positions[dotted + "#value"]
            return positions[dotted]
    return Location(file, 1, 1)


def _schema_problems(exc: ValidationError, positions: dict[str, Location], file: str
                     ) -> tuple[list[Problem], list[tuple[str, ...]]]:
    """Located problems, one per real mistake (not one per Union branch), and the paths of unknown keys
    (which are warnings, not problems: Pandoc and Quarto ignore keys they do not know)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for err in exc.errors():
        groups.setdefault(str(err["loc"][0]) if err["loc"] else "", []).append(err)
    problems: list[Problem] = []
    unknown: list[tuple[str, ...]] = []
    for errs in groups.values():
        extras = [e for e in errs if e["type"] == "extra_forbidden"]
        if extras:
            for err in extras:
                path = _clean_path(err["loc"])
                if path not in unknown:
                    unknown.append(path)
            continue  # validated again without them: what remains wrong is reported then
        specific = [e for e in errs if e["type"] not in _SHAPE_ERRORS]
        chosen = specific or errs[:1]
        seen: set[tuple[str, ...]] = set()
        for err in chosen:
            path = _clean_path(err["loc"])
            if path in seen:
                continue
            seen.add(path)
            dotted = ".".join(path)
            if err["type"] == "missing":
                where = _location_for(path[:-1], positions, file, key=True) if len(path) > 1 else Location(file, 1, 1)
                problems.append(Problem("frontmatter.missing-key", f"required front-matter key '{dotted}' is missing",
                                        where, f"add '{path[-1]}:' to the front matter"))
            else:
                msg = err["msg"].removeprefix("Value error, ")
                where = _location_for(path, positions, file, key=False)
                problems.append(Problem("frontmatter.invalid", f"front-matter key '{dotted}': {msg}", where,
                                        _hint_for(path, err["type"])))
    return problems, unknown


def _unknown_key_warning(path: tuple[str, ...], positions: dict[str, Location], file: str):
    from ..diagnostics import Diagnostic

    from ..safety.text import describe_char, first_invisible, without_invisible

    dotted = ".".join(path)
    invisible = first_invisible(path[-1])
    if invisible:
        meant = without_invisible(path[-1])
        return Diagnostic("frontmatter.unknown-key", "warning", f"front-matter key '{dotted}' contains the invisible "
                          f"character {describe_char(invisible)} (the key is ignored)",
                          _location_for(path, positions, file, key=True), f"delete it: write '{meant}:'")
    guess = _closest(path[-1], _fields_at(path[:-1]))
    hint = f"did you mean '{guess}'?" if guess else "medprint ignores it (as Pandoc does); remove it or fix its name"
    return Diagnostic("frontmatter.unknown-key", "warning", f"unknown front-matter key '{dotted}' (ignored)",
                      _location_for(path, positions, file, key=True), hint)


def _drop(data: Any, path: tuple[str, ...]) -> None:
    """Remove the key at ``path`` (dict keys and list indexes) from ``data``."""
    node = data
    for part in path[:-1]:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _fields_at(path: tuple[str, ...]) -> tuple[str, ...]:
    if path and path[0] == "review":
        return tuple((f.alias or n) for n, f in ReviewSchema.model_fields.items())
    if path and path[0] == "author":
        return tuple((f.alias or n) for n, f in AuthorSchema.model_fields.items())
    return KNOWN_KEYS


def _hint_for(loc: tuple[str, ...], kind: str) -> str:
    if "date" in kind or (loc and loc[-1] in {"date", "reviewed", "next-review"}):
        return "write an ISO date such as 2025-03-01"
    if loc and loc[0] == "audience":
        return "use 'patients' or 'clinicians'"
    return "see the front-matter table in the README"


# --------------------------------------------------------------------- to Meta


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [value]


def _authors(value: Any, affiliations: dict[str, str] | None = None, positions: dict[str, Location] | None = None,
             lang: str = "en-US") -> tuple[Author, ...]:
    """Authors with their name and affiliation read as Markdown (Pandoc does; Quarto's structured names are
    taken as written)."""
    positions = positions or {}
    single = not isinstance(value, list)
    out = []
    for i, item in enumerate(_as_list(value)):
        key = "author" if single else f"author.{i}"
        if isinstance(item, str):
            name, name_inlines = inline_markdown(item, positions.get(key), lang)
            out.append(Author(name, name_inlines=name_inlines))
            continue
        name, name_inlines = item.display_name(), ()
        if isinstance(item.name, str):
            name, name_inlines = inline_markdown(name, positions.get(f"{key}.name#value"), lang)
        affiliation, affiliation_inlines = inline_markdown(item.display_affiliation(affiliations),
                                                           positions.get(f"{key}.affiliation#value"), lang)
        names = item.affiliation_names(affiliations)
        out.append(Author(name, item.display_credentials(), affiliation, name_inlines, affiliation_inlines,
                          tuple(names) if len(names) > 1 else ()))
    return tuple(out)


_NOCITE_KEY = re.compile(r"@(\*|\{[^}]+\}|[\w][\w:.#$%&\-+?<>~/]*[\w])|@(\w)")


def nocite_keys(value: Any) -> tuple[str, ...]:
    """Keys from Pandoc's ``nocite`` (``@a, @b``, ``@*``, or a list of those)."""
    keys: list[str] = []
    for entry in _as_list(value):
        for match in _NOCITE_KEY.finditer(str(entry)):
            key = (match.group(1) or match.group(2)).strip("{}")
            keys.append(key)
    return tuple(keys)


def to_meta(fm: FrontMatter, positions: dict[str, Location], ignored: list[str]) -> Meta:
    review = fm.review
    if isinstance(review, str):
        review = ReviewSchema(statement=review)
    review = review or ReviewSchema()
    title, title_inlines = inline_markdown(fm.title, positions.get("title#value"), fm.lang)
    subtitle, subtitle_inlines = inline_markdown(fm.subtitle, positions.get("subtitle#value"), fm.lang)
    abstract, abstract_blocks = block_markdown(fm.abstract, positions.get("abstract#value"), fm.lang)
    return Meta(
        title=title,
        subtitle=subtitle,
        title_inlines=title_inlines,
        subtitle_inlines=subtitle_inlines,
        abstract_blocks=abstract_blocks,
        authors=_authors(fm.author, _affiliation_table(fm.affiliations, fm.author), positions, fm.lang),
        date=fm.date,
        lang=fm.lang,
        bibliography=tuple(str(b) for b in _as_list(fm.bibliography)),
        references=tuple(fm.references or ()),
        csl=fm.csl,
        nocite=nocite_keys(fm.nocite),
        organization=fm.organization,
        review=Review(review.statement, review.reviewed, review.next_review, review.reviewer),
        disclaimer=fm.disclaimer,
        copyright=fm.copyright,
        version=str(fm.version),
        handout=tuple(sorted((fm.handout or {}).items())),
        slides=tuple(sorted((fm.slides or {}).items())),
        url=fm.url,
        keywords=tuple(str(k) for k in (_as_list(fm.keywords) if not isinstance(fm.keywords, str)
                                         else [k.strip() for k in fm.keywords.split(",")])),
        abstract=abstract,
        abstract_title=fm.abstract_title,
        audience=fm.audience,
        check=tuple(sorted((fm.check or {}).items())),
        ignored_keys=tuple(ignored),
        positions=tuple(sorted((k, v) for k, v in positions.items() if not k.endswith("#value"))),
    )


def _affiliation_table(value: Any, authors: Any = None) -> dict[str, str]:
    """Top-level ``affiliations:`` (Quarto; rticles' ``affiliation:`` lists with ``code``): id -> name.

    Quarto also lets one author define an affiliation inline (``affiliations: [{id: u1, name: ...}]``) that
    another author refers to with ``ref: u1``: those ids are in the table too.
    """
    table: dict[str, str] = {}
    for author in _as_list(authors):
        inline = getattr(author, "affiliations", None)
        for item in inline if isinstance(inline, list) else []:
            if isinstance(item, AffiliationSchema) and item.id != "" and (item.name or item.department):
                table.setdefault(str(item.id), item.name or item.department)
    for n, item in enumerate(value if isinstance(value, list) else [], start=1):
        if isinstance(item, AffiliationSchema):
            extra = item.model_extra or {}
            name = item.name or item.department or str(extra.get("address", "") or extra.get("institution", ""))
            key = str(item.id or extra.get("code", "") or extra.get("key", "") or n)
            table[key] = name
            table.setdefault(str(n), name)
        elif isinstance(item, str):
            table[str(n)] = item
    return table


_FLAG_KEYS = ("corresponding", "equal-contributor", "deceased")
_NAME_PARTS = ("prefix", "firstname", "given", "particle", "lastname", "family", "suffix")


def _plain(value: Any) -> Any:
    """rticles' ``{formatted: ..., plain: ..., short: ...}`` title/keyword forms: the plain one."""
    if isinstance(value, dict) and ("plain" in value or "formatted" in value):
        return value.get("plain", value.get("formatted"))
    return value


def _scholarly_metadata(data: dict[str, Any]) -> None:
    """The lua-filters ``scholarly-metadata`` form (pandoc-scholar, author-info-blocks): ``- Jane Doe: {institute:
    [fosg]}`` authors and a top-level ``institute:`` list of ``id: name`` / ``id: {name: ...}``, as the
    ``name``/``affiliations`` form with ``ref:`` ids."""
    institutes = data.get("institute")
    if isinstance(institutes, list) and "affiliations" not in data:
        table = []
        for item in institutes:
            if isinstance(item, dict) and len(item) == 1:
                ident, value = next(iter(item.items()))
                name = value.get("name", "") if isinstance(value, dict) else value
                table.append({"id": str(ident), "name": str(name or ident)})
            elif isinstance(item, str):
                table.append({"name": item})
        if table:
            data["affiliations"] = table
            data.pop("institute")
    authors = data.get("author")
    if not isinstance(authors, list):
        return
    for index, author in enumerate(authors):
        if isinstance(author, dict) and len(author) == 1 and "name" not in author:
            name, fields = next(iter(author.items()))
            if isinstance(fields, dict) or fields is None:
                author = {"name": str(name), **(fields or {})}
                authors[index] = author
        if isinstance(author, dict) and "institute" in author and "affiliations" not in author:
            refs = author.pop("institute")
            author["affiliations"] = [{"ref": str(r)} for r in (refs if isinstance(refs, list) else [refs])]
        if isinstance(author, dict) and "correspondence" in author:
            author["corresponding"] = author.pop("correspondence")
        if isinstance(author, dict) and "equal_contributor" in author:
            author["equal-contributor"] = author.pop("equal_contributor")


def _template_shapes(data: dict[str, Any], file: str) -> None:
    """Shapes journal templates (rticles, Quarto journals) write that Pandoc tolerates, as medprint's schema
    reads them: plain forms of ``title``/``keywords``, names in parts (``firstname``/``lastname``/``particle``
    ...), yes/no flags written as text (``corresponding: alice@example.com``), and a natbib-style
    ``bibliography: refs`` meaning ``refs.bib``."""
    for key in ("title", "subtitle", "keywords", "abstract"):
        if key in data:
            data[key] = _plain(data[key])
    _scholarly_metadata(data)
    for author in data.get("author") if isinstance(data.get("author"), list) else []:
        if not isinstance(author, dict):
            continue
        if "name" not in author and any(k in author for k in _NAME_PARTS):
            given = author.get("firstname", author.get("given", ""))
            family = author.get("lastname", author.get("family", ""))
            parts = [str(p).strip() for p in (given, author.get("particle", ""), family) if p]
            name = " ".join(p for p in parts if p)
            if author.get("suffix"):
                name += f" {str(author['suffix']).strip()}"
            if name:
                author["name"] = name
                for k in _NAME_PARTS:
                    author.pop(k, None)
        for flag in _FLAG_KEYS:
            if flag in author and not isinstance(author[flag], bool):
                author[flag] = bool(author[flag]) and str(author[flag]).strip().casefold() not in ("false", "no", "0")
    bibliography = data.get("bibliography")
    if isinstance(bibliography, (str, list)):
        folder = os.path.dirname(os.path.abspath(file))
        entries = [bibliography] if isinstance(bibliography, str) else bibliography
        fixed = [entry + ".bib" if isinstance(entry, str) and not os.path.splitext(entry)[1]
                 and not os.path.exists(os.path.join(folder, entry))
                 and os.path.exists(os.path.join(folder, entry + ".bib")) else entry for entry in entries]
        data["bibliography"] = fixed[0] if isinstance(bibliography, str) else fixed


_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y-%m-%d", "%Y/%m/%d", "%B %Y",
                 "%b %Y", "%Y-%m", "%Y")


def _free_form_date(value: str, file: str, where: Location | None) -> dt.date | None:
    """A ``date:`` written as Pandoc and Quarto authors write it, as a date.

    Quarto's keywords ``today``/``now`` (the build day, or ``SOURCE_DATE_EPOCH`` for a reproducible build) and
    ``last-modified`` (the source file's modification day); written dates such as "June 29, 2022" or
    "29 June 2022".  Anything else is left out with a located warning (Pandoc would print it as written).
    """
    from ..diagnostics import Diagnostic
    from ..report import warn

    text = " ".join(value.split())
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return value  # type: ignore[return-value]  # an impossible ISO date (2025-13-01): the schema's error
    keyword = text.casefold()
    if keyword in ("today", "now"):
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date() if epoch.isdigit() else dt.date.today()
    if keyword == "last-modified":
        try:
            return dt.date.fromtimestamp(os.stat(file).st_mtime)
        except OSError:
            return dt.date.today()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.replace("Sept ", "Sep "), fmt).date()
        except ValueError:
            continue
    warn(Diagnostic("frontmatter.date", "warning", f"date {value!r} is not a date medprint can read; it is left out",
                    where or Location(file, 1, 1), "write it as 2025-03-01 or 'March 1, 2025' (or today / "
                    "last-modified, as in Quarto)"))
    return None


def read_front_matter(text: str, file: str, line_offset: int = 1) -> Meta:
    """Validate the YAML ``text`` (starting on line ``line_offset + 1``) into Meta, reporting every problem.

    Unknown keys are located warnings and are otherwise ignored, as Pandoc and Quarto ignore them; keys those
    tools (and pandoc-crossref, Manubot) define are accepted quietly.
    """
    from ..report import warn

    data, positions = parse_yaml(text, file, line_offset)
    if data in (None, ""):
        data = {}
    if not isinstance(data, dict):
        raise SourceError("frontmatter.not-mapping", "front matter must be a YAML mapping of keys to values",
                          Location(file, line_offset + 1, 1), "write 'title: …' style key/value lines")
    if "authors" in data and "author" not in data:  # Quarto accepts both spellings
        data["author"] = data.pop("authors")
        for key in [k for k in positions if k == "authors" or k.startswith("authors.") or k.startswith("authors#")]:
            positions["author" + key[len("authors"):]] = positions[key]
    if isinstance(data.get("date"), str):
        data["date"] = _free_form_date(data["date"], file, positions.get("date"))
    _template_shapes(data, file)
    ignored = [k for k in data if isinstance(k, str) and known_elsewhere(k)]
    non_string = [k for k in data if not isinstance(k, str)]
    problems = [Problem("frontmatter.invalid", f"front-matter key {k!r} is not a name", positions.get(str(k)),
                        "keys are words such as 'title'") for k in non_string]
    clean = {k: v for k, v in data.items() if isinstance(k, str) and not known_elsewhere(k)}
    fm = None
    unknown_warnings = []
    for _ in range(4):  # each round drops the unknown keys pydantic found, then validates again
        try:
            fm = FrontMatter.model_validate(clean)
            break
        except ValidationError as exc:
            found, unknown = _schema_problems(exc, positions, file)
            if not unknown:
                problems.extend(found)
                break
            for path in unknown:
                unknown_warnings.append(_unknown_key_warning(path, positions, file))
                _drop(clean, path)
    for diagnostic in sorted(unknown_warnings, key=lambda d: (d.location.line, d.location.col)):
        warn(diagnostic)
    if problems or fm is None:
        problems.sort(key=lambda p: (p.location.line if p.location else 0, p.location.col if p.location else 0))
        raise SourceError.many(problems or [Problem("frontmatter.invalid", "the front matter could not be read",
                                                    Location(file, line_offset + 1, 1), "check its keys")])
    return to_meta(fm, positions, ignored)
