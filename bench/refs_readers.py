"""How long reading reference files takes, per format, at 100 and 1,000 records (prints figures; no assertions).

    python bench/refs_readers.py            # run from the repository root

Each format's real-shaped test fixture is repeated (keys made unique) to the wanted size and read through
``read_reference_file``, exactly as a build reads a bibliography.  BibTeX is the slow one: bibtexparser 1.4
is built on pyparsing (several ms per entry); the others are line scanners or the json/yaml C paths.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from medprint.readers.references import read_reference_file

FIXTURES = Path("tests/readers/references/fixtures")


def scaled(name: str, count: int) -> str:
    text = (FIXTURES / name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    if name.endswith(".json"):
        items = json.loads(text)
        out = [dict(items[i % len(items)], id=f"k{i}") for i in range(count)]
        return json.dumps(out, indent=2)
    if name.endswith(".bib"):
        entries = re.findall(r"@(?!String|Comment)\w+\{.*?\n\}\n", text, re.S)
        strings = "".join(re.findall(r"@String\{.*?\}\n", text))
        return strings + "\n".join(re.sub(r"\{[^,]+,", f"{{k{i},", entries[i % len(entries)], count=1) for i in range(count))
    if name.endswith(".ris"):
        records = re.findall(r"TY  - .*?ER  - \n", text, re.S)
        return "\n".join(re.sub(r"ID  - [^\n]*\n", "", records[i % len(records)]).replace(
            "ER  - ", f"ID  - k{i}\nER  - ") for i in range(count))
    if name.endswith(".nbib"):
        records = text.strip().split("\n\n")
        return "\n\n".join(re.sub(r"PMID- \d+", f"PMID- {i + 1}", records[i % len(records)]) for i in range(count))
    raise ValueError(name)


def main() -> None:
    print(f"{'format':<10} {'records':>8} {'seconds':>9} {'ms/record':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("zotero.json", "jabref.bib", "zotero.ris", "pubmed.nbib"):
            for count in (100, 1000):
                path = Path(tmp) / f"{count}-{name}"
                path.write_text(scaled(name, count), encoding="utf-8")
                start = time.perf_counter()
                refs = read_reference_file(path)
                took = time.perf_counter() - start
                assert len(refs) == count, (name, len(refs))
                print(f"{Path(name).suffix:<10} {count:>8} {took:>9.2f} {1000 * took / count:>10.2f}")


if __name__ == "__main__":
    main()
