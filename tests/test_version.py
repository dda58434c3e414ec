"""One version number, from the package metadata, in every place a figure leaves from:
the app's sidebar, `beschut --version`, the import log (`beschut history`) and the
briefing's verantwoording."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import version

import duckdb
import pytest
from conftest import REPO, SAMPLE, start_app
from test_briefing import pdf_text

import dashboard
from dashboard.cli import main
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store.db import connect

VERSION = version("beschut-dashboard")


def test_the_version_comes_from_the_package_metadata():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert dashboard.__version__ == VERSION == declared


def test_a_checkout_without_metadata_still_imports_with_a_marked_version():
    script = (
        "import importlib.metadata as m\n"
        "def missing(name):\n"
        "    raise m.PackageNotFoundError(name)\n"
        "m.version = missing\n"
        "import dashboard\n"
        "print(dashboard.__version__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "0.0.0+onbekend"


def test_beschut_version_prints_it(capsys):
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.strip() == f"beschut-dashboard {VERSION}"


def test_the_sidebar_footer_shows_it(sample_db, monkeypatch):
    at = start_app(monkeypatch, sample_db)
    captions = [c.value for c in at.sidebar.caption]
    assert captions[-1] == f"beschut-dashboard versie {VERSION} · licentie EUPL-1.2"


def test_every_import_logs_it_and_history_shows_it(db_path, capsys):
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    con = connect(db_path)
    try:
        logged = con.execute("SELECT dashboard_versie FROM import_log").fetchall()
    finally:
        con.close()
    assert logged == [(VERSION,)]
    assert main(["history", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Dashboard" in out.splitlines()[0]
    assert out.splitlines()[2].rstrip().endswith(VERSION)


def test_an_older_file_gets_the_column_and_its_old_imports_show_unknown(db_path, capsys):
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    # As a file written before the version was logged: no column, an older schema.
    con = duckdb.connect(str(db_path))
    con.execute("ALTER TABLE import_log DROP COLUMN dashboard_versie")
    con.execute("UPDATE schema_versie SET hash = 'ouder'")
    con.close()

    assert main(["history", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.splitlines()[2].rstrip().endswith("onbekend")
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    con = connect(db_path)
    try:
        logged = con.execute(
            "SELECT import_id, dashboard_versie FROM import_log ORDER BY import_id"
        ).fetchall()
    finally:
        con.close()
    assert logged == [(1, None), (2, VERSION)]


def test_the_briefing_states_it_in_the_verantwoording(sample_db, tmp_path):
    pdf = tmp_path / "briefing.pdf"
    arguments = ["--jaar", "2025", "--gemeente", "GM0935", "--out", str(pdf)]
    assert main(["briefing", "--db", str(sample_db), *arguments]) == 0
    text = pdf_text(pdf)
    verantwoording = text[text.index("Verantwoording") :]
    assert f"Gemaakt met beschut-dashboard versie {VERSION}." in verantwoording
