"""PubMed MEDLINE (.nbib): continuation lines, FAU/AU/CN, dates, PMID/PMCID/DOI, errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from medprint.errors import SourceError
from medprint.readers.references import read_reference_file
from medprint.readers.references.medline import parse_medline


@pytest.fixture(scope="module")
def pubmed():
    FIXTURES = Path(__file__).parent / "fixtures"

    return read_reference_file(FIXTURES / "pubmed.nbib", "pubmed.nbib")


def test_keys_lines_and_ids(pubmed):
    assert [(r.id, r.location.line) for r in pubmed] == [
        ("pmid:32577835", 1), ("pmid:29097494", 40), ("pmid:31000001", 57)]
    mc = pubmed[0].data
    assert (mc["PMID"], mc["PMCID"], mc["DOI"]) == ("32577835", "PMC7685568", "10.1007/s11912-020-00913-y")
    assert pubmed[1].data["PMCID"] == "PMC5827966" and pubmed[1].data["DOI"] == "10.1126/science.aan3706"
    assert pubmed[2].data["DOI"] == "10.1016/j.bulcan.2019.09.010"  # the [doi] LID, not the [pii]


def test_continuation_lines_and_trailing_period(pubmed):
    mc = pubmed[0].data
    assert mc["title"] == ("Gut Microbiome Modulation Via Fecal Microbiota Transplant to Augment Immunotherapy "
                           "in Patients with Melanoma or Other Cancers")
    assert mc["abstract"].endswith("a key regulator of response to immunotherapy.")


def test_journal_article_fields(pubmed):
    mc = pubmed[0].data
    assert mc["type"] == "article-journal"
    assert mc["author"] == [{"family": "McQuade", "given": "Jennifer L"}, {"family": "Ologun", "given": "Gabriel O"}]
    assert (mc["container-title"], mc["container-title-short"]) == ("Current oncology reports", "Curr Oncol Rep")
    assert (mc["volume"], mc["issue"], mc["page"]) == ("22", "7", "74")
    assert mc["issued"] == {"date-parts": [[2020, 6, 24]]}
    assert mc["ISSN"] == "1534-6269" and mc["language"] == "en"
    assert "publisher-place" not in mc  # PL is the journal's country


def test_group_authors_au_only_and_date_ranges(pubmed):
    routy = pubmed[1].data
    assert routy["author"] == [{"family": "Routy", "given": "Bertrand"}, {"literal": "The Example Consortium"}]
    fr = pubmed[2].data
    assert fr["author"] == [{"family": "Dupont", "given": "J."}, {"family": "Martin", "given": "P. A."},
                            {"literal": "Groupe Francais d'Immunotherapie"}]
    assert fr["issued"] == {"date-parts": [[2019, 12], [2020, 1]]}
    assert fr["title"] == "[Microbiome and immunotherapy: a French review]" and fr["language"] == "fr"


@pytest.mark.parametrize("dp, issued", [
    ("2020", {"date-parts": [[2020]]}), ("2020 Jun", {"date-parts": [[2020, 6]]}),
    ("2020 Spring", {"date-parts": [[2020]], "season": 1}), ("2020 Jun-Jul", {"date-parts": [[2020, 6], [2020, 7]]}),
])
def test_publication_dates(dp, issued):
    assert parse_medline(f"PMID- 1\nDP  - {dp}\nTI  - T\n", "x.nbib")[0].data["issued"] == issued


def test_book_and_preprint_types():
    book = parse_medline("PMID- 2\nBTI - Holland-Frei Cancer Medicine\nPB  - BC Decker\nPL  - Hamilton (ON)\n"
                         "FED - Kufe, Donald W\nDP  - 2003\n", "x.nbib")[0].data
    assert book["type"] == "book" and book["title"] == "Holland-Frei Cancer Medicine"
    assert book["editor"] == [{"family": "Kufe", "given": "Donald W"}] and book["publisher-place"] == "Hamilton (ON)"
    pre = parse_medline("PMID- 3\nTI  - T\nPT  - Preprint\nJT  - bioRxiv\n", "x.nbib")[0].data
    assert pre["type"] == "article"


@pytest.mark.parametrize("text, code, line", [
    ("TI  - no pmid first\n", "reference.missing-id", 1),
    ("PMID- 123\nTI  - ok\nthis is not a tag line\n", "reference.parse", 3),
    ("      continuation first\n", "reference.parse", 1),
    ("PMID- 12a\nTI  - t\n", "reference.missing-id", 1),
    ("PMID- 1\nTI  - a\n\nPMID- 1\nTI  - b\n", "reference.duplicate-key", 4),
])
def test_bad_medline_is_located(text, code, line):
    from medprint.readers.references import check_duplicates

    with pytest.raises(SourceError) as info:
        check_duplicates(parse_medline(text, "x.nbib"))
    assert info.value.code == code and info.value.location.line == line


@pytest.mark.parametrize("pg, page", [("1120-9", "1120-1129"), ("91-7", "91-97"), ("74", "74"),
                                      ("e12-e20", "e12-e20"), ("S12-5", "S12-S15"), ("97-103", "97-103")])
def test_abbreviated_page_ranges_written_out(pg, page):
    assert parse_medline(f"PMID- 1\nPG  - {pg}\n", "x.nbib")[0].data["page"] == page


@pytest.mark.parametrize("lines, names", [
    (["FAU - Park, Seo-yeon", "AU  - Park S"], [{"family": "Park", "given": "Seo-yeon"}]),
    (["FAU - van der Berg, Jan", "AU  - van der Berg J"], [{"family": "van der Berg", "given": "Jan"}]),
    (["FAU - Dupont, Jean-Pierre", "AU  - Dupont JP"], [{"family": "Dupont", "given": "Jean-Pierre"}]),
    (["FAU - Lee, Jin-Ho, Jr", "AU  - Lee JH Jr"], [{"family": "Lee", "given": "Jin-Ho", "suffix": "Jr"}]),
    (["AU  - Dupont JP"], [{"family": "Dupont", "given": "J. P."}]),  # AU only: initials
    (["AU  - van der Berg J"], [{"family": "van der Berg", "given": "J."}]),
    (["AU  - Park S-Y"], [{"family": "Park", "given": "S.-Y."}]),
    (["AU  - Lee JH 2nd"], [{"family": "Lee", "given": "J. H.", "suffix": "2nd"}]),
])
def test_hyphenated_particle_and_initial_only_names(lines, names):
    text = "PMID- 1\nTI  - A title.\n" + "\n".join(lines) + "\nDP  - 2020\nPT  - Journal Article\n"
    assert parse_medline(text, "x.nbib")[0].data["author"] == names
