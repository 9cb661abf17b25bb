"""BibTeX keys as BibTeX, biber and Pandoc accept them: odd characters, and a key defined twice in one file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from medprint.cli import cli
from medprint.errors import SourceError
from medprint.readers.references import read_reference_file
from medprint.readers.references.bibtex import parse_bibtex
from medprint.report import collecting

TWICE = ("@article{smith2020,\n  title = {First Entry},\n  year = 2020\n}\n\n"
         "@book{other,\n  title = {Other}, year = 2019}\n\n"
         "@article{smith2020,\n  title = {Second Entry},\n  year = 2021\n}\n")


@pytest.mark.parametrize("key", ["Mullender:1993:DS(:302430", "a(1)", "x.y;z?!", "k'`$/*@_+=-[]&", "2004:ITE:1.2"])
def test_keys_with_characters_bibtex_accepts(key):
    refs = parse_bibtex(f"@book{{{key},\n  title = {{T}}, year = 2000}}\n", "x.bib")
    assert [r.id for r in refs] == [key]


def test_a_key_defined_twice_in_one_file_warns_and_keeps_the_first():
    with collecting() as warnings:
        refs = parse_bibtex(TWICE, "refs.bib")
    assert [(r.id, r.data["title"], r.location.line) for r in refs] == [("smith2020", "First entry", 1),
                                                                      ("other", "Other", 6)]
    assert [w.format() for w in warnings] == [
        "refs.bib:9:1: warning: reference key 'smith2020' is defined again; the first entry (at refs.bib:1:1) "
        "is used; delete or rename one of the two entries [reference.duplicate-key-in-file]"]


def test_a_key_in_two_files_stays_an_error(write):
    from medprint.commands.refs import load_files

    one = write("one.bib", "@article{k, title={A}, year=2000}\n")
    two = write("two.bib", "\n@article{k, title={B}, year=2001}\n")
    with pytest.raises(SourceError) as info:
        load_files((one, two))
    assert info.value.code == "reference.duplicate-key" and info.value.location.line == 2


def test_the_warning_survives_the_parse_cache(write):
    path = write("refs.bib", TWICE)
    for _ in range(2):  # the second read comes from the cache and must warn again
        with collecting() as warnings:
            refs = read_reference_file(path, "refs.bib")
        assert len(refs) == 2 and [w.code for w in warnings] == ["reference.duplicate-key-in-file"]


def test_refs_command_prints_the_warning_and_formats_the_file(write):
    path = write("refs.bib", TWICE)
    result = CliRunner().invoke(cli, ["refs", str(path)])
    assert result.exit_code == 0, result.output
    assert "First entry" in result.stdout and "Second entry" not in result.stdout
    assert f"{path}:9:1: warning: reference key 'smith2020' is defined again" in result.stderr
