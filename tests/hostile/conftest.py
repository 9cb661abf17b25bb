"""Fixtures for the hostile-source corpus: a canary HTTP server and canary files outside the project."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from hostile_kit import CANARY, png_bytes


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        self.server.requests.append(self.path)
        body = f"{CANARY} served {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def canary_server():
    """An HTTP server on 127.0.0.1; ``.requests`` lists every path anything asked it for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def outside_secrets(tmp_path) -> Path:
    """A folder beside the project holding canary files a hostile source tries to reach."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(png_bytes(4, 4))
    (outside / "secret.txt").write_text(CANARY)
    (outside / "secret.json").write_text(
        f'[{{"id": "smith2020", "type": "book", "title": "{CANARY}", "issued": {{"date-parts": [[2020]]}}}}]')
    return outside
