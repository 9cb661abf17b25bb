"""The only door WeasyPrint has to the outside world: local files inside allowed folders, and data: URIs.

Every other scheme (http, https, ftp, …) is refused before any connection is
made, and ``file:`` URLs are resolved (symlinks included) and must land inside
the source's folder, the styles folder or the font packages.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .weasy import weasyprint  # noqa: F401, I001 - first: WeasyPrint imported without its library search
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..paths import is_inside

MIME_BY_SUFFIX = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
                  ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                  ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}


class RefusedURL(ValueError):
    """A URL the handout may not load (WeasyPrint logs it and carries on without the resource)."""


class SafeURLFetcher(URLFetcher):
    """Serves ``file:`` paths inside ``roots`` and ``data:`` URIs; refuses everything else."""

    def __init__(self, roots: list[Path], **kwargs) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []
        self.fetched: list[Path] = []  # every local file served, in order (kept stylesheets check them)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            return self._refuse(url, "scheme not allowed")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return self._refuse(url, "remote file host")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not any(is_inside(path, root) for root in self.roots):
            return self._refuse(url, "outside the allowed folders")
        if not path.is_file():
            return self._refuse(url, "no such file")
        headers = {"Content-Type": MIME_BY_SUFFIX.get(path.suffix.lower(), "application/octet-stream")}
        self.fetched.append(path)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers)

    def allows(self, path: Path) -> bool:
        """Whether a local file would be served (it is inside one of the allowed folders)."""
        resolved = Path(path).resolve()
        return any(is_inside(resolved, root) for root in self.roots)

    def _refuse(self, url: str, why: str):
        self.refused.append(url)
        raise RefusedURL(f"medprint refused to load {url[:200]}: {why}")
