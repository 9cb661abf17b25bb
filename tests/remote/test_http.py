"""The client: allowed hosts only, no redirects, size caps, retries with back-off, rate limits, the cache."""

from __future__ import annotations

import httpx
import pytest

from medprint.remote import http
from medprint.remote.http import Client, RateLimiter, RemoteError, Settings

EFETCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def client_for(handler, tmp_path, **settings) -> tuple[Client, FakeClock]:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    client = Client(Settings(cache_dir=tmp_path / "cache", **settings), transport=httpx.MockTransport(handler),
                    limiter=limiter, sleep=clock.sleep)
    return client, clock


def ok(request):
    return httpx.Response(200, content=b"<x/>")


@pytest.mark.parametrize("url", ["http://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi",
                                 "https://example.org/works", "https://api.crossref.org.evil.test/works",
                                 "file:///etc/passwd"])
def test_only_https_to_the_named_services(url, tmp_path):
    client, _ = client_for(ok, tmp_path)
    with pytest.raises(RemoteError) as err:
        client.get(url)
    assert err.value.kind == "refused" and client.requests == 0


def test_redirects_are_not_followed(tmp_path):
    client, _ = client_for(lambda r: httpx.Response(302, headers={"Location": "https://example.org/"}), tmp_path)
    with pytest.raises(RemoteError, match="redirect") as err:
        client.get(EFETCH, {"id": "1"})
    assert err.value.kind == "refused" and client.requests == 1


def test_oversized_responses_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(http, "MAX_RESPONSE_BYTES", 1000)
    client, _ = client_for(lambda r: httpx.Response(200, content=b"x" * 5000), tmp_path)
    with pytest.raises(RemoteError, match="more than 1000 bytes"):
        client.get(EFETCH, {"id": "1"})


def test_retries_with_back_off_then_succeeds(tmp_path):
    answers = [503, 429, 200]

    def handler(request):
        return httpx.Response(answers.pop(0), content=b"<ok/>")

    client, clock = client_for(handler, tmp_path)
    assert client.get(EFETCH, {"id": "1"}) == b"<ok/>"
    assert client.requests == 3
    backoff = [s for s in clock.slept if s >= 1.0]
    assert backoff == [1.0, 2.0]


def test_not_found_is_not_retried(tmp_path):
    client, _ = client_for(lambda r: httpx.Response(404), tmp_path)
    with pytest.raises(RemoteError) as err:
        client.get(EFETCH, {"id": "1"})
    assert err.value.kind == "not-found" and client.requests == 1


def test_offline_is_reported_as_offline(tmp_path):
    def handler(request):
        raise httpx.ConnectError("no route", request=request)

    client, _ = client_for(handler, tmp_path, retries=2)
    with pytest.raises(RemoteError, match="offline") as err:
        client.get(EFETCH, {"id": "1"})
    assert err.value.kind == "offline" and client.requests == 3


@pytest.mark.parametrize("key, per_second", [("", 3.0), ("secret", 10.0)])
def test_ncbi_rate_limit(tmp_path, key, per_second):
    client, clock = client_for(ok, tmp_path, ncbi_api_key=key)
    start = clock.now
    for n in range(7):
        client.get(EFETCH, {"id": str(n)})
    assert clock.now - start == pytest.approx(6 / per_second)


def test_client_identifies_itself_and_keeps_the_api_key_out_of_the_cache(tmp_path):
    seen = []

    def handler(request):
        seen.append(request)
        return ok(request)

    client, _ = client_for(handler, tmp_path, email="staff@example.org", ncbi_api_key="secret")
    client.get(EFETCH, {"id": "1"})
    request = seen[0]
    assert "medprint/" in request.headers["User-Agent"] and "mailto:staff@example.org" in request.headers["User-Agent"]
    assert request.url.params["tool"] == "medprint" and request.url.params["api_key"] == "secret"
    cached = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert "secret" not in cached


def test_cache_answers_the_second_time(tmp_path):
    client, _ = client_for(ok, tmp_path)
    client.get(EFETCH, {"id": "1"})
    again, _ = client_for(lambda r: pytest.fail("asked the network again"), tmp_path)
    assert again.get(EFETCH, {"id": "1"}) == b"<x/>" and again.requests == 0
    refreshed, _ = client_for(ok, tmp_path, refresh=True)
    refreshed.get(EFETCH, {"id": "1"})
    assert refreshed.requests == 1


def test_progress_hook_sees_each_network_request(tmp_path):
    client, _ = client_for(ok, tmp_path)
    seen = []
    client.on_request = lambda host, n: seen.append((host, n))
    client.get(EFETCH, {"id": "1"})
    client.get(EFETCH, {"id": "1"})  # cached: no request, no progress
    assert seen == [("eutils.ncbi.nlm.nih.gov", 1)]
