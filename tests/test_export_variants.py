"""The shipped sample rewritten the ways real exports come (issue 13): every variant must
load into exactly the tables the sample itself gives.

Each variant takes the sample's files and rewrites its CSVs: another separator, quoting,
encoding or line end, title lines above the header, blank rows, padded cells, columns in
another order, as workbooks (text or typed cells, title rows, an explanation sheet), and
the Staatscourant annex as printed (a title, a total row, province headings, a source
line under the table).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
from conftest import SAMPLE
from test_real_exports import ods, xls, xlsx

from dashboard.ingest.loader import SourceFile, load
from dashboard.store.contract import TABLES
from dashboard.store.db import connect

Files = dict[str, bytes]
Rows = list[list[str]]
ANNEX = "taakstelling.csv"


def sample() -> Files:
    return {p.name: p.read_bytes() for p in sorted(SAMPLE.iterdir()) if p.suffix != ".md"}


def contents(files: Files, db) -> dict[str, list[tuple]]:
    load(db, [SourceFile(name, data) for name, data in files.items()], source="test")
    con = connect(db, read_only=True)
    try:
        out = {}
        for spec in TABLES.values():
            columns = [c for c in con.table(spec.db_table).columns if c != "regel"]
            query = f"SELECT {', '.join(columns)} FROM {spec.db_table} ORDER BY ALL"
            out[spec.db_table] = con.sql(query).fetchall()
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, list[tuple]]:
    tables = contents(sample(), tmp_path_factory.mktemp("clean") / "clean.duckdb")
    assert all(tables.values()), "every table of the sample holds rows"
    return tables


def cells(data: bytes) -> tuple[str, Rows]:
    """The CSV's separator and rows."""
    text = data.decode("utf-8-sig")
    separator = max(";,", key=text.split("\n", 1)[0].count)
    return separator, list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def as_csv(
    rows: Rows,
    separator: str = ";",
    encoding: str = "utf-8",
    eol: str = "\r\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator=eol, quoting=quoting).writerows(rows)
    return buffer.getvalue().encode(encoding)


def each_csv(change: Callable[[str, Rows], bytes]) -> Callable[[Files], Files]:
    """Every CSV of the sample rewritten by `change(separator, rows)`."""

    def variant(files: Files) -> Files:
        out = {}
        for name, data in files.items():
            out[name] = change(*cells(data)) if name.endswith(".csv") else data
        return out

    return variant


def typed(cell: str) -> object:
    """A cell as a spreadsheet stores it: dates as dates, numbers as numbers."""
    if re.fullmatch(r"\d{2}-\d{2}-\d{4}", cell):
        day, month, year = map(int, cell.split("-"))
        return dt.datetime(year, month, day)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return dt.datetime.fromisoformat(cell)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cell):  # inwoners: 122.378
        return int(cell.replace(".", ""))
    if re.fullmatch(r"-?[1-9]\d*", cell):  # not codes with a leading zero
        return int(cell)
    if re.fullmatch(r"-?\d+[.,]\d+", cell):
        return float(cell.replace(",", "."))
    return cell or None


def as_book(kind: str, typed_cells: bool = True, above: Rows = (), explanation: bool = False):
    """Every CSV of the sample as a workbook of `kind` (xlsx, xls, ods)."""

    def variant(files: Files) -> Files:
        out = {}
        for name, data in files.items():
            if not name.endswith(".csv"):
                out[name] = data
                continue
            header, *body = cells(data)[1]
            rows = [*above, header, *([typed(c) for c in r] if typed_cells else r for r in body)]
            stem = name.removesuffix(".csv")
            if kind == "xlsx":
                sheets = {"Toelichting": [["Dit bestand bevat …"]]} if explanation else {}
                out[f"{stem}.xlsx"] = xlsx({**sheets, stem.capitalize(): rows})
            else:
                blank = [["" if cell is None else cell for cell in row] for row in rows]
                out[f"{stem}.{kind}"] = (xls if kind == "xls" else ods)(blank)
        return out

    return variant


def annex(change: Callable[[Rows], Rows], encoding: str = "utf-8") -> Callable[[Files], Files]:
    """The sample's taakstelling (the annex layout) rewritten by `change(rows)`."""

    def variant(files: Files) -> Files:
        return {**files, ANNEX: as_csv(change(cells(files[ANNEX])[1]), ";", encoding)}

    return variant


def total(rows: Rows, label: str = "Som", column: int = 1) -> list[str]:
    """The annex's total row: the sum of every Ultimo column, no CBS code."""
    row = [""] * len(rows[0])
    row[column] = label
    for j in range(2, len(rows[0])):
        summed = sum(float(r[j].replace(",", ".")) for r in rows[1:])
        row[j] = f"{summed:.1f}".replace(".", ",")
    return row


def padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


TITLE = [["Rapportage nieuw beschut werk"], ["Peildatum: 31-10-2026"], []]
VARIANTS: dict[str, Callable[[Files], Files]] = {
    "every field quoted": each_csv(lambda s, r: as_csv(r, ";", quoting=csv.QUOTE_ALL)),
    "tab-separated": each_csv(lambda s, r: as_csv(r, "\t")),
    "Windows-1252": each_csv(lambda s, r: as_csv(r, s, "cp1252")),
    "line ends CR only": each_csv(lambda s, r: as_csv(r, s, eol="\r")),
    "title lines": each_csv(lambda s, r: as_csv(TITLE + r, s)),
    "title lines as wide as the table": each_csv(
        lambda s, r: as_csv([padded(["Rapportage"], len(r[0])), [""] * len(r[0]), *r], s)
    ),
    "empty trailing columns": each_csv(lambda s, r: as_csv([x + ["", ""] for x in r], s)),
    "empty rows at the end": each_csv(lambda s, r: as_csv(r + [[""] * len(r[0])] * 3, s)),
    "headers upper-case and padded": each_csv(
        lambda s, r: as_csv([[f"  {c.upper()} " for c in r[0]], *r[1:]], s)
    ),
    "columns reversed": each_csv(lambda s, r: as_csv([x[::-1] for x in r], s)),
    "cells padded with spaces": each_csv(
        lambda s, r: as_csv([r[0], *([f" {c} " if c else c for c in x] for x in r[1:])], s)
    ),
    "an extra column with separators in it": each_csv(
        lambda s, r: as_csv(
            [x + ["opmerking" if i == 0 else "a; b, c"] for i, x in enumerate(r)], s
        )
    ),
    "xlsx, text cells": as_book("xlsx", typed_cells=False),
    "xlsx, typed cells": as_book("xlsx"),
    "xlsx, title rows": as_book("xlsx", above=[["Overzicht"], [], ["Peildatum", "31-10-2026"]]),
    "xlsx, an explanation sheet first": as_book("xlsx", explanation=True),
    "xls, title rows": as_book("xls", above=[["Overzicht"], []]),
    "ods, title rows": as_book("ods", above=[["Overzicht"], []]),
    "annex: title and Som, Windows-1252": annex(
        lambda r: [
            ["Bijlage bij de Regeling vaststelling aantallen beschut werk"],
            [],
            *r,
            total(r),
        ],
        "cp1252",
    ),
    "annex: Totaal in the code column": annex(lambda r: [*r, total(r, "Totaal", 0)]),
    "annex: province heading and source line": annex(
        lambda r: [
            r[0],
            padded(["", "Limburg"], len(r[0])),
            *r[1:],
            total(r),
            [""] * len(r[0]),
            padded(["Bron: Staatscourant 2025, nr. 12345"], len(r[0])),
        ]
    ),
    "annex: codes with leading zeros": annex(
        lambda r: [r[0], *([x[0].zfill(4), *x[1:]] for x in r[1:])]
    ),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_a_real_export_loads_into_the_tables_of_the_clean_sample(name, clean, tmp_path):
    files = VARIANTS[name](sample())
    assert files != sample(), "the variant changes the files"
    assert contents(files, tmp_path / "variant.duckdb") == clean
