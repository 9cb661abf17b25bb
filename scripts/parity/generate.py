"""Write tests/parity/golden/NAME.json: what Pandoc 3 makes of each whole document in tests/parity/docs/.

Each ``tests/parity/docs/NAME.md`` is converted with Pandoc's own Markdown reader and citeproc
(``pandoc --citeproc --csl STYLE.csl -t html5``), with the same CSL files medprint uses and the same
locale data: Pandoc has its locales built in and reads no locale file, so the one medprint uses
(en-US pinned in ``styles/csl/locales``, other languages the ones citeproc-py ships) is copied into
a temporary copy of the style as a ``<locale>`` without ``xml:lang``.  By CSL's priorities that
stands exactly where a locale file stands: below the style's own ``<locale xml:lang="de">`` blocks,
above any locale shipped with the processor.
The HTML is reduced by ``tests/parity/parity_support.py`` (the code the tests use on medprint's
page) to citation texts, reference entries, body blocks and footnotes.

Run ``python scripts/parity/generate.py`` (needs ``pypandoc-binary``).  Never edit the output by hand.
"""

from __future__ import annotations

import json
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


def locale_file(lang: str) -> Path:
    """The locale file medprint's engine uses for ``lang``."""
    import citeproc

    pinned = ROOT / "styles" / "csl" / "locales" / f"locales-{lang}.xml"
    bundled = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{lang}.xml"
    source = pinned if pinned.is_file() else bundled
    if not source.is_file():
        raise SystemExit(f"no locale file for {lang}")
    return source


def style_with_locale(style: Path, locale: Path, out: Path) -> Path:
    """A copy of ``style`` holding ``locale``'s terms, dates and options as a language-less ``<locale>``."""
    from lxml import etree

    ns = "{http://purl.org/net/xbiblio/csl}"
    tree = etree.parse(str(style))
    root = tree.getroot()
    data = etree.parse(str(locale)).getroot()
    block = etree.Element(f"{ns}locale")
    for child in data:
        if isinstance(child.tag, str) and child.tag != f"{ns}info":
            block.append(child)
    anchor = root.find(f"{ns}locale")
    if anchor is None:
        anchor = root.find(f"{ns}macro")
    if anchor is None:
        anchor = root.find(f"{ns}citation")
    anchor.addprevious(block)
    tree.write(str(out), xml_declaration=True, encoding="utf-8")
    return out


def convert(path: Path) -> dict:
    meta = front_matter(path)
    style = STYLE_FILES[meta.get("csl", "apa")]
    lang = meta.get("lang", "en-US")
    bibs = meta.get("bibliography") or []
    bibs = [bibs] if isinstance(bibs, str) else bibs
    locale = locale_file(lang)
    with tempfile.TemporaryDirectory() as tmp:
        csl = style_with_locale(ROOT / "styles" / "csl" / style, locale, Path(tmp) / style)
        args = ["--citeproc", f"--csl={csl}", "--wrap=none", *[f"--bibliography={DOCS / b}" for b in bibs]]
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
