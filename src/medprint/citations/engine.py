"""The citation engine: every cluster of a document and its reference list, once, as runs.

This drives citeproc-py 0.11.1 (patched by :mod:`.fixes`) itself rather than
through ``CitationStylesBibliography.cite`` so that it can do what citeproc-py
lacks and citeproc-js does: Pandoc's citation modes, disambiguation
(:mod:`.disambiguate`), grouped citation sorting, cite grouping and collapsing
(year, year-suffix, year-suffix-ranged, citation-number), numeric labels, and the
formatted-entry cache (:mod:`.entry_cache`).
"""

from __future__ import annotations

import contextlib
import difflib
import re
from typing import Iterable, Sequence

from citeproc import Citation as CpCitation
from citeproc import CitationItem as CpItem
from citeproc import CitationStylesBibliography, Locator
from citeproc.source import BibliographySource, VariableError
from citeproc.string import String, join

from . import entry_cache
from . import fixes  # noqa: F401  (applies the patches)
from .data import to_reference
from .disambiguate import disambiguate
from .markup import ALL_MARKS, FORMATTER, strip_marks, to_runs
from .state import STATE
from .styles import LoadedStyle
from .richtext import marked
from .typography import finish
from ..errors import MedprintError, SourceError
from ..model import BibEntry, CitationItem, Reference, Run


def _prefix(text: str) -> str:
    # Pandoc hands the prefix without its trailing space ("see"); citeproc-js data has it ("see ").
    if text and not text[-1].isspace() and text[-1] not in "([{\u201c\u2018":
        return text + " "
    return text


def _suffix(text: str) -> str:
    if text and text[0].isalnum():
        return " " + text
    return text


class Engine:
    """One style + locale + reference set; renders clusters and the bibliography."""

    def __init__(self, style: LoadedStyle, references: Sequence[Reference]) -> None:
        self.loaded = style
        self.style = style.style
        self.refs = list(references)
        self.internal = {ref.id: f"r{i}" for i, ref in enumerate(self.refs)}
        self.user_key = {v: k for k, v in self.internal.items()}
        self.source = BibliographySource()
        self.location = {self.internal[ref.id]: ref.location for ref in self.refs}
        for ref in self.refs:
            with self.guard(self.internal[ref.id], "read"):
                self.source.add(to_reference(self.internal[ref.id], ref.data if isinstance(ref.data, dict) else {}))
        self.bib = CitationStylesBibliography(self.style, self.source, FORMATTER)
        self.citation_el = self.style.root.citation
        self.layout = self.citation_el.layout
        self._digests: dict[str, str] = {}

    @contextlib.contextmanager
    def guard(self, ikey: str, what: str, location=None):
        """citeproc-py failing on odd data becomes a located SourceError, never a traceback."""
        try:
            yield
        except MedprintError:
            raise
        except (TypeError, ValueError, AttributeError, KeyError, IndexError,
                ZeroDivisionError, RecursionError) as exc:
            key = self.user_key.get(ikey, ikey)
            raise SourceError("citation.cannot-format", f"cannot {what} reference '{key}' "
                              f"({type(exc).__name__}: {exc})", location or self.location.get(ikey),
                              hint="check this reference's fields against CSL-JSON") from None

    # ------------------------------------------------------------ registration

    def register(self, cited_keys: Iterable[str], nocite: Iterable[str]) -> None:
        """Register cited keys (in first-citation order) then nocite keys; sort; disambiguate."""
        seen = list(dict.fromkeys(self.internal[key] for key in [*cited_keys, *nocite]))
        items = []
        for ikey in seen:
            item = CpItem(ikey)
            CpCitation([item]).bibliography = self.bib
            items.append(item)
        self.bib.keys = list(seen)
        self.bib.items = items
        if self.style.root.bibliography is not None:
            with self.guard(seen[0] if seen else "", "sort"):
                self.bib.sort()
        STATE.reset_disambiguation()
        for item in self.bib.items:
            self.source[item.key].pop("year_suffix", None)
        with self.guard(seen[0] if seen else "", "disambiguate"):
            disambiguate(self)

    # ------------------------------------------------------------ items

    def make_item(self, item: CitationItem) -> CpItem:
        kwargs = {}
        if item.locator:
            # "sub verbo" is CSL's sub-verbo (citeproc-js accepts either)
            kwargs["locator"] = Locator((item.label or "page").strip().replace(" ", "-"), item.locator)
        cp = CpItem(self.internal[item.key], **kwargs)
        cp.key = self.internal[item.key]  # citeproc-py lowercases keys; ours are already internal
        return cp

    def render_item(self, cp: CpItem, mode: str = "normal") -> str | None:
        """One cite rendered by the citation layout's children (no layout affixes)."""
        layout = self.layout
        layout.repressed = {}
        STATE.in_citation = True
        STATE.mode = mode
        STATE.first_names_pending = True
        STATE.captured_author = None
        STATE.current_key = cp.key
        STATE.implicit_suffix = self.year_suffix(cp.key) if self.loaded.implicit_suffix_cite else ""
        try:
            out = layout.render_children(cp)
        except VariableError:  # an empty layout
            out = None
        finally:
            STATE.in_citation = False
            STATE.mode = "normal"
            STATE.implicit_suffix = ""
        if mode == "author-only":
            return STATE.captured_author
        return out

    def year_suffix(self, ikey: str) -> str:
        """The letter disambiguation gave this reference ("" if none)."""
        return str(dict.get(self.source[ikey], "year_suffix") or "")

    def disambiguation_text(self, ikey: str) -> str:
        """How a cite of ``ikey`` reads alone (for ambiguity tests)."""
        cp = CpItem(ikey)
        cp.key = ikey
        CpCitation([cp]).bibliography = self.bib
        self.citation_el.cites = []
        return strip_marks(str(self.render_item(cp) or ""))

    # ------------------------------------------------------------ clusters

    def render_cluster(self, items: Sequence[CitationItem], location=None) -> tuple[Run, ...]:
        return to_runs(self.cluster_markup(items, location))

    def cluster_markup(self, items: Sequence[CitationItem], location=None) -> str:
        """A cluster as marked-up text (:mod:`.markup`): what :meth:`render_cluster` turns into runs."""
        with self.guard(self.internal[items[0].key] if items else "", "cite", location):
            if items and items[0].mode == "author-in-text":
                return self._narrative(items)
            return finish(self._cluster_text(items), self.loaded)

    def _narrative(self, items: Sequence[CitationItem]) -> str:
        first = items[0]
        cp = self._prepared([first])[0][0]
        author = self.render_item(cp, "author-only")
        if not author or not strip_marks(str(author)).strip():
            # the style's citations print no names (numeric styles): Pandoc 3.9 prints the cite itself,
            # "[1] showed", "¹ showed", "(1) showed" (citeproc-js has no printed form for it)
            plain = [CitationItem(first.key, "normal", first.prefix, first.suffix, first.locator, first.label,
                                  first.location)] + list(items[1:])
            return finish(self._cluster_text(plain), self.loaded)
        rest = [CitationItem(first.key, "suppress-author", first.prefix, first.suffix, first.locator, first.label,
                             first.location)] + list(items[1:])
        rest_text = str(self._cluster_text(rest))
        joiner = "" if self.layout.get("vertical-align") == "sup" else " "  # "Routy et al.¹"
        text = joiner.join(part for part in (str(author or ""), rest_text) if strip_marks(part).strip())
        return finish(text, self.loaded)

    def _prepared(self, items: Sequence[CitationItem]):
        cps = [self.make_item(it) for it in items]
        citation = CpCitation(cps)
        citation.bibliography = self.bib
        return cps, citation

    def _cluster_text(self, items: Sequence[CitationItem]) -> str:
        cps, citation = self._prepared(items)
        pairs = list(zip(cps, items))  # input order breaks ties, as in citeproc-js
        sort = self.citation_el.sort
        if sort is not None and len(pairs) > 1:
            sorted_cps = sort.sort([p[0] for p in pairs], self.layout)
            pos = {id(cp): i for i, cp in enumerate(sorted_cps)}
            pairs.sort(key=lambda p: pos[id(p[0])])
            if self.citation_el.get("collapse") in ("year", "year-suffix", "year-suffix-ranged"):
                pairs = self._grouped_sort(pairs, sort)
        delimiter = self.layout.get("delimiter", "")
        collapse = self.citation_el.get("collapse")
        group_delim = self.citation_el.get("cite-group-delimiter", ", ")
        after_collapse = self.citation_el.get("after-collapse-delimiter", delimiter)
        rendered = []  # (author text or None, full text, rest text, cp, item)
        for cp, item in pairs:
            mode = "suppress-author" if item.mode == "suppress-author" else "normal"
            full = self.render_item(cp, mode)
            # suppress-author cites group by the author they do not print, as citeproc-js does:
            # [-@a; -@b] -> "(2020b, 2020a)"
            author = STATE.captured_author
            if full is None:
                continue
            rest = base = None
            if collapse in ("year", "year-suffix", "year-suffix-ranged"):
                rest = self.render_item(cp, "suppress-author") if mode == "normal" else full
                if collapse != "year" and self.year_suffix(cp.key) and _plain(item):
                    base = self._without_suffix(cp, item)
            rendered.append((author, full, rest, cp, item, base))
            self.citation_el.cites.append(cp)
        self._first_cite = rendered[0][4] if rendered else None
        if collapse == "citation-number":
            text = self._collapse_numbers(rendered, delimiter, after_collapse)
        else:
            text = self._collapse_authors(rendered, collapse, delimiter, group_delim, after_collapse)
        return self.layout.format(self.layout.wrap(text)) if text else ""

    def _grouped_sort(self, pairs, sort):
        """citeproc-js's grouped sort for collapsing styles: sorted by author first (ties of the style's
        keys fall alphabetically by author), then each author's group placed by its first cite's first key."""
        from .collate import collation_key
        from .fixes.sorting import _sort_value

        authors = {}
        for cp, item in pairs:
            text = self.render_item(cp, "author-only")
            authors[id(cp)] = collation_key(strip_marks(str(text or "")))
        by_author = sorted(pairs, key=lambda p: authors[id(p[0])])  # stable: the style's order within an author
        first_key = sort.findall("cs:key", sort.nsmap)[0]
        groups: dict = {}
        for cp, item in by_author:
            groups.setdefault(authors[id(cp)], []).append((cp, item))
        ordered = list(groups.values())
        STATE.sorting = True  # sort keys never carry year-suffixes
        try:
            values = first_key.sort_keys([g[0][0] for g in ordered], self.layout)
        finally:
            STATE.sorting = False
        ranked = sorted(range(len(ordered)), key=lambda i: (values[i] is None, _sort_value(values[i] or "")))
        return [pair for i in ranked for pair in ordered[i]]

    def _without_suffix(self, cp: CpItem, item: CitationItem):
        """(text after the author without year-suffix and locator, what the locator adds) — cites
        with the same first part share their year; None when the locator is not a plain tail."""
        ref = self.source[cp.key]
        suffix = ref.pop("year_suffix", None)
        try:
            full = str(self.render_item(cp, "suppress-author") or "")
            base = full
            if item.locator:
                bare = self._prepared([CitationItem(item.key)])[0][0]
                base = str(self.render_item(bare, "suppress-author") or "")
        finally:
            if suffix is not None:
                ref["year_suffix"] = suffix
        if not full.startswith(base):
            return None
        return strip_marks(base), full[len(base):]

    def _year_suffix_group(self, group, collapse, group_delim):
        """One author's cites with repeated years collapsed to their suffixes: "2000a, b" (CSL 1.0.2
        collapse="year-suffix"); with "year-suffix-ranged" three or more letters in a row become "a–c".
        Returns the text of each year and whether any year took more than one cite."""
        # no year-suffix-delimiter: the cite-group-delimiter, then the layout's (Pandoc citeproc, test suite)
        ys_delim = self.citation_el.get("year-suffix-delimiter", self.citation_el.get(
            "cite-group-delimiter", self.layout.get("delimiter", "")))
        runs: list[list] = []  # [(text, letter index or None, base, tail)] — each run shares one year
        for entry in group:
            text = self._affixed(entry[2] if runs else entry[1], entry[4])
            base, tail = entry[5] or (None, "")
            letter = self.year_suffix(entry[3].key) if base is not None else ""
            if runs and base is not None and runs[-1][-1][2] == base:
                # "2000a, b, p. 5": the year goes, the locator stays (citeproc-js)
                runs[-1].append((letter + tail, None if tail else _letter_index(letter), base, tail))
            else:
                runs.append([(text, _letter_index(letter) if letter else None, base, tail)])
        out = []
        for run in runs:
            parts = [(run[0][0], "")]
            tail = run[1:]
            if collapse == "year-suffix-ranged":
                parts, tail = [], run
            i = 0
            while i < len(tail):
                j = i
                while (collapse == "year-suffix-ranged" and j + 1 < len(tail) and tail[j][1] is not None
                       and tail[j + 1][1] == tail[j][1] + 1):
                    j += 1
                if j - i >= 2:
                    parts.append((f"{tail[i][0]}\u2013{tail[j][0]}", ""))
                    i = j + 1
                else:
                    parts.append((tail[i][0], tail[i][3]))
                    i += 1
            # a suffix followed by a locator is set off like a cite ("2000a, b, p. 5"), not like a suffix
            text = str(parts[0][0]) if parts else ""
            for part, extra in parts[1:]:
                text += (group_delim if extra else ys_delim) + str(part)
            out.append(text)
        return out, any(len(run) > 1 for run in runs)

    def _sentence_terms(self) -> tuple[str, ...]:
        """The locale's terms a note can open with ("ibid."), lowercase."""
        terms = getattr(self, "_terms_memo", None)
        if terms is None:
            found = []
            for name in ("ibid", "ibid-with-locator"):
                for form in (None, "short"):
                    term = self.loaded.style.root.get_term(name, form)
                    if term is not None and str(term.single).strip():
                        found.append(str(term.single).strip().lower())
            terms = self._terms_memo = tuple(found)
        return terms

    def _affixed(self, text, item: CitationItem):
        first = item is getattr(self, "_first_cite", None)
        prefix = marked(_prefix(item.prefix))
        text = str(text)
        bare = strip_marks(prefix)  # quotation marks are marks here: 'He said "Go." ' ends a sentence
        if self.loaded.style.root.get("class") == "note" and (
                (bare.endswith(". ") and bare.count(" ") > 1) or (not bare and first)):
            # a prefix that is a whole sentence, or nothing before the note's first cite: its opening term
            # starts a sentence ("Ibid."), as in citeproc-js (not after one word such as "Cf. ")
            text = _capitalize_term(text, self._sentence_terms())
        return prefix + text + marked(_suffix(item.suffix))

    def _collapse_authors(self, rendered, collapse, delimiter, group_delim, after_collapse):
        """Cite grouping and collapsing (CSL 1.0.2) in Pandoc citeproc's way: cites with the same names join
        the first such cite, keeping their order ("Doe 2000; Roe 2000; Doe 2001" → "Doe 2000, 2001; Roe 2000"),
        never across a cite with a prefix or suffix; the delimiters follow what was collapsed."""
        grouping = bool(collapse) or self.citation_el.get("cite-group-delimiter") is not None
        groups = _group_by_author(rendered) if grouping else [[e] for e in rendered]
        texts, afters, opens = [], [], []
        for group in groups:
            single = len(group) == 1
            if collapse in ("year-suffix", "year-suffix-ranged"):
                parts = self._year_suffix_group(group, collapse, group_delim)[0]
            elif collapse:
                parts = [self._affixed(group[0][1], group[0][4])]
                parts += [self._affixed(e[2] if e[2] is not None else e[1], e[4]) for e in group[1:]]
            else:  # grouping alone (cite-group-delimiter): names are repeated
                parts = [self._affixed(e[1], e[4]) for e in group]
            with_locator = any(e[4].locator for e in group)
            explicit_after = self.citation_el.get("after-collapse-delimiter")
            # (citeproc-js ends a year that took letters with the cite-group delimiter in real styles,
            # "Doe 2000a; b, 2001" (tests/golden), though the CSL suite's fixtures expect the layout's)
            if collapse == "year" and with_locator and explicit_after is not None:
                within = explicit_after  # "Wong 1999, 328; 2000, 475" (Chicago's after-collapse-delimiter)
            else:
                within = group_delim
            texts.append(join([String(str(p)) for p in parts], within) if len(parts) > 1 else parts[0])
            afters.append(delimiter if (single and collapse != "year") or not collapse else after_collapse)
            opens.append((group[0][4].prefix or "")[:1])
        if not texts:
            return ""
        text = str(texts[0])
        for after, part, opening in zip(afters, texts[1:], opens[1:]):
            # a prefix that starts with punctuation replaces the delimiter ("Book A, cited in Book B";
            # citeproc-js)
            text += ("" if opening and opening in ",.;:" else after) + str(part)
        return text

    def _collapse_numbers(self, rendered, delimiter, after_collapse):
        out: list[str] = []
        run: list[tuple[int, str]] = []

        def flush():
            if len(run) >= 3:
                out.append(run[0][1] + "\u2013" + run[-1][1])
            else:
                out.extend(t for _, t in run)
            run.clear()

        for _, full, _, cp, item, _ in rendered:
            text = self._affixed(full, item)
            plain = item.locator == "" and not item.prefix and not item.suffix
            # the number alone, or with the style's affixes on it ("[1]–[4]", as citeproc-js)
            m = _NUMBER_RE.match(strip_marks(str(full)))
            if plain and m and m.group(2) == str(cp.number):
                n = cp.number
                if run and n != run[-1][0] + 1:
                    flush()
                run.append((n, str(full)))
            else:
                flush()
                out.append(text)
        flush()
        return delimiter.join(out)

    # ------------------------------------------------------------ bibliography

    def _start_list(self) -> None:
        """Per-list state: subsequent-author-substitute compares each entry with the one before."""
        bib = self.style.root.bibliography
        sub = bib.get("subsequent-author-substitute") if bib is not None else None
        STATE.sas = sub
        STATE.sas_rule = (bib.get("subsequent-author-substitute-rule") or "complete-all") if bib is not None else ""
        STATE.sas_prev = None

    def render_entries(self) -> tuple[BibEntry, ...]:
        if self.style.root.bibliography is None:
            return ()
        self._start_list()
        layout = self.style.root.bibliography.layout
        entries = []
        for item in self.bib.items:
            key = self._entry_cache_key(item)
            cached = entry_cache.get(key) if key else None
            if cached is not None:
                if cached[0] is not None:
                    entries.append(BibEntry(self.user_key[item.key], cached[0], cached[1]))
                continue
            runs, label = self._render_entry(layout, item)
            if key:
                entry_cache.put(key, (runs, label))
            if runs is not None:
                entries.append(BibEntry(self.user_key[item.key], runs, label))
        return tuple(entries)

    def _entry_cache_key(self, item) -> tuple | None:
        """What an entry's runs depend on (see :mod:`.entry_cache`); None when not cacheable."""
        if not self.loaded.identity:
            return None
        digest = self._digests.get(item.key)
        if digest is None:
            data = self.refs[int(item.key[1:])].data
            digest = self._digests[item.key] = entry_cache.item_digest(data)
        number = item.number if self.loaded.numeric else None
        return (digest, self.loaded.identity, self.year_suffix(item.key), number)

    def entry_markups(self, split_first: bool = False) -> list:
        """Every reference-list entry as marked-up text with its number in place (the CSL test suite's form);
        ``split_first``: (first field, the rest) as citeproc-js lays out ``second-field-align``."""
        if self.style.root.bibliography is None:
            return []
        layout = self.style.root.bibliography.layout
        self._start_list()
        out = []
        for item in self.bib.items:
            text = self._entry_markup(layout, item, keep_number=True, split_first=split_first)[0]
            if text:
                out.append(text)
        return out

    def _render_entry(self, layout, item):
        """One reference-list entry: (runs, label), or (None, "") when the style prints nothing for it."""
        text, label = self._entry_markup(layout, item)
        return (to_runs(text), label) if text else (None, "")

    def _entry_markup(self, layout, item, keep_number: bool = False, split_first: bool = False):
        """One entry as marked-up text and its label; ``keep_number`` leaves a numeric style's number in the text."""
        if split_first:
            return self._split_entry(layout, item), ""
        layout.repressed = {}
        STATE.current_key = item.key
        STATE.sas_pending = STATE.sas is not None
        STATE.bib_number_pending = self.loaded.numeric and not keep_number
        STATE.bib_number = None
        STATE.implicit_suffix = self.year_suffix(item.key) if self.loaded.implicit_suffix_bib else ""
        try:
            with self.guard(item.key, "format"):
                text = layout.format(layout.wrap(layout.render_children(item)))
        except SourceError:
            raise
        except VariableError:
            text = None
        finally:
            STATE.bib_number_pending = False
            STATE.sas_pending = False
            STATE.implicit_suffix = ""
        if not text:
            return None, ""
        label = ""
        if self.loaded.numeric and not keep_number:
            # the label is the number the entry printed ("1.", "[1]"); an entry that prints none has none
            # (no stray "1" before entries of styles whose reference list is not numbered)
            label = strip_marks(str(STATE.bib_number or "")).strip()
            text = str(text).lstrip()
        return finish(str(text), self.loaded), label


    def _split_entry(self, layout, item):
        """(first field, the rest of the entry) or None: citeproc-js's csl-left-margin / csl-right-inline."""
        layout.repressed = {}
        STATE.current_key = item.key
        STATE.sas_pending = STATE.sas is not None
        STATE.implicit_suffix = self.year_suffix(item.key) if self.loaded.implicit_suffix_bib else ""
        parts = []
        try:
            with self.guard(item.key, "format"):
                for child in layout.iterchildren():
                    try:
                        text = child.render(item)
                    except VariableError:
                        continue
                    if text is not None and str(text):
                        parts.append(text)
        finally:
            STATE.implicit_suffix = ""
        if not parts:
            return None
        rest = layout.format(layout.wrap(join(parts[1:], layout.get("delimiter", "")))) if parts[1:] else ""
        return finish(str(parts[0]), self.loaded), finish(str(rest or ""), self.loaded)


def _same_names(a, b) -> bool:
    return a[0] is not None and b[0] is not None and strip_marks(str(a[0])) == strip_marks(str(b[0]))


def _group_by_author(entries: list) -> list[list]:
    """Pandoc's groupWith: an entry takes the later entries with the same names from the run of entries
    without prefix or suffix that follows it; an entry with a suffix stands alone."""
    out: list[list] = []
    todo = list(entries)
    while todo:
        first, rest = todo[0], todo[1:]
        if first[4].suffix:
            out.append([first])
            todo = rest
            continue
        span = 0
        while span < len(rest) and not rest[span][4].prefix and not rest[span][4].suffix:
            span += 1
        candidates, after = rest[:span], rest[span:]
        if not candidates:
            out.append([first])
            todo = rest
            continue
        out.append([first] + [e for e in candidates if _same_names(first, e)])
        todo = [e for e in candidates if not _same_names(first, e)] + after
    return out


_NUMBER_RE = re.compile(r"^(\D*?)(\d+)(\D*)$")


def _plain(item: CitationItem) -> bool:
    """A cite without affixes: the only kind whose year collapses to its suffix."""
    return not (item.prefix or item.suffix)


def _capitalize_term(text: str, terms: tuple[str, ...]) -> str:
    """Capitalise the first letter when the text opens with one of ``terms`` ("ibid." → "Ibid.")."""
    bare = strip_marks(text).lstrip()
    if not any(bare.startswith(t) and not bare[len(t):len(t) + 1].isalpha() for t in terms):
        return text
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if not (ch in ALL_MARKS or ch.isspace()):
            return text
    return text


def _letter_index(letters: str) -> int:
    """a → 0, z → 25, aa → 26 (inverse of disambiguate._letters)."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - ord("a") + 1)
    return n - 1


def unknown_key_error(key: str, known: Iterable[str], location) -> SourceError:
    from ..identifiers import unresolved

    by_identifier = unresolved(key)
    if by_identifier is not None:
        code, message, hint = by_identifier
        return SourceError(code, message, location, hint=hint)
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    message = f"no reference with key '{key}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    hint = "check the key against the bibliography (keys are case-sensitive)"
    return SourceError("citation.unknown-key", message, location, hint=hint)
