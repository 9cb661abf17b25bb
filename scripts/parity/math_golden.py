"""Write tests/parity/golden/math.json: what ``pandoc -f markdown -t json`` reads as TeX math in each case.

Run by hand when the cases change (needs Pandoc: ``pip install pypandoc-binary``); the tests read only the JSON.
    python scripts/parity/math_golden.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "parity"))

from math_cases import CASES  # noqa: E402


def pandoc_math(markdown: str, pandoc: str) -> list[list[str]]:
    out = subprocess.run([pandoc, "-f", "markdown", "-t", "json"], input=markdown.encode("utf-8"),
                         capture_output=True, check=True).stdout
    found: list[list[str]] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Math":
                found.append([node["c"][0]["t"], node["c"][1]])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(out)["blocks"])
    return found


def main() -> None:
    import pypandoc

    pandoc = pypandoc.get_pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    golden = {"pandoc": version, "cases": {case: pandoc_math(case, pandoc) for case in CASES}}
    path = ROOT / "tests" / "parity" / "golden" / "math.json"
    path.write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(CASES)} cases)")


if __name__ == "__main__":
    main()
