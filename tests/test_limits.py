"""medprint.limits: documented defaults, overridable per environment variable, bad values refused."""

from __future__ import annotations

from dataclasses import fields

import pytest

from medprint.errors import UsageError
from medprint.limits import WHY, Limits


def test_every_limit_is_documented():
    assert {f.name for f in fields(Limits)} == set(WHY)


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("MEDPRINT_LIMIT_IMAGE_PIXELS", "1_000")
    monkeypatch.setenv("MEDPRINT_LIMIT_REFERENCES", "7")
    limits = Limits.from_env()
    assert (limits.image_pixels, limits.references, limits.source_bytes) == (1000, 7, Limits().source_bytes)


@pytest.mark.parametrize("value", ["lots", "-5", "0", "1e6"])
def test_a_bad_value_is_a_usage_error_not_ignored(monkeypatch, value):
    monkeypatch.setenv("MEDPRINT_LIMIT_SOURCE_BYTES", value)
    with pytest.raises(UsageError) as info:
        Limits.from_env()
    assert info.value.code == "usage.limit" and "MEDPRINT_LIMIT_SOURCE_BYTES" in info.value.lines()[0]
