"""Fix 4: sorting by collation (Müller, Øster), keys without formatting marks, numbers as numbers,
empty keys last, and later keys rendered only for items still tied."""

from __future__ import annotations

from citeproc.model import Key

from ..collate import collation_key
from ..state import STATE
from ._orig import _ORIG


def sort_sort(self, items, context):
    """Sort by the cs:key elements in turn with collation keys; empty keys last, as citeproc-js does.

    Keys are computed lazily: a later key is rendered only for items still tied on
    the earlier ones (citeproc-py rendered every key macro for every item).
    """
    keys_el = self.findall("cs:key", self.nsmap)

    def order(idxs: list[int], k: int) -> list[int]:
        if k == len(keys_el) or len(idxs) <= 1:
            return idxs
        key_el = keys_el[k]
        descending = key_el.get("sort", "ascending").lower() == "descending"
        values = key_el.sort_keys([items[i] for i in idxs], context)
        present = [(_sort_value(v), i) for v, i in zip(values, idxs) if v is not None]
        missing = [i for v, i in zip(values, idxs) if v is None]
        present.sort(key=lambda p: p[0], reverse=descending)  # stable: ties keep their order
        out: list[int] = []
        j = 0
        while j < len(present):
            group = [present[j][1]]
            while j + 1 < len(present) and present[j + 1][0] == present[j][0]:
                j += 1
                group.append(present[j][1])
            if descending:
                group.sort()
            out.extend(order(group, k + 1))
            j += 1
        out.extend(order(missing, k + 1))
        return out

    was, STATE.sorting = STATE.sorting, True
    try:
        return [items[i] for i in order(list(range(len(items))), 0)]
    finally:
        STATE.sorting = was


def _sort_value(value):
    text = str(value)
    if text.isdigit():
        return (0, int(text), ())
    return (1, 0, collation_key(text))


def key_sort_keys(self, items, context):
    """Sort keys without formatting; an empty rendering counts as missing."""
    if self.get("variable") == "citation-label":  # generated when the data has none
        from .substitution import citation_label
        keys = [citation_label(item.reference) for item in items]
    else:
        keys = _ORIG[(Key, "sort_keys")](self, items, context)
    out = []
    for value in keys:
        if value is None:
            out.append(None)
        else:
            text = str(value)
            out.append(text if text.strip() else None)
    return out
