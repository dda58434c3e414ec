"""The one-way flow of the package (README, Layout), checked by import-linter's
contracts in pyproject.toml: store <- ingest/metrics <- forecasting <- exports <- web <-
app/cli; pages other than Data never reach the loader or the writers; the runtime
package never needs the development tools."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

LINT = Path(sys.executable).parent / "lint-imports"


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_layers_hold():
    done = lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def copy_of_the_code(tmp_path: Path) -> Path:
    for name in ("dashboard", "beschut_dev"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


def test_a_page_that_imports_the_loader_fails(tmp_path):
    root = copy_of_the_code(tmp_path)
    page = root / "dashboard" / "web" / "views" / "taakstelling.py"
    page.write_text(page.read_text() + "\nfrom dashboard.ingest import loader  # noqa\n")
    done = lint(root)
    assert done.returncode != 0
    assert "Pages only draw" in done.stdout and "BROKEN" in done.stdout


def test_a_lower_layer_that_imports_a_higher_one_fails(tmp_path):
    root = copy_of_the_code(tmp_path)
    store = root / "dashboard" / "store" / "db.py"
    store.write_text(store.read_text() + "\nfrom dashboard.web import ui  # noqa\n")
    done = lint(root)
    assert done.returncode != 0
    assert "dashboard.store is not allowed to import dashboard.web" in done.stdout
    assert "dashboard.store.db -> dashboard.web.ui" in done.stdout
