"""A source file -> :class:`~medprint.model.Document`: bytes, front matter, body, references.

This is the only reader entry point the rest of medprint uses.  It decodes the
file strictly (UTF-8 with or without BOM, UTF-16 with BOM; anything else is an
error naming the byte offset), splits the YAML front matter from the body so
both report positions in the file itself, and loads the references.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import LimitError, SourceError
from ..limits import Limits
from ..model import Document, Location, iter_images
from ..paths import resolve_source_path
from .frontmatter import read_front_matter
from .markdown import read_markdown


def display_path(path: Path) -> str:
    """The path as the user should see it in messages: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def decode_text(data: bytes, file: str) -> str:
    """Strict decoding: BOMs honoured, invalid bytes reported by offset, CRLF/CR folded to LF."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8-sig", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError("source.encoding", f"invalid {name} at byte {exc.start}", Location(file, line, 1),
                          hint="save the file as UTF-8") from None
    if "\x00" in text:
        offset = text.index("\x00")
        from ..safety.text import looks_like_utf16

        if looks_like_utf16(data):
            raise SourceError("source.encoding", "the file looks like UTF-16 without a byte-order mark",
                              Location(file, 1, 1), hint="save the file as UTF-8")
        raise SourceError("source.binary", f"file contains a NUL character at character {offset}; is it binary?",
                          Location(file, text[:offset].count("\n") + 1, 1), hint="give a Markdown text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from ..safety.text import check_control_chars

    check_control_chars(text, file)  # writers (XML above all) cannot hold C0 controls
    return text


def split_front_matter(text: str, file: str) -> tuple[str, str, int]:
    """Return (yaml, body, body_line_offset).  The YAML starts on line 2 of the file; a file without front
    matter is all body (Pandoc builds it; the title then comes from its first heading or its name)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return "", text, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 1
    raise SourceError("frontmatter.unclosed", "the front matter is never closed", Location(file, 1, 1),
                      hint="end the front matter with a line containing only '---'")


def source_name(path: Path) -> str:
    """Output stem: the file's stem, or its folder's name for ``index.md`` (the resolved folder: ``index.md``
    given from inside its folder has the parent ``.``, whose name is empty)."""
    return (path.parent.resolve().name or path.stem) if path.stem == "index" else path.stem


def _fallback_title(meta, blocks, path: Path, file: str):
    """No ``title:``: the first heading's text, else the file's name, with a warning (as Pandoc does)."""
    import dataclasses

    from ..diagnostics import Diagnostic
    from ..model import Heading, plain_text, walk_blocks
    from ..report import warn

    heading = next((b for b in walk_blocks(blocks) if isinstance(b, Heading)), None)
    text = plain_text(heading.inlines).strip() if heading is not None else ""
    if text:
        title, origin, where = text, "heading", heading.location
    else:
        title, origin, where = source_name(path).replace("-", " ").replace("_", " ").strip() or path.stem, "file", None
    warn(Diagnostic("frontmatter.missing-title", "warning", f"no title in the front matter; using '{title}' "
                    f"(from the {'first heading' if origin == 'heading' else 'file name'})",
                    where or Location(file, 1, 1), "add title: to the front matter (check and release require one)"))
    from .meta_markdown import flatten

    inlines = flatten(heading.inlines) if origin == "heading" else ()
    return dataclasses.replace(meta, title=title, title_from=origin, title_inlines=inlines)


def _warn_untranslated(meta, file: str) -> None:
    """One warning (never one per label) when medprint's own labels lack a translation into the document's
    language: those labels print in English."""
    from ..diagnostics import Diagnostic
    from ..i18n.labels import untranslated
    from ..report import warn

    missing = untranslated(meta.lang)
    if not missing:
        return
    shown = ", ".join(f"'{m}'" for m in missing[:3]) + (", …" if len(missing) > 3 else "")
    warn(Diagnostic("lang.untranslated", "warning",
                    f"no '{meta.lang}' translation of {len(missing)} of medprint's own labels ({shown}): they print "
                    "in English", meta.position("lang") or Location(file, 1, 1),
                    "add src/medprint/i18n/locale/<language>/LC_MESSAGES/medprint.po (see the README's "
                    "'Languages'), or use one of en, es, fr, de, pt"))


def _closest_position(meta, key: str) -> Location | None:
    """The front-matter location of ``a.b.c`` or of its nearest parent key."""
    parts = key.split(".")
    while parts:
        found = meta.position(".".join(parts))
        if found:
            return found
        parts.pop()
    return None


def read_source(path: Path | str, *, limits: Limits | None = None) -> Document:
    """Read one source file into a Document; raises :class:`SourceError` with a location on bad input."""
    from .references import load_references

    limits = limits or Limits.from_env()
    path = Path(path)
    file = display_path(path)
    try:
        size = path.stat().st_size
        if size > limits.source_bytes:
            raise LimitError("limit.source-size", f"source is {size} bytes, over the limit of {limits.source_bytes}",
                             Location(file, 1, 1), hint="split it, or raise MEDPRINT_LIMIT_SOURCE_BYTES")
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("source.unreadable", "is a folder, not a Markdown file", Location(file),
                          hint="name the .md file, or a folder holding index.md") from None
    except FileNotFoundError:
        raise SourceError("source.missing", "source file not found", Location(file),
                          hint="check the path; sources live in sources/") from None
    except PermissionError:
        raise SourceError("source.unreadable", "permission denied reading the source", Location(file),
                          hint="check the file's permissions") from None
    from ..paths import check_source_link

    check_source_link(path, file)  # its relative paths would resolve in another folder
    text = decode_text(data, file)
    yaml_text, body, offset = split_front_matter(text, file)
    try:
        meta = read_front_matter(yaml_text, file, line_offset=1)
    except RecursionError:  # e.g. [[[[…]]]] thousands deep: PyYAML recurses per level
        raise LimitError("limit.nesting", "front matter nested too deeply", Location(file, 2, 1),
                         hint="flatten the YAML (lists inside lists inside lists…)") from None
    from ..safety.text import check_values

    check_values({k: v for k, v in vars(meta).items() if k != "positions"}, Location(file, 2, 1), "front matter",
                 "frontmatter.control-char", locate=lambda key: _closest_position(meta, key))
    blocks, footnotes = read_markdown(body, file, line_offset=offset, max_depth=limits.nesting_depth,
                                      lang=meta.lang)
    if not meta.title:
        meta = _fallback_title(meta, blocks, path, file)
    _warn_untranslated(meta, file)
    from .structure import place_reference_list

    blocks = place_reference_list(blocks)
    source_dir = path.resolve().parent
    references = load_references(meta, source_dir, limits=limits)
    inputs = [str(path.resolve())]
    for bib in meta.bibliography:
        inputs.append(str(resolve_source_path(bib, source_dir, meta.position("bibliography"), what="bibliography")))
    document = Document(meta, blocks, str(path), source_name(path), footnotes, references)
    for image in iter_images(document):
        try:
            inputs.append(str(resolve_source_path(image.src, source_dir, image.location, what="image")))
        except SourceError:
            pass  # reported by the writers and by `medprint check`
    document = Document(meta, blocks, str(path), source_name(path), footnotes, references,
                        tuple(dict.fromkeys(inputs)))
    from .identifier_keys import resolve_identifier_keys

    return resolve_identifier_keys(document, path, file)
