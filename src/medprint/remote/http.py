"""One careful HTTP client for PubMed, PMC, Crossref and DataCite: allow-listed hosts, limits, retries, a cache.

Everything a polite and safe client of public bibliographic services needs, in one place: HTTPS only, to the
hosts listed here, no redirects (none of the endpoints used redirects, so a redirect means something is wrong),
responses capped in size, requests spaced per host (NCBI allows 3 a second, 10 with an API key), retries with
back-off on 429/5xx and dropped connections, the client named with a contact address (Crossref's "polite pool",
NCBI's ``tool``/``email``), and successful responses cached in the user cache so re-running is cheap.
httpx does the HTTP; tests give it a :class:`httpx.MockTransport` that plays recorded responses.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

from .. import __version__

ALLOWED_HOSTS = frozenset({
    "api.crossref.org",          # Crossref REST API (DOIs registered with Crossref)
    "api.datacite.org",          # DataCite REST API (DOIs registered with DataCite)
    "eutils.ncbi.nlm.nih.gov",   # NCBI E-utilities (PubMed records)
    "pmc.ncbi.nlm.nih.gov",      # NCBI PMC ID converter
})
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
CACHE_MAX_AGE = 7 * 24 * 3600  # a week: retractions must not hide behind an old cache for long
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class RemoteError(Exception):
    """A request that did not give a usable answer; ``kind`` is not-found, offline, refused or failed."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Settings:
    """How to talk to the services; from the environment unless a command says otherwise."""

    email: str = ""
    ncbi_api_key: str = ""
    timeout: float = 20.0
    retries: int = 3
    cache_dir: Path | None = None
    refresh: bool = False

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        env = os.environ
        settings = cls(email=env.get("MEDPRINT_CONTACT_EMAIL", ""), ncbi_api_key=env.get("NCBI_API_KEY", ""),
                       cache_dir=default_cache_dir())
        for name, value in overrides.items():
            if value is not None:
                setattr(settings, name, value)
        return settings


def default_cache_dir() -> Path:
    """``http/`` in medprint's user cache folder (see :mod:`medprint.user_cache`)."""
    from ..user_cache import cache_root

    return cache_root() / "http"


@dataclass
class RateLimiter:
    """At most ``per_second`` requests to one host, spaced evenly (a token bucket of size one)."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str, per_second: float) -> None:
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + 1.0 / per_second
        if start > now:
            self.sleep(start - now)


class Client:
    """GET requests to the allowed services (see the module docstring); returns the body as bytes."""

    def __init__(self, settings: Settings | None = None, *, transport: httpx.BaseTransport | None = None,
                 limiter: RateLimiter | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or Settings.from_env()
        self.limiter = limiter or RateLimiter(sleep=sleep)
        self.sleep = sleep
        self.requests = 0  # made over the network (not from the cache): for tests and the summary
        self.on_request: Callable[[str, int], None] | None = None  # (host, requests so far): progress display
        contact = f"; mailto:{self.settings.email}" if self.settings.email else ""
        self._http = httpx.Client(transport=transport, timeout=self.settings.timeout, follow_redirects=False,
                                  headers={"User-Agent": f"medprint/{__version__} (reference checker{contact})"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def rate(self, host: str) -> float:
        """Requests per second allowed for ``host``."""
        if host.endswith("ncbi.nlm.nih.gov"):
            return 10.0 if self.settings.ncbi_api_key else 3.0
        return 5.0  # Crossref's and DataCite's public pools allow more; stay well below

    def get(self, url: str, params: Mapping[str, str] | None = None, *, accept: str = "application/json") -> bytes:
        """The body of a 200 response (cached); :class:`RemoteError` for anything else."""
        full = url + ("?" + urlencode(sorted((params or {}).items())) if params else "")
        parts = urlsplit(full)
        if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
            raise RemoteError("refused", f"refusing to fetch {url}: only HTTPS to {', '.join(sorted(ALLOWED_HOSTS))}")
        cache_key = hashlib.sha256(f"{accept} {full}".encode()).hexdigest()
        cached = None if self.settings.refresh else self._cache_read(cache_key)
        if cached is not None:
            return cached
        request_params = dict(params or {})
        if parts.hostname.endswith("ncbi.nlm.nih.gov"):
            request_params.setdefault("tool", "medprint")
            if self.settings.email:
                request_params.setdefault("email", self.settings.email)
            if self.settings.ncbi_api_key:
                request_params["api_key"] = self.settings.ncbi_api_key
        elif self.settings.email and parts.hostname == "api.crossref.org":
            request_params.setdefault("mailto", self.settings.email)
        body = self._fetch(url, request_params, accept, parts.hostname)
        self._cache_write(cache_key, full, body)
        return body

    def _fetch(self, url: str, params: dict[str, str], accept: str, host: str) -> bytes:
        delay = 1.0
        last = ""
        for attempt in range(self.settings.retries + 1):
            self.limiter.wait(host, self.rate(host))
            try:
                self.requests += 1
                if self.on_request is not None:
                    self.on_request(host, self.requests)
                with self._http.stream("GET", url, params=params, headers={"Accept": accept}) as response:
                    status = response.status_code
                    if status == 200:
                        return self._read_capped(response, host)
                    retry_after = response.headers.get("Retry-After", "")
            except httpx.TimeoutException:
                last = f"{host} did not answer within {self.settings.timeout:g} s"
            except httpx.TransportError as exc:
                last = f"cannot reach {host} ({type(exc).__name__}); are you offline?"
            else:
                if status == 404:
                    raise RemoteError("not-found", f"{host} has no record (HTTP 404)")
                if 300 <= status < 400:
                    raise RemoteError("refused", f"{host} answered with a redirect (HTTP {status}); not followed")
                if status not in RETRY_STATUSES:
                    raise RemoteError("failed", f"{host} answered HTTP {status}")
                last = f"{host} answered HTTP {status}"
                if retry_after.isdigit():
                    delay = max(delay, min(float(retry_after), 60.0))
            if attempt < self.settings.retries:
                self.sleep(delay)
                delay *= 2
        kind = "offline" if "offline" in last or "did not answer" in last else "failed"
        raise RemoteError(kind, last + f" after {self.settings.retries + 1} attempts")

    @staticmethod
    def _read_capped(response: httpx.Response, host: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                raise RemoteError("refused", f"{host} sent more than {MAX_RESPONSE_BYTES} bytes; not read")
            chunks.append(chunk)
        return b"".join(chunks)

    # -- cache: one JSON file per (accept, URL); API keys never reach it (they are added after the key is made)

    def _cache_file(self, key: str) -> Path | None:
        return self.settings.cache_dir / key[:2] / f"{key}.json" if self.settings.cache_dir else None

    def _cache_read(self, key: str) -> bytes | None:
        path = self._cache_file(key)
        if path is None:
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if time.time() - float(record["stored"]) > CACHE_MAX_AGE:
                return None
            return str(record["body"]).encode("utf-8")
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _cache_write(self, key: str, url: str, body: bytes) -> None:
        path = self._cache_file(key)
        if path is None:
            return
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return
        try:
            from ..atomic import write_text

            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, json.dumps({"url": url, "stored": time.time(), "body": text}))
        except OSError:
            pass  # a cache that cannot be written costs a request next time, nothing more
