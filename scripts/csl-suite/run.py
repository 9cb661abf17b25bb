"""Run the CSL processor test suite (citation-style-language/test-suite) against medprint's citation engine.

Usage::

    python scripts/csl-suite/run.py PATH [--plain] [--only TEXT] [--failures] [--diff]
                                        [--save FILE.json] [--compare FILE.json] [--pandoc PATH]

PATH is a checkout of the test-suite repository (its ``processor-tests/humans`` folder is used) or a folder
of fixture ``.txt`` files.  The fixtures carry no licence, so they are read from there and never copied into
this repository.

Each fixture is run as citeproc-js's runner (citeproc-test-runner) runs it:

- MODE ``citation``: with CITATION-ITEMS, every item of INPUT is registered, then each cluster is rendered
  (one output line each); with CITATIONS, only the cited items are registered and each citation is
  rendered in order (a later citation with the same citationID replaces an earlier one, as Pandoc's runner
  does; the ``>>[0]`` prefixes of the expected lines are dropped); with neither, one cluster of every
  item in reference-list order.
- MODE ``bibliography``: every INPUT item is registered (only the cited ones with CITATIONS) and the list is
  printed in citeproc-js's ``csl-bib-body`` HTML.
- Output is citeproc-js's HTML: ``<i>``, ``<b>``, small caps spans, flip-flopped nested styles
  (``<span style="font-style:normal;">``) and ``&#38;`` escapes.

It prints pass counts by group (the fixture name's prefix: ``flipflop_``, ``collapse_`` ...) and, with
``--failures``, the failing fixtures (``--diff`` shows expected and actual).  ``--plain`` runs plain
citeproc-py 0.11.1 instead (no medprint fixes; its own HTML formatter): that run must not import medprint,
so it is a separate invocation.  ``--save`` writes {fixture: passed} to a JSON file; ``--compare`` prints a
before/after table against such a file and lists fixtures that passed there and fail now.  ``--pandoc``
takes a checkout of jgm/citeproc and counts Pandoc's citeproc on the same fixtures from its
expected-failure list (test/Spec.hs): column ``pandoc`` as its own test run counts them, column ``unedited`` with
the fixtures it replaces by edited copies (``test/overrides``) counted as failing, i.e. on the fixtures as the
suite has them, which are the ones medprint is run on.

Not a test: a measurement for the record (issue 12).  Nothing here reaches the network.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import signal
import sys
import tempfile
import traceback
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION_RE = re.compile(r"^>>=+\s*([A-Z0-9-]+)\s*=+>>")
END_RE = re.compile(r"^<<=+\s*([A-Z0-9-]+)\s*=+<<")
PREFIX_RE = re.compile(r"^(?:>>|\.\.)\[\d+\] ", re.MULTILINE)
TIMEOUT = 20  # seconds per fixture
NO_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


class Timeout(Exception):
    pass


def fixtures(path: Path) -> list[Path]:
    humans = path / "processor-tests" / "humans"
    folder = humans if humans.is_dir() else path
    found = sorted(folder.glob("*.txt"))
    if not found:
        sys.exit(f"run.py: no fixtures (*.txt) in {folder}; give a checkout of the CSL test-suite repository")
    return found


def parse_fixture(path: Path) -> dict[str, str]:
    """The fixture's sections by name (MODE, RESULT, CSL, INPUT, CITATION-ITEMS, CITATIONS ...)."""
    sections: dict[str, str] = {}
    current, lines = None, []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if current is None:
            m = SECTION_RE.match(line)
            if m:
                current, lines = m.group(1), []
        elif END_RE.match(line):
            sections[current] = "\n".join(lines)
            current = None
        else:
            lines.append(line)
    return sections


def group_of(name: str) -> str:
    return name.split("_", 1)[0]


def style_locale(csl: str) -> str:
    m = re.search(r"<style\b[^>]*\bdefault-locale=[\"']([^\"']+)[\"']", csl)
    return m.group(1) if m else "en-US"


def unique_items(data: list[dict]) -> list[dict]:
    seen, out = set(), []
    for item in data:
        item = dict(item)
        item["id"] = str(item.get("id"))
        if item["id"] not in seen:
            seen.add(item["id"])
            out.append(item)
    return out


def final_citations(raw: list) -> list[dict]:
    """CITATIONS entries ([citation, pre, post]) in order; a later one with the same citationID wins."""
    cits = [entry[0] if isinstance(entry, list) else entry for entry in raw]
    out = []
    for i, cit in enumerate(cits):
        cid = cit.get("citationID")
        if cid is not None and any(c.get("citationID") == cid for c in cits[i + 1:]):
            continue
        out.append(cit)
    return out


def expected_of(fx: dict[str, str]) -> str:
    result = fx.get("RESULT", "")
    if fx.get("MODE", "").strip() == "citation" and "CITATIONS" in fx:
        result = PREFIX_RE.sub("", result)
    return result


def bib_html(entries: list) -> str:
    """citeproc-js's bibliography HTML; an entry given as (first field, rest) is laid out for second-field-align."""
    body = ""
    for e in entries:
        if isinstance(e, tuple):
            body += (f'  <div class="csl-entry">\n    <div class="csl-left-margin">{e[0]}</div>'
                     f'<div class="csl-right-inline">{e[1]}</div>\n  </div>\n')
        else:
            body += f'  <div class="csl-entry">{e}</div>\n'
    return f'<div class="csl-bib-body">\n{body}</div>'


# ---------------------------------------------------------------- medprint


def run_medprint(fx: dict[str, str], workdir: Path, name: str) -> str:
    from medprint.citations.engine import Engine
    from medprint.citations.markup import markup_to_html
    from medprint.citations.styles import load_style
    from medprint.model import CitationItem, Reference

    csl_path = workdir / f"{name}.csl"
    csl_path.write_text(fx["CSL"], encoding="utf-8")
    style = load_style(csl_path.name, style_locale(fx["CSL"]), workdir)
    data = unique_items(json.loads(fx["INPUT"]))
    engine = Engine(style, [Reference(item["id"], item) for item in data])
    ids = [item["id"] for item in data]
    mode = fx.get("MODE", "").strip()

    def item_of(raw: dict) -> CitationItem:
        item_mode = "normal"
        if raw.get("suppress-author"):
            item_mode = "suppress-author"
        elif raw.get("author-only"):
            item_mode = "author-in-text"
        locator = str(raw.get("locator") or "")
        return CitationItem(str(raw["id"]), item_mode, str(raw.get("prefix") or ""), str(raw.get("suffix") or ""),
                            locator, str(raw.get("label") or ("page" if locator else "")))

    clusters: list[list[CitationItem]] | None = None
    if "CITATIONS" in fx:
        cits = final_citations(json.loads(fx["CITATIONS"]))
        clusters = [[item_of(i) for i in c.get("citationItems", [])] for c in cits]
        cited = [it.key for cl in clusters for it in cl if it.key in engine.internal]
        engine.register(cited, [])
    else:
        engine.register(ids, [])
        if "CITATION-ITEMS" in fx:
            clusters = [[item_of(i) for i in cl] for cl in json.loads(fx["CITATION-ITEMS"])]
        else:
            clusters = [[CitationItem(engine.user_key[item.key]) for item in engine.bib.items]]
    clusters = [[it for it in cl if it.key in engine.internal] for cl in clusters]
    lines = [markup_to_html(engine.cluster_markup(cl)) if cl else "" for cl in clusters]
    lines = [line or NO_FORM for line in lines]  # what citeproc-js prints for a cite with no output
    if mode == "bibliography":
        bib = style.style.root.bibliography
        if bib is not None and bib.get("second-field-align"):
            return bib_html([(markup_to_html(a), markup_to_html(b)) for a, b in engine.entry_markups(True)])
        return bib_html([markup_to_html(t) for t in engine.entry_markups()])
    return "\n".join(lines)


# ---------------------------------------------------------------- plain citeproc-py


def run_plain(fx: dict[str, str], workdir: Path, name: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
    from citeproc.source.json import CiteProcJSON

    csl_path = workdir / f"{name}.csl"
    csl_path.write_text(fx["CSL"], encoding="utf-8")
    style = CitationStylesStyle(str(csl_path), locale=style_locale(fx["CSL"]), validate=False)
    data = unique_items(json.loads(fx["INPUT"]))
    bib = CitationStylesBibliography(style, CiteProcJSON(data), formatter.html)
    mode = fx.get("MODE", "").strip()

    def item_of(raw: dict):
        kwargs = {}
        if raw.get("locator"):
            kwargs["locator"] = Locator(raw.get("label") or "page", str(raw["locator"]))
        for affix in ("prefix", "suffix"):
            if raw.get(affix):
                kwargs[affix] = raw[affix]
        return CitationItem(str(raw["id"]), **kwargs)

    if "CITATIONS" in fx:
        clusters = [[item_of(i) for i in c.get("citationItems", [])] for c in final_citations(json.loads(fx["CITATIONS"]))]
    else:
        bib.register(Citation([CitationItem(item["id"]) for item in data]))
        if "CITATION-ITEMS" in fx:
            clusters = [[item_of(i) for i in cl] for cl in json.loads(fx["CITATION-ITEMS"])]
        else:
            clusters = None
    if clusters is not None:
        citations = [Citation(cl) for cl in clusters]
        for c in citations:
            bib.register(c)
    if style.root.bibliography is not None:
        bib.sort()
    if clusters is None:
        citations = [Citation([CitationItem(item.key) for item in bib.items])]
        for c in citations:
            c.bibliography = bib
    lines = [str(bib.cite(c, lambda _: None)) for c in citations]
    if mode == "bibliography":
        return bib_html([str(e) for e in bib.bibliography()])
    return "\n".join(lines)


# ---------------------------------------------------------------- reporting


def pandoc_status(checkout: Path, names: list[str], *, unedited: bool = False) -> dict[str, bool]:
    """Pandoc citeproc's pass/fail on the named fixtures, from its expected-failure list.

    Pandoc's own test run replaces some fixtures by edited copies (``test/overrides``: the expected output
    changed to what it prints).  With ``unedited`` those count as failures, which is Pandoc's standing on the
    fixtures as the suite has them (the ones this runner reads)."""
    spec = (checkout / "test" / "Spec.hs").read_text(encoding="utf-8")
    block = spec[spec.index("expectedFailures ="):]
    failing = {Path(p).stem for p in re.findall(r'"test/(?:csl|overrides)/([^"]+)"', block)}
    if unedited:
        failing |= {p.stem for p in (checkout / "test" / "overrides").glob("*.txt")}
    present = {p.stem for p in (checkout / "test" / "csl").glob("*.txt")}
    return {n: (n not in failing) for n in names if n in present}


def table(results: dict[str, bool], *others: tuple[str, dict[str, bool]]) -> str:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in results:
        groups[group_of(name)].append(name)
    head = f"{'group':<14}{'fixtures':>9}{'pass':>7}" + "".join(f"{label:>10}" for label, _ in others)
    rows = [head, "-" * len(head)]

    def row(label, names):
        passed = sum(results[n] for n in names)
        cells = f"{label:<14}{len(names):>9}{passed:>7}"
        for _, other in others:
            known = [n for n in names if n in other]
            cells += f"{sum(other[n] for n in known):>10}" if known else f"{'-':>10}"
        return cells

    for group in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        rows.append(row(group, groups[group]))
    rows.append("-" * len(head))
    rows.append(row("total", list(results)))
    total = len(results)
    rows.append(f"pass rate {sum(results.values()) / total:.1%}" + "".join(
        f"; {label} {sum(o.get(n, False) for n in results) / total:.1%}" for label, o in others))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="checkout of citation-style-language/test-suite")
    parser.add_argument("--plain", action="store_true", help="run plain citeproc-py 0.11.1 (no medprint)")
    parser.add_argument("--only", action="append", default=[], help="fixtures whose name contains this")
    parser.add_argument("--failures", action="store_true", help="list failing fixtures")
    parser.add_argument("--diff", action="store_true", help="show expected and actual for failures")
    parser.add_argument("--save", type=Path, help="write {fixture: passed} as JSON")
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="a --save file to compare with (before/after by group, regressions)")
    parser.add_argument("--pandoc", type=Path, help="checkout of jgm/citeproc: Pandoc citeproc's count")
    args = parser.parse_args(argv)

    if not args.plain:
        sys.path.insert(0, str(ROOT / "src"))
    runner = run_plain if args.plain else run_medprint
    paths = [p for p in fixtures(args.path) if not args.only or any(o.lower() in p.stem.lower() for o in args.only)]

    def on_alarm(signum, frame):
        raise Timeout()

    signal.signal(signal.SIGALRM, on_alarm)
    results: dict[str, bool] = {}
    details: dict[str, tuple[str, str]] = {}
    errors: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="csl-suite-") as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            fx = parse_fixture(path)
            expected = expected_of(fx)
            signal.alarm(TIMEOUT)
            try:
                actual = runner(fx, Path(tmp), path.stem)
            except Timeout:
                actual = "[timeout]"
                errors["timeout"] += 1
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                last = traceback.extract_tb(exc.__traceback__)[-1]
                actual = f"[error] {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"
                errors[type(exc).__name__] += 1
            finally:
                signal.alarm(0)
            results[path.stem] = actual == expected
            if actual != expected:
                details[path.stem] = (expected, actual)

    others = [(p.stem[:9], json.loads(p.read_text())) for p in args.compare]
    if args.pandoc:
        others.append(("pandoc", pandoc_status(args.pandoc, list(results))))
        others.append(("unedited", pandoc_status(args.pandoc, list(results), unedited=True)))
    print(f"{'plain citeproc-py' if args.plain else 'medprint'}: {sum(results.values())} of {len(results)} "
          f"fixtures pass" + (f" (errors: {dict(errors)})" if errors else ""))
    print(table(results, *others))
    for label, other in others:
        if label == "pandoc":
            continue
        lost = sorted(n for n in results if other.get(n) and not results[n])
        gained = sorted(n for n in results if n in other and results[n] and not other[n])
        print(f"\nvs {label}: {len(gained)} now pass, {len(lost)} no longer pass" + (":" if lost else ""))
        for n in lost:
            print(f"  {n}")
    if args.failures or args.diff:
        print("\nfailures:")
        for name in sorted(details):
            print(f"  {name}")
            if args.diff:
                expected, actual = details[name]
                print("    expected: " + html.unescape(expected).replace("\n", "\n              "))
                print("    actual:   " + html.unescape(actual).replace("\n", "\n              "))
    if args.save:
        args.save.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
