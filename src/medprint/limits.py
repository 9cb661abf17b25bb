"""Size limits that keep a hostile or broken input from exhausting the machine.

Every limit has a clear error (``limit.*`` codes) and can be changed through
environment variables ``MEDPRINT_LIMIT_<NAME>`` (documented in the README).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    source_bytes: int = 5 * 1024 * 1024          # one Markdown source
    reference_file_bytes: int = 20 * 1024 * 1024  # one bibliography file
    references: int = 20_000                      # references in one document
    nesting_depth: int = 40                       # lists/quotes/divs inside each other
    image_bytes: int = 25 * 1024 * 1024           # one image file
    image_pixels: int = 50_000_000                # width x height of one image
    template_bytes: int = 50 * 1024 * 1024        # one .pptx template (compressed)
    template_expanded_bytes: int = 200 * 1024 * 1024  # all members of a .pptx template, uncompressed
    template_members: int = 2_000                 # zip members in a .pptx template

    @classmethod
    def from_env(cls) -> "Limits":
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"MEDPRINT_LIMIT_{f.name.upper()}")
            if raw and raw.isdigit():
                values[f.name] = int(raw)
        return cls(**values)


DEFAULT = Limits()
