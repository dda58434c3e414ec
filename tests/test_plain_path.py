"""The fast path for plain CSV (pyarrow reading, Arrow parsing) answers exactly as the
general path (csv module, pandas parsing): the same rows, values, types and problems,
in every format the loader takes (Dutch Excel's `;`, decimal comma and dd-mm-jjjj, a
title above the header, Windows-1252)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest import reading, validate
from dashboard.ingest.problems import InputError
from dashboard.store.contract import TABLES


def outcome(name: str, data: bytes, plain: bool, monkeypatch) -> tuple:
    """What the loader's check makes of one file, by the fast or the general path."""
    with monkeypatch.context() as patch:
        if not plain:
            patch.setattr(reading, "_read_plain_csv", lambda file, data: None)
            patch.setattr(validate, "parse_plain", lambda raw, column, separator: None)
            patch.setattr(validate, "parse_distinct", lambda raw, column, sep, general: None)
        try:
            spec = TABLES[Path(name).stem.lower()]
            raw = reading.read_file(name, data, spec.name, validate.header_test(spec))
            result = validate.validate(raw, spec)
        except InputError as error:
            return ("refused", error.problems, None)
    return ("read", result.problems, result.rows)


def assert_same(name: str, data: bytes, monkeypatch) -> None:
    fast = outcome(name, data, True, monkeypatch)
    general = outcome(name, data, False, monkeypatch)
    assert fast[:2] == general[:2]
    if fast[2] is not None:
        pd.testing.assert_frame_equal(fast[2], general[2], check_exact=True)
        for column in fast[2].columns:  # None and NaN alike count as missing above
            assert list(map(type, fast[2][column])) == list(map(type, general[2][column]))


@pytest.mark.parametrize("name", ["plaatsingen.csv", "trajecten.csv", "uitgaven.csv"])
def test_the_sample_reads_the_same_both_ways(name, monkeypatch):
    assert_same(name, (SAMPLE / name).read_bytes(), monkeypatch)


def test_the_fast_path_is_taken_for_a_plain_file():
    raw = reading.read_file("plaatsingen.csv", (SAMPLE / "plaatsingen.csv").read_bytes())
    assert all(isinstance(dtype, pd.ArrowDtype) for dtype in raw.cells.dtypes)
    for column in TABLES["plaatsingen"].columns:
        assert validate.parse_plain(raw.cells[column.name], column, ";") is not None, column


# Per kind of column: plain values the fast path reads, then everything else.
CELLS = {
    "id": (["A1", "A2", "A3", "é", ""], ["A1", " A4", "a\xa0b", "x\u2003"]),
    "gemeente": (
        ["GM0935", "935", "0935", "1903"],
        ["gm0935", "GM9999", "GM0000", "0", "Maastricht", "", " GM0935", "00935", "٩٣٥"],
    ),
    "instrument": (
        ["beschut_werk", "loonkostensubsidie"],
        ["Beschut_Werk", "beschut werk", "betaald", "", " overig"],
    ),
    "datum": (
        ["2024-03-01", "2024-02-29", "2023-12-31", "", "01-03-2024", "29-02-2024"],
        ["01-03-2024", "1-3-2024", "2024-02-30", "29-02-2023", "31-04-2024", "2024/03/01",
         "1899-12-31", "2024-03-01 12:00", "maart", "2101-01-01", "2024-00-10", "00-01-2024"],
    ),
    "uren": (
        ["32", "25,5", "1.500", "40", ""],
        ["25.5", "0", "40,5", "-3", "1.234,5", "veel", " 32", "3e1", "32€", "12,345", "+8",
         "٣٢", "0,000000000000000001"],
    ),
    "kosten": (
        ["2100,50", "1.234,50", "7", ""],
        ["2100.50", "-5", "1,234.50", "abc", "1e3"],
    ),
    "maand": (
        ["2024-03", "2024-12", "03-2024", "12-2024", "01-03-2024", "15-12-2024"],
        ["2024-13", "2024-3", "3-2024", "", "2024-03-15", "1899-12", "13-2024", "1-3-2024",
         "31-02-2024", "00-2024"],
    ),
    "jaar": (["2024", "2030"], ["2024.5", "2024,0", "1989", "", "2.024", "2101"]),
    "post": (["loonkosten", "overig"], ["Overig", "reizen", ""]),
    "uitkomst": (["lopend", "beschut_werk", "uitgevallen"], ["Lopend", "beschut werk", "?"]),
    "versie": (["primitief", "1e wijziging", ""], [" primitief", "wijziging\xa0"]),
}  # fmt: skip
# Dutch Excel's "CSV (puntkomma)": what it writes for each kind, then everything else.
DUTCH_CELLS = {
    **CELLS,
    "datum": (
        ["01-03-2024", "29-02-2024", "1-3-2024", "31-12-2023", "9-10-2024", ""],
        ["29-2-2023", "31-4-2024", "0-1-2024", "1-13-2024", "2024-03-01", "1-3-24",
         "01-03-2024 0:00", "1.3.2024", "1/3/2024", "32-1-2024"],
    ),
    "uren": (["32", "25,5", "36", "0,5", ""], CELLS["uren"][1]),
    "kosten": (["2100,5", "2100,50", "1234", "0", ""], CELLS["kosten"][1]),
}  # fmt: skip
TABLES_UNDER_TEST = {
    "plaatsingen.csv": (
        ["plaatsing_id", "persoon_id", "gemeente", "instrument", "startdatum", "einddatum",
         "uren_per_week", "werkgever", "kosten_per_maand"],
        ["id", "id", "gemeente", "instrument", "datum", "datum", "uren", "id", "kosten"],
    ),
    "uitgaven.csv": (
        ["gemeente", "maand", "post", "bedrag"], ["gemeente", "maand", "post", "kosten"]
    ),
    "taakstelling.csv": (["gemeente", "jaar", "taakstelling"], ["gemeente", "jaar", "uren"]),
    "trajecten.csv": (
        ["traject_id", "persoon_id", "gemeente", "startdatum", "einddatum", "advies_aangevraagd",
         "uitkomst"],
        ["id", "id", "gemeente", "datum", "datum", "datum", "uitkomst"],
    ),
    "begroting.csv": (
        ["gemeente", "jaar", "post", "bedrag", "versie"],
        ["gemeente", "jaar", "post", "kosten", "versie"],
    ),
}  # fmt: skip


@st.composite
def csv_files(draw, dutch: bool = False) -> tuple[str, bytes]:
    """A CSV file of one table; `dutch`: as Dutch Excel saves it (`;`, CRLF, mostly
    Windows-1252, decimal comma, d-m-jjjj), the cells mostly in its plain forms."""
    name = draw(st.sampled_from(sorted(TABLES_UNDER_TEST)))
    header, pools = TABLES_UNDER_TEST[name]
    cells_of = DUTCH_CELLS if dutch else CELLS
    separator = ";" if dutch else draw(st.sampled_from([",", ";", "\t"]))
    newline = "\r\n" if dutch else draw(st.sampled_from(["\n", "\r\n"]))
    plain_only = [draw(st.booleans()) or dutch and draw(st.booleans()) for _ in pools]
    choices = [
        cells_of[pool][0] if plain else cells_of[pool][0] + cells_of[pool][1]
        for pool, plain in zip(pools, plain_only, strict=True)
    ]
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=8 if dutch else 6))):
        kind = draw(st.sampled_from(["row"] * 6 + ["blank", "separators", "short"]))
        if kind == "blank":
            rows.append("")
        elif kind == "separators":
            rows.append(separator * (len(header) - 1))
        else:
            cells = [draw(st.sampled_from(values)) for values in choices]
            rows.append(separator.join(cells[:-1] if kind == "short" else cells))
    title = draw(st.sampled_from([[], ["Rapportage"], ["Rapportage", "", "Peildatum 31-12-2024"]]))
    lines = [*title, separator.join(header), *rows]
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    if dutch or draw(st.booleans()):  # Dutch Excel's default CSV, where the cells allow it
        try:
            return name, text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return name, bom + text.encode("utf-8")


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(file=csv_files())
def test_fast_and_general_path_agree_on_any_mix_of_cells(file, monkeypatch):
    assert_same(*file, monkeypatch)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(file=csv_files(dutch=True))
def test_fast_and_general_path_agree_on_dutch_excel_files(file, monkeypatch):
    assert_same(*file, monkeypatch)


DUTCH_EXCEL = (
    "plaatsing_id;persoon_id;gemeente;instrument;startdatum;einddatum;uren_per_week;"
    "werkgever;kosten_per_maand\r\n"
    "PL1;P1;GM0014;beschut_werk;1-3-2024;;25,5;Zorggroep Súdwest-Fryslân;2100,5\r\n"
    "PL2;P2;14;jobcoaching;15-12-2023;31-1-2024;32;;\r\n"
)


def test_a_dutch_excel_file_takes_the_fast_path_in_every_column():
    """Windows-1252, `;`, decimal commas, d-m-jjjj and mm-jjjj: no column is read
    cell by cell in Python."""
    for name, data in [
        ("plaatsingen.csv", DUTCH_EXCEL),
        ("uitgaven.csv", "gemeente;maand;post;bedrag\r\nGM0014;03-2024;overig;12,5\r\n"),
        ("uitgaven.csv", "gemeente;maand;post;bedrag\r\n14;01-03-2024;overig;1.012,5\r\n"),
    ]:
        spec = TABLES[name.split(".")[0]]
        raw = reading.read_file(name, data.encode("cp1252"), spec.name, validate.header_test(spec))
        assert all(isinstance(dtype, pd.ArrowDtype) for dtype in raw.cells.dtypes)
        for column in spec.columns:
            if column.name not in raw.cells.columns:
                continue
            cells = raw.cells[column.name]
            fast = validate.parse_plain(cells, column, ";")
            if fast is None:
                fast = validate.parse_distinct(cells, column, ";", validate._parse_general)
            assert fast is not None, (name, column.name)
