"""openxml-audit (the Open XML SDK's validation rules, strict) on every deck: no error."""

from __future__ import annotations

import pytest

import validator_tools as tools

pytestmark = pytest.mark.slow


def test_every_deck_has_no_ooxml_error(built_docs):
    verdicts = tools.openxml_audit([d.pptx for d in built_docs.values()])
    assert len(verdicts) == len(built_docs)
    bad = [f"{v['file']}: {v['error_count']} error(s): {v['errors'][:3]}" for v in verdicts if v["error_count"]]
    assert not bad, "\n".join(bad)
