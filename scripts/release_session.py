"""A three-release session as a foundation user sees it, in a throw-away folder.

    PYTHONPATH=src python scripts/release_session.py [--keep]

Makes a small library of three handouts (from the repository's sample document and its references), then runs
the real ``medprint`` command line in that folder: releases 1.0, 1.1 (one handout edited and its version bumped),
1.2 (a text edited without a version bump: refused, then made with --allow-same-version), a release refused
because one handout has a citation typo (nothing written), a dry run, the verification of release 1.0 after the
sources moved on, and a tampered release.  Prints each command and what it printed (stdout and stderr, as in a
terminal log: progress comes as one line per document because the output is not a terminal).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sources" / "gut-microbiome-immunotherapy"

HANDOUTS = {
    "microbiome-basics": ("The Gut Microbiome and Immunotherapy: The Basics",
                          "Your gut holds trillions of microbes that help shape how your immune system responds "
                          "to cancer treatment [@jci2020]."),
    "fmt-explained": ("Fecal Microbiota Transplant: What Patients Ask",
                      "Fecal microbiota transplant moves gut microbes from a healthy donor to a patient "
                      "[@mcquade2020]."),
    "diet-and-treatment": ("Diet, Microbes and Your Treatment",
                           "What you eat changes your gut microbes, and researchers are studying whether it "
                           "changes how well immunotherapy works [@najmi2022]."),
}


def handout(title: str, lead: str) -> str:
    return f"""---
title: "{title}"
organization: The MedReport Foundation
version: "1.0"
lang: en-US
bibliography: references.json
csl: apa
review:
  statement: Assessed by the MedReport Medical Review Board
  reviewed: 2025-11-03
  next-review: 2027-11-03
---

{lead}

# What the research shows

Studies in people treated with checkpoint inhibitors found that the mix of gut microbes differed between
those who responded and those who did not [@frontonc2023].

# What this means for you

Ask your care team before changing your diet, taking probiotics or antibiotics during treatment.
"""


def make_library(root: Path) -> None:
    for name, (title, lead) in HANDOUTS.items():
        folder = root / "sources" / name
        folder.mkdir(parents=True)
        shutil.copyfile(SAMPLE / "references.json", folder / "references.json")
        (folder / "index.md").write_text(handout(title, lead), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(root: Path, *args: str) -> int:
    print(f"$ medprint {' '.join(args)}")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "medprint.cli", *args], cwd=root, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    print(proc.stdout.rstrip())
    print(f"[exit {proc.returncode}]\n")
    return proc.returncode


def say(text: str) -> None:
    print(f"# {text}")


def main() -> int:
    keep = "--keep" in sys.argv
    root = Path(tempfile.mkdtemp(prefix="medprint-release-session-"))
    try:
        make_library(root)
        src = root / "sources"
        say("Three handouts, first release.")
        run(root, "release", "1.0", "--jobs", "2")

        say("One handout is edited and its version: bumped to 1.1. What would the next release hold?")
        edit(src / "fmt-explained" / "index.md", "moves gut microbes", "transfers gut microbes")
        edit(src / "fmt-explained" / "index.md", 'version: "1.0"', 'version: "1.1"')
        run(root, "release", "1.1", "--dry-run", "--jobs", "2")
        run(root, "release", "1.1", "--jobs", "2")

        say("Another handout's text changes, but its version: stays 1.0.")
        edit(src / "diet-and-treatment" / "index.md", "What you eat", "What you eat and drink")
        run(root, "release", "1.2", "--jobs", "2")
        say("The author confirms the change is editorial and the printed version may stay.")
        run(root, "release", "1.2", "--allow-same-version", "--jobs", "2")

        say("A citation typo in one handout refuses the whole release; nothing is written, 1.3 stays free.")
        edit(src / "microbiome-basics" / "index.md", "[@jci2020]", "[@jci2002]")
        edit(src / "microbiome-basics" / "index.md", 'version: "1.0"', 'version: "1.1"')
        run(root, "release", "1.3", "--jobs", "2")
        print("$ ls output/releases")
        print("\n".join(sorted(p.name for p in (root / "output" / "releases").iterdir())) + "\n")

        say("Release 1.0 still verifies although its sources have changed since: it carries its inputs.")
        run(root, "release", "--verify", "1.0", "--jobs", "2")

        say("Someone edits a released web page by hand.")
        page = root / "output" / "releases" / "1.1" / "fmt-explained.html"
        page.write_text(page.read_text(encoding="utf-8").replace("transfers", "moves"), encoding="utf-8")
        run(root, "release", "--verify", "1.1", "--jobs", "2")

        print("$ sed -n 1,16p output/releases/1.2/SUMMARY.md")
        summary = (root / "output" / "releases" / "1.2" / "SUMMARY.md").read_text(encoding="utf-8")
        print("\n".join(summary.splitlines()[:16]))
    finally:
        if keep:
            print(f"\n(kept in {root})")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
