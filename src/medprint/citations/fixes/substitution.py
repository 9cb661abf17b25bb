"""Fix 7: a variable used as the author substitute is not printed again in the entry (editors
"(Eds.)", titles).  citeproc-py only remembered ``cs:text`` variables named directly."""

from __future__ import annotations

from citeproc.model import Names, Text
from citeproc.source import VariableError
from citeproc.string import String

from ..data import NAME_VARIABLES

from ..state import STATE
from ._orig import _ORIG
from .names import subsequent_text
from .numbers import locator_text


def _repressed(context) -> set:
    try:
        return context.get_layout().repressed.get("_vars", ())
    except (AttributeError, IndexError):
        return ()


def substitute_render(self, item, context=None, **kwargs):
    """Render the first substitute that prints; remember every variable it used."""
    for child in self.getchildren():
        STATE.recording.append(set())
        STATE.substituted.append(set())
        try:
            if isinstance(child, Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            text = None
        finally:
            used = STATE.recording.pop()
            STATE.substituted.pop()
        if text:
            if not isinstance(child, Names):
                text = subsequent_text(text)
            if STATE.recording:
                STATE.recording[-1] |= used
            ctx = context if context is not None else self
            ctx.get_layout().repressed.setdefault("_vars", set()).update(used)
            self.add_to_repressed_list(child, ctx)
            return text
    return None


def text_variable(self, item, context):
    variable = self.get("variable")
    if STATE.recording:
        STATE.recording[-1].add(variable.replace("-", "_"))
        STATE.recording[-1].add(variable)
    if variable in _repressed(context) or variable.replace("-", "_") in _repressed(context):
        return None
    if variable == "locator":
        return locator_text(self, item)
    if variable == "year-suffix" and STATE.sorting:
        return None
    if variable == "citation-label":
        return citation_label(item.reference)
    return _ORIG[(Text, "_variable")](self, item, context)


def citation_label(ref):
    """The data's citation-label, else a trigraph as Pandoc and citeproc-js make it (Doe 1965 → "Doe65",
    two authors "RoNo78", three "AaBbCc", four or more one letter each), with the year-suffix."""
    label = dict.get(ref, "citation_label")
    if not label:
        names = dict.get(ref, "author")
        if not names:
            found = sorted(k for k in ref if k.replace("_", "-") in NAME_VARIABLES and dict.get(ref, k))
            names = dict.get(ref, found[0]) if found else None
        if names:
            width = 4 if len(names) == 1 else 1 if len(names) >= 4 else 2
            label = "".join(str(dict.get(n, "family") or "")[:width] for n in names[:4])
        else:
            label = "Xyz"
        issued = dict.get(ref, "issued")
        year = getattr(issued, "year", None) or getattr(getattr(issued, "begin", None), "year", None)
        if year:
            label += f"{int(year) % 100:02d}"
    suffix = dict.get(ref, "year_suffix")
    return String(str(label) + (str(suffix) if suffix else ""))


class _ItemView:
    """A citation item whose reference lacks some variables (those already used as a substitute)."""

    def __init__(self, item, drop):
        ref = item.reference
        view = ref.__class__.__new__(ref.__class__)
        dict.update(view, ref)
        for name in drop:
            dict.pop(view, name, None)
        self.__dict__["_item"] = item
        self.__dict__["reference"] = view

    def __getattr__(self, name):
        return getattr(self._item, name)

    def __getitem__(self, key):
        return self._item[key]

    def __contains__(self, key):
        return key in self._item

    def get(self, key, default=None):
        return self._item.get(key, default)


def names_process(self, item, names_context=None, context=None, **kwargs):
    roles = self.get("variable", "").split()
    if STATE.recording:
        STATE.recording[-1].update(roles)
    repressed = _repressed(context if context is not None else self)
    drop = [r.replace("-", "_") for r in roles if r in repressed or r.replace("-", "_") in repressed]
    printed = STATE.substituted[-1] if STATE.substituted else None
    if printed:  # a substitute macro names the editors twice: the second prints nothing (Pandoc, citeproc-js)
        drop += [r.replace("-", "_") for r in roles if r in printed]
    if drop:
        item = _ItemView(item, drop)
    if names_context is None and self.name is None:
        # a bare cs:names anywhere inside cs:substitute (also inside a cs:choose there) takes the
        # cs:name and cs:label of the cs:names it substitutes for (CSL 1.0.2; citeproc-py: direct children only)
        outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
        if outer:
            names_context = outer[0]
    name_el = (names_context if names_context is not None else self).name
    if name_el is not None and name_el.get("form") == "count":
        # form="count": the number of names over all the variables (citeproc-py joined "3" and "2" as "32")
        total = sum(name_el.process(item, role, context=context if context is not None else self)
                    for role in roles if role in item.reference)
        if total:
            return str(total)
    text = _ORIG[(Names, "process")](self, item, names_context=names_context, context=context, **kwargs)
    if text and printed is not None:
        printed.update(roles)
    return text
