"""The preview's HTTP server: loopback only, one random token, the session's own build results and nothing else.

Every request must carry the token (``?t=…``) and a loopback ``Host`` header with the server's own port, so a
web page elsewhere cannot read the preview even through DNS rebinding; there are no directory listings and no
file paths in URLs: the only files served are the deck's fonts, by name.  ``/events`` is a server-sent-event
stream that sends the state (version, error, sections) whenever a build changes it.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .session import Session

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
FONT_FILES = re.compile(r"^LiberationSans-(Regular|Bold|Italic|BoldItalic)\.ttf$")
KEEPALIVE = 15.0


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, session: Session, port: int = 0, token: str | None = None) -> None:
        self.session = session
        self.token = token or secrets.token_urlsafe(24)
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", port), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/?t={self.token}"

    def shutdown(self) -> None:
        self.stopping.set()
        with self.session.changed:
            self.session.changed.notify_all()  # event streams end
        super().shutdown()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: the terminal shows builds only
        return

    # ------------------------------------------------------------ gatekeeping

    def _allowed(self, query: dict[str, list[str]]) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in {f"{name}:{port}" for name in LOOPBACK_HOSTS}:
            return False
        given = (query.get("t") or [""])[0]
        return hmac.compare_digest(given.encode(), self.server.token.encode())

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if not self._allowed(query):
            self._send(403, b"forbidden\n", "text/plain; charset=utf-8")
            return
        route = parts.path
        session = self.server.session
        if route == "/":
            self._send(200, _shell(self.server.token, session), "text/html; charset=utf-8")
        elif route == "/state":
            self._send(200, json.dumps(session.state()).encode(), "application/json")
        elif route == "/web":
            self._send(200, session.views.web or b"<!doctype html><title>building</title><p>Building...</p>",
                       "text/html; charset=utf-8",
                       csp="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:")
        elif route == "/slides":
            self._send(200, session.views.slides.encode(), "text/html; charset=utf-8")
        elif m := re.fullmatch(r"/page/(\d+)\.png", route):
            pages = session.views.pages
            number = int(m.group(1))
            if 1 <= number <= len(pages):
                self._send(200, pages[number - 1], "image/png")
            else:
                self._send(404, b"no such page\n", "text/plain; charset=utf-8")
        elif m := re.fullmatch(r"/font/([A-Za-z-]+\.ttf)", route):
            from ..paths import styles_dir

            name = m.group(1)
            path = styles_dir() / "fonts" / "liberation-sans" / name
            if FONT_FILES.match(name) and path.is_file():
                self._send(200, path.read_bytes(), "font/ttf")
            else:
                self._send(404, b"no such font\n", "text/plain; charset=utf-8")
        elif route == "/events":
            self._events()
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        self._send(405, b"read-only\n", "text/plain; charset=utf-8")

    do_PUT = do_DELETE = do_PATCH = do_POST  # noqa: N815

    # ------------------------------------------------------------ responses

    def _send(self, status: int, body: bytes, mime: str, *, csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        session = self.server.session
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version = -1
        try:
            while not self.server.stopping.is_set():
                current = session.version
                if current != version:
                    version = current
                    self.wfile.write(f"data: {json.dumps(session.state())}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                session.wait_for_change(version, KEEPALIVE)
        except (BrokenPipeError, ConnectionResetError):
            return


def _shell(token: str, session: Session) -> bytes:
    """The preview page (``styles/preview/preview.html``), with the token it must send back."""
    import jinja2

    from ..paths import styles_dir

    folder = styles_dir() / "preview"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True)
    css = (folder / "preview.css").read_text(encoding="utf-8")
    script = (folder / "preview.js").read_text(encoding="utf-8")
    page = env.get_template("preview.html").render(token=token, title=session.views.title or session.source.name,
                                                   css=css, script=script, source=str(session.source))
    return page.encode("utf-8")


def serve(session: Session, port: int = 0) -> PreviewServer:
    """A started server (in a daemon thread); ``shutdown()`` stops it."""
    server = PreviewServer(session, port)
    thread = threading.Thread(target=server.serve_forever, name="medprint-preview", daemon=True)
    thread.start()
    return server

