// Writes tests/golden/citations/expected-citeproc-js.json: citeproc-js's output for
// the golden corpus (corpus.json) and clusters (clusters.json), with the pinned
// styles/csl/apa.csl and styles/csl/locales/locales-en-US.xml.
// Usage (from this folder): npm ci && node generate.js
// Never edit the output by hand: change the corpus and rerun.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const root = path.resolve(__dirname, "..", "..");
const golden = path.join(root, "tests", "golden", "citations");
const corpus = JSON.parse(fs.readFileSync(path.join(golden, "corpus.json"), "utf8"));
const clusters = JSON.parse(fs.readFileSync(path.join(golden, "clusters.json"), "utf8"));
// APA is the main golden; the numeric styles (pinned copies from the CSL collection) check
// citation numbers, collapsing and labels on the same corpus.
const STYLES = [
  { name: "apa", file: "apa.csl", out: "expected-citeproc-js.json", nocite: true, narrative: true },
  { name: "american-medical-association", file: "american-medical-association.csl",
    out: "expected-citeproc-js-ama.json", nocite: false, narrative: false },
  { name: "nlm-citation-sequence", file: "nlm-citation-sequence.csl",
    out: "expected-citeproc-js-vancouver.json", nocite: false, narrative: false },
];
const localeDir = path.join(root, "styles", "csl", "locales");

const items = {};
for (const ref of corpus) items[ref.id] = ref;

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

function render(format, style, clusters) {
  const styleXml = fs.readFileSync(path.join(root, "styles", "csl", style.file), "utf8");
  const engine = new CSL.Engine(sys, styleXml, "en-US", true);
  engine.setOutputFormat(format);
  if (style.nocite) engine.updateItems(corpus.map((r) => r.id)); // nocite @*: every corpus item is listed
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
  const entryOut = params.entry_ids.map((ids, i) => ({ key: ids[0], text: entries[i].trim() }));
  return { clusters: clusterOut, entries: entryOut };
}

function entryHtml(html) {
  // numeric styles: citeproc-js splits the number into csl-left-margin and the rest into csl-right-inline
  const inner = html.replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "").trim();
  const m = inner.match(/^<div class="csl-left-margin">([\s\S]*?)<\/div><div class="csl-right-inline">([\s\S]*?)<\/div>$/);
  return m ? { label: m[1].trim(), html: m[2] } : { label: "", html: inner };
}

for (const style of STYLES) {
  const usable = style.narrative ? clusters : clusters.filter((c) => c.items.every((i) => !i.mode));
  const html = render("html", style, usable);
  const text = render("text", style, usable);
  const result = {
    generator: `citeproc-js ${CSL.PROCESSOR_VERSION}`,
    style: `styles/csl/${style.file}`,
    locale: "en-US",
    nocite: style.nocite ? "@*" : "",
    clusters: usable.map((c) => ({ id: c.id, html: html.clusters[c.id], text: text.clusters[c.id] })),
    entries: html.entries.map((e, i) => Object.assign({ key: e.key }, entryHtml(e.text), { text: text.entries[i].text })),
  };
  fs.writeFileSync(path.join(golden, style.out), JSON.stringify(result, null, 1) + "\n");
  console.log(`${style.name}: wrote ${result.entries.length} entries and ${result.clusters.length} clusters (${result.generator})`);
}
