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
import re
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem, SourceError
from ..model import Author, Location, Meta, Review

# Keys Pandoc/Quarto know that medprint accepts but does not use (``medprint check`` notes them).
PANDOC_KEYS = frozenset(
    """
    link-citations link-bibliography toc toc-depth toc-title format output documentclass classoption geometry
    fontsize mainfont sansfont monofont fontfamily header-includes include-before include-after numbersections
    number-sections reference-section-title citation-abbreviations suppress-bibliography notes-after-punctuation
    execute jupyter editor theme institute papersize margin-left margin-right margin-top margin-bottom linkcolor
    urlcolor citecolor colorlinks description category categories tags draft engine lof lot thanks page-layout
    date-format editor_options citeproc filters highlight-style self-contained embed-resources standalone
    title-block-banner abstract-title dir fig-cap-location tbl-cap-location crossref linestretch indent
    subject pagetitle title-prefix author-meta date-meta css cover-image footer header logo bibliographystyle
    biblio-style biblio-title natbiboptions biblatexoptions hyperrefoptions secnumdepth mainfontoptions
    affiliations funding license citation google-scholar appendix-style title-block-style code-fold
    number-depth toc-location reference-location citation-location cap-location
    """.split()
)


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
    """Quarto affiliations carry many optional fields; medprint prints the name."""

    model_config = ConfigDict(extra="allow")
    name: str = ""
    department: str = ""


class AuthorSchema(_Strict):
    """Pandoc's ``{name, …}`` plus the fields Quarto's author schema defines (accepted; name,
    credentials/degrees and affiliation(s) are printed)."""

    name: Union[str, NameSchema]
    credentials: str = ""
    degrees: Union[str, list[str]] = ""
    affiliation: Union[str, list[str]] = ""
    affiliations: list[Union[str, AffiliationSchema]] = []
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

    def display_affiliation(self) -> str:
        if self.affiliation:
            return self.affiliation if isinstance(self.affiliation, str) else "; ".join(self.affiliation)
        names = [a if isinstance(a, str) else (a.name or a.department) for a in self.affiliations]
        return "; ".join(n for n in names if n)


class ReviewSchema(_Strict):
    statement: str = ""
    reviewed: dt.date | None = None
    next_review: dt.date | None = Field(None, alias="next-review")
    reviewer: str = ""


class FrontMatter(_Strict):
    title: str = Field(min_length=1)
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
    audience: Literal["patients", "clinicians", ""] = ""
    check: dict[str, Any] | None = None

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
    match = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if match:
        return match[0]
    prefixed = [k for k in known if len(key) >= 3 and k.startswith(key.lower())]
    return prefixed[0] if len(prefixed) == 1 else ""


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


def _schema_problems(exc: ValidationError, positions: dict[str, Location], file: str) -> list[Problem]:
    """Turn pydantic errors into located problems, one per real mistake (not one per Union branch)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for err in exc.errors():
        groups.setdefault(str(err["loc"][0]) if err["loc"] else "", []).append(err)
    problems: list[Problem] = []
    for errs in groups.values():
        specific = [e for e in errs if e["type"] not in _SHAPE_ERRORS]
        chosen = specific or errs[:1]
        seen: set[tuple[str, ...]] = set()
        for err in chosen:
            path = _clean_path(err["loc"])
            if path in seen:
                continue
            seen.add(path)
            dotted = ".".join(path)
            if err["type"] == "extra_forbidden":
                fields = _fields_at(path[:-1])
                guess = _closest(path[-1], fields)
                hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(fields)}"
                where = _location_for(path, positions, file, key=True)
                problems.append(Problem("frontmatter.unknown-key", f"unknown front-matter key '{dotted}'", where, hint))
            elif err["type"] == "missing":
                where = _location_for(path[:-1], positions, file, key=True) if len(path) > 1 else Location(file, 1, 1)
                problems.append(Problem("frontmatter.missing-key", f"required front-matter key '{dotted}' is missing",
                                        where, f"add '{path[-1]}:' to the front matter"))
            else:
                msg = err["msg"].removeprefix("Value error, ")
                where = _location_for(path, positions, file, key=False)
                problems.append(Problem("frontmatter.invalid", f"front-matter key '{dotted}': {msg}", where,
                                        _hint_for(path, err["type"])))
    return problems


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


def _authors(value: Any) -> tuple[Author, ...]:
    out = []
    for item in _as_list(value):
        if isinstance(item, str):
            out.append(Author(item))
        else:
            out.append(Author(item.display_name(), item.display_credentials(), item.display_affiliation()))
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
    return Meta(
        title=fm.title,
        subtitle=fm.subtitle,
        authors=_authors(fm.author),
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
        abstract=fm.abstract,
        audience=fm.audience,
        check=tuple(sorted((fm.check or {}).items())),
        ignored_keys=tuple(ignored),
        positions=tuple(sorted((k, v) for k, v in positions.items() if not k.endswith("#value"))),
    )


def read_front_matter(text: str, file: str, line_offset: int = 1) -> Meta:
    """Validate the YAML ``text`` (starting on line ``line_offset + 1``) into Meta, reporting every problem."""
    data, positions = parse_yaml(text, file, line_offset)
    if not isinstance(data, dict):
        raise SourceError("frontmatter.not-mapping", "front matter must be a YAML mapping of keys to values",
                          Location(file, line_offset + 1, 1), "write 'title: …' style key/value lines")
    if "authors" in data and "author" not in data:  # Quarto accepts both spellings
        data["author"] = data.pop("authors")
        for key in [k for k in positions if k == "authors" or k.startswith("authors.") or k.startswith("authors#")]:
            positions["author" + key[len("authors"):]] = positions[key]
    ignored = [k for k in data if isinstance(k, str) and k in PANDOC_KEYS]
    non_string = [k for k in data if not isinstance(k, str)]
    problems = [Problem("frontmatter.invalid", f"front-matter key {k!r} is not a name", positions.get(str(k)),
                        "keys are words such as 'title'") for k in non_string]
    clean = {k: v for k, v in data.items() if isinstance(k, str) and k not in PANDOC_KEYS}
    # YAML dates arrive as datetime.date; a plain string date is validated by pydantic.
    try:
        fm = FrontMatter.model_validate(clean)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, positions, file))
        fm = None
    if problems:
        problems.sort(key=lambda p: (p.location.line if p.location else 0, p.location.col if p.location else 0))
        raise SourceError.many(problems)
    assert fm is not None
    return to_meta(fm, positions, ignored)
