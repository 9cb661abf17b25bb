"""medprint.safety.bibtex_strings: exponential @string macros refused from their lengths alone."""

from __future__ import annotations

import pytest

from medprint.errors import LimitError
from medprint.safety.bibtex_strings import check_string_expansion

ORDINARY = ('@string{jan = "January"}\n@string{nejm = {New England Journal of Medicine}}\n'
            '@article{a, journal = nejm, month = jan # "~1", title = {A = B}, year = 2020}\n')


def doubling(levels: int) -> str:
    lines = ['@string{s0 = "lol"}'] + [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, levels + 1)]
    return "\n".join(lines + [f"@book{{k, title = s{levels}}}"])


def test_ordinary_macros_pass():
    check_string_expansion(ORDINARY, "refs.bib", 1000)


def test_doubling_macros_are_stopped_at_the_first_too_big_one():
    with pytest.raises(LimitError) as info:
        check_string_expansion(doubling(60), "refs.bib", 1_000_000)  # 3 * 2**60 characters if expanded
    assert info.value.code == "limit.bibtex-strings"
    assert info.value.location.line == 20  # s19 (line 20) is 3 * 2**19 > 1e6 characters; s18 is under


def test_many_uses_of_a_big_macro_add_up():
    text = '@string{big = {' + "x" * 1000 + '}}\n@book{k, title = ' + " # ".join(["big"] * 50) + "}\n"
    check_string_expansion(text, "refs.bib", 60_000)
    with pytest.raises(LimitError) as info:
        check_string_expansion(text, "refs.bib", 40_000)
    assert info.value.location.line == 2


@pytest.mark.parametrize("text", ["@string{", "@string{a = ", "@string{a = {unclosed", '@string(a = "x" # )', "#=#="])
def test_malformed_text_never_crashes(text):
    check_string_expansion(text, "refs.bib", 10)
