"""Benchmark at national scale: every gemeente, 2015-2030, at 1x, 10x and 100x the size.

    .venv/bin/python bench/national.py            # 1x, 10x, 100x; writes bench/RESULTS.md
    .venv/bin/python bench/national.py --quick    # 1x and 10x, fewer runs, no file written
    .venv/bin/python bench/national.py --dutch --sizes 10 --runs 3   # the load, Dutch Excel

`--dutch` measures only the load, on the same data rewritten the way Dutch Excel saves
"CSV (puntkomma)": every file a CSV (the begroting workbook too), Windows-1252, `;`,
CRLF, decimal commas and dd-mm-jjjj dates (months as the first day of the month); it
reports rows/s, the ratio to a minimal DuckDB `read_csv` of the same files and the peak
memory, in its own section of RESULTS.md.

For each size it generates the data (`beschut generate`, kept in --data for the next
run), then measures, each as the median of --runs runs:
1. load: the whole import (reading, validation, the database write) in a fresh
   process, as rows per second, and that process's peak memory;
2. `report` for every gemeente for one year (the kerncijfers behind `beschut report`);
3. realisatie per month over fifteen years, for one gemeente and for all summed;
4. a rerun of the Overzicht and Taakstelling pages after a new peildatum, both in
   Streamlit's AppTest and as the page's query path alone;
5. the peak memory of a `streamlit run` process serving both pages (headless Chromium).
Beside each, the same answer from a minimal hand-written DuckDB query on the same file
and from a straightforward pandas implementation; the answers are checked to agree,
and the ratios hold on any machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from beschut_dev import serving  # noqa: E402
from beschut_dev.generate import Keuze, generate  # noqa: E402
from dashboard.metrics.figures import kerncijfers  # noqa: E402
from dashboard.store.db import connect  # noqa: E402
from dashboard.store.queries import run  # noqa: E402

JAAR = 2024  # the report's year
PAGE_YEAR = 2026  # the year the pages show; the peildatum moves through it
MONTHLY_FROM, MONTHLY_TO = dt.date(2015, 1, 1), dt.date(2029, 12, 31)  # fifteen years
ONE_GEMEENTE = "GM0363"  # Amsterdam, the largest
FLOWS_FROM = dt.date(2024, 1, 1)  # as the pages


# ---------------------------------------------------------------- measuring


def median_time(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median seconds over `runs` calls, and the last call's answer."""
    times, answer = [], None
    for _ in range(runs):
        start = time.perf_counter()
        answer = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def in_child(task: str, *args: str) -> tuple[float, float, str]:
    """Run one of CHILD_TASKS in a fresh process: the task's seconds (imports and start-up
    not counted), the process's peak RSS (MB), and what the task printed."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", task, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"child task {task} failed")
    *printed, elapsed = output.strip().splitlines()
    return float(elapsed.split()[1]), usage.ru_maxrss / 1024, "\n".join(printed)


@dataclass
class Row:
    """One line of the results table: the project's time and the two baselines."""

    what: str
    project: float  # seconds
    duckdb: float | None = None
    pandas: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- data


def dataset(folder: Path, schaal: int) -> tuple[Path, dict[str, int]]:
    """The generated files for one size, made once and reused while the generator is the same."""
    target = folder / f"landelijk_{schaal}x"
    stamp = target / "rows.json"
    keuze = Keuze(van=2015, tot=2030, seed=342, schaal=float(schaal))
    source = (REPO / "beschut_dev" / "generate.py").read_bytes() + repr(keuze).encode()
    key = hashlib.sha256(source).hexdigest()
    if stamp.exists() and json.loads(stamp.read_text())["key"] == key:
        return target, json.loads(stamp.read_text())["rows"]
    print(f"  generating {schaal}x …", flush=True)
    rows = generate(target, keuze)
    stamp.write_text(json.dumps({"key": key, "rows": rows}))
    return target, rows


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ("taakstelling", "plaatsingen", "trajecten", "begroting", "uitgaven")
    return {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


def dutch_dataset(folder: Path, schaal: int) -> tuple[Path, dict[str, int]]:
    """The generated files as Dutch Excel saves them: "CSV (puntkomma)", Windows-1252,
    `;`, CRLF, decimal comma, dd-mm-jjjj (a month as its first day); made once."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv
    from python_calamine import CalamineWorkbook

    from dashboard.store.contract import TABLES

    source, rows = dataset(folder, schaal)
    target = folder / f"landelijk_{schaal}x_nl"
    stamp = target / "rows.json"
    key = json.loads((source / "rows.json").read_text())["key"] + "-nl-1"
    if stamp.exists() and json.loads(stamp.read_text())["key"] == key:
        return target, json.loads(stamp.read_text())["rows"]
    print(f"  writing {schaal}x as Dutch Excel CSV …", flush=True)
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix == ".csv":
            raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
            separator = ";" if b";" in raw[: raw.find(b"\n")] else ","
            header = raw[: raw.find(b"\n")].decode().strip("\r").split(separator)
            table = pa_csv.read_csv(
                pa.BufferReader(raw),
                parse_options=pa_csv.ParseOptions(delimiter=separator),
                convert_options=pa_csv.ConvertOptions(
                    column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False
                ),
            )
        elif path.suffix == ".xlsx":
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            header, *cells = sheet.to_python()
            columns = list(zip(*cells, strict=True))
            table = pa.table(
                {
                    h: pa.array([_excel_text(v) for v in c])
                    for h, c in zip(header, columns, strict=True)
                }
            )
        else:
            continue
        spec = TABLES.get(path.stem)
        kinds = {c.name: c.kind for c in spec.columns} if spec else {}
        columns = {}
        for name in table.column_names:
            cells, kind = table[name], kinds.get(name.lower())
            if kind in ("date", "month"):
                iso = pc.match_substring_regex(cells, r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
                full = pc.if_else(
                    pc.equal(pc.utf8_length(cells), 7),
                    pc.binary_join_element_wise(cells, "-01", ""),
                    cells,
                )
                day = pc.strptime(pc.if_else(iso, full, None), format="%Y-%m-%d", unit="s")
                cells = pc.if_else(iso, pc.strftime(day, format="%d-%m-%Y"), cells)
            elif kind in ("number", "integer") or name.startswith("Ultimo"):
                cells = pc.replace_substring(cells, ".", ",")
            columns[name] = cells
        buffer = io.BytesIO()
        options = pa_csv.WriteOptions(
            delimiter=";", eol="\r\n", quoting_style="none", quoting_header="none"
        )
        pa_csv.write_csv(pa.table(columns), buffer, options)
        text = buffer.getvalue().decode("utf-8")
        (target / f"{path.stem}.csv").write_bytes(text.encode("cp1252"))
    stamp.write_text(json.dumps({"key": key, "rows": rows}))
    return target, rows


def _excel_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- 1. load


def load_project(db: str, folder: str) -> None:
    from dashboard.ingest.loader import files_in_folder, load

    load(db, files_in_folder(folder), source="bench")


def load_duckdb(db: str, folder: str) -> None:
    """The files into tables with DuckDB's own readers: no checks, no import log."""
    from python_calamine import CalamineWorkbook

    con = duckdb.connect(db)
    dutch = "delim=';', decimal_separator=',', header=true"
    con.execute(
        f"CREATE TABLE plaatsingen AS SELECT * FROM read_csv('{folder}/plaatsingen.csv', "
        f"{dutch}, dateformat='%d-%m-%Y')"
    )
    for name in ("trajecten", "uitgaven"):
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder}/{name}.csv')")
    con.execute(
        "CREATE TABLE taakstelling AS UNPIVOT (SELECT * FROM "
        f"read_csv('{folder}/taakstelling.csv', {dutch}) WHERE \"CBS-code\" IS NOT NULL) "
        "ON COLUMNS('Ultimo.*') INTO NAME jaar VALUE taakstelling"
    )
    sheet = CalamineWorkbook.from_path(f"{folder}/begroting.xlsx").get_sheet_by_index(0)
    header, *cells = sheet.to_python()
    begroting = pd.DataFrame(cells, columns=header)  # noqa: F841 (read by the SQL below)
    con.execute("CREATE TABLE begroting AS SELECT * FROM begroting")
    con.close()


def load_duckdb_dutch(db: str, folder: str) -> None:
    """The Dutch Excel files into tables with DuckDB's `read_csv`: no checks, no log."""
    con = duckdb.connect(db)
    dutch = (
        "delim=';', decimal_separator=',', header=true, dateformat='%d-%m-%Y', encoding='latin-1'"
    )
    for name in ("plaatsingen", "trajecten", "uitgaven", "begroting"):
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder}/{name}.csv', {dutch})"
        )
    con.execute(
        "CREATE TABLE taakstelling AS UNPIVOT (SELECT * FROM "
        f"read_csv('{folder}/taakstelling.csv', {dutch}) WHERE \"CBS-code\" IS NOT NULL) "
        "ON COLUMNS('Ultimo.*') INTO NAME jaar VALUE taakstelling"
    )
    con.close()


def measure_dutch_load(schaal: int, data: Path, runs: int) -> dict:
    """The load alone, on the Dutch Excel files: project and minimal DuckDB, medians."""
    folder, file_rows = dutch_dataset(data, schaal)
    loaded = sum(table_rows_estimate(file_rows).values())
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="beschut-bench-") as tmp:
        db, other = Path(tmp) / "beschut.duckdb", Path(tmp) / "minimal.duckdb"
        times, peaks, minimal = [], [], []
        for _ in range(runs):  # alternated, so both see the same machine
            db.unlink(missing_ok=True)
            other.unlink(missing_ok=True)
            elapsed, peak, _ = in_child("load_project", str(db), str(folder))
            times.append(elapsed)
            peaks.append(peak)
            minimal.append(in_child("load_duckdb_dutch", str(other), str(folder))[0])
        con = connect(db)
        try:
            counts = table_rows(con)
        finally:
            con.close()
        assert sum(counts.values()) == loaded, (counts, file_rows)
    project, baseline = statistics.median(times), statistics.median(minimal)
    return {
        "measured": dt.date.today().isoformat(),
        "machine": machine(),
        "runs": runs,
        "load_average": [load_before, os.getloadavg()[0]],
        "rows": counts,
        "project": project,
        "duckdb": baseline,
        "times": times,
        "duckdb_times": minimal,
        "load_rows_per_s": loaded / project,
        "load_peak_mb": max(peaks),
    }


def dutch_section(schaal: str, result: dict) -> list[str]:
    before, after = result["load_average"]
    rows = sum(result["rows"].values())
    return [
        f"## {schaal}x national, Dutch Excel CSV: {rows:,} rows",
        "",
        'Every file as Dutch Excel saves "CSV (puntkomma)": Windows-1252, `;`, CRLF, '
        "decimal comma, dd-mm-jjjj (the begroting too, as CSV).",
        "",
        "| measurement | project (ms) | minimal DuckDB (ms) | project ÷ DuckDB | rows/s | "
        "peak memory |",
        "|---|---:|---:|---:|---:|---:|",
        f"| load: whole import, validation included | {ms(result['project'])} | "
        f"{ms(result['duckdb'])} | {ratio(result['project'], result['duckdb'])} | "
        f"{result['load_rows_per_s']:,.0f} | {result['load_peak_mb']:,.0f} MB |",
        "",
        f"Measured {result['measured']}, median of {result['runs']} runs (project and "
        f"DuckDB alternated); load average of the machine {before:.1f} before, "
        f"{after:.1f} after; the machine was shared with other engineers' tests.",
        "",
    ]


def dutch_targets(result: dict, at_100: dict | None = None) -> list[str]:
    """Issue 13's targets for the Dutch Excel load at 10x (and its memory at 100x)."""
    share = result["project"] / result["duckdb"]
    checks = [
        ("load ≥ 400.000 rows/s, full validation", f"{result['load_rows_per_s']:,.0f} rows/s",
         result["load_rows_per_s"] >= 400_000),
        ("within 2× of the minimal DuckDB `read_csv`", f"{share:.2f}×", share <= 2),
    ]  # fmt: skip
    if at_100 is not None:
        peak = at_100["load_peak_mb"]
        checks.append(("at 100x: peak memory of the load < 2 GB", f"{peak:,.0f} MB", peak < 2000))
    lines = [
        "## Targets at 10x national size, Dutch Excel CSV",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    for what, value, ok in checks:
        lines.append(f"| {what} | {value} | {'met' if ok else '**missed**'} |")
    return [*lines, ""]


def load_pandas(db: str, folder: str) -> None:
    """The files into pandas frames with read_csv and read_excel: no checks, no database."""
    dutch = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}
    plaatsingen = pd.read_csv(f"{folder}/plaatsingen.csv", dtype={"persoon_id": str}, **dutch)
    for column in ("startdatum", "einddatum"):
        plaatsingen[column] = pd.to_datetime(plaatsingen[column], format="%d-%m-%Y")
    dates = ["startdatum", "einddatum", "advies_aangevraagd"]
    pd.read_csv(f"{folder}/trajecten.csv", parse_dates=dates)
    pd.read_csv(f"{folder}/uitgaven.csv", parse_dates=["maand"])
    annex = pd.read_csv(f"{folder}/taakstelling.csv", **dutch).dropna(subset=["CBS-code"])
    annex.melt(id_vars=["CBS-code", "Gemeente"], var_name="jaar", value_name="taakstelling")
    pd.read_excel(f"{folder}/begroting.xlsx", engine="calamine")


def measure_load(folder: Path, work: Path, rows: int, runs: int) -> tuple[list[Row], Path]:
    """The project's load in a fresh process per run; returns the rows and the database."""
    times, peaks = [], []
    db = work / "beschut.duckdb"
    for _ in range(runs):
        db.unlink(missing_ok=True)
        elapsed, peak, _ = in_child("load_project", str(db), str(folder))
        times.append(elapsed)
        peaks.append(peak)
    baselines = {}
    for name in ("duckdb", "pandas"):
        spent = []
        for _ in range(runs):
            other = work / "minimal.duckdb"
            other.unlink(missing_ok=True)
            elapsed, _, _ = in_child(f"load_{name}", str(other), str(folder))
            spent.append(elapsed)
        baselines[name] = statistics.median(spent)
    project = statistics.median(times)
    load = Row(
        "load: whole import, validation included",
        project,
        baselines["duckdb"],
        baselines["pandas"],
        note=f"{rows / project:,.0f} rows/s",
        extra={"rows_per_s": rows / project, "peak_mb": max(peaks)},
    )
    return [load], db


# ---------------------------------------------------------------- 2. report


def month_ends(van: dt.date, tot: dt.date) -> list[dt.date]:
    return [d.date() for d in pd.date_range(van, tot, freq="ME")]


MINIMAL_REPORT = """
WITH
dagen AS (SELECT unnest($dagen::DATE[]) AS dag),
actief AS (
    SELECT p.gemeente, d.dag, count(DISTINCT p.persoon_id) AS personen,
           sum(p.uren_per_week) AS uren
    FROM plaatsingen AS p
    JOIN dagen AS d ON p.startdatum <= d.dag AND (p.einddatum IS NULL OR d.dag <= p.einddatum)
    WHERE p.instrument = 'beschut_werk'
    GROUP BY p.gemeente, d.dag
),
gemeenten AS (
    SELECT gemeente FROM plaatsingen UNION SELECT gemeente FROM taakstelling
    UNION SELECT gemeente FROM trajecten UNION SELECT gemeente FROM begroting
    UNION SELECT gemeente FROM uitgaven
),
realisatie AS (
    SELECT g.gemeente,
           coalesce(max(a.personen) FILTER (WHERE d.dag = $peildatum), 0) AS realisatie_ultimo,
           avg(coalesce(a.personen, 0)) AS realisatie_gemiddeld,
           coalesce(max(a.uren) FILTER (WHERE d.dag = $peildatum), 0) / 36 AS fte_ultimo
    FROM gemeenten AS g CROSS JOIN dagen AS d
    LEFT JOIN actief AS a ON a.gemeente = g.gemeente AND a.dag = d.dag
    GROUP BY g.gemeente
),
versie AS (
    SELECT gemeente, arg_max(versie, regel) AS versie
    FROM begroting WHERE jaar = $jaar GROUP BY gemeente
),
begroot AS (
    SELECT b.gemeente, sum(b.bedrag) AS begroting
    FROM begroting AS b JOIN versie AS v USING (gemeente, versie)
    WHERE b.jaar = $jaar GROUP BY b.gemeente
),
uitgegeven AS (
    SELECT gemeente, sum(bedrag) AS uitgaven FROM uitgaven
    WHERE maand BETWEEN make_date($jaar, 1, 1) AND date_trunc('month', $peildatum)
    GROUP BY gemeente
),
gestart AS (
    SELECT gemeente, count(*) AS trajecten_gestart FROM trajecten
    WHERE year(startdatum) = $jaar AND startdatum <= $peildatum GROUP BY gemeente
)
SELECT r.*, t.taakstelling, round(coalesce(b.begroting, 0), 2) AS begroting,
       round(coalesce(u.uitgaven, 0), 2) AS uitgaven,
       coalesce(s.trajecten_gestart, 0) AS trajecten_gestart
FROM realisatie AS r
LEFT JOIN taakstelling AS t ON t.gemeente = r.gemeente AND t.jaar = $jaar
LEFT JOIN begroot AS b ON b.gemeente = r.gemeente
LEFT JOIN uitgegeven AS u ON u.gemeente = r.gemeente
LEFT JOIN gestart AS s ON s.gemeente = r.gemeente
ORDER BY r.gemeente
"""
COMPARED = (
    "realisatie_ultimo",
    "realisatie_gemiddeld",
    "fte_ultimo",
    "taakstelling",
    "begroting",
    "uitgaven",
    "trajecten_gestart",
)


def report_days(jaar: int, peildatum: dt.date) -> list[dt.date]:
    days = month_ends(dt.date(jaar, 1, 1), peildatum)
    return days if peildatum in days else [*days, peildatum]


def minimal_report(con, jaar: int, peildatum: dt.date) -> pd.DataFrame:
    parameters = {"jaar": jaar, "peildatum": peildatum, "dagen": report_days(jaar, peildatum)}
    return con.execute(MINIMAL_REPORT, parameters).df()


class Plain:
    """The tables as pandas frames, and the straightforward pandas answers."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        tables = ("taakstelling", "plaatsingen", "trajecten", "begroting", "uitgaven")
        frames = {t: con.table(t).df() for t in tables}
        self.__dict__.update(frames)
        self.beschut = self.plaatsingen[self.plaatsingen["instrument"] == "beschut_werk"]
        self.gemeenten = sorted(set().union(*(set(frame["gemeente"]) for frame in frames.values())))

    def active(self, day: dt.date, frame: pd.DataFrame | None = None) -> pd.DataFrame:
        frame = self.beschut if frame is None else frame
        ts = pd.Timestamp(day)
        return frame[
            (frame["startdatum"] <= ts) & (frame["einddatum"].isna() | (frame["einddatum"] >= ts))
        ]

    def realisatie(self, days: list[dt.date], frame: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per gemeente and day: distinct persons and summed hours of the active placements."""
        parts = []
        for day in days:
            grouped = self.active(day, frame).groupby("gemeente")
            personen, uren = grouped["persoon_id"].nunique(), grouped["uren_per_week"].sum()
            parts.append(pd.DataFrame({"personen": personen, "uren": uren}).assign(dag=day))
        per_day = pd.concat(parts).reset_index()
        index = pd.MultiIndex.from_product([self.gemeenten, days], names=["gemeente", "dag"])
        return per_day.set_index(["gemeente", "dag"]).reindex(index, fill_value=0).reset_index()

    def report(self, jaar: int, peildatum: dt.date) -> pd.DataFrame:
        per_day = self.realisatie(report_days(jaar, peildatum))
        on_peildatum = per_day[per_day["dag"] == peildatum].set_index("gemeente")
        out = pd.DataFrame(index=pd.Index(self.gemeenten, name="gemeente"))
        out["realisatie_ultimo"] = on_peildatum["personen"]
        out["realisatie_gemiddeld"] = per_day.groupby("gemeente")["personen"].mean()
        out["fte_ultimo"] = on_peildatum["uren"] / 36
        quota = self.taakstelling[self.taakstelling["jaar"] == jaar].set_index("gemeente")
        out["taakstelling"] = quota["taakstelling"]
        budget = self.begroting[self.begroting["jaar"] == jaar]
        last = budget.sort_values("regel").groupby("gemeente")["versie"].last()
        budget = budget[budget["versie"] == budget["gemeente"].map(last)]
        out["begroting"] = budget.groupby("gemeente")["bedrag"].sum().round(2)
        months = self.uitgaven[
            (self.uitgaven["maand"] >= pd.Timestamp(jaar, 1, 1))
            & (self.uitgaven["maand"] <= pd.Timestamp(peildatum.year, peildatum.month, 1))
        ]
        out["uitgaven"] = months.groupby("gemeente")["bedrag"].sum().round(2)
        started = self.trajecten[
            (self.trajecten["startdatum"].dt.year == jaar)
            & (self.trajecten["startdatum"] <= pd.Timestamp(peildatum))
        ]
        out["trajecten_gestart"] = started.groupby("gemeente").size()
        filled = ["begroting", "uitgaven", "trajecten_gestart"]
        out[filled] = out[filled].fillna(0)
        return out.reset_index()


def project_report(con, jaar: int, peildatum: dt.date) -> pd.DataFrame:
    return pd.DataFrame(kerncijfers(con, jaar, peildatum))


def agree(name: str, *frames: pd.DataFrame, columns=COMPARED, key="gemeente") -> None:
    """The three answers are the same (floats to 1e-6)."""
    first = frames[0].set_index(key)[list(columns)].astype(float)
    for other in frames[1:]:
        second = other.set_index(key)[list(columns)].astype(float).reindex(first.index)
        pd.testing.assert_frame_equal(first, second, check_exact=False, atol=1e-6, rtol=1e-9,
                                      check_names=False, obj=name)  # fmt: skip


def command_line_report(db: Path) -> None:
    """The whole `beschut report` in its own process, Python's start-up included."""
    command = [sys.executable, "-m", "dashboard", "report", "--db", str(db), "--jaar", str(JAAR)]
    subprocess.run([*command, "--format", "json"], cwd=REPO, check=True, capture_output=True)


def measure_report(db: Path, con, plain: Plain, runs: int) -> list[Row]:
    peildatum = dt.date(JAAR, 12, 31)
    project, mine = median_time(lambda: project_report(con, JAAR, peildatum), runs)
    minimal, theirs = median_time(lambda: minimal_report(con, JAAR, peildatum), runs)
    pandas, plain_answer = median_time(lambda: plain.report(JAAR, peildatum), max(1, runs // 2))
    agree("report", mine, theirs, plain_answer)
    con.close()  # the command line opens the file itself
    command, _ = median_time(lambda: command_line_report(db), runs)
    note = f"whole `beschut report --format json` command: {ms(command)} ms"
    return [Row(f"report {JAAR}, every gemeente ({len(mine)})", project, minimal, pandas, note)]


# ---------------------------------------------------------------- 3. realisatie per month

MINIMAL_MONTHLY = """
WITH
dagen AS (SELECT unnest($dagen::DATE[]) AS dag),
per_gemeente AS (
    SELECT p.gemeente, d.dag, count(DISTINCT p.persoon_id) AS personen
    FROM plaatsingen AS p
    JOIN dagen AS d ON p.startdatum <= d.dag AND (p.einddatum IS NULL OR d.dag <= p.einddatum)
    WHERE p.instrument = 'beschut_werk'
      AND (len($gemeenten::VARCHAR[]) = 0 OR list_contains($gemeenten::VARCHAR[], p.gemeente))
    GROUP BY p.gemeente, d.dag
)
SELECT d.dag, coalesce(sum(g.personen), 0) AS realisatie
FROM dagen AS d LEFT JOIN per_gemeente AS g USING (dag)
GROUP BY d.dag ORDER BY d.dag
"""


def monthly_days(van: dt.date, tot: dt.date) -> list[dt.date]:
    days = month_ends(van, tot)
    return days if tot in days else [*days, tot]


def project_monthly(con, gemeenten: list[str], van: dt.date, tot: dt.date) -> pd.DataFrame:
    return run(con, "realisatie_per_maand", gemeenten=gemeenten, van=van, tot=tot)


def minimal_monthly(con, gemeenten: list[str], van: dt.date, tot: dt.date) -> pd.DataFrame:
    parameters = {"gemeenten": gemeenten, "dagen": monthly_days(van, tot)}
    return con.execute(MINIMAL_MONTHLY, parameters).df()


def plain_monthly(plain: Plain, gemeenten: list[str], van: dt.date, tot: dt.date) -> pd.DataFrame:
    beschut = plain.beschut
    if gemeenten:
        beschut = beschut[beschut["gemeente"].isin(gemeenten)]
    rows = [
        (day, plain.active(day, beschut).groupby("gemeente")["persoon_id"].nunique().sum())
        for day in monthly_days(van, tot)
    ]
    return pd.DataFrame(rows, columns=["dag", "realisatie"])


def measure_monthly(con, plain: Plain, runs: int) -> list[Row]:
    rows = []
    choices = ((f"one gemeente ({ONE_GEMEENTE})", [ONE_GEMEENTE]), ("all summed", []))
    for label, gemeenten in choices:
        args = (gemeenten, MONTHLY_FROM, MONTHLY_TO)
        project, mine = median_time(lambda a=args: project_monthly(con, *a), runs)
        minimal, theirs = median_time(lambda a=args: minimal_monthly(con, *a), runs)
        pandas, plain_answer = median_time(
            lambda a=args: plain_monthly(plain, *a), max(1, runs // 2)
        )
        for frame in (mine, theirs, plain_answer):
            frame["dag"] = pd.to_datetime(frame["dag"])
        agree("monthly", mine, theirs, plain_answer, columns=["realisatie"], key="dag")
        rows.append(Row(f"realisatie per month 2015-2029, {label}", project, minimal, pandas))
    return rows


# ---------------------------------------------------------------- 4. page reruns


def peildatums(count: int) -> list[dt.date]:
    return [dt.date(PAGE_YEAR, 1, 1) + dt.timedelta(days=9 * i + 4) for i in range(count)]


def overzicht_queries(con, peildatum: dt.date) -> None:
    """What the Overzicht asks when the peildatum changes (the rest is cached)."""
    params = {"gemeenten": [], "jaar": PAGE_YEAR, "peildatum": peildatum, "versie": None}
    run(con, "kerncijfers_totaal", **params)
    run(con, "realisatie_per_maand", gemeenten=[], van=FLOWS_FROM, tot=peildatum)


def taakstelling_queries(con, peildatum: dt.date) -> None:
    """What the Taakstelling page asks when the peildatum changes."""
    run(con, "realisatie_per_jaar", gemeenten=[], van_jaar=PAGE_YEAR, peildatum=peildatum)
    run(con, "instroom_uitstroom_per_maand", gemeenten=[], van=FLOWS_FROM, tot=peildatum)
    run(con, "bestand_per_werkgever", gemeenten=[], peildatum=peildatum)
    run(con, "bestand_per_urenklasse", gemeenten=[], peildatum=peildatum)


MINIMAL_STOCK = """
WITH actief AS (
    SELECT * FROM plaatsingen
    WHERE instrument = 'beschut_werk' AND startdatum <= $peildatum
      AND (einddatum IS NULL OR $peildatum <= einddatum)
)
SELECT (SELECT count(*) FROM (SELECT DISTINCT werkgever, gemeente, persoon_id FROM actief)),
       (SELECT count(*) FILTER (WHERE uren_per_week >= 24 AND uren_per_week < 32) FROM actief)
"""
MINIMAL_FLOWS = """
WITH
perioden AS (
    SELECT gemeente, persoon_id, startdatum, coalesce(einddatum, DATE '9999-12-31') AS einde
    FROM plaatsingen WHERE instrument = 'beschut_werk'
),
gemarkeerd AS (
    SELECT *, CASE WHEN startdatum <= max(einde) OVER (
                  PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1 THEN 0 ELSE 1 END AS nieuw
    FROM perioden
),
genummerd AS (
    SELECT *, sum(nieuw) OVER (PARTITION BY gemeente, persoon_id ORDER BY startdatum, einde
                               ROWS UNBOUNDED PRECEDING) AS nr
    FROM gemarkeerd
),
dienstverbanden AS (
    SELECT min(startdatum) AS eerste_dag, max(einde) + 1 AS eerste_dag_uit
    FROM genummerd GROUP BY gemeente, persoon_id, nr
)
SELECT count(*) FILTER (WHERE eerste_dag BETWEEN $van AND $tot),
       count(*) FILTER (WHERE eerste_dag_uit BETWEEN $van AND $tot)
FROM dienstverbanden
"""


def minimal_overzicht(con, peildatum: dt.date) -> None:
    minimal_report(con, PAGE_YEAR, peildatum)
    minimal_monthly(con, [], FLOWS_FROM, peildatum)


def minimal_taakstelling(con, peildatum: dt.date) -> None:
    minimal_report(con, PAGE_YEAR, peildatum)  # ultimo, gemiddeld and fte of the year
    con.execute(MINIMAL_FLOWS, {"van": FLOWS_FROM, "tot": peildatum}).fetchall()
    con.execute(MINIMAL_STOCK, {"peildatum": peildatum}).fetchall()


def plain_overzicht(plain: Plain, peildatum: dt.date) -> None:
    plain.report(PAGE_YEAR, peildatum)
    plain_monthly(plain, [], FLOWS_FROM, peildatum)


def plain_taakstelling(plain: Plain, peildatum: dt.date) -> None:
    plain.report(PAGE_YEAR, peildatum)
    running = pd.Timestamp("2200-01-01")
    periods = plain.beschut.assign(einde=plain.beschut["einddatum"].fillna(running))
    periods = periods.sort_values(["gemeente", "persoon_id", "startdatum", "einde"])
    person = [periods["gemeente"], periods["persoon_id"]]
    reach = periods.groupby(person)["einde"].cummax().groupby(person).shift()
    new = ~(periods["startdatum"] <= reach + pd.Timedelta(days=1))
    periods = periods.assign(nr=new.groupby(person).cumsum())
    dienstverbanden = periods.groupby(["gemeente", "persoon_id", "nr"]).agg(
        eerste_dag=("startdatum", "min"), laatste=("einde", "max")
    )
    window = (pd.Timestamp(FLOWS_FROM), pd.Timestamp(peildatum))
    dienstverbanden["eerste_dag"].between(*window).sum()
    active = plain.active(peildatum)
    active.drop_duplicates(["werkgever", "gemeente", "persoon_id"]).groupby("werkgever").size()
    pd.cut(active["uren_per_week"], [0, 16, 24, 32, 36, 1000], right=False).value_counts()


def apptest_reruns(db: Path, page: str, days: list[dt.date]) -> float:
    """Median seconds of an AppTest rerun after a new peildatum, in a fresh process."""
    _, _, output = in_child("apptest", str(db), page, *(d.isoformat() for d in days))
    return float(output.strip().splitlines()[-1])


def apptest_child(db: str, page: str, *days: str) -> None:
    import logging

    from streamlit.testing.v1 import AppTest

    logging.disable(logging.WARNING)
    os.environ["BESCHUT_DB"] = db
    at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=600)
    at.run()
    from dashboard.web.pages import BY_TITLE, GO_TO

    at.session_state[GO_TO] = BY_TITLE[page].key
    at.run()
    at.selectbox(key="jaar").set_value(PAGE_YEAR).run()
    widget = at.date_input(key=f"peildatum_{PAGE_YEAR}")
    times = []
    for day in days:
        start = time.perf_counter()
        widget.set_value(dt.date.fromisoformat(day)).run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    print(statistics.median(times))


def per_peildatum(action: Callable, source: object, days: list[dt.date]) -> float:
    """Median seconds of `action(source, day)`, once per (new) peildatum."""
    return statistics.median(median_time(lambda d=d: action(source, d), 1)[0] for d in days)


def measure_pages(db: Path, plain: Plain, runs: int) -> list[Row]:
    """The AppTest reruns first, each app in its own process holding the file read-write
    (as `streamlit run` does); then the query paths on a connection of this process."""
    days = peildatums(runs)
    pages = (
        ("Overzicht", overzicht_queries, minimal_overzicht, plain_overzicht),
        ("Taakstelling", taakstelling_queries, minimal_taakstelling, plain_taakstelling),
    )
    reruns = {page: apptest_reruns(db, page, days) for page, *_ in pages}
    rows = []
    con = connect(db)
    try:
        for page, project, minimal, pandas in pages:
            path = per_peildatum(project, con, days)
            base = per_peildatum(minimal, con, days)
            slow = per_peildatum(pandas, plain, days[: max(1, runs // 2)])
            rows.append(
                Row(f"{page} rerun, new peildatum: query path", path, base, slow,
                    note=f"AppTest rerun {reruns[page] * 1000:,.0f} ms",
                    extra={"apptest": reruns[page]})
            )  # fmt: skip
    finally:
        con.close()
    return rows


# ---------------------------------------------------------------- 5. app memory


def app_memory_child(db: str, port: str) -> None:
    """Serve the app, open Overzicht then Taakstelling in Chromium; print the server's VmHWM."""
    from playwright.sync_api import sync_playwright

    server = serving.start(db, int(port))
    try:
        with sync_playwright() as playwright:
            browser = serving.chromium(playwright)
            tab = browser.new_page()
            serving.open_app(tab, int(port))
            for text in ("Overzicht nieuw beschut werk", '[data-testid="stMetric"]'):
                tab.wait_for_selector(text if text.startswith("[") else f"text={text}",
                                      timeout=600_000)  # fmt: skip
            tab.get_by_text("Taakstelling", exact=True).first.click()
            tab.wait_for_selector("text=Bestand op de peildatum", timeout=600_000)
            time.sleep(1)
            browser.close()
        status = Path(f"/proc/{server.pid}/status").read_text().splitlines()
        print(next(line.split()[1] for line in status if line.startswith("VmHWM")))
    finally:
        server.terminate()
        server.wait()


def app_memory(db: Path) -> float | None:
    """Peak RSS (MB) of `streamlit run` after serving Overzicht and Taakstelling."""
    if not Path(serving.CHROMIUM).exists():
        return None
    try:
        _, _, output = in_child("app_memory", str(db), str(serving.free_port()))
    except RuntimeError:
        return None
    return int(output.strip().splitlines()[-1]) / 1024


# ---------------------------------------------------------------- the table


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.1f} GiB memory, Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}, pandas {pd.__version__}"
    )


def ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| measurement | project (ms) | minimal DuckDB (ms) | pandas (ms) "
        "| project ÷ DuckDB | pandas ÷ project | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        project, duck, pandas = row["project"], row["duckdb"], row["pandas"]
        lines.append(
            f"| {row['what']} | {ms(project)} | {ms(duck)} | {ms(pandas)} "
            f"| {ratio(project, duck)} | {ratio(pandas, project)} | {row['note']} |"
        )
    return lines


def measure_size(schaal: int, data: Path, runs: int, memory: bool) -> dict:
    """Every measurement at one size, as a plain dict for bench/results.json."""
    folder, file_rows = dataset(data, schaal)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="beschut-bench-") as tmp:
        work = Path(tmp)
        loaded = sum(table_rows_estimate(file_rows).values())
        print(f"  load ({loaded:,} rows) …", flush=True)
        rows, db = measure_load(folder, work, loaded, runs)
        con = connect(db)
        try:
            counts = table_rows(con)
            assert sum(counts.values()) == loaded, (counts, file_rows)
            print("  report, realisatie per month …", flush=True)
            plain = Plain(con)
            rows += measure_report(db, con, plain, runs)  # closes con
            con = connect(db)
            rows += measure_monthly(con, plain, runs)
        finally:
            con.close()
        print("  pages …", flush=True)
        rows += measure_pages(db, plain, runs)
        app = app_memory(db) if memory else None
    return {
        "measured": dt.date.today().isoformat(),
        "machine": machine(),
        "runs": runs,
        "load_average": [load_before, os.getloadavg()[0]],
        "rows": counts,
        "table": [
            {
                "what": r.what,
                "project": r.project,
                "duckdb": r.duckdb,
                "pandas": r.pandas,
                "note": r.note,
                **r.extra,
            }
            for r in rows
        ],  # fmt: skip
        "load_rows_per_s": rows[0].extra["rows_per_s"],
        "load_peak_mb": rows[0].extra["peak_mb"],
        "app_peak_mb": app,
    }


def size_section(schaal: str, result: dict) -> list[str]:
    counts = ", ".join(f"{table} {n:,}" for table, n in result["rows"].items())
    app = result["app_peak_mb"]
    before, after = result["load_average"]
    return [
        f"## {schaal}x national: {sum(result['rows'].values()):,} rows ({counts})",
        "",
        *table(result["table"]),
        "",
        f"Peak memory: load process {result['load_peak_mb']:,.0f} MB; "
        + ("app process not measured." if app is None else
           f"`streamlit run` serving Overzicht and Taakstelling {app:,.0f} MB."),
        f"Measured {result['measured']}, median of {result['runs']} runs; load average of "
        f"the machine {before:.1f} before, {after:.1f} after.",
        "",
    ]  # fmt: skip


def targets(result: dict) -> list[str]:
    """The issue's targets at 10x national size, met or missed."""
    queries = result["table"][1:]  # everything after the load
    pages = [row for row in queries if "rerun" in row["what"]]
    report = next(row for row in queries if row["what"].startswith("report"))
    checks = [
        ("load ≥ 200.000 rows/s", f"{result['load_rows_per_s']:,.0f} rows/s",
         result["load_rows_per_s"] >= 200_000),
        ("`report` for every gemeente < 0,5 s", f"{ms(report['project'])} ms",
         report["project"] < 0.5),
        ("each page rerun < 300 ms (query path)",
         ", ".join(f"{ms(p['project'])} ms" for p in pages),
         all(p["project"] < 0.3 for p in pages)),
        ("each page rerun < 300 ms (AppTest, Streamlit included)",
         ", ".join(f"{ms(p['apptest'])} ms" for p in pages),
         all(p["apptest"] < 0.3 for p in pages)),
        ("query path within 1,5× of the minimal DuckDB query",
         ", ".join(ratio(q["project"], q["duckdb"]) for q in queries),
         all(q["project"] <= 1.5 * q["duckdb"] for q in queries)),
        ("at least 10× faster than pandas",
         ", ".join(ratio(q["pandas"], q["project"]) for q in queries),
         all(q["pandas"] >= 10 * q["project"] for q in queries)),
        ("memory < 2 GB (load, app)",
         f"{result['load_peak_mb']:,.0f} MB, "
         + ("–" if result["app_peak_mb"] is None else f"{result['app_peak_mb']:,.0f} MB"),
         result["load_peak_mb"] < 2048 and (result["app_peak_mb"] or 0) < 2048),
    ]  # fmt: skip
    lines = ["## Targets at 10x national size", "", "| target | measured | |", "|---|---|---|"]
    for what, value, ok in checks:
        lines.append(f"| {what} | {value} | {'met' if ok else '**missed**'} |")
    return [*lines, "", "Ratios in the order of the table rows after the load.", ""]


def render(results: dict[str, dict], notes: str) -> str:
    dutch = results.get("dutch", {})
    results = {size: result for size, result in results.items() if size != "dutch"}
    first = next(iter(results.values()), None) or next(iter(dutch.values()))
    lines = [
        "# National scale: results",
        "",
        "Written by `bench/national.py` (see its docstring and the README); the numbers "
        "behind it are in `bench/results.json`. Every time is a median of several runs. "
        "Project = the dashboard's own code path; minimal DuckDB = a hand-written query "
        "for the same answer on the same database file (for the load: DuckDB's `read_csv` "
        "straight into tables, no checks); pandas = a straightforward pandas "
        "implementation on the same data (for the load: `read_csv`/`read_excel` into "
        "frames, no checks, no database). The three answers are checked to agree.",
        "",
        f"Machine: {first['machine']}.",
        "",
    ]
    if "10" in results:
        lines += targets(results["10"])
    for schaal in sorted(results, key=int):
        lines += size_section(schaal, results[schaal])
    if "10" in dutch:
        lines += dutch_targets(dutch["10"], dutch.get("100"))
    for schaal in sorted(dutch, key=int):
        lines += dutch_section(schaal, dutch[schaal])
    return "\n".join(lines) + ("\n" + notes if notes else "")


def table_rows_estimate(file_rows: dict[str, int]) -> dict[str, int]:
    """Rows the load writes: the annex has one row per gemeente and one column per year."""
    years = 2030 - 2015 + 1
    return {
        name.split(".")[0]: rows * years if name.startswith("taakstelling") else rows
        for name, rows in file_rows.items()
    }


CHILD_TASKS = {
    "load_project": load_project,
    "load_duckdb": load_duckdb,
    "load_pandas": load_pandas,
    "load_duckdb_dutch": load_duckdb_dutch,
    "apptest": apptest_child,
    "app_memory": app_memory_child,
}


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        start = time.perf_counter()
        CHILD_TASKS[sys.argv[2]](*sys.argv[3:])
        print(f"elapsed {time.perf_counter() - start}")  # the task alone, without start-up
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="sizes, times the nation")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="1x and 10x, 3 runs, no files")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "beschut-bench",
        help="where the generated data is kept between runs",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--no-app-memory", action="store_true")
    parser.add_argument("--dutch", action="store_true", help="the load alone, Dutch Excel CSV")
    args = parser.parse_args()
    if args.dutch:
        return dutch_main(args)
    sizes = [1, 10] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 3 if args.quick else args.runs
    store = args.out.with_name("results.json")
    results = {} if args.quick or not store.exists() else json.loads(store.read_text())
    for schaal in sizes:
        print(f"{schaal}x national", flush=True)
        size_runs = runs if schaal < 100 else max(3, runs // 2)
        results[str(schaal)] = measure_size(schaal, args.data, size_runs, not args.no_app_memory)
        print("\n".join(size_section(str(schaal), results[str(schaal)])), flush=True)
    if args.quick:
        return
    store.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = old[old.index("## Notes") :] if "## Notes" in old else ""
    args.out.write_text(render(results, notes), encoding="utf-8")
    print(f"written to {args.out} and {store}")


def dutch_main(args: argparse.Namespace) -> None:
    """`--dutch`: the load of the Dutch Excel files, into results.json under "dutch"."""
    store = args.out.with_name("results.json")
    results = json.loads(store.read_text()) if store.exists() else {}
    for schaal in [int(s) for s in args.sizes.split(",")]:
        print(f"{schaal}x national, Dutch Excel CSV", flush=True)
        result = measure_dutch_load(schaal, args.data, args.runs)
        print("\n".join(dutch_section(str(schaal), result)), flush=True)
        if not args.quick:
            results.setdefault("dutch", {})[str(schaal)] = result
    if args.quick:
        return
    store.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = old[old.index("## Notes") :] if "## Notes" in old else ""
    args.out.write_text(render(results, notes), encoding="utf-8")
    print(f"written to {args.out} and {store}")


if __name__ == "__main__":
    main()
