"""``medprint preview [SOURCE]``: the web page, the handout pages and the slides side by side, updated on save.

Serves on 127.0.0.1 (a free port unless ``--port``) with a random token in the URL, opens the browser unless
``--no-browser``, and rebuilds on every save with the watch machinery.  Nothing is written to ``output/`` unless
``--write`` is given.  A second ``preview`` of the same source finds the first (through a small record in the
user cache) and points to it instead of starting another.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import click


def _record_path(source: Path) -> Path:
    from ..user_cache import cache_root

    digest = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:24]
    return cache_root() / "preview" / f"{digest}.json"


def running_preview(source: Path) -> str | None:
    """The URL of a preview of ``source`` that is still answering, else None."""
    import urllib.request

    record = _record_path(source)
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        os.kill(int(data["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        state_url = data["url"].replace("/?t=", "/state?t=")
        with urllib.request.urlopen(state_url, timeout=2) as response:  # noqa: S310 - our own loopback server
            if response.status == 200:
                return data["url"]
    except (OSError, ValueError):
        return None
    return None


@click.command(help="Preview SOURCE's web page, handout pages and slides in the browser, live on every save.")
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@click.option("--write", is_flag=True, help="Also write the outputs to --output on every good build.")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder for --write.")
def command(source: Path | None, port: int, no_browser: bool, write: bool, out_dir: Path) -> None:
    from .. import api
    from ..errors import UsageError
    from ..preview.server import serve
    from ..preview.session import Session

    found = api.discover_sources([source] if source else None)
    if len(found) != 1:
        raise UsageError("usage.preview", f"preview takes one source; {len(found)} found",
                         hint="name the source: medprint preview sources/NAME")
    path = found[0]
    already = running_preview(path)
    if already:
        click.echo(f"medprint preview: {path} is already being previewed at {already}")
        if not no_browser:
            _open(already)
        return
    from .stopping import stop_on_termination

    stop_on_termination()  # a terminated preview cleans up as one stopped with Ctrl+C does
    session = Session(path, write_to=out_dir if write else None)
    stop = threading.Event()

    def report(good: bool, seconds: float) -> None:
        if good:
            click.echo(f"{path}: updated in {seconds:.2f} s", err=True)
        else:
            for line in session.error.lines if session.error else []:
                click.echo(line, err=True)

    # watching starts before the first build, so a save made while it runs (or right after) is never missed
    watcher = threading.Thread(target=session.watch, args=(stop, report), name="medprint-preview-watch", daemon=True)
    watcher.start()
    ok = session.rebuild()
    server = serve(session, port)
    record = _record_path(path)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({"pid": os.getpid(), "url": server.url, "source": str(path.resolve())}))
    click.echo(f"medprint preview: {server.url}")
    click.echo(f"{path}: {'built' if ok else 'FAILED'} in {session.timings.get('all', 0):.2f} s; "
               "watching for changes (Ctrl+C stops)", err=True)
    if not no_browser:
        _open(server.url)
    try:
        while watcher.is_alive():
            watcher.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        try:
            record.unlink()
        except OSError:
            pass


def _open(url: str) -> None:
    import webbrowser

    webbrowser.open(url)
