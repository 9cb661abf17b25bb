"""Run the validators auditors use (veraPDF, axe-core in Chromium, openxml-audit) and read their verdicts.

They are installed by ``scripts/validators/install.sh`` into the user cache (``make test`` does it; a test
run installs what is missing the same way).  Each runner batches: one Java run for every PDF and profile,
one browser run for every page and viewport, so the suite pays the start-up costs once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts" / "validators"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "medprint-validators"


def missing_requirement(tool: str) -> str | None:
    """Why ``tool`` cannot run on this machine at all (then its tests skip), else None."""
    if tool == "verapdf" and not (shutil.which("java") and shutil.which("javac")):
        return "veraPDF needs Java 17+ with javac (Debian: default-jdk-headless); not installed here"
    if tool == "axe" and not (os.access(CHROMIUM, os.X_OK) and shutil.which("node")):
        return f"axe-core needs Chromium at {CHROMIUM} and node (Debian: chromium, nodejs); not installed here"
    return None


def install(tool: str) -> None:
    """Install ``tool`` into the cache if it is not there (a no-op when it is); fail with the installer's reason."""
    proc = subprocess.run(["bash", str(SCRIPTS / "install.sh"), tool], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"could not install {tool}: {(proc.stdout + proc.stderr).strip()[-600:]}")


# ---------------------------------------------------------------- veraPDF


@dataclass
class PdfVerdict:
    file: str
    profile: str
    compliant: bool
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{Path(self.file).name} [{self.profile}]: {'compliant' if self.compliant else 'NOT compliant'}"
        return "\n    ".join([head, *self.failures])


def verapdf(jobs: list[tuple[str, Path]], reports: Path) -> list[PdfVerdict]:
    """Validate each (profile, pdf) with veraPDF in one Java run; profiles: ua1, 2u, 3u, 2b..."""
    install("verapdf")
    classpath = (cache() / "verapdf-batch" / "classpath").read_text().strip()
    args = [f"{profile}={pdf}" for profile, pdf in jobs]
    proc = subprocess.run(["java", "-Xss8m", "-cp", classpath, "VeraPdfBatch", str(reports), *args],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode not in (0,):
        raise RuntimeError(f"veraPDF could not process the files (exit {proc.returncode}): {proc.stderr[-800:]}")
    verdicts = []
    for profile in dict.fromkeys(p for p, _ in jobs):
        root = ET.parse(reports / f"{profile}.xml").getroot()
        for job in root.iter("job"):
            name = job.findtext("item/name") or ""
            report = job.find("validationReport")
            if report is None:
                verdicts.append(PdfVerdict(name, profile, False, ["no validation report (processing error)"]))
                continue
            failures = []
            for rule in report.iter("rule"):
                if rule.get("status") != "failed":
                    continue
                messages = sorted({" ".join((c.findtext("errorMessage") or "").split()) for c in rule.iter("check")})
                failures.append(f"{rule.get('specification')} {rule.get('clause')}-{rule.get('testNumber')} "
                                f"x{rule.get('failedChecks')}: {' '.join((rule.findtext('description') or '').split())}"
                                + (f" (e.g. {messages[0][:200]})" if messages else ""))
            verdicts.append(PdfVerdict(name, profile, report.get("isCompliant") == "true", failures))
    return verdicts


# ---------------------------------------------------------------- axe-core


def axe(pages: list[Path], viewports: tuple[str, ...], shots: Path | None = None) -> dict:
    """axe-core results for every page at every viewport (one Chromium run); see axe_pages.cjs."""
    install("axe")
    env = dict(os.environ, AXE_NODE_MODULES=str(cache() / "axe-pages" / "node_modules"), CHROMIUM=CHROMIUM)
    cmd = ["node", str(SCRIPTS / "axe_pages.cjs"), "--viewports", ",".join(viewports)]
    if shots is not None:
        cmd += ["--shots", str(shots)]
    proc = subprocess.run(cmd + [str(p) for p in pages], capture_output=True, text=True, timeout=900, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"axe run failed (exit {proc.returncode}): {proc.stderr[-800:]}")
    return json.loads(proc.stdout)


# ---------------------------------------------------------------- openxml-audit


def openxml_audit(decks: list[Path]) -> list[dict]:
    """openxml-audit's JSON verdict for each deck (strict policy, Microsoft 365, package security checks)."""
    install("ooxml")
    exe = cache() / "openxml-audit-venv" / "bin" / "openxml-audit"
    out = []
    for deck in decks:
        proc = subprocess.run([str(exe), "-m", "0", "-f", "microsoft365", "--policy", "strict", "--ooxml-security",
                               "-o", "json", str(deck)], capture_output=True, text=True, timeout=600)
        try:
            out.extend(json.loads(proc.stdout))
        except json.JSONDecodeError:
            raise RuntimeError(f"openxml-audit gave no JSON for {deck} (exit {proc.returncode}): "
                               f"{(proc.stdout + proc.stderr)[-600:]}") from None
    return out
