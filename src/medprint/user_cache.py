"""medprint's folder in the user cache: ``$MEDPRINT_CACHE_DIR``, else the platform's (``~/.cache/medprint``).

Holds what is worth keeping between runs but never part of a project: fetched reference records
(``http/``) and the address of a running live preview (``preview/``).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    base = os.environ.get("MEDPRINT_CACHE_DIR")
    if base:
        return Path(base)
    import platformdirs

    return Path(platformdirs.user_cache_dir("medprint"))
