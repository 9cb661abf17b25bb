"""medprint: one Markdown source and its references -> APA 7 handout (PDF), deck (PPTX) and web page (HTML)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build", "read", "check"]


def build(*args, **kwargs):  # noqa: D401 - thin lazy re-export
    """Build documents; see :func:`medprint.api.build`."""
    from .api import build as _build

    return _build(*args, **kwargs)


def read(*args, **kwargs):
    """Read one source into a Document; see :func:`medprint.api.read`."""
    from .api import read as _read

    return _read(*args, **kwargs)


def check(*args, **kwargs):
    """Check sources; see :func:`medprint.api.check`."""
    from .api import check as _check

    return _check(*args, **kwargs)
