"""Formatting marks inside citeproc-py's output, and their conversion to :class:`Run` tuples.

citeproc-py formats by wrapping strings; its HTML formatter would mix our markup
with text that came from the data (``p < .05`` printed raw).  We give it a
formatter (:data:`FORMATTER`) whose wrappers emit private-use code points instead
of tags and which never escapes.  Nothing from a reference can contain those
code points (:func:`medprint.citations.data.clean_text` removes them), so the
final string is unambiguous: :func:`to_runs` turns it into styled runs and the
writers escape text for their own format.
"""

from __future__ import annotations

import re
from html import escape
from types import SimpleNamespace

from ..model import Run

# One open/close pair per style; quotes are marked so punctuation-in-quote can find them.
MARKS = {
    "i": ("\ue001", "\ue002"),
    "b": ("\ue003", "\ue004"),
    "sc": ("\ue005", "\ue006"),
    "sup": ("\ue007", "\ue008"),
    "sub": ("\ue009", "\ue00a"),
    "normal": ("\ue00b", "\ue00c"),  # font-style="normal": cancels italics inside
    "q": ("\ue00d", "\ue00e"),  # a quotation (quotes="true" or the data's): finish() adds the quote marks
    "qi": ("\ue011", "\ue012"),  # the data's quotation in its second form ('…' after "…"): one level deeper
    "baseline": ("\ue013", "\ue014"),  # vertical-align="baseline": neither superscript nor subscript inside
    "nodecor": ("\ue00f", "\ue010"),  # <span class="nodecor">: plain text inside italics, bold, small caps
}
OPEN = {v[0]: k for k, v in MARKS.items()}
CLOSE = {v[1]: k for k, v in MARKS.items()}
ALL_MARKS = "".join(OPEN) + "".join(CLOSE)
_MARK_RE = re.compile(f"[{ALL_MARKS}]")
_PUA_RE = re.compile("[\ue000-\ue0ff]")

# superscript characters (ª, ², ʳ, ᵉ ...) and what they are a superscript of: citeproc-js and Pandoc print
# each as a superscript ("1ʳᵉ éd." → 1<sup>r</sup><sup>e</sup> éd.)
_SUPERSCRIPTS = dict(zip(
    "\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0\u02b1\u02b2\u02b3\u02b4\u02b5\u02b6\u02b7\u02b8\u02e0\u02e1\u02e2\u02e3\u02e4\u1d2c\u1d2d\u1d2e\u1d30\u1d31\u1d32\u1d33\u1d34\u1d35\u1d36\u1d37\u1d38\u1d39\u1d3a\u1d3c\u1d3d\u1d3e\u1d3f\u1d40\u1d41\u1d42\u1d43\u1d44\u1d45\u1d46\u1d47\u1d48\u1d49\u1d4a\u1d4b\u1d4c\u1d4d\u1d4f\u1d50\u1d51\u1d52\u1d53\u1d54\u1d55\u1d56\u1d57\u1d58\u1d59\u1d5a\u1d5b\u1d5c\u1d5d\u1d5e\u1d5f\u1d60\u1d61\u2070\u2071\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207c\u207d\u207e\u207f\u3192\u3193\u3194\u3195\u3196\u3197\u3198\u3199\u319a\u319b\u319c\u319d\u319e\u319f\u02c0\u02c1\u06e5\u06e6",
    "\u0061\u0032\u0033\u0031\u006f\u0068\u0266\u006a\u0072\u0279\u027b\u0281\u0077\u0079\u0263\u006c\u0073\u0078\u0295\u0041\u00c6\u0042\u0044\u0045\u018e\u0047\u0048\u0049\u004a\u004b\u004c\u004d\u004e\u004f\u0222\u0050\u0052\u0054\u0055\u0057\u0061\u0250\u0251\u1d02\u0062\u0064\u0065\u0259\u025b\u025c\u0067\u006b\u006d\u014b\u006f\u0254\u1d16\u1d17\u0070\u0074\u0075\u1d1d\u026f\u0076\u1d25\u03b2\u03b3\u03b4\u03c6\u03c7\u0030\u0069\u0034\u0035\u0036\u0037\u0038\u0039\u002b\u2212\u003d\u0028\u0029\u006e\u4e00\u4e8c\u4e09\u56db\u4e0a\u4e2d\u4e0b\u7532\u4e59\u4e19\u4e01\u5929\u5730\u4eba\u0294\u0295\u0648\u064a"))
_SUPERSCRIPTS.update({"\u2120": "SM", "\u2122": "TM"})



def strip_marks(text: str) -> str:
    """Text without formatting marks (sort keys, disambiguation comparisons)."""
    return _MARK_RE.sub("", str(text))


def remove_private_use(text: str) -> str:
    """Data may never smuggle marks in."""
    return _PUA_RE.sub("", text)


def wrap(kind: str, text: str) -> str:
    start, end = MARKS[kind]
    return f"{start}{text}{end}"


def _wrapper(kind: str):
    class Wrapper(str):
        def __new__(cls, text):
            return str.__new__(cls, wrap(kind, str(text)))

    Wrapper.__name__ = f"Mark_{kind}"
    return Wrapper


# A citeproc-py formatter module: attributes looked up by citeproc.model.Formatted.
FORMATTER = SimpleNamespace(
    preformat=lambda text: str(text),
    Italic=_wrapper("i"),
    Oblique=_wrapper("i"),
    Bold=_wrapper("b"),
    Light=lambda text: text,
    Underline=lambda text: text,
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
    SmallCaps=_wrapper("sc"),
)

_URL_RE = re.compile(r"https?://[^\s\ue000-\ue0ff]+")


def to_runs(text: str, *, links: bool = True) -> tuple[Run, ...]:
    """Turn marked-up engine output into runs; italics toggle when nested (reverse italics)."""
    counts = {k: 0 for k in MARKS}
    runs: list[Run] = []
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        # Italics inside italics print upright (CSL "reverse italics"); so does font-style="normal".
        plain = counts["nodecor"] > 0
        italic = counts["i"] % 2 == 1 and counts["normal"] == 0 and not plain
        run = Run("".join(buf), italic=italic, bold=counts["b"] > 0 and not plain,
                  small_caps=counts["sc"] > 0 and not plain,
                  superscript=counts["sup"] > 0 and not counts["baseline"],
                  subscript=counts["sub"] > 0 and not counts["baseline"])
        buf.clear()
        if runs and _same_style(runs[-1], run):
            runs[-1] = Run(runs[-1].text + run.text, run.italic, run.bold, run.small_caps, run.superscript,
                           run.subscript)
        else:
            runs.append(run)

    for ch in str(text):
        if ch in OPEN:
            flush()
            counts[OPEN[ch]] += 1
        elif ch in CLOSE:
            flush()
            counts[CLOSE[ch]] = max(0, counts[CLOSE[ch]] - 1)
        elif ch in _SUPERSCRIPTS:
            flush()
            counts["sup"] += 1
            buf.append(_SUPERSCRIPTS[ch])
            flush()
            counts["sup"] -= 1
        else:
            buf.append(ch)
    flush()
    return tuple(_link(runs)) if links else tuple(runs)


def _same_style(a: Run, b: Run) -> bool:
    return (a.italic, a.bold, a.small_caps, a.superscript, a.subscript, a.url) == (
        b.italic, b.bold, b.small_caps, b.superscript, b.subscript, b.url)


def _link(runs: list[Run]) -> list[Run]:
    """Split out DOIs and URLs as linked runs (APA prints DOIs as https://doi.org/... links)."""
    out: list[Run] = []
    for run in runs:
        pos = 0
        for m in _URL_RE.finditer(run.text):
            url = m.group(0).rstrip(".,;)")
            start, end = m.start(), m.start() + len(url)
            if start > pos:
                out.append(_with(run, run.text[pos:start], None))
            out.append(_with(run, url, url))
            pos = end
        if pos < len(run.text):
            out.append(_with(run, run.text[pos:], None))
    return [r for r in out if r.text]


def _with(run: Run, text: str, url: str | None) -> Run:
    return Run(text, run.italic, run.bold, run.small_caps, run.superscript, run.subscript, url)


_TAGS = (("italic", "i"), ("bold", "b"), ("superscript", "sup"), ("subscript", "sub"))


def runs_to_html(runs: tuple[Run, ...] | list[Run], *, links: bool = False) -> str:
    """Runs in the HTML-ish form citeproc-js writes (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small-caps span).

    Text is escaped; adjacent runs with the same style are merged first so the
    form is canonical and comparable with other processors' output.
    """
    merged: list[Run] = []
    for run in runs:
        if not links and run.url:
            run = _with(run, run.text, None)
        if merged and _same_style(merged[-1], run):
            merged[-1] = _with(merged[-1], merged[-1].text + run.text, run.url)
        else:
            merged.append(run)
    parts = []
    for run in merged:
        text = escape(run.text, quote=False)
        if run.url and links:
            text = f'<a href="{escape(run.url)}">{text}</a>'
        if run.small_caps:
            text = f'<span style="font-variant:small-caps;">{text}</span>'
        for attr, tag in reversed(_TAGS):
            if getattr(run, attr):
                text = f"<{tag}>{text}</{tag}>"
        parts.append(text)
    return "".join(parts)


# citeproc-js's HTML for each mark, and for a mark opened where its style is already on (flip-flop:
# italics inside italics print upright, and so on).
_HTML_ON = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sc": ('<span style="font-variant:small-caps;">', "</span>"),
            "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
            "normal": ('<span style="font-style:normal;">', "</span>")}
_HTML_FLIP = {"i": ('<span style="font-style:normal;">', "</span>"),
              "b": ('<span style="font-weight:normal;">', "</span>"),
              "sc": ('<span style="font-variant:normal;">', "</span>")}


def markup_to_html(text: str) -> str:
    """Marked-up engine output as citeproc-js writes HTML: nested tags, flip-flopped styles, ``&#38;`` escapes.

    For comparisons with citeproc-js (the CSL test suite); writers use :func:`to_runs`.
    """
    on = {"i": False, "b": False, "sc": False}
    stack: list[tuple[str, str, dict]] = []  # (kind, closing tag, the styles' state before it opened)
    out: list[str] = []
    for ch in str(text):
        if ch in OPEN:
            kind = OPEN[ch]
            was = dict(on)
            if kind in ("q", "qi"):
                tags = ("", "")
            elif kind == "nodecor":
                style = "".join(css for key, css in (("sc", "font-variant:normal;"), ("b", "font-weight:normal;"),
                                                     ("i", "font-style:normal;")) if on[key])
                tags = (f'<span style="{style}">', "</span>") if style else ("", "")
                on = dict.fromkeys(on, False)
            elif kind == "normal":  # upright: a span only where italics are on (citeproc-js, Pandoc)
                tags = _HTML_ON["normal"] if on["i"] else ("", "")
                on["i"] = False
            elif kind == "baseline":
                tags = ('<span style="baseline">', "</span>")
            elif kind in _HTML_FLIP and on[kind]:
                tags = _HTML_FLIP[kind]
                on[kind] = False
            else:
                tags = _HTML_ON[kind]
                if kind in on:
                    on[kind] = True
            out.append(tags[0])
            stack.append((kind, tags[1], was))
        elif ch in CLOSE:
            kind = CLOSE[ch]
            for i in range(len(stack) - 1, -1, -1):  # close the innermost mark of this kind
                if stack[i][0] == kind:
                    _, closing, was = stack.pop(i)
                    out.append(closing)
                    on = was
                    break
        elif ch in _SUPERSCRIPTS:
            out.append(f"<sup>{_SUPERSCRIPTS[ch]}</sup>")
        else:
            out.append({"&": "&#38;", "<": "&#60;", ">": "&#62;"}.get(ch, ch))
    for _, closing, _ in reversed(stack):
        out.append(closing)
    return "".join(out)
