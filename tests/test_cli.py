"""The report command: JSON keys and values, the Dutch table, python -m dashboard."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PLAATSINGEN_HEADER, REPO, csv_lines

from dashboard.cli import main
from dashboard.metrics.figures import REPORT_KEYS

FILES = {
    "plaatsingen.csv": csv_lines(
        PLAATSINGEN_HEADER,
        "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100",
        "A2,p2,GM0935,beschut_werk,2024-03-01,2024-08-31,18,MOB,1500",
        "B1,q1,GM0938,beschut_werk,2024-05-01,,24,MOB,1900",
    ),
    "taakstelling.csv": csv_lines(
        "CBS-code;Gemeente;Ultimo 2024", "935;Maastricht;5,5", "938;Meerssen;2"
    ),
    "begroting.csv": csv_lines(
        "gemeente;jaar;post;bedrag",
        "GM0935;2024;loonkosten;150.000,10",
        "GM0935;2024;begeleiding;1.234.567,89",
    ),
    # uitgaven up to December: the data covers the whole year, so peildatum 31-12
    "uitgaven.csv": csv_lines("gemeente,maand,post,bedrag", "GM0935,2024-12,overig,10"),
}


def report(db_path, capsys, *extra: str) -> str:
    capsys.readouterr()
    code = main(["report", "--db", str(db_path), "--jaar", "2024", *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_json_report_has_exactly_the_agreed_keys_per_gemeente(load_files, db_path, capsys):
    load_files(FILES)
    rows = json.loads(report(db_path, capsys, "--format", "json"))
    assert [r["gemeente"] for r in rows] == ["GM0935", "GM0938"]
    assert all(list(r) == list(REPORT_KEYS) for r in rows)
    maastricht = rows[0]
    assert maastricht["peildatum"] == "2024-12-31"
    assert maastricht["taakstelling"] == 5.5
    assert maastricht["realisatie_ultimo"] == 1
    assert maastricht["begroting"] == 1384568.0 - 0.01
    assert maastricht["begroting_per_post"]["begeleiding"] == 1234567.89


def test_json_report_for_one_gemeente_and_peildatum(load_files, db_path, capsys):
    load_files(FILES)
    rows = json.loads(
        report(
            db_path, capsys, "--format", "json", "--gemeente", "935", "--peildatum", "2024-06-30"
        )
    )
    assert len(rows) == 1
    assert rows[0]["gemeente"] == "GM0935"
    assert rows[0]["realisatie_ultimo"] == 2
    assert rows[0]["fte_ultimo"] == 50 / 36


def test_table_report_is_dutch(load_files, db_path, capsys):
    load_files(FILES)
    out = report(db_path, capsys, "--gemeente", "GM0935")
    assert "peildatum 31-12-2024" in out
    assert "Maastricht (GM0935)" in out
    assert "€ 1.384.567,99" in out
    assert "18,2%" in out  # 1 of 5,5


def test_unknown_gemeente_and_bad_arguments_give_a_message(load_files, db_path, capsys):
    load_files(FILES)
    assert main(["report", "--db", str(db_path), "--jaar", "2024", "--gemeente", "GM0363"]) == 1
    assert "gemeente GM0363 heeft geen gegevens" in capsys.readouterr().err


def test_python_dash_m_dashboard_runs_the_same_command(load_files, db_path):
    load_files(FILES)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "report",
            "--db",
            str(db_path),
            "--jaar",
            "2024",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2


def test_report_and_history_start_without_pandas(load_files, db_path):
    """The read commands need neither pandas nor kaleido (0,25 s instead of 0,66 s for
    the whole `beschut report` at 10x national size): a top-level import would undo it."""
    load_files(FILES)
    script = (
        "import sys\n"
        "from dashboard.cli import main\n"
        f"db = {str(db_path)!r}\n"
        "for fmt in ('json', 'table'):\n"
        "    assert main(['report', '--db', db, '--jaar', '2024', '--format', fmt]) == 0\n"
        "assert main(['history', '--db', db]) == 0\n"
        "print(sorted(m for m in ('pandas', 'kaleido', 'pyarrow') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "Maastricht" in result.stdout
