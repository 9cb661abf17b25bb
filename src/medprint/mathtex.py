"""TeX math -> MathML, the one reading of TeX every stage shares (latex2mathml).

The reader uses :func:`tex_problem` to warn, at the math's position, about TeX
it cannot read; writers use :func:`mathml` (the web page's ``<math>``) and the
renderers built on it (:mod:`medprint.writers.math_render`).  latex2mathml
passes unknown commands through as ``<mi>\\foo</mi>``: those count as problems
too, or the page would print ``\\foo`` as if it were mathematics.
"""

from __future__ import annotations

import functools
import re

_UNKNOWN = re.compile(r"<m[io][^>]*>(\\[A-Za-z]+)</m[io]>")


_MESSAGES = {
    "NoAvailableTokensError": "it ends too early (a '}' or an argument is missing)",
    "MissingSuperScriptOrSubscriptError": "'^' or '_' with nothing after it",
    "ExtraLeftOrMissingRightError": "\\left without \\right",
    "MissingEndError": "\\begin without \\end",
    "DoubleSuperscriptsError": "two superscripts in a row (use braces)",
    "DoubleSubscriptsError": "two subscripts in a row (use braces)",
}


class MathError(ValueError):
    """TeX that latex2mathml cannot read (the message says what)."""


@functools.lru_cache(maxsize=512)
def mathml(tex: str, display: bool = False) -> str:
    """The MathML of ``tex`` (a ``<math>`` element as a string); raises :class:`MathError` on bad TeX."""
    from latex2mathml.converter import convert

    if not tex.strip():
        raise MathError("empty")
    try:
        out = convert(tex.strip(), display="block" if display else "inline")
    except RecursionError:
        raise MathError("nested too deeply") from None
    except Exception as exc:  # latex2mathml raises its own exception types, and IndexError/KeyError on odd input
        name = type(exc).__name__
        words = _MESSAGES.get(name) or re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower().removesuffix(" error")
        raise MathError(str(exc) or words) from None
    unknown = _UNKNOWN.search(out)
    if unknown:
        raise MathError(f"unknown command {unknown.group(1)}")
    return out


def tex_problem(tex: str, display: bool = False) -> str | None:
    """What is wrong with ``tex`` in a few words, or None when it reads."""
    if not tex.strip():
        return "empty"
    try:
        mathml(tex, display)
    except MathError as exc:
        return str(exc)
    return None
