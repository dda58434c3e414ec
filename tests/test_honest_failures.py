"""Each way the database can fail gets its own true Dutch message (issue 12): a corrupt
or foreign file, a file held by another program, a full disk; a read never writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLE, file_digest

from dashboard.cli import main
from dashboard.ingest import loader

REPORT = ["report", "--jaar", "2024", "--db"]


def foreign_file(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE klanten (id INTEGER, naam VARCHAR)")
    con.execute("INSERT INTO klanten VALUES (1, 'Jansen')")
    con.close()
    return path


def tables(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(
            name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        )
    finally:
        con.close()


def test_report_on_another_programs_duckdb_file_writes_nothing(tmp_path, capsys):
    path = foreign_file(tmp_path / "crm.duckdb")
    before = file_digest(path)
    assert main([*REPORT, str(path)]) == 1
    assert "geen database van dit dashboard" in capsys.readouterr().err
    assert tables(path) == ["klanten"] and file_digest(path) == before


def test_load_into_another_programs_file_is_refused(tmp_path, capsys):
    path = foreign_file(tmp_path / "crm.duckdb")
    assert main(["load", str(SAMPLE), "--db", str(path)]) == 1
    assert "geen database van dit dashboard" in capsys.readouterr().err
    assert tables(path) == ["klanten"]


@pytest.mark.parametrize("content", [b"hallo", os.urandom(20_000), b"DUCK" * 5000])
def test_a_corrupt_file_is_called_corrupt(tmp_path, capsys, content):
    path = tmp_path / "kapot.duckdb"
    path.write_bytes(content)
    assert main([*REPORT, str(path)]) == 1
    error = capsys.readouterr().err
    assert "beschadigd of is geen DuckDB-bestand" in error and "Traceback" not in error
    assert path.read_bytes() == content


def test_a_file_held_by_another_process_is_called_in_use(tmp_path, sample_db, capsys):
    path = tmp_path / "open.duckdb"
    shutil.copy(sample_db, path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
         "print('open', flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        assert main([*REPORT, str(path)]) == 1
        error = capsys.readouterr().err
        assert f"in gebruik door een ander programma (proces {holder.pid})" in error
    finally:
        holder.kill()
        holder.wait()


def test_a_full_disk_is_named_not_masked_by_the_rollback(tmp_path, monkeypatch, capsys):
    db = tmp_path / "b.duckdb"
    assert main(["load", str(SAMPLE), "--db", str(db)]) == 0
    capsys.readouterr()
    before = tables(db)

    def full(*args, **kwargs):
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr(loader, "log_version", full)
    assert main(["load", str(SAMPLE), "--db", str(db)]) == 1
    error = capsys.readouterr().err
    assert "schijf waarop" in error and "is vol" in error and "onverwachts" not in error
    assert tables(db) == before


def mount_tiny_disk(folder: Path) -> bool:
    folder.mkdir()
    if os.geteuid() != 0:
        return False
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(folder)])
    return mounted.returncode == 0


def test_a_real_full_disk(tmp_path, capsys):
    disk = tmp_path / "klein"
    if not mount_tiny_disk(disk):
        pytest.skip("a tmpfs needs root (CI runs as root); the simulated test covers it")
    try:
        db = disk / "b.duckdb"
        codes = [main(["load", str(SAMPLE), "--db", str(db)]) for _ in range(3)]
        assert 1 in codes  # 600 kB holds one import at most
        assert "is vol; er is niets gewijzigd" in capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(disk)], check=True)
