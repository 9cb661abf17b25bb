"""One preview session: build the three views of a source, keep the last good ones, rebuild on save.

A build runs in two steps so the fast views do not wait for the slow one: the web page and the slides (from
the deck plan) first, then the handout PDF and its page images.  Each step bumps ``version`` and wakes the
page's event stream.  A build that fails keeps the last good views and records the error (file, line,
message) for the page's overlay; the next good build clears it.  Nothing is written to ``output/`` unless
the user asked for it (``--write``), so a deck open in PowerPoint is never overwritten.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class Views:
    web: bytes = b""
    slides: str = ""
    pages: list[bytes] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)  # [{"title", "id", "slide", "page"}] in document order
    title: str = ""


@dataclass
class BuildError:
    lines: list[str]
    file: str = ""
    line: int = 0
    message: str = ""


class Session:
    """The state the server serves; ``rebuild()`` is safe to call from the watch thread."""

    def __init__(self, source: Path, *, styles: Path | None = None, write_to: Path | None = None,
                 formats: tuple[str, ...] = ("pdf", "pptx", "html")) -> None:
        from ..paths import styles_dir

        self.source = source
        self.styles = styles or styles_dir()
        self.write_to = write_to
        self.formats = formats
        self.views = Views()
        self.error: BuildError | None = None
        self.warnings: list[str] = []
        self.version = 0  # bumped by every change the page must see
        self.build = 0  # the build the web page and slides come from
        self.handout_build = 0  # the build the handout pages come from
        self.timings: dict[str, float] = {}
        self.changed = threading.Condition()
        self._build_lock = threading.Lock()

    # ---------------------------------------------------------------- building

    def rebuild(self) -> bool:
        """Build now; True when the views were updated, False when the build failed (the error is kept)."""
        with self._build_lock:
            started = time.perf_counter()
            build = self.build + 1
            try:
                document, citations, deck, web, warnings = self._fast_views()
            except Exception as exc:  # noqa: BLE001 - a broken save is shown, the preview goes on
                self._fail(exc)
                return False
            self.build = build
            self._publish(web=web, slides=_slides(deck), sections=_sections(document, deck), title=document.meta.title,
                          warnings=warnings, error=None)
            self.timings["fast"] = time.perf_counter() - started
            try:
                pdf, pages = self._handout(document, citations)
            except Exception as exc:  # noqa: BLE001
                self._fail(exc)
                return False
            sections = [dict(s, page=pages.page_of(s["title"])) for s in self.views.sections]
            self.handout_build = build
            self._publish(pages=pages.images, sections=sections)
            self.timings["all"] = time.perf_counter() - started
            if self.write_to is not None:
                self._write(document, citations, web, pdf)
            return True

    def _fast_views(self):
        from .. import api
        from ..report import collecting
        from ..writers.pptx.layout import plan_deck, shared_plans

        with collecting() as warnings, shared_plans():
            document = api.read(self.source)
            try:
                document, citations = api.resolve(document)
            except Exception:
                api.raise_check_errors(api.check(document, None))  # every unknown key at once, as build does
                raise
            api.raise_check_errors(api.check(document, citations))
            deck = plan_deck(document, citations, styles=self.styles)
            web = api.render(document, citations, "html", styles=self.styles)
        return document, citations, deck, web, [w.format() for w in warnings]

    def _handout(self, document, citations):
        from .. import api
        from ..report import collecting
        from .pages import render_pages

        with collecting():
            pdf = api.render(document, citations, "pdf", styles=self.styles)
        return pdf, render_pages(pdf)

    def _write(self, document, citations, web: bytes, pdf: bytes) -> None:
        from .. import api
        from ..atomic import write_bytes

        outputs = {"html": web, "pdf": pdf}
        if "pptx" in self.formats:
            outputs["pptx"] = api.render(document, citations, "pptx", styles=self.styles)
        for fmt in self.formats:
            write_bytes(Path(self.write_to) / f"{document.name}.{fmt}", outputs[fmt])

    def _fail(self, exc: BaseException) -> None:
        from ..boundary import translate

        err = translate(exc)
        if err is None:
            lines = [f"internal error: {type(exc).__name__}: {exc} [internal]"]
            self._publish(error=BuildError(lines, message=lines[0]))
            return
        first = err.problems[0] if getattr(err, "problems", None) else None
        where = getattr(first, "location", None)
        self._publish(error=BuildError(err.lines(), file=getattr(where, "file", "") or "",
                                       line=getattr(where, "line", 0) or 0,
                                       message=getattr(first, "message", "") or err.lines()[0]))

    def _publish(self, **changes) -> None:
        with self.changed:
            for name in ("web", "slides", "pages", "sections", "title"):
                if name in changes:
                    setattr(self.views, name, changes.pop(name))
            if "warnings" in changes:
                self.warnings = changes.pop("warnings")
            if "error" in changes:
                self.error = changes.pop("error")
            self.version += 1
            self.changed.notify_all()

    def wait_for_change(self, version: int, timeout: float) -> int:
        """Block until ``version`` is out of date (or ``timeout``); the current version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=timeout)
            return self.version

    def state(self) -> dict:
        """What the page polls/streams: the version, the error, the sections and the page count."""
        error = None
        if self.error is not None:
            error = {"file": self.error.file, "line": self.error.line, "message": self.error.message,
                     "lines": self.error.lines}
        return {"version": self.version, "build": self.build, "handout_build": self.handout_build,
                "error": error, "title": self.views.title,
                "sections": self.views.sections, "pages": len(self.views.pages), "warnings": self.warnings}

    # ---------------------------------------------------------------- watching

    def watch(self, stop: threading.Event, on_build: Callable[[bool, float], None] | None = None) -> None:
        """Rebuild on every save of the source's folder or of styles/, until ``stop`` is set."""
        import watchfiles

        folders = sorted({self.source.resolve().parent} | ({self.styles.resolve()} if self.styles.is_dir() else set()))
        out = Path(self.write_to).resolve() if self.write_to else None
        for changes in watchfiles.watch(*folders, stop_event=stop, debounce=50, step=20, raise_interrupt=False):
            paths = [Path(p).resolve() for _, p in changes]
            if out is not None and all(p == out or out in p.parents for p in paths):
                continue
            started = time.perf_counter()
            ok = self.rebuild()
            if on_build is not None:
                on_build(ok, time.perf_counter() - started)


def _slides(deck) -> str:
    from .slides import slides_html

    return slides_html(deck)


def _sections(document, deck) -> list[dict]:
    """Each level-one section: its title, its heading id in the web page and its first slide."""
    from ..model import Heading, plain_text, walk_blocks

    sections = []
    for block in walk_blocks(document.blocks):
        if isinstance(block, Heading) and block.level == 1:
            title = plain_text(block.inlines)
            slide = next((n for n, s in enumerate(deck.slides, start=1) if s.section == title), 1)
            sections.append({"title": title, "id": block.id, "slide": slide, "page": 1})
    return sections
