"""Releases: versioned, verifiable builds of the whole library (``medprint release``).

``release.py`` drives a release, ``pool.py`` runs documents in parallel with a
progress bar, ``manifest.py`` records what a release holds, ``shard.py``
splits a library stably for CI, ``archive.py`` writes the deterministic zip and
``summary.py`` the human summary.
"""

from __future__ import annotations

from ..errors import MedprintError


class ReleaseError(MedprintError):
    """A release cannot be made, verified or merged as asked (exit 1)."""
