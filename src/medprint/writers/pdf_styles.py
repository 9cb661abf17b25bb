"""Parsed stylesheets and the font configuration, reused from one handout render to the next.

A warm rebuild (``medprint watch``, the live preview, a release of many documents in one process) lays out
the same handout CSS every time: WeasyPrint would parse its ``<style>`` again (about 20 ms for the default
handout), load Fontconfig's whole configuration for a new ``FontConfiguration`` and register every
``@font-face`` again.  Here a render whose stylesheets are exactly those of an earlier one (same ``<style>``
texts and media; the same base URL when a sheet has relative URLs; font files unchanged and inside the
folders this document may load from) gets that render's ``FontConfiguration`` and its parsed sheets back,
with the ``@page`` rules and counter styles each sheet contributed replayed into the new document, so the
layout, and so the PDF's bytes, are the same as from a cold start (tests compare them).

A sheet is reused only when parsing it had no other effect than rules, ``@page`` rules, counter styles and
font faces: one that logged a warning, was refused a URL, imported another sheet or declared colour profiles
or layers is parsed afresh on every render (so its warnings repeat), and a render with a ``<link>``
stylesheet or such a sheet does not keep its font configuration for the next.  WeasyPrint copies each
``@font-face`` font into a temporary folder that it deletes only when the configuration is collected; a
configuration not kept is deleted after its PDF is written, kept ones when the process ends.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .weasy import weasyprint  # noqa: F401, I001 - first: WeasyPrint imported without its library search
import weasyprint.css as weasy_css
from weasyprint.text.fonts import FontConfiguration

MAX_KEPT = 4  # distinct stylesheet sets kept per process (each holds one Fontconfig configuration)

_LOCK = threading.Lock()
_KEPT: OrderedDict[tuple, "StyleState"] = OrderedDict()
_ACTIVE: dict[int, "StyleState"] = {}  # id(font_config) -> state, while a render uses it
_REAL_CSS = weasy_css.CSS
_PATCHED = [0]  # renders currently relying on the module-level patch


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_size, stat.st_mtime_ns)


class StyleState:
    """One font configuration and the ``<style>`` sheets parsed with it."""

    def __init__(self, messages: list[str], fetcher) -> None:
        self.font_config = FontConfiguration()
        # (text, base_url, media) -> (CSS, the @page rules and the counter styles parsing it added)
        self.sheets: dict[tuple, tuple[object, list, dict]] = {}
        self.files: set[tuple] = set()  # (path, size, mtime) of every file a kept sheet loaded (font files)
        self.reusable = True
        self.messages = messages
        self.fetcher = fetcher

    def fresh(self, fetcher) -> bool:
        """Whether every file the kept sheets loaded is unchanged and still one ``fetcher`` would serve (a font
        beside another document must not reach a document whose folder does not hold it)."""
        return all(_stamp(Path(path)) == (path, size, mtime) and fetcher.allows(Path(path))
                   for path, size, mtime in self.files)

    def make_css(self, kwargs: dict):
        """WeasyPrint's ``CSS(...)`` for this render: a kept sheet when it may be, else a parsed one."""
        if kwargs.get("string") is None or kwargs.get("matcher") is not None:
            self.reusable = False  # a linked or imported sheet: its file is not tracked
            return _REAL_CSS(**kwargs)
        text = kwargs["string"]
        key = (text, str(kwargs.get("base_url")) if needs_base(text) else None, kwargs.get("media_type"))
        page_rules = kwargs.get("page_rules")
        kept = self.sheets.get(key)
        counters = kwargs.get("counter_style")
        if kept is not None and page_rules is not None and counters is not None:
            page_rules.extend(kept[1])
            counters.update(kept[2])
            return kept[0]
        known_counters = dict(counters) if counters is not None else {}
        before = (len(self.messages), len(self.fetcher.refused), len(self.fetcher.fetched),
                  len(page_rules) if page_rules is not None else 0,
                  _size(kwargs.get("color_profiles")), _size(kwargs.get("layers")))
        css = _REAL_CSS(**kwargs)
        after = (len(self.messages), len(self.fetcher.refused), len(self.fetcher.fetched),
                 len(page_rules) if page_rules is not None else 0,
                 _size(kwargs.get("color_profiles")), _size(kwargs.get("layers")))
        side_effects = before[:2] != after[:2] or before[4:] != after[4:]
        if side_effects or page_rules is None or counters is None:
            self.reusable = False
            return css
        added_counters = {name: value for name, value in counters.items() if known_counters.get(name) is not value}
        stamps = {_stamp(Path(p)) for p in self.fetcher.fetched[before[2]:after[2]]}
        if None in stamps:
            self.reusable = False
            return css
        self.files |= stamps
        self.sheets[key] = (css, list(page_rules[before[3]:after[3]]), added_counters)
        return css


def _size(value) -> int:
    return -1 if value is None else len(value)


def _css_factory(**kwargs):
    state = _ACTIVE.get(id(kwargs.get("font_config")))
    if state is None:
        return _REAL_CSS(**kwargs)
    return state.make_css(kwargs)


_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))""", re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)


def needs_base(css: str) -> bool:
    """Whether a stylesheet's meaning depends on the page's base URL: a relative ``url(…)``, or a construct
    whose URLs are plain strings (``@import "x.css"``, ``image()``, ``image-set()``).  The handout's own
    stylesheet names its fonts by absolute ``file:`` URLs and its pictures by ``data:`` URIs, so one parse of
    it serves every document of a library."""
    lowered = css.lower()
    if "@import" in lowered or "image(" in lowered or "image-set(" in lowered:
        return True
    for match in _URL.finditer(css):
        target = next((group for group in match.groups() if group is not None), "")
        if target and not _SCHEME.match(target):
            return True
    return False


def style_key(html, fetcher) -> tuple | None:
    """What must match for an earlier render's sheets to be reused: the ``<style>`` texts and media in order,
    and the base URL when a sheet's relative URLs depend on it; None when the page links a stylesheet (not
    cached)."""
    parts = []
    for wrapper in html.wrapper_element.query_all("style", "link"):
        element = wrapper.etree_element
        if element.tag != "style":
            return None
        parts.append((element.get("type", ""), element.get("media", ""), weasy_css.get_child_text(element)))
    relative = any(needs_base(text) for _, _, text in parts)
    return (str(html.base_url) if relative else None, tuple(parts))


def _release(state: StyleState) -> None:
    """Delete the folder where WeasyPrint copied the state's ``@font-face`` fonts (its own clean-up runs only
    when the object is collected, which a process ending with ``os._exit`` never does)."""
    folder = getattr(state.font_config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        state.font_config._folder = None


def release_kept() -> None:
    """Forget every kept state and delete its fonts' folder (at process exit, or to free memory)."""
    with _LOCK:
        states = list(_KEPT.values())
        _KEPT.clear()
    for state in states:
        _release(state)


_CLEANUP_FOR: list[int] = []  # the process ids that registered release_kept for their exit


def _release_at_exit() -> None:
    """Make sure this process deletes its kept fonts' folders however it ends: normally (atexit), as a pool
    worker (multiprocessing's own exit finalizers) or as a medprint forked child (its exit hooks)."""
    if os.getpid() in _CLEANUP_FOR:
        return
    _CLEANUP_FOR.append(os.getpid())
    atexit.register(release_kept)
    from .forked import on_child_exit

    on_child_exit(release_kept)
    pool = sys.modules.get("multiprocessing")
    if pool is not None and pool.parent_process() is not None:
        from multiprocessing.util import Finalize

        Finalize(None, release_kept, exitpriority=10)


@contextmanager
def kept_styles(html, fetcher, messages: list[str]) -> Iterator[FontConfiguration]:
    """The font configuration to render ``html`` with (and write its PDF with: the fonts' folder lives until
    the block ends); its parsed sheets are reused and kept for the next render with the same stylesheets (see
    the module docstring), or its fonts' folder is deleted when the block ends."""
    key = style_key(html, fetcher)
    state = None
    if key is not None:
        with _LOCK:
            state = _KEPT.pop(key, None)  # taken out while in use: a concurrent render gets its own
        if state is not None and not state.fresh(fetcher):
            _release(state)
            state = None
    if state is None:
        state = StyleState(messages, fetcher)
    state.messages, state.fetcher, state.reusable = messages, fetcher, key is not None
    with _LOCK:
        _ACTIVE[id(state.font_config)] = state
        _PATCHED[0] += 1
        weasy_css.CSS = _css_factory
    ok = False
    try:
        yield state.font_config
        ok = True
    finally:
        evicted = []
        with _LOCK:
            _ACTIVE.pop(id(state.font_config), None)
            _PATCHED[0] -= 1
            if not _PATCHED[0]:
                weasy_css.CSS = _REAL_CSS
            keep = ok and state.reusable and key is not None
            if keep:
                replaced = _KEPT.pop(key, None)
                if replaced is not None and replaced is not state:
                    evicted.append(replaced)
                _KEPT[key] = state
                while len(_KEPT) > MAX_KEPT:
                    evicted.append(_KEPT.popitem(last=False)[1])
        state.messages, state.fetcher = [], None
        for old in evicted if keep else [*evicted, state]:
            _release(old)
        if keep:
            _release_at_exit()
