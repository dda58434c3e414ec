"""A large CSV is read and validated in batches of lines (dashboard/ingest/batches.py):
it gives exactly the header, rows, problems, encoding and notes of the file read
whole, with the file's own line numbers, whatever the batch size; and what only the
whole file can decide (a decimal mark, the encoding) sends it to be read whole."""

from __future__ import annotations

import hashlib
import os

import pandas as pd
import pytest
from conftest import write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest import batches, loader
from dashboard.ingest.loader import SourceFile, files_in_folder, inspect, load
from dashboard.store.db import connect

HEADER = [
    "plaatsing_id",
    "persoon_id",
    "gemeente",
    "instrument",
    "startdatum",
    "einddatum",
    "uren_per_week",
    "werkgever",
    "kosten_per_maand",
]
GEMEENTEN = ["GM0363", "GM0935", "1900", "14"]
INSTRUMENTEN = ["beschut_werk", "jobcoaching", "loonkostensubsidie"]


def rows(count: int, dutch: bool) -> list[list[str]]:
    """Placements in the file's own form: Dutch Excel (dd-mm-jjjj, decimal comma) or not."""
    out = []
    for i in range(count):
        day, month = 1 + i % 28, 1 + i % 12
        start = f"{day:02d}-{month:02d}-2023" if dutch else f"2023-{month:02d}-{day:02d}"
        end = (
            ""
            if i % 3
            else (f"{day:02d}-{month:02d}-2025" if dutch else f"2025-{month:02d}-{day:02d}")
        )
        uren = ["32", "25.5", "16", "36.25"][i % 4]
        kosten = f"{1000 + i * 7.31:.2f}"
        if dutch:
            uren, kosten = uren.replace(".", ","), kosten.replace(".", ",")
        werkgever = ["Café De Één", "Bakkerij", "Zörg BV", "MOB"][i % 4]
        out.append(
            [f"PL{i:05d}", f"P{i % 97}", GEMEENTEN[i % 4], INSTRUMENTEN[i % 3], start, end,
             uren, werkgever, kosten]
        )  # fmt: skip
    return out


def csv_file(
    body: list[list[str]],
    dutch: bool,
    title: bool = False,
    blank_every: int = 0,
    encoding: str | None = None,
) -> bytes:
    separator, end = (";", "\r\n") if dutch else (",", "\n")
    lines = ["Rapportage plaatsingen", "", "Peildatum: 31-12-2024"] if title else []
    lines.append(separator.join(HEADER))
    for i, row in enumerate(body):
        if blank_every and i % blank_every == 0:
            lines.append(separator * (len(HEADER) - 1) if i % 2 else "")
        lines.append(separator.join(row))
    text = end.join(lines) + end
    return text.encode(encoding or ("cp1252" if dutch else "utf-8"))


def with_problems(body: list[list[str]], dutch: bool) -> list[list[str]]:
    """Problems spread over the file, the last ones far down (in a late batch)."""
    body = [list(row) for row in body]
    body[5][2] = "GM9999"  # unknown gemeente
    body[-3][4] = "31-02-2024" if dutch else "2024-02-31"  # no such day
    body[-2][0] = body[10][0]  # a plaatsing_id that is also 200 rows up
    body[-1][5] = "01-01-2000" if dutch else "2000-01-01"  # einddatum before startdatum
    body[-4][6] = "veel"
    return body


def checked(data: bytes, monkeypatch, batch_bytes: int, expect_batches: bool | None = True):
    """What the loader's check makes of a plaatsingen file, read in batches of
    `batch_bytes` (or whole); `expect_batches` says whether the batches must be used."""
    read_whole = []
    real_read_file = loader.read_file

    def read_file(*args, **kwargs):
        read_whole.append(True)
        return real_read_file(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(batches, "BATCH_BYTES", batch_bytes)
        patch.setattr(loader, "read_file", read_file)
        (result,) = inspect([SourceFile("plaatsingen.csv", data)])
    if expect_batches is not None:
        assert bool(read_whole) != expect_batches, "batches taken" if read_whole else "whole"
    return result


def assert_same(batched, whole) -> None:
    assert batched.header == whole.header
    assert batched.problems == whole.problems
    assert batched.result.encoding == whole.result.encoding
    assert batched.result.notes == whole.result.notes
    pd.testing.assert_frame_equal(batched.result.rows, whole.result.rows, check_exact=True)
    for column in whole.result.rows.columns:
        batched_types = list(map(type, batched.result.rows[column]))
        assert batched_types == list(map(type, whole.result.rows[column]))


WHOLE = 1 << 40


@pytest.mark.parametrize(
    "dutch, title, blank_every",
    [(False, False, 0), (True, False, 0), (True, True, 7), (False, True, 5)],
)
def test_a_file_in_batches_gives_what_the_whole_file_gives(monkeypatch, dutch, title, blank_every):
    data = csv_file(with_problems(rows(400, dutch), dutch), dutch, title, blank_every)
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    batched = checked(data, monkeypatch, 1500)
    assert len(whole.problems) == 5 and len(whole.result.rows) == 400, "problems to compare"
    assert_same(batched, whole)


def test_a_problem_in_a_late_batch_names_the_files_own_line(monkeypatch):
    body = rows(400, dutch=True)
    body[390][4] = "31-02-2024"
    data = csv_file(body, dutch=True, title=True, blank_every=9)
    lines = data.decode("cp1252").split("\r\n")
    line = next(n for n, text in enumerate(lines, start=1) if "31-02-2024" in text)
    result = checked(data, monkeypatch, 1000)
    assert [(p.line, p.column) for p in result.problems] == [(line, "startdatum")]
    assert line > 400, "the problem must be far down the file"


def test_a_repeated_id_in_another_batch_names_the_first_line(monkeypatch):
    body = rows(300, dutch=False)
    body[299][0] = body[0][0]
    result = checked(csv_file(body, dutch=False), monkeypatch, 800)
    (problem,) = result.problems
    assert (problem.line, problem.column) == (301, "plaatsing_id")
    assert problem.message == "dubbel: plaatsing_id 'PL00000' staat ook op regel 2"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batch_bytes=st.integers(min_value=40, max_value=6000),
    dutch=st.booleans(),
    title=st.booleans(),
    blank_every=st.sampled_from([0, 3, 50]),
    problems=st.booleans(),
)
def test_any_batch_size_gives_what_the_whole_file_gives(
    monkeypatch, batch_bytes, dutch, title, blank_every, problems
):
    body = rows(120, dutch)
    data = csv_file(with_problems(body, dutch) if problems else body, dutch, title, blank_every)
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    assert_same(checked(data, monkeypatch, batch_bytes, expect_batches=None), whole)


def test_decimal_marks_that_differ_between_batches_read_the_file_whole(monkeypatch):
    body = rows(200, dutch=True)
    for row in body[:20]:
        row[6] = "1.5"  # a decimal point, in the first batch only
    data = csv_file(body, dutch=True)
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    assert whole.problems, "the whole file reads 1.5 with a decimal comma: not a number"
    assert_same(checked(data, monkeypatch, 1000, expect_batches=False), whole)


@pytest.mark.parametrize(
    "header",
    [
        ",".join(HEADER).replace("werkgever", "gemeente"),  # a column twice
        ",".join(HEADER).replace("persoon_id", "persoon"),  # a required column missing
    ],
)
def test_a_refused_header_is_worded_as_for_the_whole_file(monkeypatch, header):
    data = csv_file(rows(300, dutch=False), dutch=False).replace(
        ",".join(HEADER).encode(), header.encode(), 1
    )
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    batched = checked(data, monkeypatch, 1000, expect_batches=False)
    assert batched.problems == whole.problems
    assert {p.line for p in whole.problems} == {1}, "a problem of the header"


def test_the_encoding_is_the_whole_files(monkeypatch):
    body = rows(300, dutch=True)
    for row in body:
        row[7] = "Bakkerij"
    body[280][7] = "Café De Één"  # the one text outside ASCII, in a late batch
    data = csv_file(body, dutch=True)
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    batched = checked(data, monkeypatch, 1000)
    assert batched.result.encoding == "Windows-1252"
    assert batched.result.rows["werkgever"].iloc[280] == "Café De Één"
    assert_same(batched, whole)


def test_utf8_early_and_windows_1252_late_reads_the_file_whole(monkeypatch):
    body = rows(300, dutch=True)
    for row in body:
        row[7] = "Bakkerij"
    body[0][7] = "Café"  # as UTF-8, in the first batch
    body[290][7] = "LATE"
    data = csv_file(body, dutch=True, encoding="utf-8").replace(b"LATE", b"Caf\xe9")
    whole = checked(data, monkeypatch, WHOLE, expect_batches=False)
    assert whole.result.encoding == "Windows-1252"
    assert_same(checked(data, monkeypatch, 1000, expect_batches=False), whole)


def test_a_folder_loads_in_batches_with_the_files_digest(tmp_path, monkeypatch):
    data = csv_file(rows(500, dutch=True), dutch=True, title=True)
    folder = write_folder(tmp_path / "in", {"plaatsingen.csv": data})
    loaded = {}
    for name, batch_bytes in (("whole", WHOLE), ("batched", 2000)):
        monkeypatch.setattr(batches, "BATCH_BYTES", batch_bytes)
        load(tmp_path / f"{name}.duckdb", files_in_folder(folder), source=name)
        con = connect(tmp_path / f"{name}.duckdb")
        try:
            loaded[name] = (
                con.sql("SELECT * FROM plaatsingen ORDER BY ALL").fetchall(),
                con.sql("SELECT sha256, rijen, codering FROM import_bestand").fetchall(),
            )
        finally:
            con.close()
    assert loaded["batched"] == loaded["whole"]
    assert loaded["whole"][1] == [(hashlib.sha256(data).hexdigest(), 500, "Windows-1252")]


def test_write_leaves_the_callers_rows_alone(tmp_path):
    """`load` frees the rows it validated once they are written; `write` (the Data
    page's) must not empty the list it is given."""
    files = [SourceFile("plaatsingen.csv", csv_file(rows(50, dutch=False), dutch=False))]
    checked = loader.check(files)
    loader.write(tmp_path / "write.duckdb", checked, files, source="test")
    assert [len(c.rows) for c in checked] == [50]
    con = connect(tmp_path / "write.duckdb")
    try:
        assert con.sql("SELECT count(*) FROM plaatsingen").fetchall() == [(50,)]
    finally:
        con.close()


def test_a_large_import_is_checked_on_one_thread_with_the_same_result(monkeypatch):
    data = csv_file(rows(500, dutch=True), dutch=True)
    side_by_side = checked(data, monkeypatch, 2000)
    assert loader.threads_for(len(data)) > 1 or (os.cpu_count() or 1) == 1
    monkeypatch.setattr(loader, "PARALLEL_BYTES", len(data) - 1)
    assert loader.threads_for(len(data)) == 1
    assert_same(checked(data, monkeypatch, 2000), side_by_side)
