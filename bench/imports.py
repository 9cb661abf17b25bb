"""What each medprint command imports, and what that costs: ``python -X importtime`` on the real command.

Run from the repository root::

    python bench/imports.py [--write]

Each command runs in a fresh process on a copy of the sample, held to one core so that a PDF build lays out
its handout in the same process (on two or more cores it forks a child for that, whose imports would mix with
the parent's).  For each command it prints the total import time, the number of modules and the top-level
packages by cumulative import time; ``--write`` also keeps the list in ``bench/imports.md``.  Import times
vary from run to run by 10-20 %; which packages a command imports does not (``tests/test_startup_imports.py``
holds each command to its list).  Not a test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sources" / "gut-microbiome-immunotherapy"
COMMANDS = ["--version", "--help", "check sources/sample", "build --force --to pdf sources/sample",
            "build --force --to pptx sources/sample", "build --force --to html sources/sample",
            "build --force sources/sample"]
LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| *(\S+)")


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def measure(command: str, project: Path) -> tuple[float, int, list[tuple[str, float]]]:
    """(total ms, modules, [(package, ms spent in its own modules)] by cost) of one command's imports."""
    env = {**os.environ, "MEDPRINT_CACHE_DIR": str(project / "cache"), "PYTHONWARNINGS": "ignore"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "medprint", *command.split()], cwd=project,
                          env=env, capture_output=True, text=True, preexec_fn=one_core)
    total, modules, packages = 0, 0, {}
    for match in LINE.finditer(done.stderr):
        own, name = int(match[1]), match[2]
        total += own
        modules += 1
        top = name.split(".")[0]
        packages[top] = packages.get(top, 0) + own
    ranked = sorted(((name, us / 1000) for name, us in packages.items()), key=lambda item: -item[1])
    return total / 1000, modules, ranked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="also write bench/imports.md")
    parser.add_argument("--top", type=int, default=12, help="packages listed per command")
    args = parser.parse_args()
    import compileall

    compileall.compile_dir(str(ROOT / "src" / "medprint"), quiet=1)  # as `make install` leaves it
    lines = ["# Imports per command", "",
             "`python bench/imports.py --write` (one core, sample, empty user cache); times are milliseconds of",
             "`python -X importtime`, summed per package over its own modules (a package's imports of others count for",
             "those), the costliest first.", ""]
    with tempfile.TemporaryDirectory(prefix="medprint-imports-") as tmp:
        project = Path(tmp)
        shutil.copytree(SAMPLE, project / "sources" / "sample")
        for command in COMMANDS:
            total, modules, ranked = measure(command, project)
            shown = ", ".join(f"{name} {ms:.0f}" for name, ms in ranked[: args.top])
            lines += [f"## `medprint {command.replace(' sources/sample', '')}`", "",
                      f"{modules} modules, {total:.0f} ms of imports: {shown}", ""]
    text = "\n".join(lines)
    print(text)
    if args.write:
        (ROOT / "bench" / "imports.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
