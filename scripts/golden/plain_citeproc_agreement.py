"""How often plain citeproc-py 0.11.1 (no medprint fixes) agrees with citeproc-js on the golden corpus.

Run: ``python scripts/golden/plain_citeproc_agreement.py``.  A measurement for the record
(why medprint patches citeproc-py), not a test.  Narrative and suppress-author clusters
count as disagreements: plain citeproc-py has no such modes.  medprint itself is not
imported here, because importing it patches citeproc-py.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "citations"


def canon(text: str) -> str:
    """Loose canonical form: entities decoded, <em> as <i>, links and nocase spans dropped."""
    text = html.unescape(str(text)).replace("<em>", "<i>").replace("</em>", "</i>")
    text = re.sub(r"</?a[^>]*>|<span class=\"nocase\">|</span>(?![^<]*small-caps)", "", text)
    return " ".join(text.split())


def main() -> None:
    corpus = json.loads((GOLDEN / "corpus.json").read_text(encoding="utf-8"))
    clusters = json.loads((GOLDEN / "clusters.json").read_text(encoding="utf-8"))
    expected = json.loads((GOLDEN / "expected-citeproc-js.json").read_text(encoding="utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(str(ROOT / "styles" / "csl" / "apa.csl"), validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON(corpus), formatter.html)
        cites = []
        for cluster in clusters:
            items = [CitationItem(i["key"], **({"locator": Locator(i.get("label", "page"), i["locator"])}
                                                if i.get("locator") else {}),
                                  **{k: i[k] for k in ("prefix", "suffix") if i.get(k)})
                     for i in cluster["items"]]
            citation = Citation(items)
            bib.register(citation)
            cites.append((cluster, citation))
        for ref in corpus:
            bib.register(Citation([CitationItem(ref["id"])]))
        entries_ok = clusters_ok = 0
        bib.sort()
        mine, crashed = {}, []
        for item in bib.items:  # one at a time: plain citeproc-py crashes on some entries (date ranges)
            try:
                mine[item.key] = str(style.render_bibliography([item])[0])
            except Exception:  # noqa: BLE001 - a crash is a measurement too
                crashed.append(item.key)
        for entry in expected["entries"]:
            entries_ok += canon(mine.get(entry["key"].lower(), "")) == canon(entry["html"])
        by_id = {c["id"]: c for c in expected["clusters"]}
        for cluster, citation in cites:
            if any(i.get("mode") for i in cluster["items"]):
                continue
            try:
                text = str(bib.cite(citation, lambda item: None))
            except Exception:  # noqa: BLE001
                text = ""
            clusters_ok += canon(text) == canon(by_id[cluster["id"]]["html"])
    n_e, n_c = len(expected["entries"]), len(expected["clusters"])
    if crashed:
        print(f"plain citeproc-py crashed on {len(crashed)} entries: {', '.join(crashed)}")
    print(f"plain citeproc-py vs citeproc-js: entries {entries_ok}/{n_e} ({entries_ok / n_e:.0%}), "
          f"clusters {clusters_ok}/{n_c} ({clusters_ok / n_c:.0%})")


if __name__ == "__main__":
    main()
