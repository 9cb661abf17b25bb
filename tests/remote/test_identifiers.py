"""Identifier keys and fields normalise to one canonical form."""

from __future__ import annotations

import pytest

from medprint.identifiers import Identifier, IdentifierError, from_key, normalize, of_item, unresolved


@pytest.mark.parametrize("key, canonical", [
    ("doi:10.1056/NEJMoa1504030", "doi:10.1056/nejmoa1504030"),
    ("DOI:https://doi.org/10.1056/NEJMoa1504030", "doi:10.1056/nejmoa1504030"),
    ("doi:http://dx.doi.org/10.1000/ABC.", "doi:10.1000/abc."),
    ("pmid:29097494", "pmid:29097494"),
    ("PMID:0029097494", "pmid:29097494"),
    ("pmcid:PMC7678709", "pmcid:PMC7678709"),
    ("pmcid:pmc7678709", "pmcid:PMC7678709"),
    ("pmcid:7678709", "pmcid:PMC7678709"),
])
def test_keys_normalise(key, canonical):
    assert from_key(key).key == canonical


def test_ordinary_keys_are_not_identifiers():
    assert from_key("smith2020") is None
    assert from_key("doi2020") is None
    assert unresolved("smith2020") is None


@pytest.mark.parametrize("key, says", [("pmid:12x4", "not a PMID"), ("doi:11.1/x", "not a DOI"),
                                       ("pmcid:PMCX", "not a PMCID")])
def test_malformed_identifiers_say_why(key, says):
    with pytest.raises(IdentifierError, match=says):
        from_key(key)
    code, message, _ = unresolved(key)
    assert code == "citation.bad-identifier" and says in message


def test_unresolved_identifier_names_the_command():
    code, message, hint = unresolved("pmid:99000001")
    assert code == "citation.unresolved-identifier"
    assert "pmid:99000001" in message and "medprint refs fetch" in hint


def test_identifiers_of_an_item():
    item = {"id": "x", "DOI": "https://doi.org/10.1007/S11912-020-00913-Y", "PMID": "32577835", "PMCID": "7685568",
            "URL": "https://example.org"}
    assert list(of_item(item)) == [Identifier("doi", "10.1007/s11912-020-00913-y"), Identifier("pmid", "32577835"),
                                   Identifier("pmcid", "PMC7685568")]
    assert list(of_item({"id": "pmid:1", "PMID": "bad"})) == [Identifier("pmid", "1")]
    assert normalize("doi", "10.1234/X").value == "10.1234/x"
