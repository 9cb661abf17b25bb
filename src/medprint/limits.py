"""Size limits that keep a hostile or broken input from exhausting the machine.

Every limit has a clear error (``limit.*`` codes) and can be changed through
environment variables ``MEDPRINT_LIMIT_<NAME>`` (documented in the README,
with the reasons in :data:`WHY`).  The defaults are far above any real handout
(the sample is 30 kB of Markdown, 20 references, images under 1 MB) and far
below what would exhaust a 2-core CI runner.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from .errors import UsageError


@dataclass(frozen=True)
class Limits:
    source_bytes: int = 5 * 1024 * 1024          # one Markdown source
    reference_file_bytes: int = 20 * 1024 * 1024  # one bibliography file
    references: int = 20_000                      # references in one document
    nesting_depth: int = 40                       # lists/quotes/divs inside each other
    image_bytes: int = 25 * 1024 * 1024           # one image file
    image_pixels: int = 50_000_000                # width x height of one image
    svg_elements: int = 50_000                    # elements of one SVG once every <use> is expanded
    template_bytes: int = 50 * 1024 * 1024        # one .pptx template (compressed)
    template_expanded_bytes: int = 200 * 1024 * 1024  # all members of a .pptx template, uncompressed
    template_members: int = 2_000                 # zip members in a .pptx template

    @classmethod
    def from_env(cls) -> "Limits":
        """Defaults overridden by ``MEDPRINT_LIMIT_<NAME>`` (a whole number; ``_`` separators allowed)."""
        values = {}
        for f in fields(cls):
            env = f"MEDPRINT_LIMIT_{f.name.upper()}"
            raw = os.environ.get(env, "").strip()
            if not raw:
                continue
            digits = raw.replace("_", "")
            if not digits.isdigit() or int(digits) <= 0:
                raise UsageError("usage.limit", f"{env}={raw!r} is not a positive whole number",
                                 hint=f"set it like {env}={getattr(cls, f.name)} or unset it")
            values[f.name] = int(digits)
        return cls(**values)


WHY = {
    "source_bytes": "5 MB of Markdown is ~1,500 printed pages; larger is a mistake (a pasted export) and slows "
                    "every stage",
    "reference_file_bytes": "20 MB holds ~20,000 CSL-JSON records (a whole Zotero library); parsing stays under "
                            "a few seconds",
    "references": "20,000 references per document: citeproc-py sorts and disambiguates all of them in memory",
    "nesting_depth": "40 levels of lists/quotes/divs: no handout needs more, and deeper input drives the "
                     "recursive readers and writers toward Python's recursion limit",
    "image_bytes": "25 MB per image: a 300-dpi full-page photo is under 10 MB; the PDF embeds the bytes",
    "image_pixels": "50 megapixels (e.g. 8660x5773): ~150 MB once decoded as RGB; a 'decompression bomb' PNG "
                    "of a few kB can claim billions",
    "svg_elements": "50,000 drawn elements per SVG after expanding <use>: a detailed chart has a few thousand; "
                    "<use> chains of 10 x 10 x … make a 2 kB 'SVG bomb' that stalls the PDF renderer for hours",
    "template_bytes": "50 MB per .pptx template: a branded master with fonts and pictures is a few MB",
    "template_expanded_bytes": "200 MB uncompressed: zip bombs expand kilobytes into gigabytes",
    "template_members": "2,000 zip members: a real master has ~100 parts; millions of tiny members are a bomb",
}

DEFAULT = Limits()
