"""The originals of every citeproc-py attribute medprint replaces (fixes call through to them)."""

from __future__ import annotations

_ORIG = {}


def _keep(cls, name):
    _ORIG.setdefault((cls, name), getattr(cls, name))
    return _ORIG[(cls, name)]
