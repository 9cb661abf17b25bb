"""CSL-YAML (Pandoc's ``references:`` format): a YAML list of CSL items, or a mapping holding one.

Field values are Pandoc Markdown (converted by :mod:`.mdmarkup`).  Parsed with PyYAML's safe loader, composing nodes first so each item keeps
its line.  Aliases are refused (no billion-laughs expansion from a shared file).
"""

from __future__ import annotations

from typing import Any

import yaml

from ...model import Location, Reference
from ._text import fail
from .mdmarkup import convert_item
from .normalize import normalize_item


class _Loader(yaml.SafeLoader):
    """Safe loader without aliases; impossible dates stay strings (normalised later)."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "YAML aliases (*name) are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_cslyaml(text: str, file: str) -> list[Reference]:
    """Parse CSL-YAML text: ``- id: ...`` items, or ``references:`` holding them."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        alias = "alias" in str(problem)
        raise fail("reference.parse", f"invalid YAML: {problem}", file,
                   mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                   hint="write the value out in full instead of *name (aliases are refused: they can expand "
                        "without limit)" if alias else "fix the YAML syntax (quote titles that contain ': ')") from None
    except RecursionError:
        raise fail("limit.nesting", "YAML nested too deeply", file, 1, 1) from None
    if node is None:
        raise fail("reference.parse", "empty CSL-YAML file", file, 1, 1,
                   hint="write a list of references: '- id: key' / '  type: book' ...")
    seq = node
    if isinstance(node, yaml.MappingNode):
        seq = next((v for k, v in node.value if getattr(k, "value", None) == "references"), None)
        data = data.get("references") if isinstance(data, dict) else None
        if seq is None:
            raise fail("reference.shape", "a CSL-YAML mapping must have a 'references:' list", file,
                       node.start_mark.line + 1, node.start_mark.column + 1,
                       hint="write 'references:' followed by the list of items")
    if not isinstance(seq, yaml.SequenceNode) or not isinstance(data, list):
        raise fail("reference.shape", "CSL-YAML references must be a list ('- id: ...')", file,
                   seq.start_mark.line + 1, seq.start_mark.column + 1,
                   hint="start each reference with '- id: key'")
    refs = []
    for item_node, item in zip(seq.value, data):
        where = Location(file, item_node.start_mark.line + 1, item_node.start_mark.column + 1)
        clean = convert_item(normalize_item(item, where, file_kind="CSL-YAML"))
        refs.append(Reference(clean["id"], clean, where))
    return refs


def inline_references(items: tuple[dict[str, Any], ...] | list, locations: list[Location | None]) -> list[Reference]:
    """The front matter's ``references:`` items (already parsed YAML) as references."""
    refs = []
    for item, where in zip(items, locations):
        clean = convert_item(normalize_item(item, where, file_kind="inline"))
        refs.append(Reference(clean["id"], clean, where))
    return refs
