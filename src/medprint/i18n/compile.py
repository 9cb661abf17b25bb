"""Compile the label catalogs: ``python -m medprint.i18n.compile`` turns every ``locale/*/LC_MESSAGES/*.po``
into the ``.mo`` beside it with babel (a development tool: the build only reads the committed ``.mo``)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from .labels import LOCALE_DIR


def compiled(po_path: Path) -> bytes:
    """The ``.mo`` bytes babel makes from ``po_path`` (deterministic: same .po, same bytes)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parent.parent.name)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def sources() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def main() -> int:
    for po in sources():
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if not mo.is_file() or mo.read_bytes() != data:
            mo.write_bytes(data)
            print(f"compiled {mo.relative_to(LOCALE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
