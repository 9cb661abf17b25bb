"""Reference lists as Pandoc 3.9 (citeproc) prints them with APA 7: year-suffix letters among entries
the sort keys cannot tell apart, full given names in sort keys, number-of-volumes, one-page ranges.

Every expected line was printed by Pandoc 3.9 (``--citeproc --csl=styles/csl/apa.csl``, ``nocite: '@*'``
unless cited) from the same data.
"""

from __future__ import annotations

from helpers_citations import cite_html, entry_html


def book(id, given, family, title, year, **kw):
    return {"id": id, "type": "book", "author": [{"family": family, "given": given}], "title": title,
            "publisher": "P", "issued": {"date-parts": [[year]]}, **kw}


def test_tied_entries_take_letters_in_citation_key_order():
    # same author, year and title: Pandoc letters them by citation key ("P:12345" before "P:899644"),
    # not in the order of the file
    refs = [{"id": "P:899644", "type": "report", "author": [{"family": "Petrie", "given": "Charles J."}],
             "title": "New algorithms", "publisher": "UT", "issued": {"date-parts": [[1986]]}},
            {"id": "P:12345", "type": "thesis", "genre": "Master’s thesis",
             "author": [{"family": "Petrie", "given": "Charles J."}],
             "title": "New algorithms", "publisher": "UT", "issued": {"date-parts": [[1986]]}}]
    entries = entry_html(refs)
    assert entries["P:12345"] == "Petrie, C. J. (1986a). <i>New algorithms</i> [Master’s thesis]. UT."
    assert entries["P:899644"] == "Petrie, C. J. (1986b). <i>New algorithms</i>. UT."


def test_tied_entries_cited_take_letters_in_citation_order():
    refs = [{"id": "P:899644", "type": "report", "author": [{"family": "Petrie", "given": "Charles J."}],
             "title": "New algorithms", "publisher": "UT", "issued": {"date-parts": [[1986]]}},
            {"id": "P:12345", "type": "thesis", "genre": "Master’s thesis",
             "author": [{"family": "Petrie", "given": "Charles J."}],
             "title": "New algorithms", "publisher": "UT", "issued": {"date-parts": [[1986]]}}]
    assert cite_html([["P:899644"], ["P:12345"]], refs=refs) == ["(Petrie, 1986a)", "(Petrie, 1986b)"]


def test_sort_keys_compare_full_given_names():
    # APA's initialize-with is set on cs:style only: Pandoc's sort keys keep the given names whole
    # ("Ab" before "Al"), so the letters do not follow the titles
    entries = entry_html([book("k1", "Al", "Author", "Aaa", 2017), book("k2", "Ab", "Author", "Zzz", 2017)])
    assert entries["k2"] == "Author, A. (2017a). <i>Zzz</i>. P."
    assert entries["k1"] == "Author, A. (2017b). <i>Aaa</i>. P."
    # "A. N" (no final period, as BibTeX files write it) sorts before "A. N."
    entries = entry_html([book("x", "A. N.", "Author", "Book title", 2017),
                          book("y", "A. N", "Author", "Technical report title", 2017)])
    assert entries["y"] == "Author, A. N. (2017a). <i>Technical report title</i>. P."
    assert entries["x"] == "Author, A. N. (2017b). <i>Book title</i>. P."


def test_number_of_volumes():
    entries = entry_html([book("v", "Donald E.", "Knuth", "Computers", 1984, **{"number-of-volumes": "5"}),
                          book("w", "Donald E.", "Knuth", "Other", 1985, **{"number-of-volumes": "five"})])
    assert entries["v"] == "Knuth, D. E. (1984). <i>Computers</i> (Vols. 1–5). P."
    assert entries["w"] == "Knuth, D. E. (1985). <i>Other</i> (five). P."


def test_one_page_range_gets_an_en_dash():
    refs = [{"id": "s", "type": "article-journal", "author": [{"family": "Sen", "given": "R."}], "title": "T",
             "container-title": "J", "volume": "1", "page": "5-5", "issued": {"date-parts": [[2016]]}}]
    assert entry_html(refs)["s"] == "Sen, R. (2016). T. <i>J</i>, <i>1</i>, 5–5."
