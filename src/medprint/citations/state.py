"""Per-render state the fixes in :mod:`.fixes` read (citeproc-py has no place for it).

The engine sets these around each rendering; rendering is single-threaded per
engine, and every build runs one engine at a time in a process.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RenderState:
    in_citation: bool = False
    mode: str = "normal"  # normal | suppress-author | author-only
    first_names_pending: bool = False
    captured_author: object = None
    # per reference key: names shown at least (add-names); given-name hints per name, for one reference
    # (by-cite) or for all (the global rules): "initials", "given", "initials-primary", "given-primary"
    add_names: dict[str, int] = field(default_factory=dict)
    name_hints: dict[str, dict] = field(default_factory=dict)
    global_hints: dict = field(default_factory=dict)
    # subsequent-author-substitute: the substitute ("———") and rule, whether the entry's first names are
    # still to come, and the previous entry's first names (text, each name)
    sas: str | None = None
    sas_rule: str = "complete-all"
    sas_pending: bool = False
    sas_prev: tuple | None = None
    # while disambiguating: every name a cite's cs:names rendered (None: not collecting)
    collect_names: list | None = None
    current_key: str = ""
    # [variables tried, variables printed] per open cs:group (innermost last)
    frames: list = field(default_factory=list)
    # variables used while rendering a cs:substitute child (innermost last)
    recording: list = field(default_factory=list)
    # name variables a cs:substitute child already printed (innermost last): not printed twice in it
    substituted: list = field(default_factory=list)
    # the grammatical gender an ordinal agrees with (a day's month; French "1er" / "1re"), None: any
    ordinal_gender: str | None = None
    # numeric bibliographies: take the entry's first citation-number out as its label
    bib_number_pending: bool = False
    bib_number: object = None
    # the year-suffix to append to the next year a cs:date renders (styles that do not print
    # the year-suffix variable themselves; CSL 1.0.2), cleared once used
    implicit_suffix: str = ""
    # sort keys are being rendered: no year-suffix in them (citeproc-js; ties keep citation order)
    sorting: bool = False
    # keys whose cites render cs:if disambiguate="true" branches (set by disambiguate, CSL 1.0.2)
    disambiguate_true: set = field(default_factory=set)


    def hints_for(self, key: str) -> dict:
        own = self.name_hints.get(key)
        if own and self.global_hints:
            return {**self.global_hints, **own}
        return own or self.global_hints

    def reset_disambiguation(self) -> None:
        self.add_names.clear()
        self.name_hints.clear()
        self.global_hints = {}
        self.disambiguate_true.clear()


STATE = RenderState()
