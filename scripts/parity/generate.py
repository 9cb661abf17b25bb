"""Write tests/parity/golden/NAME.json: what Pandoc 3 makes of each whole document in tests/parity/docs/.

Each ``tests/parity/docs/NAME.md`` is converted with Pandoc's own Markdown reader and citeproc
(``pandoc --citeproc --csl styles/csl/STYLE.csl -t html5``), with the same CSL files medprint uses
and the same locale files (en-US pinned in ``styles/csl/locales``, other languages the ones
citeproc-py ships), placed in Pandoc's working folder where it looks for ``locales-LANG.xml``.
The HTML is reduced by ``tests/parity/parity_support.py`` (the code the tests use on medprint's
page) to citation texts, reference entries, body blocks and footnotes.

Run ``python scripts/parity/generate.py`` (needs ``pypandoc-binary``).  Never edit the output by hand.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import pypandoc
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "parity"))

from parity_support import DOCS, GOLDEN, extract_pandoc  # noqa: E402

# medprint's style names -> the CSL files it resolves them to (src/medprint/citations/styles.py).
STYLE_FILES = {"apa": "apa.csl", "american-medical-association": "american-medical-association.csl",
               "vancouver": "nlm-citation-sequence.csl", "nlm-citation-sequence": "nlm-citation-sequence.csl"}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")) or {}


def locale_folder(tmp: Path, lang: str) -> Path:
    """A folder holding the locale file medprint uses for ``lang`` (Pandoc reads it from its working folder)."""
    import citeproc

    pinned = ROOT / "styles" / "csl" / "locales" / f"locales-{lang}.xml"
    bundled = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{lang}.xml"
    source = pinned if pinned.is_file() else bundled
    if not source.is_file():
        raise SystemExit(f"no locale file for {lang}")
    shutil.copy(source, tmp / source.name)
    return source


def convert(path: Path) -> dict:
    meta = front_matter(path)
    style = STYLE_FILES[meta.get("csl", "apa")]
    lang = meta.get("lang", "en-US")
    bibs = meta.get("bibliography") or []
    bibs = [bibs] if isinstance(bibs, str) else bibs
    with tempfile.TemporaryDirectory() as tmp:
        locale = locale_folder(Path(tmp), lang)
        args = ["--citeproc", f"--csl={ROOT / 'styles' / 'csl' / style}", "--wrap=none",
                *[f"--bibliography={DOCS / b}" for b in bibs]]
        html = pypandoc.convert_file(str(path), "html5", format="markdown", extra_args=args, cworkdir=tmp)
    found = extract_pandoc(html)
    return {
        "generator": f"pandoc {pypandoc.get_pandoc_version()} (pypandoc-binary)",
        "source": f"tests/parity/docs/{path.name}",
        "style": f"styles/csl/{style}",
        "locale": str(locale.relative_to(ROOT) if locale.is_relative_to(ROOT) else f"citeproc-py:{locale.name}"),
        **found,
    }


def main(names: list[str]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    paths = [DOCS / f"{n}.md" for n in names] if names else sorted(DOCS.glob("*.md"))
    for path in paths:
        out = convert(path)
        (GOLDEN / f"{path.stem}.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
        print(f"{path.stem}: {len(out['clusters']) + len(out['note_clusters'])} citations, "
              f"{len(out['entries'])} entries, {len(out['blocks'])} blocks, {len(out['notes'])} notes")


if __name__ == "__main__":
    main(sys.argv[1:])
