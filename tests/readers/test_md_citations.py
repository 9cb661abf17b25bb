"""Pandoc citation syntax: every form, with locators, prefixes, suffixes and positions."""

import pytest

from medprint.model import Cite, Document, Meta, iter_cites
from medprint.readers.markdown import read_markdown
from medprint.readers.md_citations import parse_locator


def cites(text: str) -> list[Cite]:
    blocks, _ = read_markdown(text, "doc.md", 0)
    return list(iter_cites(Document(Meta("t"), blocks, "doc.md", "doc")))


def test_parenthetical_single():
    (c,) = cites("Text [@smith2020].")
    (item,) = c.items
    assert (item.key, item.mode, item.prefix, item.suffix, item.locator) == ("smith2020", "normal", "", "", "")
    assert c.source_text == "[@smith2020]"


def test_several_works_with_prefixes_locators_and_labels():
    (c,) = cites("Text [see @a, pp. 33–35; also @b, chap. 2].")
    a, b = c.items
    assert (a.prefix, a.key, a.label, a.locator, a.suffix) == ("see", "a", "page", "33–35", "")
    assert (b.prefix, b.key, b.label, b.locator) == ("also", "b", "chapter", "2")


def test_suppress_author():
    (c,) = cites("Smith says [-@smith2020].")
    assert c.items[0].mode == "suppress-author"


def test_narrative_and_narrative_with_locator():
    first, second = cites("@routy2018 showed it, as @doe99 [p. 4] agrees.")
    assert first.items[0].mode == "author-in-text" and first.items[0].key == "routy2018"
    assert (second.items[0].key, second.items[0].locator, second.items[0].label) == ("doe99", "4", "page")
    assert second.source_text == "@doe99 [p. 4]"


def test_suffix_after_locator_is_kept():
    (c,) = cites("[@a, p. 3, emphasis added]")
    assert (c.items[0].locator, c.items[0].suffix) == ("3", ", emphasis added")


def test_suffix_without_locator():
    (c,) = cites("[@a and others]")
    assert (c.items[0].locator, c.items[0].suffix) == ("", " and others")


def test_email_addresses_and_escaped_at_are_not_citations():
    assert cites("Write to help@example.org or \\@handle.") == []


def test_bracket_followed_by_url_is_a_link_not_a_citation():
    blocks, _ = read_markdown("[@a](https://x.org)", "doc.md", 0)
    assert type(blocks[0].inlines[0]).__name__ == "Link"


def test_braced_keys_and_punctuation_inside_keys():
    a, b = cites("[@{ISO 9001}] and [@doe:2020.x-y]")
    assert a.items[0].key == "ISO 9001" and b.items[0].key == "doe:2020.x-y"


def test_trailing_punctuation_is_not_part_of_a_narrative_key():
    (c,) = cites("As @smith2020. said")
    assert c.items[0].key == "smith2020"


def test_citation_positions_are_line_and_column_in_the_file():
    blocks, _ = read_markdown("First line\nsecond [@a; @b] line\n\n- item [@c]\n", "doc.md", 10)
    found = list(iter_cites(Document(Meta("t"), blocks, "doc.md", "doc")))
    assert [str(i.location) for c in found for i in c.items] == ["doc.md:12:9", "doc.md:12:13", "doc.md:14:9"]
    assert str(found[0].location) == "doc.md:12:8"


def test_repeated_citations_get_distinct_cluster_ids():
    a, b = cites("[@a] and again [@a]")
    assert a.id != b.id and a.items[0].key == b.items[0].key


@pytest.mark.parametrize(
    "suffix,expected",
    [
        (", p. 4", ("page", "4", "")),
        (", pp. 33-35", ("page", "33-35", "")),
        (", 12", ("page", "12", "")),
        (", chap. 2", ("chapter", "2", "")),
        (", sec. 3.1", ("section", "3.1", "")),
        (", fig. 2", ("figure", "2", "")),
        (", para. 7", ("paragraph", "7", "")),
        (", vol. 2, p. 3", ("volume", "2", ", p. 3")),
        # Pandoc keeps braces that follow a label (pandoc 3.9: "p. {iv}"); a bare roman numeral needs a label
        # (pandoc 3.9: "[@a, xii]" -> "(A, 1999, xii)").  These two cases used to expect "iv" and a page "xii".
        (", p. {iv}", ("page", "{iv}", "")),
        (", xii", ("", "", ", xii")),
        (" and passim", ("", "", " and passim")),
    ],
)
def test_locator_labels_follow_pandoc(suffix, expected):
    assert parse_locator(suffix) == expected


# ------------------------------------------------------------ Pandoc 3 parity (tests/parity has whole documents)


@pytest.mark.parametrize(
    "suffix,expected",
    [
        ("{ii, A, D-Z}, with a suffix", ("page", "ii, A, D-Z", ", with a suffix")),
        (", {pp. iv, vi-xi, (xv)-(xvii)} with suffix here", ("page", "iv, vi-xi, (xv)-(xvii)", " with suffix here")),
        (", {Chapter 3, section B}", ("chapter", "3, section B", "")),
        ("{}, 99 years later", ("", "", ", 99 years later")),
        (", pp. 33-35, 38-39 and *passim*", ("page", "33-35, 38-39", " and *passim*")),
        (", p. 94, fig. 2", ("page", "94", ", fig. 2")),
        (", C22", ("page", "C22", "")),
        (", 123A", ("page", "123A", "")),
        (", 34(1)", ("page", "34(1)", "")),
        (", [17]", ("page", "[17]", "")),
        (", 1.2.3", ("page", "1.2.3", "")),
        (", p.33", ("page", "33", "")),
        (",p. 3", ("page", "3", "")),
        (", P. 3", ("page", "3", "")),
        (", chap. IX", ("chapter", "IX", "")),
        (", no. 7", ("issue", "7", "")),
        (", sub verbis 15-16", ("sub-verbo", "15-16", "")),
        (", §§ 4-5", ("section", "4-5", "")),
        (", ¶ 2", ("paragraph", "2", "")),
        (", p. 3 and 5", ("page", "3", " and 5")),
        (", p. 3 & 5", ("page", "3", " & 5")),
        (", p. 3.", ("page", "3", ".")),
        (", pp. 12, 14, and later", ("page", "12, 14", ", and later")),
    ],
)
def test_locators_parse_as_pandoc_does(suffix, expected):
    assert parse_locator(suffix) == expected


@pytest.mark.parametrize("suffix", [", ch. 3", ", table 2", ", pg. 4", ", appendix A", ", chap. a", ", iv",
                                    ", number 7", ", the preface"])
def test_words_that_are_not_locale_terms_stay_in_the_suffix(suffix):
    assert parse_locator(suffix) == ("", "", suffix)


def test_locator_labels_are_the_documents_locale_terms():
    assert parse_locator(", S. 33-35", "de-DE") == ("page", "33-35", "")
    assert parse_locator(", Kap. 1", "de-DE") == ("chapter", "1", "")
    assert parse_locator(", Abschn. 3", "de-DE") == ("section", "3", "")
    assert parse_locator(", S. 3") == ("", "", ", S. 3")  # not an English term
    (c,) = cites_in("Siehe [@a, S. 12].", "de-DE")
    assert (c.items[0].label, c.items[0].locator) == ("page", "12")


def cites_in(text: str, lang: str) -> list[Cite]:
    blocks, _ = read_markdown(text, "doc.md", 0, lang=lang)
    return list(iter_cites(Document(Meta("t"), blocks, "doc.md", "doc")))


def test_smart_dashes_in_a_suffix_come_before_the_locator():
    (c,) = cites("[@a, chaps. 1--2]")
    assert (c.items[0].label, c.items[0].locator) == ("chapter", "1\u20132")


def test_markdown_in_prefix_and_suffix_becomes_engine_marks():
    from medprint.citations.markup import to_runs

    (c,) = cites("[*see* @a, p. 7, **emphasis added**; @b and *passim*]")
    a, b = c.items
    assert [(r.text, r.italic) for r in to_runs(a.prefix)] == [("see", True)]
    assert [(r.text, r.bold) for r in to_runs(a.suffix)] == [(", ", False), ("emphasis added", True)]
    assert [(r.text, r.italic) for r in to_runs(b.suffix)] == [(" and ", False), ("passim", True)]


def test_narrative_suffix_without_locator_gets_pandocs_comma():
    a, b, c = cites("@a [and others] wrote; @b [, emphasis mine] too; @c\n[p. 202] across a line")
    assert a.items[0].suffix == ", and others"
    assert b.items[0].suffix == ", emphasis mine"
    assert (c.items[0].locator, c.items[0].suffix) == ("202", "")


def test_empty_braces_end_a_key():
    (c,) = cites("[@smith{}, 99 years later]")
    assert (c.items[0].key, c.items[0].locator, c.items[0].suffix) == ("smith", "", ", 99 years later")


def test_url_keys_in_braces():
    (c,) = cites("[@{https://example.com/bib?name=foobar&date=2000}, p. 33]")
    item = c.items[0]
    assert (item.key, item.locator) == ("https://example.com/bib?name=foobar&date=2000", "33")


def test_a_long_suffix_without_locator_is_fast_and_safe():
    (c,) = cites("[@a, " + "word " * 3000 + "]")
    assert c.items[0].locator == "" and c.items[0].suffix.startswith(", word")


# ------------------------------------------------------------ Pandoc's smart extension around citations


def paragraph_text(text: str, lang: str = "en-US") -> str:
    from medprint.model import plain_text

    blocks, _ = read_markdown(text, "doc.md", 0, lang=lang)
    return plain_text(blocks[0].inlines)


def test_no_break_space_after_pandocs_abbreviations_but_not_before_a_citation():
    assert paragraph_text("Dr. Smith, e.g. this, fig. 3, No. 5") == \
        "Dr.\u00a0Smith, e.g.\u00a0this, fig.\u00a03, No.\u00a05"
    assert paragraph_text("See p. [@a] and app. 3 and no. 5") == "See p. [@a] and app. 3 and no. 5"
    assert paragraph_text("Write `Dr. Who` here") == "Write Dr. Who here"


def test_quotes_smartquotes_cannot_pair_print_as_pandoc_does():
    assert paragraph_text("""In the '90s, "unpaired quotes and a 'stray one.""") == \
        "In the \u201990s, \u201cunpaired quotes and a \u2019stray one."
    assert paragraph_text("It's 'fine'.") == "It\u2019s \u2018fine\u2019."


def test_suppressed_narrative_outside_brackets():
    a, b = cites("As shown -@a and in a-@b word.")
    assert (a.items[0].key, a.items[0].mode, a.source_text) == ("a", "suppress-author", "-@a")
    assert (b.items[0].key, b.items[0].mode) == ("b", "author-in-text")  # Pandoc: the '-' follows a word


def test_a_citation_may_follow_a_symbol_but_not_a_word():
    assert [c.items[0].key for c in cites("a handle @@a, mail x@b.org, x.@c")] == ["a"]


def test_citation_inside_a_links_text():
    blocks, _ = read_markdown("[see [@a] here](https://example.org) and [@b](https://example.org)", "doc.md", 0)
    first, _, second = blocks[0].inlines
    assert type(first).__name__ == "Link" and first.url == "https://example.org"
    assert [type(i).__name__ for i in first.children] == ["Text", "Cite", "Text"]
    assert type(second).__name__ == "Link"


def test_a_quote_right_after_a_citation_closes():
    assert paragraph_text('He wrote "as shown [@a]"; and "@b".') == \
        "He wrote \u201cas shown [@a]\u201d; and \u201c@b\u201d."


def test_heading_identifiers_keep_periods_as_pandoc_does():
    blocks, _ = read_markdown("## Ça va? Überblick & Co.\n\n## 2.1 Results (primary)\n\n## v1.2 notes\n", "doc.md", 0)
    assert [b.id for b in blocks] == ["ça-va-überblick-co.", "results-primary", "v1.2-notes"]


@pytest.mark.parametrize("lang", ["../../etc/passwd", "", "xx-YY", "en-US\n"])
def test_odd_languages_fall_back_to_english_terms(lang):
    assert parse_locator(", p. 4", lang) == ("page", "4", "")


def test_a_suffix_starting_with_markup_gets_pandocs_comma():
    a, b, c = cites('@a [*passim*] and @b ["quoted"] and @c [(see)]')
    assert a.items[0].suffix.startswith(", ") and b.items[0].suffix.startswith(", ")
    assert c.items[0].suffix == "(see)"


def test_backslash_space_is_a_no_break_space_in_text_and_locators():
    assert paragraph_text("Dr.\\ Who and a\\\\ b") == "Dr.\u00a0Who and a\\ b"
    (c,) = cites("[@a, p.\\ 3]")
    assert (c.items[0].label, c.items[0].locator, c.items[0].suffix) == ("page", "3", "")


def test_manubot_citation_tags_cite_what_their_definition_names():
    from medprint.readers.markdown import read_markdown

    body = ("Reviewed in [@deep-review; @other, p. 3] and by @Deep-Review.[^n]\n\n[^n]: Also [@deep-review].\n\n"
            "[@deep-review]: doi:10.1098/rsif.2017.0387\n[docs]: https://example.org\n")
    blocks, notes = read_markdown(body, "doc.md")
    keys = [i.key for x in blocks[0].inlines if hasattr(x, "items") for i in x.items]
    assert keys == ["doi:10.1098/rsif.2017.0387", "other", "doi:10.1098/rsif.2017.0387"]
    note_keys = [i.key for b in notes[0][1] for x in b.inlines if hasattr(x, "items") for i in x.items]
    assert note_keys == ["doi:10.1098/rsif.2017.0387"]
