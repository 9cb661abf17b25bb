"""medprint.safety.xml: DTDs and entities refused before parsing, syntax errors located in the XML file."""

from __future__ import annotations

import pytest

from medprint.errors import LimitError, SourceError
from medprint.safety import xml as safe_xml


def test_plain_xml_parses():
    root = safe_xml.parse_untrusted_xml(b'<svg xmlns="http://www.w3.org/2000/svg"><text>hi</text></svg>', "a.svg")
    assert root.tag.endswith("svg") and root[0].text == "hi"


@pytest.mark.parametrize("doc", [
    b'<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<s>&x;</s>',
    b'<?xml version="1.0"?>\n<!DOCTYPE s SYSTEM "http://127.0.0.1:9/evil.dtd">\n<s/>',
    b'<?xml version="1.0"?>\n<!doctype s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<s>&b;</s>',
])
def test_doctype_and_entities_are_refused_at_their_line(doc):
    with pytest.raises(SourceError) as info:
        safe_xml.parse_untrusted_xml(doc, "styles/evil.csl", what="CSL style")
    err = info.value
    assert err.code == "xml.doctype"
    assert (err.location.file, err.location.line, err.location.col) == ("styles/evil.csl", 2, 1)
    assert "root:" not in str(err)


def test_syntax_error_names_line_and_column():
    with pytest.raises(SourceError) as info:
        safe_xml.parse_untrusted_xml(b"<a>\n  <b>\n</a>", "x.xml")
    assert info.value.code == "xml.invalid"
    assert info.value.location.line == 3


def test_size_limit():
    with pytest.raises(LimitError):
        safe_xml.parse_untrusted_xml(b"<a>" + b" " * (safe_xml.MAX_XML_BYTES + 1) + b"</a>", "big.xml")


def test_unreadable_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError) as info:
        safe_xml.parse_untrusted_xml_file(tmp_path / "nothing.csl", what="CSL style")
    assert info.value.code == "path.unreadable"


def test_external_resources_in_a_pptx_are_found(tmp_path):
    import io
    import zipfile

    from medprint.safety.ooxml import external_resources, refuse_external_resources

    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="r1" Type="http://x/relationships/hyperlink" Target="https://a.org" '
            'TargetMode="External"/>{extra}</Relationships>')
    picture = ('<Relationship Id="r2" Type="http://x/relationships/image" Target="\\\\host\\share\\p.png" '
               'TargetMode="External"/>')
    for extra, expected in (("", []), (picture, [("a.rels", "image", "\\\\host\\share\\p.png")])):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("a.rels", rels.format(extra=extra))
        with zipfile.ZipFile(buf) as zf:
            assert external_resources(zf) == expected  # hyperlinks are fine: nothing is fetched on open
            if expected:
                with pytest.raises(SourceError) as info:
                    refuse_external_resources(zf, "t.pptx", None)
                assert info.value.code == "template.external-resource"
