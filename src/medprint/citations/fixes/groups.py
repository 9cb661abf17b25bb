"""Fix 6: cs:group suppression from the variables actually tried while rendering (citeproc-py decided
from every branch of a cs:choose, printing "(Publication)" for a thesis without a number); and
numeric bibliographies, whose first citation-number becomes the entry's label."""

from __future__ import annotations

from citeproc.model import Choose, Text
from citeproc.source import VariableError

from ..state import STATE
from ._orig import _ORIG


def _tracked(render):
    """Count, for the enclosing cs:group, each variable tried and whether it printed."""

    def tracked(self, item, *args, **kwargs):
        # year-suffix is generated, not data: "n.d." alone still prints (citeproc-js)
        if not STATE.frames or "variable" not in self.attrib or self.attrib["variable"] == "year-suffix":
            return render(self, item, *args, **kwargs)
        frame = STATE.frames[-1]
        frame[0] += 1
        text = render(self, item, *args, **kwargs)  # a VariableError leaves it counted as empty
        if text:
            frame[1] += 1
        return text

    return tracked


_text_render = None


def text_render(self, item, *args, **kwargs):
    """In a numeric bibliography the entry's number ("1.", "[1]") becomes the entry's label, not its text."""
    global _text_render
    if _text_render is None:
        _text_render = _tracked(_ORIG[(Text, "render")])
    if STATE.bib_number_pending and self.attrib.get("variable") == "citation-number":
        STATE.bib_number_pending = False
        STATE.bib_number = _text_render(self, item, *args, **kwargs)
        return None
    if "macro" in self.attrib:
        return _macro_render(self, item, *args, **kwargs)
    return _text_render(self, item, *args, **kwargs)


def _macro_render(self, item, *args, **kwargs):
    """A macro acts as a group (citeproc-js, Pandoc): it prints nothing when it tried variables and every
    one was empty ("in" before a missing container title, "p." before a missing page)."""
    STATE.frames.append([0, 0])
    try:
        text = _ORIG[(Text, "render")](self, item, *args, **kwargs)
    finally:
        called, printed = STATE.frames.pop()
    if called and not printed:
        text = None
    if STATE.frames and (called or text):  # counted by the enclosing group as a nested group is: a macro
        STATE.frames[-1][0] += 1  # that prints only terms ("n.d.") is a printed one (citeproc-js)
        if text:
            STATE.frames[-1][1] += 1
    return text


def group_process(self, item, context=None, **kwargs):
    """CSL 1.0: suppress the group if it tried variables and every one was empty."""
    STATE.frames.append([0, 0])
    output = []
    delimiter = self.get("delimiter", "")
    try:
        for child in self.iterchildren():
            try:
                if isinstance(child, Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None and str(text) != "":
                output.append(text)
    finally:
        called, printed = STATE.frames.pop()
    success = called == 0 or printed > 0
    if STATE.frames and (called or output):  # a nested group counts as one variable of its parent,
        STATE.frames[-1][0] += 1  # and one that prints (even terms only: IEEE's "[Online]") as a printed one
        if success and output:
            STATE.frames[-1][1] += 1
    if output and success:
        return self.join(output)
    raise VariableError
