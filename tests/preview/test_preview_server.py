"""The preview server: loopback and token only, its own build results only, live state over server-sent events."""

from __future__ import annotations

import http.client
import json
import threading
import time

import pytest

from medprint.preview.server import serve
from medprint.preview.session import Session


@pytest.fixture
def running(sample_copy):
    session = Session(sample_copy)
    assert session.rebuild()
    server = serve(session)
    yield session, server
    server.shutdown()
    server.server_close()


def get(server, path, *, host=None, token=True):
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sep = "&" if "?" in path else "?"
    url = path + (f"{sep}t={server.token}" if token else "")
    conn.request("GET", url, headers={"Host": host or f"127.0.0.1:{port}"})
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_binds_to_loopback_only(running):
    _, server = running
    assert server.server_address[0] == "127.0.0.1"
    assert server.url.startswith(f"http://127.0.0.1:{server.server_address[1]}/?t=")


@pytest.mark.parametrize("path", ["/", "/web", "/state", "/slides", "/page/1.png", "/events"])
def test_requests_without_the_token_are_refused(running, path):
    _, server = running
    assert get(server, path, token=False)[0] == 403
    assert get(server, path + "?t=wrong", token=False)[0] == 403


@pytest.mark.parametrize("host", ["evil.example:80", "attacker.test", "127.0.0.1:1", "localhost.evil.test:{port}"])
def test_foreign_host_headers_are_refused(running, host):
    _, server = running
    assert get(server, "/state", host=host.format(port=server.server_address[1]))[0] == 403


def test_serves_its_own_results_and_nothing_else(running):
    session, server = running
    status, headers, body = get(server, "/")
    assert status == 200 and b"Web page" in body and server.token.encode() in body
    assert headers["Cache-Control"] == "no-store"
    status, headers, body = get(server, "/web")
    assert status == 200 and body == session.views.web and "default-src 'none'" in headers["Content-Security-Policy"]
    status, _, body = get(server, "/page/1.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    assert get(server, f"/page/{len(session.views.pages) + 1}.png")[0] == 404
    for path in ("/index.md", "/../", "/sources/", "/font/../../pyproject.toml", "/font/evil.ttf", "/output/"):
        assert get(server, path)[0] == 404, path
    assert get(server, "/font/LiberationSans-Regular.ttf")[0] == 200


def test_state_lists_sections_with_their_page_and_slide(running):
    session, server = running
    state = json.loads(get(server, "/state")[2])
    assert state["error"] is None and state["pages"] == len(session.views.pages) >= 2
    titles = [s["title"] for s in state["sections"]]
    assert titles[0] == "The Gut Microbiome and Its Role in Immune Regulation" and len(titles) == 4
    assert [s["page"] for s in state["sections"]] == sorted(s["page"] for s in state["sections"])
    assert all(s["slide"] > 2 for s in state["sections"])
    assert state["sections"][-1]["page"] >= 2


def test_event_stream_sends_the_state_when_a_build_changes_it(running):
    session, server = running
    port = server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", f"/events?t={server.token}", headers={"Host": f"localhost:{port}"})
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
    first = json.loads(response.fp.readline().decode().removeprefix("data: "))
    response.fp.readline()
    threading.Thread(target=lambda: (time.sleep(0.2), session.rebuild()), daemon=True).start()
    second = json.loads(response.fp.readline().decode().removeprefix("data: "))
    assert second["version"] > first["version"]
    conn.close()


def test_a_second_preview_of_the_same_source_points_to_the_first(preview):
    import subprocess
    import sys

    source, url = preview
    second = subprocess.run([sys.executable, "-m", "medprint.cli", "preview", "--no-browser"], cwd=source.parents[2],
                            capture_output=True, text=True, timeout=60, check=False)
    assert second.returncode == 0, second.stderr
    assert f"is already being previewed at {url}" in second.stdout
