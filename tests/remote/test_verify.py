"""`refs verify` / `check --online`: entries compared with their records, on recorded responses."""

from __future__ import annotations

import json

import jsonschema
from test_fetch import medprint, source

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]

# the two references as the foundation's article published them: only title, journal (wrong), year and PMC link
AS_PUBLISHED = [
    {"id": "mcquade2020", "type": "article-journal",
     "title": "Gut microbiome modulation via fecal microbiota transplant to augment immunotherapy in patients "
              "with melanoma or other cancers",
     "container-title": "Current Opinion in Pharmacology", "issued": {"date-parts": [[2020]]},
     "PMCID": "PMC7685568", "URL": "https://pmc.ncbi.nlm.nih.gov/articles/PMC7685568/"},
    {"id": "najmi2022", "type": "article-journal",
     "title": "Modulation of the gut microbiome to enhance immunotherapy response in metastatic melanoma patients: "
              "A clinical review",
     "container-title": "Nature Reviews Clinical Oncology", "issued": {"date-parts": [[2022]]},
     "PMCID": "PMC9588106", "URL": "https://pmc.ncbi.nlm.nih.gov/articles/PMC9588106/"},
]
BODY = "# Evidence\n\nTransplants [@mcquade2020] and a review [@najmi2022].\n"


def test_verify_reports_the_articles_wrong_journals_with_the_records_journal(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, BODY, AS_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "verify", src)
    assert code == 0  # findings are warnings
    assert ("sources/handout/references.json:1:2: warning: the entry's journal is 'Current Opinion in Pharmacology' "
            "but pmcid:PMC7685568 is in 'Current Oncology Reports'; set container-title to 'Current Oncology Reports' "
            "[verify.journal]") in out
    assert ("the entry's journal is 'Nature Reviews Clinical Oncology' but pmcid:PMC9588106 is in "
            "'Dermatology and Therapy'") in out
    assert ("the entry has no authors; pmcid:PMC7685568 lists 4: McQuade, Jennifer L; Ologun, Gabriel O; "
            "Arora, Reetakshi; Wargo, Jennifer A") in out
    assert "[verify.authors-missing]" in out and "volume='22'" in out and "issue='11'" in out
    assert "verify.title" not in out and "verify.year" not in out
    code, _, _ = medprint(capsys, "refs", "verify", "--strict", src)
    assert code == 1


def test_verify_json_fits_the_check_schema(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, BODY, AS_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "verify", "--format", "json", src)
    assert code == 0
    report = json.loads(out)
    jsonschema.validate(report, json.loads((ROOT / "docs" / "check-json-schema.json").read_text()))
    codes = [d["code"] for doc in report["documents"] for d in doc["diagnostics"]]
    assert codes.count("verify.journal") == 2


FICTIONAL = [
    {"id": "retracted", "type": "article-journal", "title": "A fictional trial of probiotics during checkpoint "
     "inhibition", "container-title": "Journal of Fictional Gastroenterology", "issued": {"date-parts": [[2019]]},
     "volume": "7", "page": "101-109", "author": [{"family": "Example", "given": "Ana"},
                                                  {"literal": "Fictional Microbiome Consortium"}],
     "PMID": "99000001"},
    {"id": "wrongyear", "type": "article-journal", "title": "Diet, bacteria and response: a fictional review",
     "container-title": "Fictional Clinical Reviews", "issued": {"date-parts": [[2017]]}, "volume": "4",
     "author": [{"family": "Sample", "given": "Bo"}, {"family": "Parker", "given": "S."}, {"family": "Doe", "given": "J."}],
     "PMCID": "PMC99000002"},
    {"id": "crossrefonly", "type": "article-journal", "title": "Stool transplants in a fictional cohort",
     "container-title": "Fict J Oncol", "issued": {"date-parts": [[2020]]}, "volume": "12", "issue": "4",
     "page": "300-310", "author": [{"family": "Testa", "given": "Carla"}, {"family": "Beispiel", "given": "D."}],
     "DOI": "10.5555/fict.2020.042"},
    {"id": "nobody", "type": "article-journal", "title": "Nowhere", "container-title": "Nothing",
     "issued": {"date-parts": [[2020]]}, "DOI": "10.5555/nowhere"},
]


def test_verify_findings_on_fictional_records(tmp_path, capsys, services, monkeypatch):
    body = "# A\n\n" + " ".join(f"[@{r['id']}]" for r in FICTIONAL) + "\n"
    src = source(tmp_path, body, FICTIONAL)
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "verify", src)
    assert code == 1  # a retraction is an error
    lines = out.splitlines()

    def finding(code_):
        return [ln for ln in lines if f"[{code_}]" in ln]

    assert "'retracted' (pmid:99000001) has been retracted: Retraction in: J Fict Gastroenterol. 2021;9(1):1" \
        in finding("verify.retracted")[0]
    assert finding("verify.retracted")[0].lstrip().startswith("sources/handout/references.json:1:2: error:")
    assert "the entry's year is 2017 but pmcid:PMC99000002 was published in 2018" in finding("verify.year")[0]
    assert "the entry's volume is 4 but pmcid:PMC99000002 is in volume 3" in finding("verify.volume")[0]
    assert "author 2 is 'Parker, S.' in the entry but 'Park, Seo-yeon' in pmcid:PMC99000002" \
        in finding("verify.authors")[0]
    assert "has an expression of concern" in finding("verify.concern")[0]
    assert "has a published correction: Erratum in: Fict Clin Rev. 2019;4:e2" in finding("verify.corrected")[0]
    # the short journal title is accepted; Crossref's record agrees otherwise
    assert not any("'crossrefonly'" in ln or "crossrefonly" in ln for ln in finding("verify.journal"))
    assert "'nobody': Crossref or DataCite has no record of doi:10.5555/nowhere" in finding("verify.not-found")[0]


def test_verify_offline_is_an_error_not_a_pass(tmp_path, capsys, services, monkeypatch):
    services.offline = True
    src = source(tmp_path, BODY, AS_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    code, out, _ = medprint(capsys, "refs", "verify", src)
    assert code == 1 and "[verify.unreachable]" in out and "are you offline?" in out


def test_check_online_adds_verify_findings(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, BODY, AS_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    _, offline, _ = medprint(capsys, "check", src)
    assert "verify." not in offline and services.log == []
    _, out, _ = medprint(capsys, "check", "--online", src)
    assert "[verify.journal]" in out and "[reference.missing-author]" in out


def test_write_fills_missing_fields_in_csl_json_only(tmp_path, capsys, services, monkeypatch):
    src = source(tmp_path, BODY, AS_PUBLISHED)
    monkeypatch.chdir(tmp_path)
    code, _, err = medprint(capsys, "refs", "verify", "--write", src)
    assert code == 0
    refs = json.loads(src.with_name("references.json").read_text())
    mcquade = refs[0]
    assert [a["family"] for a in mcquade["author"]] == ["McQuade", "Ologun", "Arora", "Wargo"]
    assert mcquade["volume"] == "22" and mcquade["PMID"] == "32577835"
    assert mcquade["container-title"] == "Current Opinion in Pharmacology"  # a value it has is never changed
    assert "filled mcquade2020 (author" in err
