"""A hostile source builds a PDF that fetched nothing, read nothing outside its folder and ran nothing."""

from __future__ import annotations

import http.server
import io
import re
import sys
import threading
from pathlib import Path

import pdfplumber
import pytest
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent / "handout"))
import handout_docs as docs  # noqa: E402

from medprint import report  # noqa: E402
from medprint.errors import SourceError  # noqa: E402
from medprint.model import Document, Figure, Image, Link, Paragraph, RawBlock, RenderedCitations, Text  # noqa: E402
from medprint.paths import styles_dir  # noqa: E402
from medprint.writers.html import render_html  # noqa: E402
from medprint.writers.pdf import render_pdf  # noqa: E402
from medprint.writers.pdf_fetcher import RefusedURL, SafeURLFetcher  # noqa: E402

PASSWD = Path("/etc/passwd")


@pytest.fixture
def server():
    """A local HTTP server that counts every request it receives."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _passwd_markers() -> list[str]:
    if not PASSWD.is_file():
        return ["root:x:0:0"]
    return [line.split(":", 1)[0] + ":x:" for line in PASSWD.read_text().splitlines()[:3] if ":" in line]


def test_hostile_source_fetches_nothing_and_prints_literally(server, tmp_path):
    base, hits = server
    (tmp_path / "evil.css").write_text(
        f"@import url({base}/import.css);\n@import '{base}/import2.css';\n"
        f"body {{ background: url({base}/bg.png); }}\n"
        f"@font-face {{ font-family: Evil; src: url({base}/font.ttf); }}\n"
        "h1 { background-image: url(file:///etc/passwd); }\n"
        "p::after { content: url(../../../../etc/passwd); }\n")
    (tmp_path / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'
        f'<image href="{base}/svg.png" width="10" height="10"/>'
        '<image xlink:href="file:///etc/passwd" width="10" height="10"/><rect width="40" height="20" fill="#888"/>'
        "</svg>")
    blocks = (
        Paragraph((Text('<script>alert("x")</script> <img src="file:///etc/passwd"> {{ 7*7 }} '),
                   Link(f"{base}/clicked", (Text("a link is not a fetch"),)))),
        RawBlock(f'<img src="file:///etc/passwd"><link rel="stylesheet" href="{base}/raw.css">'
                 f'<iframe src="{base}/frame"></iframe><script src="{base}/x.js"></script>'),
        Figure(Image("chart.svg", "A grey bar"), (Text("Chart"),)),
    )
    meta = docs.sample_meta(url=f"{base}/online", handout=(("css", "evil.css"),))
    doc = Document(meta, blocks, str(tmp_path / "evil.md"), "evil")
    with report.collecting() as warnings:
        pdf = render_pdf(doc, RenderedCitations({}), styles=styles_dir())
        page = render_html(doc, RenderedCitations({}), styles=styles_dir())
    assert hits == []
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        text = "\n".join(pg.extract_text() or "" for pg in p.pages)
    assert '<script>alert("x")</script> <img src="file:///etc/passwd"> {{ 7*7 }}' in text.replace("\n", " ")
    assert not re.search(r"(?<!\d)49(?!\d)", text)  # the template did not evaluate {{ 7*7 }} (the port may hold 49)
    for marker in _passwd_markers():
        assert marker not in text
        assert marker.encode() not in pdf
    tree = lxml_html.fromstring(page)
    assert all(v.startswith("data:") for v in tree.xpath("//img/@src | //script/@src | //link/@href | //iframe/@src"))
    style = "".join(tree.xpath("//style/text()"))
    assert "@import" not in style and base not in style and "passwd" not in style
    codes = {w.code for w in warnings}
    assert {"handout.css", "handout.raw-html", "handout.fetch-refused"} <= codes


def test_hostile_template_cannot_reach_the_network_from_the_pdf(server, tmp_path):
    base, hits = server
    (tmp_path / "t.html").write_text(
        f'<html lang="{{{{ lang }}}}"><head><title>{{{{ title }}}}</title>'
        f'<link rel="stylesheet" href="{base}/t.css"><style>@import url({base}/t2.css);</style></head>'
        f'<body><img src="{base}/t.png" alt="x"><img src="file:///etc/passwd" alt="y">{{{{ lead }}}}</body></html>')
    doc = Document(docs.sample_meta(handout=(("template", "t.html"),)), (Paragraph((Text("Hello"),)),),
                   str(tmp_path / "d.md"), "d")
    with report.collecting():
        pdf = render_pdf(doc, RenderedCitations({}), styles=styles_dir())
    assert hits == []
    for marker in _passwd_markers():
        assert marker.encode() not in pdf


def test_fetcher_refuses_every_network_scheme_and_foreign_file(server, tmp_path):
    base, hits = server
    inside = tmp_path / "src"
    inside.mkdir()
    (inside / "ok.css").write_text("p { color: black }")
    (tmp_path / "secret.txt").write_text("secret")
    (inside / "link.css").symlink_to(tmp_path / "secret.txt")
    fetcher = SafeURLFetcher([inside])
    for url in (f"{base}/a.css", base.replace("http", "https") + "/b", "ftp://127.0.0.1/x", "gopher://x/",
                "file:///etc/passwd", (tmp_path / "secret.txt").as_uri(), (inside / "link.css").as_uri(),
                (inside / ".." / "secret.txt").as_uri(), "file://example.org/etc/passwd", "javascript:alert(1)"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert hits == []
    assert fetcher.fetch((inside / "ok.css").as_uri()).read() == b"p { color: black }"
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def _real(path):
    from medprint.citations import render_citations
    from medprint.readers.source import read_source

    doc = read_source(path)
    return doc, render_citations(doc)


def test_hostile_markdown_through_the_real_reader(server, tmp_path):
    """The issue's acceptance case end to end: reader, citation engine, PDF and web page."""
    base, hits = server
    (tmp_path / "evil.css").write_text(f"@import url({base}/x.css);\nbody {{ background: url({base}/bg.png) }}\n")
    (tmp_path / "evil.md").write_text(
        "---\ntitle: \"Evil {{ 7*7 }}\"\nhandout:\n  css: evil.css\n---\n\n"
        'Intro <script>alert("x")</script> and <img src="file:///etc/passwd"> and {{ 7*7 }}.\n\n'
        '<div><img src="file:///etc/passwd"><script>alert(2)</script></div>\n\n'
        f"# Heading\n\nSee [a link]({base}/page).\n")
    with report.collecting():
        doc, cits = _real(tmp_path / "evil.md")
        pdf = render_pdf(doc, cits, styles=styles_dir())
        page = render_html(doc, cits, styles=styles_dir())
    assert hits == []
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        text = " ".join(pg.extract_text() or "" for pg in p.pages)
    assert "{{ 7*7 }}" in text and "49" not in text and "alert(2)" not in text
    for marker in _passwd_markers():
        assert marker.encode() not in pdf and marker not in page
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script") and "{{ 7*7 }}" in tree.text_content()


def test_an_image_url_is_a_located_error_not_a_request(server, tmp_path):
    base, hits = server
    (tmp_path / "img.md").write_text(f"---\ntitle: Image\n---\n\n# One\n\n![chart]({base}/chart.png)\n")
    with report.collecting():
        doc, cits = _real(tmp_path / "img.md")
        with pytest.raises(SourceError) as err:
            render_pdf(doc, cits, styles=styles_dir())
    assert err.value.code == "path.url" and err.value.location.line == 7
    assert hits == []
