"""How long `medprint check` takes: the sample, and a large synthetic source (prints figures; no assertions).

    python bench/check_speed.py            # run from the repository root

Target: the sample in well under 2 s after imports, a 200-section / 500-reference source in under 10 s,
so `build` can always run the check first.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from medprint.check import check_source

SAMPLE = Path("sources/gut-microbiome-immunotherapy/index.md")


def synthetic(folder: Path, sections: int = 200, refs: int = 500) -> Path:
    items = [{"id": f"r{i}", "type": "article-journal", "title": f"Study number {i} of gut bacteria in cancer care",
              "container-title": "Journal of Examples", "volume": str(i), "page": f"{i}-{i + 9}",
              "DOI": f"10.1234/ex.{i}", "author": [{"family": f"Author{i}", "given": "A."}],
              "issued": {"date-parts": [[2000 + i % 25]]}} for i in range(refs)]
    (folder / "references.json").write_text(json.dumps(items, indent=2))
    body = ["---", "title: Big", "audience: patients", "bibliography: references.json", "---", ""]
    for s in range(sections):
        body += [f"# Section {s}", "", " ".join(
            f"Microbes in the gut produce many helpful substances that regulate immunity [@r{(s * 3 + k) % refs}]."
            for k in range(3)), ""]
    source = folder / "index.md"
    source.write_text("\n".join(body) + "\n")
    return source


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = check_source(path, today=dt.date(2026, 11, 27))
    return time.perf_counter() - start, len(result.diagnostics)


def main() -> None:
    start = time.perf_counter()
    import medprint.check.readability  # noqa: F401 - count imports separately
    print(f"imports: {time.perf_counter() - start:.2f} s")
    if SAMPLE.is_file():
        for run in ("first", "second"):
            seconds, count = timed(SAMPLE)
            print(f"sample ({run} run): {seconds:.2f} s, {count} diagnostics")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, count = timed(synthetic(Path(tmp)))
        print(f"synthetic 200 sections / 500 references: {seconds:.2f} s, {count} diagnostics")


if __name__ == "__main__":
    sys.exit(main())
