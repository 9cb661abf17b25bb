"""Save-to-visible-update time of ``medprint preview`` on the sample.

Run by hand from the repository root::

    python bench/preview.py [--saves 5]

Starts the real ``medprint preview --no-browser`` on a scratch copy of the sample, follows its event stream
(what the page listens to), and for each save (a changed heading) prints how long until the server announced
the web page and slides (first update) and the handout pages (full update), then the medians.  The page
itself fetches the new views within milliseconds of the announcement on loopback.  Not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"
HEADING = "# The Gut Microbiome and Its Role in Immune Regulation"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(SAMPLE, project / "sources" / SAMPLE.name)
        source = project / "sources" / SAMPLE.name / "index.md"
        original = source.read_text()
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "MEDPRINT_CACHE_DIR": str(project / "cache"),
               "MEDPRINT_STYLES": str(ROOT / "styles"), "PYTHONPATH": str(ROOT / "src")}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "medprint.cli", "preview", "--no-browser"], cwd=project,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        try:
            url = proc.stdout.readline().split(": ", 1)[1].strip()
            print(f"first build and server up: {time.perf_counter() - started:.2f} s")
            parts = urlsplit(url)
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            conn.request("GET", f"/events?{parts.query}", headers={"Host": parts.netloc})
            response = conn.getresponse()  # kept: the stream closes with it
            stream = response.fp

            def next_state() -> dict:
                while True:
                    line = stream.readline().decode()
                    if line.startswith("data: "):
                        return json.loads(line[6:])

            next_state()
            first, full = [], []
            for n in range(args.saves):
                title = f"Gut Microbes and Immunity, Save {n + 1}"
                source.write_text(original.replace(HEADING, f"# {title}"))
                saved = time.perf_counter()
                seen_first = None
                while True:
                    state = next_state()
                    if title not in [s["title"] for s in state["sections"]]:
                        continue
                    if seen_first is None:
                        seen_first = time.perf_counter() - saved
                    if state["handout_build"] == state["build"]:
                        first.append(seen_first)
                        full.append(time.perf_counter() - saved)
                        break
                print(f"save {n + 1}: web page and slides {first[-1]:.2f} s, handout pages {full[-1]:.2f} s")
                time.sleep(0.3)
            print(f"median over {args.saves} saves: web page and slides {statistics.median(first):.2f} s, "
                  f"all three views {statistics.median(full):.2f} s (goal: under 0.5 s)")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
