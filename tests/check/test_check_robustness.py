"""Whatever a reference file holds, check reports findings and never crashes; image decoding edge cases."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from medprint.check import check_document
from medprint.check.figures import unreadable_reason
from medprint.diagnostics import Diagnostic
from medprint.limits import Limits

from check_support import TODAY, make_doc

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["family", "given", "literal", "date-parts", "raw", "0"]), inner, max_size=3), max_leaves=8)
fields = st.sampled_from(["type", "title", "author", "editor", "issued", "accessed", "container-title", "volume",
                          "page", "number", "DOI", "doi", "PMID", "PMCID", "URL", "publisher"])
references = st.dictionaries(fields, values | st.sampled_from(["article-journal", "webpage", "book", "chapter"]),
                             max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(references, min_size=1, max_size=3))
def test_any_reference_data_gives_diagnostics_not_exceptions(datas):
    refs = [dict(data, id=f"k{i % 2}") for i, data in enumerate(datas)]
    found = check_document(make_doc(refs=refs, cites=[["k0"]]), today=TODAY)
    assert all(isinstance(d, Diagnostic) and d.location is not None for d in found)


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (width, height)).save(buf, "PNG")
    return buf.getvalue()


def test_image_limits_and_svg(tmp_path):
    png = tmp_path / "a.png"
    png.write_bytes(_png(20, 10))
    assert unreadable_reason(png, Limits()) == ""
    assert unreadable_reason(png, Limits(image_pixels=1000)) == ""
    assert "over the 100-pixel limit" in unreadable_reason(png, Limits(image_pixels=100))
    assert "byte limit" in unreadable_reason(png, Limits(image_bytes=10))
    truncated = tmp_path / "t.png"
    truncated.write_bytes(_png(20, 10)[:40])
    assert "cannot be decoded" in unreadable_reason(truncated, Limits())
    svg = tmp_path / "s.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    assert unreadable_reason(svg, Limits()) == ""
    svg.write_text("<html><body/></html>")
    assert "not <svg>" in unreadable_reason(svg, Limits())
    svg.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><svg>&a;</svg>')
    assert "not valid SVG" in unreadable_reason(svg, Limits())  # defusedxml refuses entity tricks


settings_keys = st.sampled_from(["ignore", "readability", "slides", "target", "sentences", "max-continuations", "x"])
configs = st.dictionaries(settings_keys, st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(settings_keys, inner, max_size=3),
    max_leaves=6), max_size=4)


@settings(max_examples=150, deadline=None)
@given(configs)
def test_any_check_settings_give_diagnostics_not_exceptions(config):
    found = check_document(make_doc(check=tuple(sorted(config.items()))), today=TODAY)
    assert {d.code for d in found} <= {"check.invalid-config", "check.unknown-code"}
