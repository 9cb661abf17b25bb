"""Dependencies run one way: readers -> model -> citations -> writers -> api -> commands.

Checked on the source (every ``import``/``from … import``, at module level or inside a function), so a lazy import
that would close a cycle is caught as surely as a top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "medprint"

# importer prefix -> prefixes it must never import
FORBIDDEN = {
    "medprint.model": ("medprint.readers", "medprint.citations", "medprint.writers", "medprint.api",
                       "medprint.commands", "medprint.check", "medprint.release"),
    "medprint.readers": ("medprint.citations", "medprint.writers", "medprint.api", "medprint.commands",
                         "medprint.check", "medprint.release", "medprint.remote", "medprint.preview"),
    "medprint.citations": ("medprint.writers", "medprint.api", "medprint.commands", "medprint.check",
                           "medprint.release", "medprint.remote", "medprint.preview"),
    "medprint.writers": ("medprint.api", "medprint.commands", "medprint.check", "medprint.release",
                         "medprint.remote", "medprint.preview"),
    "medprint.check": ("medprint.api", "medprint.commands", "medprint.release", "medprint.preview"),
    "medprint.api": ("medprint.commands", "medprint.release", "medprint.remote", "medprint.preview"),
}

# the one crossing allowed: citation prefixes/suffixes keep their Markdown as the engine's formatting marks, a
# format both sides share (citations.markup has no imports of its own beyond the model)
ALLOWED = {("medprint.readers.md_citations", "medprint.citations.markup")}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {t for t in found if t.startswith("medprint")}


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: module_name(p))
def test_no_module_imports_against_the_layering(path):
    name = module_name(path)
    rules = [banned for prefix, banned in FORBIDDEN.items() if name == prefix or name.startswith(prefix + ".")]
    bad = sorted(t for t in imports(path) for banned in rules for b in banned
                 if (t == b or t.startswith(b + ".")) and not any(name == a and t.startswith(m) for a, m in ALLOWED))
    assert not bad, f"{name} imports {bad}"
