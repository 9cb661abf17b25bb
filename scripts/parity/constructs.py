"""Write tests/parity/constructs_golden/NAME.json: Pandoc's reading of each tests/parity/constructs/NAME.md.

Each small document holds one Pandoc-Markdown construct family (definition lists, task lists, tables,
image attributes, ...).  Pandoc reads it with ``-f markdown -t json``; the AST is reduced by
``tests/parity/constructs_support.py`` (the code the tests use on medprint's model) and written here.

Run ``python scripts/parity/constructs.py`` (needs ``pypandoc-binary``).  Never edit the output by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypandoc

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "parity"))

from constructs_support import CONSTRUCTS, CONSTRUCTS_GOLDEN, construct_names, reduce_pandoc  # noqa: E402


def main() -> None:
    CONSTRUCTS_GOLDEN.mkdir(exist_ok=True)
    for name in construct_names():
        source = (CONSTRUCTS / f"{name}.md").read_text(encoding="utf-8")
        ast = json.loads(pypandoc.convert_text(source, "json", format="markdown"))
        out = CONSTRUCTS_GOLDEN / f"{name}.json"
        out.write_text(json.dumps(reduce_pandoc(ast), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    main()
