"""``medprint new``: a scaffold that invents nothing, whose blanks ``check`` and ``release`` refuse to print."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import yaml

from medprint.check import check_source

MEDPRINT = [sys.executable, "-m", "medprint.cli"]


def _new(tmp_path, name="asthma-handout"):
    proc = subprocess.run(MEDPRINT + ["new", name], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "sources" / name / "index.md"


def _front_matter(index):
    text = index.read_text()
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")), text


def test_scaffold_writes_no_review_no_dates_and_inline_csl_yaml(tmp_path):
    index = _new(tmp_path)
    meta, text = _front_matter(index)
    assert "review" not in meta and "date" not in meta  # only a review board can date a review
    assert str(dt.date.today().year) not in text  # no invented year anywhere (copyright, dates, references)
    assert "Your Name" not in text and "Your Organization" not in text and "10.1234" not in text
    (ref,) = meta["references"]  # the example a clinician copies: CSL-YAML, as Pandoc and Quarto read it
    assert ref["id"] == "example" and ref["type"] == "article-journal"
    assert all("TODO" in str(value) for key, value in ref.items() if key not in ("id", "type"))
    assert list((tmp_path / "sources" / "asthma-handout").iterdir()) == [index]


def test_check_reports_each_blank_as_an_error_at_its_line(tmp_path, monkeypatch):
    index = _new(tmp_path)
    monkeypatch.chdir(tmp_path)
    lines = index.read_text().splitlines()
    result = check_source(index)
    found = {d.location.line for d in result.diagnostics
             if d.code == "publishing.placeholder" and d.severity == "error"}

    def line_of(text):
        return next(n for n, line in enumerate(lines, 1) if text in line)

    for blank in ('name: "TODO', 'affiliation: "TODO', 'organization: "TODO', "TODO: write the lead paragraph",
                  'title: "TODO', 'family: "TODO', 'container-title: "TODO'):
        assert line_of(blank) in found, blank
    assert not any(line.lstrip().startswith("#") and n in found for n, line in enumerate(lines[:40], 1)
                   if "---" not in line)  # comments (the guidance) are never findings


def test_untouched_scaffold_builds_with_warnings_but_is_never_released(tmp_path):
    _new(tmp_path)
    build = subprocess.run(MEDPRINT + ["build", "--to", "html"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=300)
    assert build.returncode == 0, build.stderr
    assert "warning: placeholder left to fill in" in build.stderr and "[publishing.placeholder]" in build.stderr
    release = subprocess.run(MEDPRINT + ["release", "1.0"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=300)
    assert release.returncode != 0
    assert "placeholder" in release.stderr + release.stdout
    assert not (tmp_path / "releases").exists() or not any((tmp_path / "releases").rglob("*.pdf"))


def test_filled_in_scaffold_checks_clean_of_placeholders(tmp_path, monkeypatch):
    index = _new(tmp_path)
    text = index.read_text()
    for todo, real in [('"TODO: your name"', "Ana Souza"), ('"TODO: e.g. MD, RN (or delete this line)"', "MD"),
                       ('"TODO: your hospital, clinic or department"', "City Hospital"),
                       ('"TODO: the organisation that publishes this handout"', "City Hospital"),
                       ('TODO: your organisation\'s disclaimer, e.g. "This information does not replace advice from '
                        'your own doctor."', "This information does not replace advice from your own doctor."),
                       ('"TODO: family name"', "Reddel"), ('"TODO: given names"', "Helen K."),
                       ('"TODO: year"', "2022"), ('"TODO: the article\'s title, in sentence case"',
                                                  "Global Initiative for Asthma strategy 2021"),
                       ('"TODO: the journal\'s name"', "European Respiratory Journal"), ('"TODO: volume"', '"59"'),
                       ('"TODO: issue (or delete)"', '"1"'), ('"TODO: pages, e.g. 45-67"', "2102730"),
                       ('"TODO: the DOI, e.g. 10.1056/NEJMoa2034577 (or delete)"', "10.1183/13993003.02730-2021"),
                       ("TODO: write the lead paragraph: one or two", "Asthma is common. One or two"),
                       ("TODO: write this section. ", ""), ("TODO: more text", "More text")]:
        assert todo in text, todo
        text = text.replace(todo, real)
    index.write_text(text)
    monkeypatch.chdir(tmp_path)
    assert [d for d in check_source(index).diagnostics if d.code == "publishing.placeholder"] == []
