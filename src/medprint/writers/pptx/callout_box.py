"""A callout on a slide: its text box filled and framed in the callout's colour (as in the handout's CSS)."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Pt

# (frame, fill) per callout kind: the handout's colours (styles/handout/handout.css)
COLOURS = {
    "note": ("0B4F9C", "EEF3FA"),
    "tip": ("1A6B35", "EDF6EF"),
    "important": ("A3202E", "FBEEEF"),
    "warning": ("8A5A00", "FDF5E4"),
    "caution": ("B54708", "FDF0E7"),
}


def callout_box(shape, kind: str) -> None:
    """Fill and frame ``shape`` (a text box) as a callout of ``kind``; name it for the selection pane."""
    frame, fill = COLOURS.get(kind, COLOURS["note"])
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    shape.line.color.rgb = RGBColor.from_string(frame)
    shape.line.width = Pt(2.25)
    shape.name = f"Callout ({kind.title()})"
