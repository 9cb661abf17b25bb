"""Front matter: typed schema, every problem at once, positions in the source file."""

import datetime as dt

import pytest

from medprint.errors import SourceError
from medprint.readers.frontmatter import read_front_matter


def problems(text: str) -> list[str]:
    with pytest.raises(SourceError) as info:
        read_front_matter(text, "doc.md", line_offset=1)
    return info.value.lines()


def test_full_front_matter_is_read_into_meta():
    meta = read_front_matter(
        "title: T\nsubtitle: S\nauthor:\n  - Ann Lee\n  - {name: Bo Chan, credentials: MD, affiliation: Clinic}\n"
        "date: 2025-03-01\nlang: fr-CA\nbibliography: [a.json, b.bib]\ncsl: vancouver\nnocite: '@x, @y'\n"
        "organization: Org\nreview: {statement: Endorsed, reviewed: 2025-01-02, next-review: 2026-01-02, reviewer: Board}\n"
        "disclaimer: D\ncopyright: C\nversion: 2\nhandout: {paper: a4}\nslides: {template: t.pptx}\n"
        "url: https://example.org/x\nkeywords: [a, b]\nabstract: Abs\naudience: clinicians\ncheck: {ignore: [readability.grade]}\n",
        "doc.md",
        1,
    )
    assert meta.title == "T" and meta.subtitle == "S"
    assert [a.name for a in meta.authors] == ["Ann Lee", "Bo Chan"]
    assert meta.authors[1].credentials == "MD" and meta.authors[1].affiliation == "Clinic"
    assert meta.date == dt.date(2025, 3, 1) and meta.lang == "fr-CA"
    assert meta.bibliography == ("a.json", "b.bib") and meta.csl == "vancouver"
    assert meta.nocite == ("x", "y")
    assert meta.review.reviewed == dt.date(2025, 1, 2) and meta.review.next_review == dt.date(2026, 1, 2)
    assert meta.version == "2" and meta.option("handout", "paper") == "a4"
    assert meta.option("slides", "template") == "t.pptx" and meta.keywords == ("a", "b")
    assert meta.audience == "clinicians" and dict(meta.check)["ignore"] == ["readability.grade"]
    assert str(meta.position("review")) == "doc.md:13:1"


def warnings_of(text: str) -> tuple[list[str], object]:
    from medprint.report import collecting

    with collecting() as found:
        meta = read_front_matter(text, "doc.md", line_offset=1)
    return [d.format() for d in found], meta


def test_unknown_key_is_a_located_warning_naming_the_closest_key():
    lines, meta = warnings_of("title: T\nbibliograpy: refs.json\n")
    assert lines == ["doc.md:3:1: warning: unknown front-matter key 'bibliograpy' (ignored); "
                     "did you mean 'bibliography'? [frontmatter.unknown-key]"]
    assert meta.title == "T" and meta.bibliography == ()


@pytest.mark.parametrize("key", ["linkReferences", "Reviewer", "manubot-output-bibliography", "Address", "<!-- subtitle"])
def test_no_harmful_suggestions_and_no_list_of_known_keys(key):
    lines, _ = warnings_of(f"title: T\n{key}: x\n")
    assert all("did you mean" not in line and "known keys" not in line for line in lines)


def test_pandoc_crossref_and_manubot_keys_are_accepted_quietly():
    lines, meta = warnings_of("title: T\nlinkReferences: true\nfigPrefix: [Fig., Figs.]\nmanubot-output-bibliography: "
                              "x.json\nmanubot-requests-cache-path: c\n")
    assert lines == [] and "linkReferences" in meta.ignored_keys and "manubot-output-bibliography" in meta.ignored_keys


def test_every_problem_is_reported_at_once_in_line_order():
    from medprint.report import collecting

    with collecting() as found:
        lines = problems("title: T\naudience: kids\nbibliograpy: x\ndate: 2025-13-01\n")
    assert [line.split(": error")[0] for line in lines] == ["doc.md:3:11", "doc.md:5:7"]
    assert "[frontmatter.invalid]" in lines[0] and "patients" in lines[0]
    assert "ISO date" in lines[1]
    assert [d.code for d in found] == ["frontmatter.unknown-key"]


def test_missing_title_is_not_an_error_when_reading():
    _, meta = warnings_of("subtitle: x\n")
    assert meta.title == ""  # the source reader falls back to the first heading or the file name


def test_quarto_authors_and_affiliations_resolve_by_id_and_number():
    _, meta = warnings_of(
        "title: T\nauthor:\n  - name: Ana Silva\n    affiliations:\n      - ref: hosp\n"
        "  - name: {given: Bo, family: Chan}\n    affiliation: 2\n  - name: Cy Dee\n    affiliations:\n"
        "      - name: Inline Institute\naffiliations:\n  - id: hosp\n    name: Hospital A\n"
        "  - id: uni\n    name: University B\n")
    assert [(a.name, a.affiliation) for a in meta.authors] == [
        ("Ana Silva", "Hospital A"), ("Bo Chan", "University B"), ("Cy Dee", "Inline Institute")]


def test_quarto_ref_to_an_affiliation_another_author_defines_inline():
    _, meta = warnings_of(
        "title: T\nauthor:\n  - name: Ana\n    affiliations:\n      - id: another-u\n        name: Another University\n"
        "  - name: Bo\n    affiliations:\n      - ref: another-u\n")
    assert [a.affiliation for a in meta.authors] == ["Another University", "Another University"]


@pytest.mark.parametrize("written, expected", [
    ("2022-06-29", dt.date(2022, 6, 29)),
    ("June 29, 2022", dt.date(2022, 6, 29)),
    ("29 June 2022", dt.date(2022, 6, 29)),
    ("Sept 3, 2021", dt.date(2021, 9, 3)),
    ("March 2020", dt.date(2020, 3, 1)),
])
def test_dates_as_pandoc_authors_write_them(written, expected):
    lines, meta = warnings_of(f"title: T\ndate: '{written}'\n")
    assert meta.date == expected and lines == []


def test_quarto_date_keywords(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert read_front_matter("title: T\ndate: today\n", "doc.md").date == dt.date(2023, 11, 14)
    source = tmp_path / "doc.qmd"
    source.write_text("---\ntitle: T\ndate: last-modified\n---\n")
    import os
    os.utime(source, (1600000000, 1600000000))
    assert read_front_matter("title: T\ndate: last-modified\n", str(source)).date == dt.date.fromtimestamp(1600000000)


def test_unreadable_date_is_a_located_warning_not_an_error():
    lines, meta = warnings_of("title: T\ndate: the day after tomorrow\n")
    assert meta.date is None
    assert lines == ["doc.md:3:1: warning: date 'the day after tomorrow' is not a date medprint can read; it is left "
                     "out; write it as 2025-03-01 or 'March 1, 2025' (or today / last-modified, as in Quarto) "
                     "[frontmatter.date]"]


def test_unknown_author_subkeys_warn_at_the_subkey():
    lines, meta = warnings_of("title: T\nauthor:\n  - name: Ana\n    twitter: ana\n")
    assert lines == ["doc.md:5:5: warning: unknown front-matter key 'author.0.twitter' (ignored); medprint "
                     "ignores it (as Pandoc does); remove it or fix its name [frontmatter.unknown-key]"]
    assert meta.authors[0].name == "Ana"


def test_bad_yaml_points_at_the_file_line():
    (line,) = problems("title: T\nauthor: [a, b\nlang: en\n")
    assert line.startswith("doc.md:4:") and "[frontmatter.yaml]" in line


def test_yaml_aliases_are_refused():
    (line,) = problems("title: &t T\nsubtitle: *t\n")
    assert "aliases" in line and line.startswith("doc.md:3:")


def test_nested_unknown_keys_name_the_closest_nested_key():
    (line,), _ = warnings_of("title: T\nreview:\n  reviewd: 2025-01-01\n")
    assert line.startswith("doc.md:4:3:") and "did you mean 'reviewed'" in line


def test_pandoc_and_quarto_keys_are_accepted_and_recorded():
    meta = read_front_matter("title: T\nlink-citations: true\ntoc: true\nformat: html\n", "doc.md", 1)
    assert meta.ignored_keys == ("link-citations", "toc", "format")


def test_front_matter_must_be_a_mapping():
    (line,) = problems("- a\n- b\n")
    assert "[frontmatter.not-mapping]" in line


@pytest.mark.parametrize("value", ["'@*'", "['@a', '@b']", "'@a; @b'"])
def test_nocite_forms(value):
    meta = read_front_matter(f"title: T\nnocite: {value}\n", "doc.md", 1)
    assert meta.nocite in (("*",), ("a", "b"))


def test_quarto_author_schema_is_accepted():
    meta = read_front_matter(
        "title: T\nauthors:\n  - name: {given: Norah, family: Jones}\n    degrees: [MD, PhD]\n"
        "    orcid: 0000-0001-2345-6789\n    corresponding: true\n    affiliations:\n"
        "      - name: Carnegie Mellon University\n        city: Pittsburgh\n      - Mercy Hospital\n"
        "  - name: Bo Chan\n    email: bo@example.org\n",
        "doc.md",
        1,
    )
    first, second = meta.authors
    assert (first.name, first.credentials, first.affiliation) == (
        "Norah Jones", "MD, PhD", "Carnegie Mellon University; Mercy Hospital")
    assert second.name == "Bo Chan"


def test_typo_in_an_author_field_names_the_closest_field():
    (line,), _ = warnings_of("title: T\nauthor:\n  - name: A\n    afiliations: [X]\n")
    assert line.startswith("doc.md:5:5:") and "did you mean 'affiliations'" in line


def test_scholarly_metadata_authors_and_institutes():
    """pandoc-scholar / lua-filters author-info-blocks: ``- Name: {institute: [...]}`` and ``institute:``."""
    lines, meta = warnings_of(
        "title: T\nauthor:\n  - Jane Doe:\n      institute: [fosg, fop]\n      correspondence: \"yes\"\n"
        "  - Juan Pérez:\n      institute: acme\ninstitute:\n  - fosg:\n      name: Open Science Group\n"
        "  - fop: Federation of Planets\n  - acme:\n      name: Acme Corporation\n")
    assert [(a.name, a.affiliation_list()) for a in meta.authors] == [
        ("Jane Doe", ("Open Science Group", "Federation of Planets")), ("Juan Pérez", ("Acme Corporation",))]
    assert lines == []


def test_journal_template_shapes():
    """rticles templates: names in parts, flags written as text, {formatted, plain} titles and keywords."""
    lines, meta = warnings_of(
        "title:\n  formatted: \"A Title about \\\\pkg{foo}\"\n  plain: A Title about foo\n"
        "keywords:\n  formatted: [one, \"\\\\proglang{Java}\"]\n  plain: [one, Java]\n"
        "author:\n  - firstname: Leading\n    particle: van\n    lastname: Author\n    suffix: III\n"
        "    corresponding: alice@example.com\n")
    assert meta.title == "A Title about foo" and meta.keywords == ("one", "Java")
    assert meta.authors[0].name == "Leading van Author III"
    assert lines == []


def test_natbib_bibliography_name_without_extension(tmp_path):
    (tmp_path / "refs.bib").write_text("")
    source = tmp_path / "doc.Rmd"
    meta = read_front_matter("title: T\nbibliography: refs\n", str(source))
    assert meta.bibliography == ("refs.bib",)
    assert read_front_matter("title: T\nbibliography: other\n", str(source)).bibliography == ("other",)
