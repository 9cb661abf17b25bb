// The preview page: three views of one build, kept on the same section, refreshed when the server says so.
(() => {
  "use strict";
  const token = document.body.dataset.token;
  const q = (path, extra = "") => `${path}?t=${encodeURIComponent(token)}${extra}`;
  const views = ["web", "handout", "slides"];
  let state = { version: 0, sections: [], pages: 0, error: null };
  let current = 0;           // index of the section shown
  let active = "web";
  let shown = { web: -1, slides: -1, pages: -1 };

  const $ = (id) => document.getElementById(id);

  function sectionList() {
    const list = $("sections");
    list.replaceChildren(...state.sections.map((s, i) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "#"; a.textContent = s.title; a.dataset.index = i;
      if (i === current) a.setAttribute("aria-current", "true");
      a.addEventListener("click", (e) => { e.preventDefault(); current = i; sectionList(); reveal(); });
      li.append(a);
      return li;
    }));
  }

  function reveal() {   // show the current section in the active view
    const s = state.sections[current];
    if (!s) return;
    if (active === "web") {
      const doc = $("web").contentDocument;
      const target = doc && doc.getElementById(s.id);
      if (target) target.scrollIntoView({ block: "start" });
    } else if (active === "handout") {
      const img = $("page-" + s.page);
      if (img) img.scrollIntoView({ block: "start" });
    } else {
      const slide = $("slide-" + s.slide);
      if (slide) slide.scrollIntoView({ block: "start" });
    }
  }

  function follow(view) {   // the section the user scrolled to in a view becomes the current one
    if (view !== active) return;  // a hidden view's boxes have no place on screen
    let found = -1;
    state.sections.forEach((s, i) => {
      let el = null;
      if (view === "web") { const d = $("web").contentDocument; el = d && d.getElementById(s.id); }
      else if (view === "handout") el = $("page-" + s.page);
      else el = $("slide-" + s.slide);
      if (el && el.getBoundingClientRect().top < 120) found = i;
    });
    if (found >= 0 && found !== current) { current = found; sectionList(); }
  }

  function select(view) {
    active = view;
    for (const v of views) {
      $("view-" + v).hidden = v !== view;
      $("tab-" + v).setAttribute("aria-selected", String(v === view));
    }
    reveal();
  }

  async function refresh() {
    const v = state.version;
    if (shown.web !== v) {
      shown.web = v;
      const frame = $("web");
      frame.onload = () => {
        if (active === "web") reveal();
        frame.contentWindow.addEventListener("scroll", () => follow("web"), { passive: true });
      };
      frame.src = q("/web", `&v=${v}`);
    }
    if (shown.slides !== v) {
      shown.slides = v;
      const html = await (await fetch(q("/slides"))).text();
      const box = $("slides");
      box.innerHTML = html;
      box.dataset.version = v;
      if (active === "slides") reveal();
    }
    if (shown.pages !== v) {
      shown.pages = v;
      const box = $("pages");
      const imgs = [];
      for (let n = 1; n <= state.pages; n++) {
        const img = document.createElement("img");
        img.id = "page-" + n; img.alt = `Handout page ${n}`; img.src = q(`/page/${n}.png`, `&v=${v}`);
        imgs.push(img);
      }
      box.replaceChildren(...imgs);
      box.dataset.version = v;
      if (active === "handout") reveal();
    }
  }

  function show(next) {
    state = next;
    document.body.dataset.version = state.version;
    if (current >= state.sections.length) current = 0;
    sectionList();
    const overlay = $("overlay");
    if (state.error) {
      $("error-where").textContent = (state.error.file ? `${state.error.file}:${state.error.line}: ` : "") + state.error.message;
      $("error-lines").textContent = state.error.lines.join("\n");
      overlay.hidden = false;
      $("status").textContent = "build failed";
    } else {
      overlay.hidden = true;
      $("status").textContent = state.handout_build === state.build ? "up to date" : "building handout…";
    }
    if (state.title) document.querySelector(".doc-title").textContent = state.title;
    refresh();
  }

  for (const v of views) $("tab-" + v).addEventListener("click", () => select(v));
  $("view-handout").addEventListener("scroll", () => follow("handout"), { passive: true });
  $("view-slides").addEventListener("scroll", () => follow("slides"), { passive: true });
  const events = new EventSource(q("/events"));
  events.onmessage = (e) => show(JSON.parse(e.data));
  events.onerror = () => { $("status").textContent = "reconnecting…"; };
})();
