"""Rich text in fields, literal text and cite affixes (medprint.citations.richtext), as citeproc-js prints it.

Every expected string here was produced by citeproc-js (scripts/golden's pinned copy) from the same
data and layout.
"""

from __future__ import annotations

from medprint.citations.markup import MARKS, strip_marks
from medprint.citations.richtext import marked, parse

from helpers_citations import item, style_html

# the title four ways: as is, quoted by the style, in italics, upper-cased
FOUR_WAYS = ('<text variable="title"/><text variable="title" quotes="true" prefix=" | "/>'
             '<text variable="title" font-style="italic" prefix=" | "/>'
             '<text variable="title" text-case="uppercase" prefix=" | "/>')


def book(id, title):
    return {"id": id, "type": "book", "title": title, "issued": {"date-parts": [[2020]]}}


def four_ways(tmp_path, title):
    return style_html(tmp_path, [book("a", title)], citation=FOUR_WAYS)[0][0]


def test_the_datas_quotation_takes_the_locales_quotes_and_flips_inside_a_quoted_title(tmp_path):
    assert four_ways(tmp_path, "Sleep after 'shift work' in nurses") == (
        "Sleep after “shift work” in nurses | “Sleep after ‘shift work’ in nurses” | "
        "<i>Sleep after “shift work” in nurses</i> | SLEEP AFTER “SHIFT WORK” IN NURSES")


def test_the_first_quote_form_is_the_outer_one(tmp_path):
    assert four_ways(tmp_path, "Gut \"microbes\" and 'mood' in adults") == (
        "Gut “microbes” and ‘mood’ in adults | “Gut ‘microbes’ and ‘mood’ in adults” | "
        "<i>Gut “microbes” and ‘mood’ in adults</i> | GUT “MICROBES” AND ‘MOOD’ IN ADULTS")
    assert four_ways(tmp_path, "'Microbes' and \"mood\"") == (
        "“Microbes” and ‘mood’ | “‘Microbes’ and ‘mood’” | <i>“Microbes” and ‘mood’</i> | “MICROBES” AND ‘MOOD’")


def test_apostrophes_and_unclosed_quotes(tmp_path):
    assert four_ways(tmp_path, "Follow-up (ETFA '09) cohort").startswith("Follow-up (ETFA ’09) cohort | ")
    assert four_ways(tmp_path, "Nurses' rest").startswith("Nurses’ rest | “Nurses’ rest”")
    assert four_ways(tmp_path, 'A "broken quote study') == (
        'A "broken quote study | “A "broken quote study” | <i>A "broken quote study</i> | A "BROKEN QUOTE STUDY')


def test_nodecor_is_upright_and_keeps_its_case(tmp_path):
    assert four_ways(tmp_path, 'Roe <span class="nodecor">v.</span> Wade revisited') == (
        "Roe v. Wade revisited | “Roe v. Wade revisited” | "
        '<i>Roe <span style="font-style:normal;">v.</span> Wade revisited</i> | ROE v. WADE REVISITED')


def test_tags_never_closed_stay_text_and_nested_italics_flip(tmp_path):
    assert four_ways(tmp_path, "Stray </i> tag") == (
        "Stray &#60;/i&#62; tag | “Stray &#60;/i&#62; tag” | <i>Stray &#60;/i&#62; tag</i> | STRAY &#60;/i&#62; TAG")
    assert four_ways(tmp_path, "x <i>a <i>b</i> c</i>") == (
        'x <i>a <span style="font-style:normal;">b</span> c</i> | “x <i>a <span style="font-style:normal;">b</span>'
        ' c</i>” | <i>x <span style="font-style:normal;">a <i>b</i> c</span></i> | '
        'X <i>A <span style="font-style:normal;">B</span> C</i>')


def test_literal_text_is_rich_text_but_style_affixes_are_not(tmp_path):
    layout = ('<text value="&lt;b&gt;x&lt;/b&gt; \'y\'" font-weight="bold" prefix="&lt;i&gt;see&lt;/i&gt; "'
              ' suffix=" &quot;end&quot;."/>')
    assert style_html(tmp_path, [book("a", "T")], citation=layout)[0] == [
        '&#60;i&#62;see&#60;/i&#62; <b><span style="font-weight:normal;">x</span> “y”</b> "end".']


def test_a_cites_prefix_and_suffix_are_rich_text(tmp_path):
    cites = style_html(tmp_path, [book("a", "Sleep")], clusters=[[item("a", prefix="<i>see</i> ",
                                                                       suffix=" 'in press'")]])[0]
    assert cites == ["<i>see</i> Sleep “in press”"]


def test_parse_tokens():
    assert parse("plain") == [("text", "plain")]
    assert parse("<sc>Abc</sc> d") == [("mark", MARKS["sc"][0]), ("nocase", "Abc"), ("mark", MARKS["sc"][1]),
                                       ("text", " d")]
    assert strip_marks(marked("'q' and 'r'")) == "q and r"
