"""Write the web page's base-character font subsets that medprint ships (src/medprint/writers/data/font-subsets/).

Run after changing the font packages, fontTools or the subsetting options; builds use a shipped subset only when
its name (font file digest, characters, fontTools version, options format) matches, else they subset and cache.

    python scripts/make_font_subsets.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medprint.writers import html_fonts  # noqa: E402


def main() -> None:
    folder = html_fonts.SHIPPED_SUBSETS
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.woff"):
        old.unlink()
    chars = html_fonts.base_chars()
    for _, stem, _, _ in html_fonts.FACES:
        path = folder / (html_fonts.subset_key(stem, chars) + ".woff")
        path.write_bytes(html_fonts.make_subset(stem, chars))
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
