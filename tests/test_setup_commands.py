"""The README's two set-up commands on a system Python that refuses ``pip install`` (PEP 668).

A fresh copy of the repository runs ``make sample`` and ``make test`` with ``PYTHON`` set to an externally
managed interpreter: Debian's own ``/usr/bin/python3`` when this machine has one (its stdlib holds the
``EXTERNALLY-MANAGED`` marker), else a stand-in that refuses ``pip install`` outside a virtual environment as
PEP 668 pip does.  Both commands must succeed by installing into the project's ``.venv`` only.

Offline: the Makefile's knobs ``PIP_FLAGS="--no-index --no-build-isolation"`` and a ``PYTHONPATH`` holding this
interpreter's site-packages let pip find every dependency already installed instead of downloading it;
``SYSTEM_DEPS=skip`` and ``VALIDATORS=skip`` leave apt and the validator downloads out (the CI run of the real
commands covers them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEBIAN_PYTHON = Path("/usr/bin/python3")
OFFLINE = ["SYSTEM_DEPS=skip", "VALIDATORS=skip", "PIP_FLAGS=--no-index --no-build-isolation"]

pytestmark = pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None,
                                reason="make and git are needed to run the README's commands")


def _externally_managed(python: Path) -> bool:
    """True when ``python`` is a real PEP 668 interpreter of our minor version (so our wheels load in it)."""
    if not python.exists():
        return False
    probe = ("import sys, sysconfig, pathlib; print(sys.version_info[:2] == (%d, %d) and sys.prefix == "
             "sys.base_prefix and (pathlib.Path(sysconfig.get_path('stdlib')) / 'EXTERNALLY-MANAGED').exists())"
             % sys.version_info[:2])
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    return out.stdout.strip() == "True"


def _stand_in(tmp_path: Path) -> Path:
    """A ``python3`` that behaves as PEP 668 says a managed system Python does: pip refuses outside a venv."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    script = tmp_path / "system-bin" / "python3"
    script.parent.mkdir()
    script.write_text(f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
  echo "error: externally-managed-environment (this stand-in follows PEP 668)" >&2; exit 1
fi
exec "{base}" "$@"
""")
    script.chmod(0o755)
    return script


@pytest.fixture(scope="module", params=["debian", "stand-in"])
def system_python(request, tmp_path_factory) -> Path:
    if request.param == "debian":
        if not _externally_managed(DEBIAN_PYTHON):
            pytest.skip("no Debian system Python with the EXTERNALLY-MANAGED marker here (the stand-in runs)")
        return DEBIAN_PYTHON
    return _stand_in(tmp_path_factory.mktemp("pep668"))


@pytest.fixture(scope="module")
def fresh_copy(system_python, tmp_path_factory) -> Path:
    """The tracked files of the repository, as a clone has them (no .venv, no outputs)."""
    dest = tmp_path_factory.mktemp("clone") / "medprint"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def _make(target: str, copy: Path, python: Path, *extra: str) -> subprocess.CompletedProcess:
    sites = [p for p in sys.path if p.endswith("site-packages")] + [sysconfig.get_path("purelib")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(sites)), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(["make", target, f"PYTHON={python}", *OFFLINE, *extra], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_system_python_refuses_pip_install(system_python, tmp_path):
    proc = subprocess.run([str(system_python), "-m", "pip", "install", "--no-index", "--dry-run", "hatchling"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode != 0 and "externally-managed-environment" in proc.stderr


def test_make_sample_installs_into_the_project_venv_and_builds(system_python, fresh_copy):
    proc = _make("sample", fresh_copy, system_python)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    for suffix in ("pdf", "pptx", "html"):
        assert (fresh_copy / "output" / f"gut-microbiome-immunotherapy.{suffix}").stat().st_size > 1000
    medprint = fresh_copy / ".venv" / "bin" / "medprint"
    assert medprint.exists()
    assert "source .venv/bin/activate" in proc.stdout  # how to run it in the next terminal
    version = subprocess.run([str(medprint), "--version"], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": _make_path()})
    assert version.returncode == 0 and "medprint" in version.stdout


def _make_path() -> str:
    return os.pathsep.join(p for p in sys.path if p.endswith("site-packages"))


def test_make_test_runs_the_suite_from_the_project_venv(system_python, fresh_copy):
    proc = _make("test", fresh_copy, system_python, "PYTEST_ARGS=tests/test_paths.py -p no:cacheprovider")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert " passed" in proc.stdout
    assert (fresh_copy / ".venv" / "bin" / "pytest").exists() or "pytest" in proc.stdout
