"""Rule-level tests on hand-built documents: each checker's decisions, without the reader."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from medprint.check import check_document
from medprint.check.readability import grade_sections
from medprint.check.references import is_title_case
from medprint.model import Location, Reference, Review

from check_support import TODAY, heading, make_doc, paragraph

ARTICLE = {"id": "a", "type": "article-journal", "title": "Gut bacteria and immunotherapy response",
           "container-title": "J Ex", "volume": "1", "page": "1-9", "DOI": "10.1000/xyz",
           "author": [{"family": "Smith", "given": "A"}], "issued": {"date-parts": [[2020]]}}


def codes(diags):
    return sorted(d.code for d in diags)


def test_complete_article_cited_once_is_clean():
    assert check_document(make_doc(refs=[ARTICLE], cites=[["a"]]), today=TODAY) == []


def test_every_unknown_key_is_reported_with_its_location_and_closest_key():
    doc = make_doc(refs=[ARTICLE, dict(ARTICLE, id="smith2020", DOI="10.1000/2")],
                   cites=[["a", "smiht2020"], ["nobody"], ["A"]])
    found = [d for d in check_document(doc, today=TODAY) if d.code == "citation.unknown-key"]
    assert [(d.location.line, d.location.col) for d in found] == [(11, 13), (12, 3), (13, 3)]
    assert "'@smith2020'" in found[0].hint
    assert "'@a'" in found[2].hint and "case-sensitive" in found[2].hint
    assert all(d.severity == "error" for d in found)


def test_uncited_respects_nocite_and_star():
    refs = [ARTICLE, dict(ARTICLE, id="b", DOI="10.1000/b", title="Another title here")]
    assert codes(check_document(make_doc(refs=refs, cites=[["a"]]), today=TODAY)) == ["citation.uncited"]
    assert check_document(make_doc(refs=refs, cites=[["a"]], nocite=("b",)), today=TODAY) == []
    assert check_document(make_doc(refs=refs, cites=[], nocite=("*",)), today=TODAY) == []


def test_nocite_unknown_key_is_an_error():
    doc = make_doc(refs=[ARTICLE], cites=[["a"]], nocite=("zz",))
    assert codes(check_document(doc, today=TODAY)) == ["citation.unknown-key"]


def test_repeated_in_cluster_points_at_the_second_item():
    found = check_document(make_doc(refs=[ARTICLE], cites=[["a", "a"]]), today=TODAY)
    assert [(d.code, d.location.col) for d in found] == [("citation.repeated-in-cluster", 13)]


@pytest.mark.parametrize("kind,data,expected", [
    ("article-journal", {}, ["reference.missing-author", "reference.missing-container", "reference.missing-date",
                             "reference.missing-doi", "reference.missing-pages", "reference.missing-title",
                             "reference.missing-volume"]),
    ("article-journal", {"number": "e123"}, ["reference.missing-author", "reference.missing-container",
                                            "reference.missing-date", "reference.missing-doi",
                                            "reference.missing-title", "reference.missing-volume"]),
    ("book", {"editor": [{"family": "E"}], "title": "x", "issued": {"date-parts": [[2001]]}},
     ["reference.missing-publisher"]),
    ("chapter", {"author": [{"literal": "WHO"}], "title": "x", "issued": {"date-parts": [[2001]]}},
     ["reference.missing-container", "reference.missing-editor", "reference.missing-pages",
      "reference.missing-publisher"]),
    ("report", {"publisher": "CDC", "title": "x", "issued": {"date-parts": [[2001]]}}, []),
    ("webpage", {"container-title": "Mayo Clinic", "title": "x", "URL": "https://e.org"},
     ["reference.missing-accessed"]),
    ("webpage", {"container-title": "Mayo Clinic", "title": "x", "accessed": {"date-parts": [[2025, 1, 2]]}},
     ["reference.missing-url"]),
    ("thesis", {"author": [{"family": "A"}], "title": "x", "issued": {"raw": "2019"}}, ["reference.missing-publisher"]),
    ("entry-encyclopedia", {"title": "x", "container-title": "Enc", "issued": {"date-parts": [[2001]]}}, []),
])
def test_completeness_per_type(kind, data, expected):
    ref = dict(data, id="r", type=kind)
    doc = make_doc(refs=[ref], cites=[["r"]])
    found = [d for d in check_document(doc, today=TODAY) if d.code.startswith("reference.")]
    assert codes(found) == expected
    assert all(d.location == Location("refs.json", 1, 3) for d in found)


def test_lookup_hint_names_the_pmc_record():
    ref = {k: v for k, v in ARTICLE.items() if k != "DOI"} | {"PMCID": "PMC7678709"}
    (diag,) = check_document(make_doc(refs=[ref], cites=[["a"]]), today=TODAY)
    assert diag.code == "reference.missing-doi" and "PMC7678709" in diag.hint


@pytest.mark.parametrize("field,value,code", [
    ("DOI", "10.1007/s11912-020-00913-y", None),
    ("DOI", "https://doi.org/10.1007/s11912-020-00913-y", None),
    ("DOI", "doi:10.1007/abc", None),
    ("DOI", "10.10/abc", "reference.malformed-doi"),
    ("DOI", "10.1007/has space", "reference.malformed-doi"),
    ("DOI", "s11912-020-00913-y", "reference.malformed-doi"),
    ("PMID", "32577835", None),
    ("PMID", 32577835, None),
    ("PMID", "PMID: 32577835", "reference.malformed-pmid"),
    ("PMID", "123456789", "reference.malformed-pmid"),
    ("PMCID", "PMC7685568", None),
    ("PMCID", "7685568", "reference.malformed-pmcid"),
    ("PMCID", "pmc7685568", "reference.malformed-pmcid"),
])
def test_identifiers(field, value, code):
    doc = make_doc(refs=[dict(ARTICLE, **{field: value})], cites=[["a"]])
    assert codes(check_document(doc, today=TODAY)) == ([code] if code else [])


@pytest.mark.parametrize("title,expected", [
    ("Gut Bacteria and the Response to Checkpoint Inhibitors", True),
    ("The Gut Microbiome Modulates Response to Cancer Immunotherapy", True),
    ("Modulation of the gut microbiome to enhance immunotherapy response in metastatic melanoma patients: "
     "A clinical review", False),
    ("The gut microbiome modulates response to cancer immunotherapy", False),
    ("PD-1 blockade in MSI-H tumours: A review", False),
    ("Akkermansia muciniphila in Patients Receiving PD-1 Blockade", False),  # one lower-case word of 4 candidates
    ("Fecal microbiota transplant in the United Kingdom and Ireland", False),  # proper nouns: 3 of 5 capitalised
    ("Cancer: A Review", False),  # too short to judge
    ("mRNA Vaccines Against Solid Tumours: Early Results", True),
    ("<i>Akkermansia muciniphila</i> and the response to treatment", False),  # markup is not a word
    ("Effects of <i>Bifidobacterium</i> on Tumour Control and Immune Response", True),
])
def test_title_case_detection(title, expected):
    assert is_title_case(title) is expected


def test_duplicate_key_and_duplicate_work():
    refs = [ARTICLE, dict(ARTICLE, title="Other"), dict(ARTICLE, id="b", DOI="https://doi.org/10.1000/XYZ"),
            dict(ARTICLE, id="c", DOI="10.1000/c", title="Gut bacteria and immunotherapy response!")]
    found = check_document(make_doc(refs=refs, cites=[["a", "b", "c"]]), today=TODAY)
    assert [(d.code, d.location.line) for d in found] == [
        ("reference.duplicate-key", 2), ("reference.duplicate-work", 3), ("reference.duplicate-work", 4)]
    assert "same DOI" in found[1].message and "same title and year" in found[2].message


def test_publishing_missing_and_overdue():
    doc = make_doc(review=Review(), disclaimer="", positions=(("title", Location("doc.md", 2, 1)),))
    found = check_document(doc, today=TODAY)
    assert codes(found) == ["publishing.missing-disclaimer", "publishing.missing-next-review",
                            "publishing.missing-review", "publishing.missing-review-date"]
    assert {d.location for d in found} == {Location("doc.md", 2, 1)}
    overdue = make_doc(review=Review("ok", dt.date(2024, 1, 1), dt.date(2025, 1, 1)),
                       positions=(("title", Location("doc.md", 2, 1)), ("review.next-review", Location("doc.md", 7, 3))))
    (warn,) = check_document(overdue, today=TODAY)
    assert (warn.code, warn.severity, warn.location.line) == ("publishing.review-overdue", "warning", 7)
    (err,) = check_document(overdue, today=TODAY, release=True)
    assert err.severity == "error"
    assert check_document(overdue, today=dt.date(2024, 12, 31)) == []
    silenced = dataclasses.replace(overdue, meta=dataclasses.replace(overdue.meta, check=(("ignore", ["publishing.*"]),)))
    assert check_document(silenced, today=TODAY) == []
    assert [d.code for d in check_document(silenced, today=TODAY, release=True)] == ["publishing.review-overdue"]


def test_ignore_with_codes_and_globs_and_unknown_codes():
    doc = make_doc(review=Review(), disclaimer="", check=(("ignore", ["publishing.*", "reference.missing-dio"]),))
    found = check_document(doc, today=TODAY)
    assert [(d.code, d.hint) for d in found] == [("check.unknown-code", "did you mean 'reference.missing-doi'?")]


@pytest.mark.parametrize("check,fragment", [
    ((("readability", {"target": 99}),), "grade from 1 to 20"),
    ((("readability", {"target": "eight"}),), "grade from 1 to 20"),
    ((("readability", {"targt": 8}),), "unknown check.readability setting 'targt'"),
    ((("ignore", 5),), "list of codes"),
    ((("slides", {"max-continuations": -1}),), "whole number"),
    ((("colour", True),), "unknown check setting 'colour'"),
])
def test_invalid_config_is_an_error(check, fragment):
    (diag,) = check_document(make_doc(check=check), today=TODAY)
    assert diag.code == "check.invalid-config" and diag.severity == "error" and fragment in diag.message


HARD = ("Notwithstanding considerable heterogeneity among investigational cohorts, contemporary immunological\n"
        "research increasingly demonstrates that commensal microbial communities substantially influence\n"
        "therapeutic responsiveness. Microbial metabolites modulate systemic inflammatory signalling and\n"
        "consequently alter the differentiation of cytotoxic lymphocytes within the tumour microenvironment.")
EASY = ("The gut holds many small living things. They help your body fight germs. Some cancer drugs work\n"
        "better when the gut is healthy. Eat fruit and greens each day. Ask your care team what this means\n"
        "for you. Drink water and rest when you can. Call us if you feel sick.")


def test_readability_grades_sections_against_the_audience_target():
    blocks = (paragraph(EASY, 10), heading("Hard part", 14), paragraph(HARD, 16), heading("Easy part", 21),
              paragraph(EASY, 23))
    doc = make_doc(blocks=blocks, audience="patients")
    whole, sections = grade_sections(doc)
    assert [s.title for s in sections] == ["lead", "Hard part", "Easy part"]
    assert sections[1].grade > 14 > 6 > sections[0].grade
    found = check_document(doc, today=TODAY)
    grades = [d for d in found if d.code == "readability.grade"]
    assert [d.location.line for d in grades] == [2, 14] and "target for patients is 8" in grades[1].message
    longest = [d for d in found if d.code == "readability.long-sentence"]
    # doc.md does not exist, so a sentence starting mid-line gets column 1 (the real-source tests pin columns)
    assert [(d.location.line, d.location.col) for d in longest] == [(16, 1), (18, 1)]
    assert longest[0].message.startswith("19-word sentence: \"Notwithstanding considerable")
    assert (whole.grade, [s.grade for s in sections]) == (8.4, [0.7, 32.1, 0.7])
    # clinicians (target 12): the whole document passes, the hard section does not; target 40 passes all
    for meta, lines in (({"audience": "clinicians"}, [14]), ({"check": (("readability", {"target": 10}),)}, [14]),
                        ({"check": (("readability", {"target": 20}), ("ignore", ["readability.long-sentence"]))},
                         [14])):
        other = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, **meta))
        assert [d.location.line for d in check_document(other, today=TODAY) if d.code == "readability.grade"] == lines


def test_readability_without_audience_is_a_note_and_non_english_is_skipped():
    doc = make_doc(blocks=(paragraph(HARD, 10),), audience="")
    assert codes(check_document(doc, today=TODAY)) == ["readability.no-audience"]
    german = make_doc(blocks=(paragraph(HARD, 10),), audience="patients", lang="de-DE")
    assert check_document(german, today=TODAY) == []


def test_readability_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    whole, _ = grade_sections(make_doc(blocks=(paragraph(HARD + " " + EASY, 10),)))
    assert whole is not None and whole.grade > 8


def test_missing_locations_fall_back_to_the_title_line():
    ref = Reference("a", {k: v for k, v in ARTICLE.items() if k != "DOI"}, None)
    (diag,) = check_document(make_doc(refs=[ref], cites=[["a"]]), today=TODAY)
    assert diag.location == Location("doc.md", 2, 1)


def test_sentence_splitting_keeps_abbreviations_and_offsets():
    from medprint.check.readability import split_sentences

    text = "Ask Dr. Lee about it. Routy et al. found that.\nSee e.g. the chart! Take vitamin D. Then rest."
    assert split_sentences(text) == [(0, "Ask Dr. Lee about it."), (22, "Routy et al. found that."),
                                     (47, "See e.g. the chart!"), (67, "Take vitamin D."), (83, "Then rest.")]


@pytest.mark.parametrize("status,expected", [
    ("in press", []),
    ("Advance online publication", ["reference.missing-date", "reference.missing-doi"]),
    ("", ["reference.missing-date", "reference.missing-doi", "reference.missing-pages", "reference.missing-volume"]),
])
def test_publication_status_waives_what_apa_omits(status, expected):
    ref = {"id": "a", "type": "article-journal", "title": "Butyrate and colitis", "container-title": "Gut",
           "author": [{"family": "Chen"}], "status": status}
    assert codes(check_document(make_doc(refs=[ref], cites=[["a"]]), today=TODAY)) == expected
