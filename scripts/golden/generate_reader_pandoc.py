"""Write Pandoc's reading of medprint's reader fixtures: ``NAME.pandoc.json`` next to each input.

``tests/readers/references/fixtures/pandoc/*.{bib,ris}`` are medprint's own test records; Pandoc 3
(pypandoc-binary) reads each (``-f biblatex`` / ``-f ris``) and writes CSL-JSON, the reference the reader
tests (``tests/readers/references/test_readers_pandoc.py``) compare medprint's readers with.
Run ``python scripts/golden/generate_reader_pandoc.py``; never edit the output by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pypandoc

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "readers" / "references" / "fixtures" / "pandoc"
FORMATS = {".bib": "biblatex", ".ris": "ris"}


def main() -> None:
    for path in sorted(FIXTURES.iterdir()):
        fmt = FORMATS.get(path.suffix)
        if fmt is None:
            continue
        items = json.loads(pypandoc.convert_file(str(path), "csljson", format=fmt))
        out = path.with_name(path.name + ".pandoc.json")
        out.write_text(json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(items)} items)")


if __name__ == "__main__":
    main()
