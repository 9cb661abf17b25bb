"""RIS: Zotero (PubMed items) and EndNote exports; record lines, keys, types, IDs and errors."""

from __future__ import annotations

import pytest

from medprint.errors import SourceError
from medprint.readers.references import read_reference_file
from medprint.readers.references.ris import parse_ris


def test_zotero_ris_generated_keys_and_pubmed_ids(fixtures):
    refs = read_reference_file(fixtures / "zotero.ris", "zotero.ris")
    assert [(r.id, r.location.line) for r in refs] == [
        ("mcquade2020", 1), ("gopalakrishnan2018", 25), ("national2019", 39), ("mcquade2020a", 48)]
    mc = refs[0].data
    assert mc["author"][0] == {"family": "McQuade", "given": "Jennifer L."}
    assert mc["container-title"] == "Current Oncology Reports" and mc["container-title-short"] == "Curr Oncol Rep"
    assert mc["issued"] == {"date-parts": [[2020, 6, 24]]}
    assert (mc["volume"], mc["issue"], mc["page"]) == ("22", "7", "74")
    assert mc["PMID"] == "32577835" and mc["PMCID"] == "PMC7685568"  # from a two-line N1 note
    assert mc["DOI"] == "10.1007/s11912-020-00913-y" and mc["ISSN"] == "1534-6269"
    assert refs[1].data["page"] == "97-103"  # SP + EP
    nci = refs[2].data
    assert nci["type"] == "report" and nci["author"] == [{"literal": "National Cancer Institute"}]
    assert nci["URL"] == "https://www.cancer.gov/immunotherapy" and nci["publisher-place"] == "Bethesda, MD"


def test_endnote_ris_with_bom_crlf_ids_and_types(fixtures):
    refs = read_reference_file(fixtures / "endnote.ris", "endnote.ris")
    assert [r.id for r in refs] == ["12", "13", "14", "15", "16", "17", "18"]
    assert [r.data["type"] for r in refs] == [
        "article-journal", "chapter", "thesis", "webpage", "dataset", "paper-conference", "article"]
    matson = refs[0].data
    assert matson["author"][0] == {"family": "Matson", "given": "V."}  # A1
    assert matson["container-title"] == "Science" and matson["issued"] == {"date-parts": [[2018, 1, 5]]}
    assert matson["PMCID"] == "PMC6707353" and matson["PMID"] == "29302014"  # C2, AN with DB NLM
    chap = refs[1].data
    assert chap["container-title"] == "The Human Microbiome Handbook" and chap["editor"] == [
        {"family": "Smith", "given": "John"}]
    assert chap["ISBN"] == "978-3-319-00000-0" and chap["page"] == "15-38"
    assert refs[2].data["genre"] == "Doctoral dissertation"
    assert refs[3].data["accessed"] == {"date-parts": [[2024, 1, 15]]}
    assert refs[3].data["author"] == [{"literal": "World Health Organization"}]
    assert refs[4].data["DOI"] == "10.5281/zenodo.1234567"


@pytest.mark.parametrize("text, code, line, words", [
    ("TY  - JOUR\nTI  - one\n\nTY  - JOUR\nTI  - two\nER  - \n", "reference.unterminated", 1, "no 'ER'"),
    ("TY  - JOUR\nTI  - one\nER  - \n\nTY  - BOOK\nTI  - two\n", "reference.unterminated", 5, "end of the file"),
    ("TI  - outside\n", "reference.parse", 1, "outside a record"),
    ("\x01garbage line\n", "reference.parse", 1, "not an RIS line"),
    ("TY  - JOUR\nID  - a\nER  - \nTY  - JOUR\nID  - a\nER  - \n", "reference.duplicate-key", 4, "first defined"),
])
def test_bad_ris_is_located(text, code, line, words):
    from medprint.readers.references import check_duplicates

    with pytest.raises(SourceError) as info:
        check_duplicates(parse_ris(text, "x.ris"))
    assert info.value.code == code and info.value.location.line == line
    assert words in str(info.value)


@pytest.mark.parametrize("ty, csl", [
    ("JOUR", "article-journal"), ("BOOK", "book"), ("CHAP", "chapter"), ("RPRT", "report"), ("THES", "thesis"),
    ("ELEC", "webpage"), ("DATA", "dataset"), ("CONF", "paper-conference"), ("GEN", "article"), ("XXXX", "article"),
])
def test_type_mapping(ty, csl):
    assert parse_ris(f"TY  - {ty}\nTI  - T\nER  - \n", "x.ris")[0].data["type"] == csl


def test_key_rule_without_author_and_year():
    refs = parse_ris("TY  - GEN\nTI  - The Microbiome Atlas\nER  - \nTY  - GEN\nAU  - Øster, B.\nPY  - 2021\nER  -\n"
                     "TY  - GEN\nID  - oster2021\nER  - \n", "x.ris")
    # first significant title word + "nd"; folded family + year; an explicit ID is never shadowed
    assert [r.id for r in refs] == ["microbiomend", "oster2021a", "oster2021"]


@pytest.mark.parametrize("written, name", [
    ("Park, Seo-yeon", {"family": "Park", "given": "Seo-yeon"}),
    ("Kim, Min-Jun", {"family": "Kim", "given": "Min-Jun"}),
    ("van der Berg, Jan", {"family": "van der Berg", "given": "Jan"}),  # the particle stays where it is written
    ("de la Fontaine, Jean", {"family": "de la Fontaine", "given": "Jean"}),
    ("Dupont, J.-P.", {"family": "Dupont", "given": "J.-P."}),
    ("Dupont, J. P.", {"family": "Dupont", "given": "J. P."}),
    ("Dupont JP", {"family": "Dupont", "given": "J. P."}),  # PubMed's form, no comma
    ("Park S-Y", {"family": "Park", "given": "S.-Y."}),
    ("van der Berg J", {"family": "van der Berg", "given": "J."}),
    ("Doe, John, Jr.", {"family": "Doe", "given": "John", "suffix": "Jr."}),
    ("World Health Organization", {"literal": "World Health Organization"}),
    ("WHO", {"literal": "WHO"}),
])
def test_hyphenated_particle_and_initial_only_names(written, name):
    text = f"TY  - JOUR\nAU  - {written}\nTI  - T\nPY  - 2020\nER  - \n"
    assert parse_ris(text, "x.ris")[0].data["author"] == [name]
