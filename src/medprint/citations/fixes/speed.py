"""Fix 12, speed: citeproc-py repeats the same XPath look-ups (macros, layouts, ancestors, terms)
thousands of times per bibliography.  The style tree does not change while rendering and every
element proxy is kept alive by the loaded style (:mod:`..styles`), so per-element memo dicts are
safe.  cs:if attributes are parsed once and tested with short-circuit.  Also fix 13: a style's
``de`` locale and ``locales-de-DE.xml`` are one language when looking up terms such as ordinals."""

from __future__ import annotations

from citeproc.model import Affixed, CitationStylesElement, ConditionFailed, Formatted, Locale, Term
from citeproc.string import String

from ..data import rich_text
from ..markup import wrap
from ..richtext import needs_parse
from ..state import STATE
from ._orig import _ORIG
from .numbers import if_is_numeric


def cached_xpath_search(self, expression):
    """citeproc-py runs the same XPath (macro, layout, ancestor, term look-ups) thousands of times."""
    memo = self.__dict__.get("_mp_xpath")
    if memo is None:
        memo = self.__dict__["_mp_xpath"] = {}
    result = memo.get(expression)
    if result is None:
        result = memo[expression] = self.xpath(expression, namespaces=self.nsmap)
    return result


def cached_get_root(self):
    root = self.__dict__.get("_mp_root")
    if root is None:
        root = self.__dict__["_mp_root"] = self.getroottree().getroot()
    return root


def cached_child(self, name):
    """``element.layout`` and friends: find once (misses are not kept: citeproc-py may insert a cs:name)."""
    if name.startswith("__") or name.startswith("_mp_"):
        raise AttributeError(name)
    found = self.find("cs:" + name, self.nsmap)
    if found is not None:
        self.__dict__[name] = found
    return found


def cached_item_reference(self):
    ref = dict.get(self, "_mp_reference")
    if ref is None:
        ref = self.bibliography.source[self.key]
        dict.__setitem__(self, "_mp_reference", ref)
    return ref


_FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


def formatted_format(self, string):
    """Most elements have no formatting attributes: skip five look-ups and wrappers for them."""
    attrib = self.attrib
    for name in _FORMAT_ATTRS:
        if name in attrib:
            text = _ORIG[(Formatted, "format")](self, string)
            # font-style="normal" sets text upright inside italics; vertical-align="baseline" undoes
            # superscript (citeproc-py printed nothing for either)
            if attrib.get("font-style") == "normal":
                text = wrap("normal", text)
            if attrib.get("vertical-align") == "baseline":
                text = wrap("baseline", text)
            return text
    return str(string) if isinstance(string, (int, float)) else string


def affixed_wrap(self, string):
    attrib = self.attrib
    if string is not None and "prefix" not in attrib and "suffix" not in attrib:
        return string
    return _ORIG[(Affixed, "wrap")](self, string)


def cached_get_formatter(self):
    formatter = self.__dict__.get("_mp_formatter")
    if formatter is None:
        formatter = self.__dict__["_mp_formatter"] = _ORIG[(CitationStylesElement, "get_formatter")](self)
    return formatter


_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
    """Same-language locales count as one language ("de" style locale + locales-de-DE.xml), so an
    ordinal found in de-DE is not replaced by en-US's "st" ("1. März", not "1st März")."""
    root = self.get_root()
    if isinstance(root, Locale):
        return root.get_term(name, form)
    memo = root.__dict__.setdefault("_mp_terms", {})
    memo_key = (name, form, fallback_locale, zero_padded)
    if memo_key in memo:
        return memo[memo_key]
    locales = root.locales
    if not fallback_locale and len(locales) > 1:
        main = (locales[0].attrib.get(_LANG) or "").split("-")[0]
        if main:
            locales = [loc for loc in locales if (loc.get(_LANG) or main).split("-")[0] == main]
    term = None
    for locale in locales:
        try:
            term = locale.get_term(name, form, zero_padded=zero_padded)
            break
        except IndexError:
            continue
    memo[memo_key] = term
    return term


class _IfSpec:
    __slots__ = ("types", "variables", "numeric", "uncertain", "locator", "position", "disambiguate", "match",
                 "simple")


def _if_spec(self) -> _IfSpec:
    spec = self.__dict__.get("_mp_if")
    if spec is None:
        a = self.attrib
        spec = _IfSpec()
        spec.types = [t.lower() for t in a["type"].split()] if "type" in a else []
        spec.variables = [v.replace("-", "_") for v in a["variable"].split()] if "variable" in a else []
        spec.numeric = "is-numeric" in a
        spec.uncertain = "is-uncertain-date" in a
        spec.locator = "locator" in a
        spec.position = "position" in a
        spec.disambiguate = (a.get("disambiguate") or "").lower() == "true"
        spec.match = a.get("match", "all")
        # most APA conditions test only types or only plain variables: evaluated without a generator
        others = spec.numeric or spec.uncertain or spec.locator or spec.position or spec.disambiguate
        if not others and spec.types and not spec.variables:
            spec.simple = "types"
            spec.types = frozenset(spec.types) if spec.match != "all" else spec.types
        elif not others and spec.variables and not spec.types and "locator" not in spec.variables:
            spec.simple = "variables"
        else:
            spec.simple = ""
        self.__dict__["_mp_if"] = spec
    return spec


def _if_results(self, spec, item, context):
    ref = item.reference
    if spec.types:
        ref_type = dict.get(ref, "type")
        for t in spec.types:
            yield t == ref_type
    for v in spec.variables:
        yield ("locator" in item) if v == "locator" else (v in ref)
    if spec.numeric:
        yield from if_is_numeric(self, item)
    if spec.uncertain:
        yield from self._is_uncertain_date(item)
    if spec.locator:
        yield from self._locator(item)
    if spec.position:
        yield from self._position(item, context)
    if spec.disambiguate:
        # true for references whose cites disambiguate() found still ambiguous (CSL 1.0.2), in their
        # cites and their entries alike (citeproc-js)
        yield STATE.current_key in STATE.disambiguate_true


def if_render(self, item, context=None, delimiter="", **kwargs):
    """cs:if with parsed attributes and short-circuit evaluation (APA evaluates ~100 per entry)."""
    spec = self.__dict__.get("_mp_if") or _if_spec(self)
    simple = spec.simple
    if simple:
        ref = item.reference
        match = spec.match
        if simple == "types":
            ref_type = dict.get(ref, "type")
            if match == "all":
                ok = all(t == ref_type for t in spec.types)
            else:
                ok = (ref_type in spec.types) == (match == "any")
        else:
            if match == "any":
                ok = any(v in ref for v in spec.variables)
            elif match == "none":
                ok = not any(v in ref for v in spec.variables)
            else:
                ok = all(v in ref for v in spec.variables)
        if not ok:
            raise ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
    results = _if_results(self, spec, item, context)
    if spec.match == "any":
        ok = any(results)
    elif spec.match == "none":
        ok = not any(results)
    else:
        ok = all(results)
    if not ok:
        raise ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def cached_get_macro(self, name):
    root = self.get_root()
    macros = root.__dict__.get("_mp_macros")
    if macros is None:
        macros = root.__dict__["_mp_macros"] = {}
    macro = macros.get(name)
    if macro is None:
        macro = macros[name] = _ORIG[(CitationStylesElement, "get_macro")](self, name)
    return macro


def cached_term_single(self):
    value = self.__dict__.get("_mp_single")
    if value is None:
        value = self.__dict__["_mp_single"] = _ORIG[(Term, "single")].fget(self)
    return value


def cached_term_multiple(self):
    value = self.__dict__.get("_mp_multiple")
    if value is None:
        value = self.__dict__["_mp_multiple"] = _ORIG[(Term, "multiple")].fget(self)
    return value


def text_process(self, item, context=None, **kwargs):
    """citeproc-py's Text.process without raising and catching an exception for every missing language."""
    if context is None:
        context = self
    lang = dict.get(item.reference, "language")
    language = str(lang)[:2] if lang else (self.get_root().get("default-locale") or "en")[:2]
    attrib = self.attrib
    text = None
    if "variable" in attrib:
        text = self._variable(item, context)
    elif "macro" in attrib:
        text = self.get_macro(attrib["macro"]).render(item, context)
    elif "term" in attrib:
        text = self._term(item)
    elif "value" in attrib:
        value = attrib["value"]
        text = rich_text(value) if needs_parse(value) else String(self.preformat(value))
    return text, language
