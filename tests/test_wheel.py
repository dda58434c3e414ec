"""The package as a wheel: installed without the checkout, it loads and reports.

The SQL and the reference tables travel inside the package (importlib.resources), so a
`pip install` of the wheel works without the repository beside it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import REPO, SAMPLE


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_wheel_works_in_a_fresh_venv_without_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--wheel-dir", wheels, REPO, cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = wheels.glob("beschut_dashboard-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dashboard/sql/macros.sql" in names
    assert "dashboard/sql/laden/plaatsingen.sql" in names
    assert "dashboard/reference/gemeenten.csv" in names
    assert "dashboard/web/dutch.js" in names  # the app's Dutch for Streamlit's own labels
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)  # the EUPL-1.2

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    # The dependencies come from the test's own environment, as plain paths: the
    # editable install of the checkout there is a .pth hook that a path entry does not
    # run, so `dashboard` can only come from the wheel.
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                     cwd=tmp_path).strip())  # fmt: skip
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel,
         cwd=tmp_path)  # fmt: skip
    where = _run(python, "-c", "import dashboard; print(dashboard.__file__)", cwd=tmp_path)
    assert str(site) in where and str(REPO) not in where

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    beschut = venv / "bin" / "beschut"
    db = tmp_path / "beschut.duckdb"
    _run(beschut, "load", SAMPLE, "--db", db, cwd=tmp_path, env=env)
    report = [beschut, "report", "--db", db, "--jaar", "2024", "--format", "json"]
    rows = json.loads(_run(*report, cwd=tmp_path, env=env))
    assert {row["gemeente"] for row in rows} == {"GM0935", "GM0938", "GM1903"}
    assert all(row["realisatie_ultimo"] is not None for row in rows)
