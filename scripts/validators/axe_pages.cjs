// axe_pages.cjs: axe-core (WCAG 2.1 A/AA + best practice) on local HTML files in Debian's headless
// Chromium, driven by playwright-core (which downloads no browser), at several viewports in ONE browser
// run; every request that would leave the machine is blocked and recorded.
//
// usage: node axe_pages.cjs [--viewports 1280x800,390x844] [--shots DIR] FILE.html...
// env:   AXE_NODE_MODULES  folder holding axe-core and playwright-core (scripts/validators/install.sh axe)
//        CHROMIUM          browser binary (default /usr/bin/chromium)
// prints one JSON object: {axe, chromium, pages: [{file, viewport, violations, network, scrollWidth, ...}]}
// --shots DIR also writes a full-page screenshot per file and viewport (NAME.WIDTH.png) to look at.
// exit: 0 ran (read the JSON), 2 usage or browser error.
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');

const mods = process.env.AXE_NODE_MODULES;
if (!mods) { console.error('AXE_NODE_MODULES is not set'); process.exit(2); }
const { chromium } = require(path.join(mods, 'playwright-core'));
const axeSource = path.join(mods, 'axe-core', 'axe.min.js');
const axeVersion = require(path.join(mods, 'axe-core', 'package.json')).version;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--hide-scrollbars'];

let viewports = ['1280x800', '390x844'];
let shots = null;
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--viewports') viewports = argv[++i].split(',');
  else if (argv[i] === '--shots') shots = argv[++i];
  else files.push(argv[i]);
}
if (!files.length) { console.error('usage: axe_pages.cjs [--viewports WxH,...] [--shots DIR] FILE.html...'); process.exit(2); }

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const out = { axe: axeVersion, chromium: browser.version(), tags: TAGS, pages: [] };
  for (const file of files) {
    for (const vp of viewports) {
      const [width, height] = vp.split('x').map(Number);
      const phone = width < 600;
      const context = await browser.newContext({ viewport: { width, height }, isMobile: phone, hasTouch: phone,
        serviceWorkers: 'block' });
      const network = [];
      await context.route('**/*', route => {
        const u = route.request().url();
        if (/^(file|data|blob|about):/i.test(u)) return route.continue();
        network.push(`${route.request().resourceType()} ${u}`);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const consoleErrors = [];
      page.on('pageerror', e => consoleErrors.push(String(e)));
      page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      await page.goto(url.pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
      await page.addScriptTag({ path: axeSource });
      const results = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: (n.failureSummary || '').slice(0, 300) })) }));
      }, TAGS);
      const layout = await page.evaluate(() => {
        const vw = window.innerWidth;
        const clipped = [...document.querySelectorAll('caption, figcaption, h1, h2, h3, p')]
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > vw + 1); })
          .map(e => e.tagName.toLowerCase() + ': ' + (e.textContent || '').trim().slice(0, 60));
        // every visible text's face (family, weight, style) must be one the page itself declares
        const declared = new Set([...document.fonts].map(f => `${f.family.replace(/["']/g, '')}|${f.weight}|${f.style}`));
        const missing = new Set();
        let mathml = false;
        for (const e of document.querySelectorAll('body *')) {
          const r = e.getBoundingClientRect();
          if (!r.width || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          if (e.closest('math')) { mathml = true; continue; }  // MathML is set in the browser's math font
          const cs = getComputedStyle(e);
          const family = cs.fontFamily.split(',')[0].replace(/["']/g, '').trim();
          const weight = Number(cs.fontWeight) >= 600 ? '700' : '400';
          const style = cs.fontStyle === 'normal' ? 'normal' : 'italic';
          if (!declared.has(`${family}|${weight}|${style}`)) missing.add(`${family} ${weight} ${style} (${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''})`);
        }
        // the footer's column against the text's (left and right edges, in CSS pixels)
        const main = document.querySelector('main'), footer = document.querySelector('body > footer');
        const columnOffset = main && footer ? Math.max(
          Math.abs(main.getBoundingClientRect().left - footer.getBoundingClientRect().left),
          Math.abs(main.getBoundingClientRect().right - footer.getBoundingClientRect().right)) : 0;
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, clipped, columnOffset,
                 missingFonts: [...missing], mathml };
      });
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: path.join(shots, `${path.basename(file, '.html')}.${width}.png`), fullPage: true });
      }
      out.pages.push({ file, viewport: vp, violations: results, network, consoleErrors, ...layout });
      await context.close();
    }
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})().catch(e => { console.error(e); process.exit(2); });
