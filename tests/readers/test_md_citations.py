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
        (", p. {iv}", ("page", "iv", "")),
        (", xii", ("page", "xii", "")),
        (" and passim", ("", "", " and passim")),
    ],
)
def test_locator_labels_follow_pandoc(suffix, expected):
    assert parse_locator(suffix) == expected
