"""veraPDF (PDF/UA-1 and PDF/A profiles) on every handout: the sample and the test documents, default and archive."""

from __future__ import annotations

import pytest

import validator_tools as tools
from conftest import LONG

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def verdicts(built_docs, tmp_path_factory):
    reason = tools.missing_requirement("verapdf")
    if reason:
        pytest.skip(reason)
    jobs = [("ua1", d.pdf) for d in built_docs.values()]
    jobs += [("ua1", d.archive) for d in built_docs.values()]
    jobs += [("3u", d.archive) for d in built_docs.values()]
    long_2u = built_docs[LONG].archive.parent.parent / "archive-2u" / f"{LONG}.pdf"
    jobs += [("ua1", long_2u), ("2u", long_2u)]
    found = tools.verapdf(jobs, tmp_path_factory.mktemp("verapdf"))
    assert len(found) == len(jobs), [str(v) for v in found]
    return found


def test_every_handout_is_pdf_ua1(verdicts):
    ua = [v for v in verdicts if v.profile == "ua1"]
    assert len(ua) == 7
    assert all(v.compliant for v in ua), "\n".join(str(v) for v in ua if not v.compliant)


def test_every_archive_copy_is_pdf_a_as_well(verdicts):
    archive = [v for v in verdicts if v.profile in ("3u", "2u")]
    assert len(archive) == 4
    assert all(v.compliant for v in archive), "\n".join(str(v) for v in archive if not v.compliant)
