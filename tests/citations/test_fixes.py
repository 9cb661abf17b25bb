"""One test per fix in medprint.citations.fixes (and data/typography), each on the smallest input.

The golden corpus tests the sum; these say which fix does what, so a regression after
bumping citeproc-py points at its cause.
"""

from __future__ import annotations

from medprint.citations import fixes, render_citations
from medprint.citations.markup import runs_to_html
from medprint.model import runs_text

from helpers_citations import cite_html, document, entry_html, item


def ref(id, **kw):
    base = {"id": id, "type": "article-journal", "issued": {"date-parts": [[2020]]}}
    base.update(kw)
    return base


def A(*names):
    out = []
    for n in names:
        family, _, given = n.partition(",")
        out.append({"family": family.strip(), "given": given.strip()} if given else {"literal": family})
    return out


def test_pinned_version():
    import citeproc

    assert citeproc.__version__.startswith(fixes.PATCHED_VERSION)


# 1. citation modes ------------------------------------------------------------

def test_suppress_author_and_narrative():
    refs = [ref("a", author=A("Routy, B.", "Le Chatelier, E.", "Derosa, L."), title="T")]
    assert cite_html([[item("a", mode="suppress-author")]], refs=refs) == ["(2020)"]
    assert cite_html([[item("a", mode="author-in-text")]], refs=refs) == ["Routy et al. (2020)"]
    assert cite_html([[item("a", mode="author-in-text", locator="4", label="page")]], refs=refs) == [
        "Routy et al. (2020, p. 4)"]


def test_prefix_and_suffix_spacing_from_pandoc_items():
    refs = [ref("a", author=A("Routy, B."), title="T")]
    html = cite_html([[item("a", prefix="see", suffix=", for a review")]], refs=refs)
    assert html == ["(see Routy, 2020, for a review)"]


# 2. disambiguation --------------------------------------------------------------

def test_year_suffix_in_citations_and_entries():
    refs = [ref("x", author=A("Smith, A."), title="Beta"), ref("y", author=A("Smith, A."), title="Alpha")]
    assert cite_html([["x"], ["y"], ["x", "y"]], refs=refs) == ["(Smith, 2020b)", "(Smith, 2020a)",
                                                               "(Smith, 2020b, 2020a)"]
    entries = entry_html(refs)
    assert "(2020a). <i>Alpha</i>" in entries["y"] and "(2020b). <i>Beta</i>" in entries["x"]


def test_no_date_suffix():
    refs = [{"id": f"w{i}", "type": "webpage", "author": A("World Health Organization"), "title": t,
             "URL": "https://who.int/"} for i, t in enumerate(["A", "B"])]
    assert cite_html([["w0"], ["w1"]], refs=refs) == ["(World Health Organization, n.d.-a)",
                                                     "(World Health Organization, n.d.-b)"]


def test_add_names():
    refs = [ref("p", author=A("Zhang, W.", "Li, N.", "Wang, F."), title="P"),
            ref("q", author=A("Zhang, W.", "Chen, L.", "Wang, F."), title="Q")]
    assert cite_html([["p"], ["q"]], refs=refs) == ["(Zhang, Li, et al., 2020)", "(Zhang, Chen, et al., 2020)"]


def test_initials_for_primary_authors_sharing_a_family_name():
    refs = [ref("h", author=A("Lee, Hyun-Jung", "Park, M."), title="H"),
            ref("s", author=A("Lee, Seung", "Kim, J."), title="S", issued={"date-parts": [[2019]]})]
    assert cite_html([["h", "s"]], refs=refs) == ["(H.-J. Lee &amp; Park, 2020; S. Lee &amp; Kim, 2019)"]


# 3. quotes and punctuation --------------------------------------------------------

def test_punctuation_in_quote_and_typographic_quotes():
    refs = [ref("t", title="Don't stop: \"good\" microbes", **{"container-title": "J"})]
    # the data's double quotes inside the style's quotation become single (citeproc-js 1.4.61 prints the same)
    assert cite_html([["t"]], refs=refs) == ["(\u201cDon\u2019t Stop: \u2018Good\u2019 Microbes,\u201d 2020)"]


def test_no_doubled_punctuation_after_question_mark():
    refs = [ref("q", author=A("Ivanova, O."), type="book", title="Phage therapy?", publisher="P")]
    assert "<i>Phage therapy?</i> P." in entry_html(refs)["q"]


# 4. sorting -----------------------------------------------------------------------

def test_collation_sort_and_markup_free_keys():
    names = ["Øster", "Müller", "Mueller", "Ávila", "Zeta"]
    refs = [ref(n, author=A(f"{n}, A."), title=n) for n in names]
    refs.append(ref("it", author=A("Nguyen, A."), title="<i>Nocase</i>"))
    rendered = render_citations(document([], refs=refs, nocite=("@*",)))
    assert [e.key for e in rendered.entries] == ["Ávila", "Mueller", "Müller", "it", "Øster", "Zeta"]


# 5. capitalisation and 8. text case --------------------------------------------------

def test_label_text_case():
    refs = [{"id": "e", "type": "book", "editor": A("Dunn, J.", "Hale, O."), "title": "Book",
             "issued": {"date-parts": [[2021]]}, "publisher": "S"}]
    assert entry_html(refs)["e"].startswith("Dunn, J., &amp; Hale, O. (Eds.). (2021).")


def test_title_case_of_container_titles():
    refs = [ref("c", author=A("A, B."), title="T", **{"container-title": "revista española de oncología"}),
            ref("d", author=A("C, D."), title="T", **{"container-title": "healthcare-associated infections"})]
    entries = entry_html(refs)
    assert "<i>Revista Española de Oncología</i>" in entries["c"]
    assert "<i>Healthcare-Associated Infections</i>" in entries["d"]


# 6. empty groups --------------------------------------------------------------------

def test_empty_group_is_suppressed():
    refs = [{"id": "t", "type": "thesis", "author": A("Olsen, K."), "title": "The gut", "genre": "Master's thesis",
             "publisher": "University of Oslo", "issued": {"date-parts": [[2019]]}}]
    assert "(Publication)" not in entry_html(refs)["t"]


# 7. substitution ----------------------------------------------------------------------

def test_substituted_variables_are_not_printed_again():
    refs = [{"id": "e", "type": "book", "editor": A("Singh, P."), "title": "Clinical", "publisher": "E",
             "issued": {"date-parts": [[2018]]}},
            ref("t", title="Microbiome research", **{"container-title": "Nature"})]
    entries = entry_html(refs)
    assert entries["e"] == "Singh, P. (Ed.). (2018). <i>Clinical</i>. E."
    assert entries["t"].count("Microbiome research") == 1


# 9. date ranges ----------------------------------------------------------------------

def test_date_ranges():
    refs = [{"id": "c", "type": "paper-conference", "author": A("Silva, A."), "title": "Poster",
             "issued": {"date-parts": [[2019, 6, 1], [2019, 6, 4]]}, "event-title": "ASCO"},
            ref("y", author=A("Evans, L."), title="T", issued={"date-parts": [[2018], [2019]]})]
    entries = entry_html(refs)
    assert "(2019, June 1\u20134)" in entries["c"]
    assert "(2018\u20132019)" in entries["y"]
    assert cite_html([["c"]], refs=refs) == ["(Silva, 2019)"]


# 10. page ranges and 11. numeric locators ------------------------------------------------

def test_only_real_page_ranges_get_an_en_dash():
    refs = [ref("e", author=A("Jones, P."), title="T", page="e00512-17", **{"container-title": "J"}),
            ref("p", author=A("Kim, P."), title="T", page="45-52", **{"container-title": "J"})]
    entries = entry_html(refs)
    assert "e00512-17" in entries["e"] and "45\u201352" in entries["p"]


def test_is_numeric_locator_gets_a_label():
    refs = [ref("a", author=A("Routy, B."), title="T")]
    assert cite_html([[item("a", locator="3", label="chapter")], [item("a", locator="1.2", label="section")]],
                     refs=refs) == ["(Routy, 2020, Chapter 3)", "(Routy, 2020, Section 1.2)"]


# rich text and escaping ----------------------------------------------------------------

def test_rich_text_fields_and_reverse_italics():
    refs = [{"id": "b", "type": "book", "author": A("Marshall, B."), "title": "<i>H. pylori</i> and CO<sub>2</sub>",
             "issued": {"date-parts": [[2002]]}, "publisher": "B"},
            ref("s", author=A("Y, K."), title='The <span class="nocase">mRNA</span> <sup>13</sup>C era in '
                '<span style="font-variant:small-caps;">bmj</span> trials', **{"container-title": "J"})]
    entries = entry_html(refs)
    # the species name is upright inside the italic book title (reverse italics)
    assert entries["b"] == "Marshall, B. (2002). H. pylori<i> and CO</i><i><sub>2</sub></i>. B."
    assert "The mRNA <sup>13</sup>C era" in entries["s"]
    assert '<span style="font-variant:small-caps;">bmj</span>' in entries["s"]


def test_data_cannot_inject_markup():
    refs = [ref("x", author=A("Nguyen, T."), title="p < .05 & <script>alert(1)</script>\ue001",
                **{"container-title": "J"})]
    html = entry_html(refs)["x"]
    assert "p &lt; .05 &amp; &lt;script&gt;" in html and "\ue001" not in html


def test_numeric_collapse_and_labels():
    refs = [ref(k, author=A(f"{k}, A."), title=k, **{"container-title": "J"}) for k in "abcde"]
    rendered = render_citations(document([["a"], ["b", "c", "d"], ["a", "c"], ["e"]], refs=refs,
                                         csl="american-medical-association"))
    assert [runs_to_html(rendered.clusters[i]) for i in range(1, 5)] == [
        "<sup>1</sup>", "<sup>2\u20134</sup>", "<sup>1,3</sup>", "<sup>5</sup>"]
    assert [e.label for e in rendered.entries] == ["1.", "2.", "3.", "4.", "5."]
    assert not runs_text(rendered.entries[0].runs).startswith("1")


# BibTeX "and others" --------------------------------------------------------------------

AND_OTHERS_BIB = """
@article{smith2020, author = {Smith, John and Jones, Mary and others}, title = {Gut bacteria},
  journal = {Journal of Tests}, year = {2020}, volume = {3}, pages = {1--10}}
@article{solo2021, author = {Brown, Ann and others}, title = {Another title}, journal = {Journal of Tests},
  year = {2021}}
"""


def _bib_refs():
    from medprint.readers.references import parse_reference_text

    return [{**r.data, "id": r.id} for r in parse_reference_text(AND_OTHERS_BIB, "bibtex", "refs.bib")]


def test_and_others_prints_et_al_as_pandoc_does():
    # expected strings: Pandoc 3.9 `pandoc --citeproc` on this .bib (apa.csl and nlm-citation-sequence.csl)
    refs = _bib_refs()
    assert cite_html([["smith2020"], ["solo2021"], [item("solo2021", mode="author-in-text")]], refs=refs) == [
        "(Smith et al., 2020)", "(Brown et al., 2021)", "Brown et al. (2021)"]
    entries = entry_html(refs)
    assert entries["smith2020"].startswith("Smith, J., Jones, M., et al. (2020). Gut bacteria.")
    assert entries["solo2021"].startswith("Brown, A. et al. (2021). Another title.")
    vancouver = entry_html(refs, csl="vancouver")
    assert vancouver["smith2020"].startswith("Smith J, Jones M, et al. Gut bacteria.")
    assert vancouver["solo2021"].startswith("Brown A et al. Another title.")
    assert cite_html([[item("solo2021", mode="author-in-text")]], refs=refs, csl="ieee") == ["Brown et al. [1]"]


def test_and_others_is_not_a_name():
    from medprint.citations.data import to_reference

    ref = to_reference("r0", _bib_refs()[0])
    assert [n["family"] for n in ref["author"]] == ["Smith", "Jones"] and ref["author"].others
    # a literal "others" that is the only name, or not the last, is an ordinary (organisation) name
    alone = to_reference("r1", {"type": "book", "author": [{"literal": "others"}, {"family": "X"}]})
    assert len(alone["author"]) == 2 and not alone["author"].others
