"""BibTeX/BibLaTeX: JabRef and Zotero exports, LaTeX to Unicode, protected case, names, types, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from medprint.errors import SourceError
from medprint.readers.references import read_reference_file
from medprint.readers.references.bibnames import parse_names
from medprint.readers.references.bibtex import parse_bibtex
from medprint.readers.references.latex import to_csl

NOCASE = '<span class="nocase">'


@pytest.fixture(scope="module")
def jabref():
    FIXTURES = Path(__file__).parent / "fixtures"

    return {r.id: r for r in read_reference_file(FIXTURES / "jabref.bib", "jabref.bib")}


def test_jabref_keys_lines_and_types(jabref):
    assert [(k, r.location.line, r.data["type"]) for k, r in jabref.items()] == [
        ("Routy2018", 5, "article-journal"), ("Mueller2019", 18, "article-journal"),
        ("Blaser2016", 29, "chapter"), ("WHO2020", 40, "report"), ("Lee2017", 50, "thesis")]


def test_article_fields_strings_months_and_others(jabref):
    routy = jabref["Routy2018"].data
    assert routy["container-title"] == "Science"  # @String macro
    assert routy["issued"] == {"date-parts": [[2018, 1]]}  # month = jan
    assert routy["page"] == "91-97" and routy["issue"] == "6371" and routy["PMID"] == "29097494"
    assert routy["DOI"] == "10.1126/science.aan3706"
    assert routy["author"][-1] == {"literal": "others"}
    assert routy["author"][1] == {"family": "Le Chatelier", "given": "Emmanuelle"}
    # {PD-1} kept as written; no lowercase word in it, so (as in Pandoc) no nocase mark is left afterwards
    assert routy["title"] == "Gut microbiome influences efficacy of PD-1-based immunotherapy against epithelial tumors"


def test_latex_accents_particles_and_formatting(jabref):
    m = jabref["Mueller2019"].data
    assert m["author"] == [
        {"family": "Müller", "given": "Jörg"}, {"family": "González", "given": "María"},
        {"family": "Berg", "given": "Anna", "dropping-particle": "van der"}, {"family": "Øster", "given": "Søren"}]
    # `language = {german}` names the work's language; only langid/hyphenation stop sentence case (as in Pandoc)
    assert m["title"] == f"Die Darmflora und {NOCASE}<i>in vivo</i></span> modelle: A review"
    assert m["container-title"] == f"Zeitschrift f{NOCASE}ü</span>r Gastroenterologie"  # f{\\"u}r: a braced group
    assert m["issued"] == {"date-parts": [[2019, 3]]} and m["page"] == "e12-e20" and "language" not in m


def test_chapter_report_thesis(jabref):
    chap = jabref["Blaser2016"].data
    assert chap["container-title"] == "The Human microbiome handbook"  # a book title: sentence case
    assert chap["editor"] == [{"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Jane"}]
    assert (chap["publisher"], chap["publisher-place"]) == ("Springer", "Cham")
    who = jabref["WHO2020"].data
    assert who["author"] == [{"literal": "World Health Organization"}]
    assert who["publisher"] == "World Health Organization" and who["number"] == "WHO/NMH/20.1"
    assert jabref["Lee2017"].data["genre"] == "PhD thesis"  # BibLaTeX's English string, as in Pandoc
    assert jabref["Lee2017"].data["publisher"] == "University of Texas"


def test_biblatex_dates_journaltitle_eprint(fixtures):
    refs = {r.id: r.data for r in read_reference_file(fixtures / "biblatex.bib", "biblatex.bib")}
    mc = refs["mcquade2020"]
    assert mc["issued"] == {"date-parts": [[2020, 6, 24]]} and mc["accessed"] == {"date-parts": [[2024, 3, 1]]}
    assert mc["container-title"] == "Current Oncology Reports" and mc["container-title-short"] == "Curr Oncol Rep"
    assert mc["author"][0] == {"family": "McQuade", "given": "Jennifer L."}
    assert mc["language"] == "en-US"
    assert refs["nci2023"]["type"] == "webpage" and refs["nci2023"]["author"] == [{"literal": "National Cancer Institute"}]
    assert refs["zenodo2022"]["type"] == "dataset" and refs["zenodo2022"]["publisher"] == "Zenodo"
    assert refs["lee2017b"]["type"] == "thesis" and refs["lee2017b"]["genre"] == "PhD thesis"
    assert refs["lee2017b"]["issued"] == {"date-parts": [[2017, 5]]}


@pytest.mark.parametrize("kind, csl", [
    ("article", "article-journal"), ("book", "book"), ("inbook", "chapter"), ("incollection", "chapter"),
    ("inproceedings", "paper-conference"), ("techreport", "report"), ("report", "report"),
    ("phdthesis", "thesis"), ("mastersthesis", "thesis"), ("online", "webpage"), ("dataset", "dataset"),
    ("misc", "article"), ("unpublished", "manuscript"), ("whatever", "article"),
])
def test_type_mapping(kind, csl):
    assert parse_bibtex(f"@{kind}{{k, title = {{T}}, year = 2020}}", "x.bib")[0].data["type"] == csl


def test_misc_howpublished_and_eprints_as_pandoc_maps_them():
    """howpublished is a publisher; eprinttype/archivePrefix arxiv, pubmed, jstor, googlebooks give the URL."""
    data = parse_bibtex("@misc{k, title={T}, howpublished={\\url{https://example.org/a_b}}, "
                        "eprinttype={pubmed}, eprint={123}}", "x.bib")[0].data
    assert data["type"] == "article" and data["publisher"] == "https://example.org/a_b"
    assert data["URL"] == "https://www.ncbi.nlm.nih.gov/pubmed/123"
    arxiv = parse_bibtex("@article{a, title={T}, eprint={2101.00001}, archivePrefix={arXiv}, primaryClass={cs.LG}}",
                         "x.bib")[0].data
    assert arxiv["URL"] == "https://arxiv.org/abs/2101.00001" and "number" not in arxiv and "publisher" not in arxiv
    with_url = parse_bibtex("@article{a, title={T}, url={https://x.org}, eprint={1}, eprinttype={arxiv}}",
                            "x.bib")[0].data
    assert with_url["URL"] == "https://x.org"


@pytest.mark.parametrize("raw, expected", [
    ("Smith, John", {"family": "Smith", "given": "John"}),
    ("John Smith", {"family": "Smith", "given": "John"}),
    ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
    ("de la Fontaine, Jean", {"family": "Fontaine", "given": "Jean", "dropping-particle": "de la"}),
    ("King, Jr., Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ("{World Health Organization}", {"literal": "World Health Organization"}),
    ("{Barnes and Noble}", {"literal": "Barnes and Noble"}),
    ("Lee, Hye-Jin", {"family": "Lee", "given": "Hye-Jin"}),
    ("{\\v{S}}koda, Ji{\\v{r}}{\\'\\i}", {"family": "Škoda", "given": "Jiří"}),
    ("Aristotle", {"family": "Aristotle"}),
])
def test_names(raw, expected):
    assert parse_names(raw) == [expected]


def test_name_list_splits_only_outside_braces():
    names = parse_names("A, B and {C and D} and E F AND G")
    assert [n.get("family") or n.get("literal") for n in names] == ["A", "C and D", "F", "G"]


@pytest.mark.parametrize("latex, csl", [
    ("Caf\\'e \\& Bar 50\\% --- x", "Café & Bar 50% — x"),
    ("50% of patients", "50% of patients"),
    ("H\\textsubscript{2}O and E = mc\\textsuperscript{2}", "H<sub>2</sub>O and E = mc<sup>2</sup>"),
    ("{\\em Escherichia coli} in \\textit{vivo}", f"{NOCASE}<i>Escherichia coli</i></span> in <i>vivo</i>"),
    ("The {mTOR} pathway", f"The {NOCASE}mTOR</span> pathway"),
    ("{{Whole Title Protected}}", f"{NOCASE}Whole Title Protected</span>"),
    ("line\n   wrapped", "line wrapped"),
    ("IL-2 {\\textless} 5 {\\textbar} {\\textgreater} 9 {\\textquotesingle}x{\\textquotesingle}", "IL-2 < 5 | > 9 'x'"),
    ("20 {\\textmu}g at 37 {\\textdegree}C, 5{\\textpm}1, \\ensuremath{\\beta}-lactam",
     f"20 {NOCASE}µ</span>g at 37 °C, 5±1, β-lactam"),
    ("{COVID}-19", f"{NOCASE}COVID</span>-19"),
])
def test_latex_to_csl(latex, csl):
    assert to_csl(latex, protect=True) == csl


@pytest.mark.parametrize("text, code, line, words", [
    ("@article{a, title={x}}\n\n@article{b, title = {unclosed}\n@book{c, title={y}}\n",
     "reference.unterminated", 3, "never closed"),
    ("@article{title = {no key}}\n", "reference.missing-id", 1, "no citation key"),
    ("\n@article{ok, title={x}}\n@article{bad, title = {x} year = 2020}\n", "reference.parse", 3, "could not be parsed"),
])
def test_bad_bibtex_is_located(text, code, line, words):
    with pytest.raises(SourceError) as info:
        parse_bibtex(text, "x.bib")
    assert info.value.code == code and info.value.location.line == line
    assert words in str(info.value)


def test_parenthesised_entries_and_comments():
    refs = parse_bibtex("Some text outside entries is a comment.\n@comment{x}\n@book(k1, title = {A (B)})\n", "x.bib")
    assert [(r.id, r.location.line, r.data["title"]) for r in refs] == [("k1", 3, "A (b)")]


def test_undefined_string_macro_is_located():
    with pytest.raises(SourceError) as info:
        parse_bibtex("@article{a,\n  title = {T},\n  journal = jcli,\n}\n", "x.bib")
    assert info.value.code == "reference.undefined-string" and "'jcli'" in str(info.value)
    assert (info.value.location.line, info.value.location.col) == (3, 13)


def test_crossref_fields_are_inherited():
    refs = parse_bibtex("@inproceedings{p1, author={A, B}, title={Paper}, crossref={conf20}, pages={1--2}}\n"
                        "@proceedings{conf20, title={Proc. of {Conf}}, booktitle={Proc. of {Conf}}, year=2020,"
                        " publisher={ACM}}\n@inproceedings{p2, title={X}, crossref={missing}}\n", "x.bib")
    p1 = refs[0].data
    # as in Pandoc: "Proc. " ends a sentence, so "of" starts one
    assert p1["type"] == "paper-conference" and p1["container-title"] == "Proc. Of Conf"
    assert p1["issued"] == {"date-parts": [[2020]]} and p1["publisher"] == "ACM"
    assert refs[2].data["title"] == "X"
