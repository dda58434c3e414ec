"""The Data page: what is loaded, data quality warnings and the import log."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from conftest import (
    PLAATSINGEN_HEADER,
    REPO,
    TRAJECTEN_HEADER,
    as_shown,
    csv_lines,
    start_app,
    switch_page,
    table_rows,
)
from streamlit.testing.v1 import AppTest

from dashboard.metrics import formatting as fmt
from dashboard.store.db import connect
from dashboard.store.queries import run

APP = str(REPO / "dashboard" / "app.py")

# Each warning of data_waarschuwingen exactly once; the rows marked "no warning" are
# near misses that must not count.
WARNING_FILES = {
    "taakstelling.csv": csv_lines(
        "gemeente,jaar,taakstelling",
        "GM0935,2024,5",
        "GM0935,2025,6",
        "GM0938,2025,1.5",
    ),
    "plaatsingen.csv": csv_lines(
        PLAATSINGEN_HEADER,
        "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100",
        "A2,p2,GM0935,beschut_werk,2025-01-01,,20,MOB,",  # kosten ontbreken
        "A3,p3,GM0938,loonkostensubsidie,2023-01-01,2023-12-31,20,X,",  # no warning
        "A4,p4,GM0938,beschut_werk,2024-06-01,2024-12-31,30,Y,1500",  # 2024: no taakstelling
        "A5,p5,GM0935,beschut_werk,2025-02-01,2027-12-31,10,MOB,900",  # 2026-27 planned
    ),
    "trajecten.csv": csv_lines(
        TRAJECTEN_HEADER,
        "T1,q1,GM0935,2024-01-01,2024-06-01,beschut_werk,2024-03-01,positief",
        "T2,q2,GM0935,2024-01-01,2024-06-01,beschut_werk,2024-03-01,negatief",
        "T3,q3,GM0935,2024-02-01,,lopend,,positief",
        "T4,q4,GM0935,2024-05-01,,lopend,2024-04-01,",
        "T5,q5,GM0935,2024-05-01,2024-09-01,regulier_werk,2024-06-01,negatief",
    ),
    "begroting.csv": csv_lines(
        "gemeente,jaar,post,bedrag",
        "GM0935,2024,loonkosten,1000",
        "GM0935,2025,loonkosten,1000",
        "GM0935,2026,loonkosten,1000",  # a plan after the data year: no warning
        "GM0938,2025,loonkosten,500",  # no uitgaven in 2025
    ),
    "uitgaven.csv": csv_lines(
        "gemeente,maand,post,bedrag",
        "GM0935,2023-05,loonkosten,10",  # no begroting for 2023
        "GM0935,2024-01,loonkosten,100",
        "GM0935,2025-06,loonkosten,-5",
    ),
}
DATA_TOT_EN_MET = dt.date(2025, 6, 30)


def query(db, name: str, **parameters: object) -> pd.DataFrame:
    con = connect(db)
    try:
        return run(con, name, **parameters)
    finally:
        con.close()


def start(monkeypatch, db) -> AppTest:
    return start_app(monkeypatch, db)


def data_page(monkeypatch, db) -> AppTest:
    at = start(monkeypatch, db)
    switch_page(at, "Data")
    assert not at.exception, at.exception
    return at


# --- formatting ---------------------------------------------------------------


def test_tijdstip_and_jaren_are_written_the_dutch_way():
    assert fmt.tijdstip(dt.datetime(2024, 12, 31, 14, 5)) == "31-12-2024 14:05"
    assert fmt.tijdstip(pd.Timestamp("2025-03-07 09:30:59")) == "07-03-2025 09:30"
    assert fmt.tijdstip(None) == fmt.tijdstip(pd.NaT) == "–"
    assert fmt.jaren(2017, 2026) == "2017–2026"
    assert fmt.jaren(2024, 2024) == "2024"
    assert fmt.jaren(pd.NA, pd.NA) == fmt.jaren(None, None) == "–"


# --- queries ------------------------------------------------------------------


def test_each_warning_is_found_once_with_its_count(load_files, db_path):
    load_files(WARNING_FILES)
    assert query(db_path, "data_tot_en_met")["data_tot_en_met"].iloc[0].date() == (DATA_TOT_EN_MET)
    found = query(db_path, "data_waarschuwingen", data_tot_en_met=DATA_TOT_EN_MET)
    assert list(found[["soort", "gemeente", "aantal"]].itertuples(index=False, name=None)) == [
        ("kosten_ontbreken", "GM0935", 1),
        ("taakstelling_ontbreekt", "GM0938", 1),
        ("begroting_zonder_uitgaven", "GM0938", 1),
        ("uitgaven_zonder_begroting", "GM0935", 1),
        ("beschut_werk_zonder_positief_advies", "GM0935", 1),
        ("advies_uitkomst_zonder_aanvraag", "GM0935", 1),
        ("advies_voor_start", "GM0935", 1),
    ]
    meldingen = dict(zip(found["soort"], found["melding"], strict=True))
    assert meldingen["taakstelling_ontbreekt"].startswith("Geen taakstelling geladen voor 2024 (")
    assert "geen uitgaven in 2025:" in meldingen["begroting_zonder_uitgaven"]
    assert "geen begroting in 2023:" in meldingen["uitgaven_zonder_begroting"]
    assert set(found["gemeentenaam"]) == {"Maastricht", "Meerssen"}


def test_warnings_count_every_row_and_list_every_year(load_files, db_path):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                "A1,p1,GM0935,beschut_werk,2023-03-01,,32,MOB,",
                "A2,p1,GM0935,beschut_werk,2024-01-01,2024-02-01,4,Bakker,",
                "A3,p2,GM0935,beschut_werk,2025-01-01,,20,MOB,1800",
            ),
            "trajecten.csv": csv_lines(
                TRAJECTEN_HEADER,
                "T1,q1,GM0935,2023-01-01,2023-06-01,beschut_werk,,",
                "T2,q2,GM0935,2023-01-01,2023-06-01,beschut_werk,2023-03-01,negatief",
            ),
        }
    )
    found = query(db_path, "data_waarschuwingen", data_tot_en_met=dt.date(2025, 1, 1))
    assert list(found[["soort", "aantal"]].itertuples(index=False, name=None)) == [
        ("kosten_ontbreken", 2),
        ("taakstelling_ontbreekt", 3),
        ("beschut_werk_zonder_positief_advies", 2),
    ]
    assert "voor 2023, 2024, 2025 (" in found["melding"].iloc[1]


def test_the_data_year_needs_a_taakstelling_also_without_beschut_werk(load_files, db_path):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "A1,p1,GM0938,loonkostensubsidie,2024-03-01,,32,X,900"
            )
        }
    )
    found = query(db_path, "data_waarschuwingen", data_tot_en_met=dt.date(2024, 3, 1))
    assert list(found[["soort", "gemeente", "aantal"]].itertuples(index=False, name=None)) == [
        ("taakstelling_ontbreekt", "GM0938", 1)
    ]


def test_clean_data_gives_no_warnings(sample_db):
    # The sample's only flaw: a few beschut werk placements without kosten_per_maand.
    found = query(sample_db, "data_waarschuwingen", data_tot_en_met=dt.date(2026, 10, 31))
    assert set(found["soort"]) == {"kosten_ontbreken"}
    assert found["aantal"].sum() == 6


def test_overview_lists_rows_gemeenten_and_years(load_files, db_path):
    load_files(WARNING_FILES)
    overview = query(db_path, "data_overzicht")
    assert list(overview.iloc[:5].itertuples(index=False, name=None)) == [
        ("taakstelling", overview["inhoud"][0], 3, 2, "Maastricht, Meerssen", 2024, 2025),
        ("plaatsingen", overview["inhoud"][1], 5, 2, "Maastricht, Meerssen", 2023, 2027),
        ("trajecten", overview["inhoud"][2], 5, 1, "Maastricht", 2024, 2024),
        ("begroting", overview["inhoud"][3], 4, 2, "Maastricht, Meerssen", 2024, 2026),
        ("uitgaven", overview["inhoud"][4], 3, 1, "Maastricht", 2023, 2025),
    ]
    gemeenten = overview.iloc[5]
    assert (gemeenten["tabel"], gemeenten["rijen"], gemeenten["gemeenten"]) == ("gemeenten", 0, 0)
    assert pd.isna(gemeenten["eerste_jaar"])
    overview = overview.iloc[:5]
    per_gemeente = query(db_path, "data_per_gemeente")
    assert list(per_gemeente.itertuples(index=False, name=None)) == [
        ("GM0935", "Maastricht", 2, 3, 5, 3, 3),
        ("GM0938", "Meerssen", 1, 2, 0, 1, 0),
    ]


def test_overview_lists_every_table_also_when_empty(tmp_path):
    path = tmp_path / "leeg.duckdb"
    connect(path, read_only=False).close()
    overview = query(path, "data_overzicht")
    assert list(overview["tabel"]) == [
        "taakstelling",
        "plaatsingen",
        "trajecten",
        "begroting",
        "uitgaven",
        "gemeenten",
    ]
    assert overview["rijen"].sum() == 0
    assert query(path, "data_per_gemeente").empty


# --- the page -----------------------------------------------------------------


def shown(at: AppTest, index: int) -> list[tuple]:
    return list(at.dataframe[index].value.itertuples(index=False, name=None))


def warning_rows(at: AppTest) -> list[tuple]:
    return table_rows(at.table[0])


def test_page_shows_the_queries_on_the_sample(sample_db, monkeypatch):
    at = data_page(monkeypatch, sample_db)
    assert at.title[0].value == "Data"
    assert len(at.dataframe) == 4 and len(at.table) == 1  # the last: the audit trail

    overview = query(sample_db, "data_overzicht")
    assert list(at.dataframe[0].value.columns) == [
        "Tabel",
        "Inhoud",
        "Rijen",
        "Aantal gemeenten",
        "Gemeenten",
        "Jaren",
    ]
    assert shown(at, 0) == [
        (
            r.tabel,
            r.inhoud,
            fmt.number(r.rijen),
            fmt.number(r.gemeenten),
            r.gemeentenamen,
            fmt.jaren(r.eerste_jaar, r.laatste_jaar),
        )
        for r in overview.itertuples()
    ]
    assert shown(at, 0)[4][2] == "1.416"  # uitgaven, with a Dutch thousands separator

    per_gemeente = query(sample_db, "data_per_gemeente")
    assert shown(at, 1) == [
        (r.gemeentenaam, r.gemeente, *(fmt.number(v) for v in r[3:]))
        for r in per_gemeente.itertuples()
    ]

    warnings = query(sample_db, "data_waarschuwingen", data_tot_en_met=dt.date(2026, 10, 31))
    assert list(at.table[0].value.columns) == ["Gemeente", "Code", "Waarschuwing", "Aantal"]
    assert warning_rows(at) == [
        (r.gemeentenaam, r.gemeente, r.melding, fmt.number(r.aantal)) for r in warnings.itertuples()
    ]
    assert not at.success

    history = query(sample_db, "import_historie")
    files = list(history["bestanden"].iloc[0])
    assert shown(at, 2) == [
        (
            "1",
            fmt.tijdstip(history["afgerond"].iloc[0]),
            "geslaagd",
            history["bron"].iloc[0],
            f["bestand"],
            f["tabel"],
            fmt.number(f["rijen"]),
            "GM0935, GM0938, GM1903",
            f["sha256"],
            f["codering"] or "–",
        )
        for f in files
    ]
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", shown(at, 2)[0][1])


def test_page_shows_nothing_personal(sample_db, monkeypatch):
    at = data_page(monkeypatch, sample_db)
    frames = [*at.dataframe, *at.table]
    cells = {str(v) for frame in frames for v in frame.value.to_numpy().ravel()}
    text = " ".join([*cells, *(m.value for m in at.markdown), *(c.value for c in at.caption)])
    text = as_shown(text)
    con = connect(sample_db)
    try:
        ids = con.execute(
            "SELECT persoon_id FROM plaatsingen UNION SELECT plaatsing_id FROM plaatsingen "
            "UNION SELECT traject_id FROM trajecten UNION SELECT persoon_id FROM trajecten"
        ).fetchall()
    finally:
        con.close()
    assert len(ids) > 500
    assert [i for (i,) in ids if i in text] == []


def test_newest_import_comes_first_and_no_warnings_is_a_success(load_files, db_path, monkeypatch):
    load_files({"taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2024,5")})
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "A1,p1,GM0935,beschut_werk,2024-03-01,,32,MOB,2100"
            )
        }
    )
    at = data_page(monkeypatch, db_path)
    assert len(at.dataframe) == 4 and not at.table  # overview, per gemeente, imports, audit
    assert [row[0] for row in shown(at, 2)] == ["2", "1"]
    assert [row[5] for row in shown(at, 2)] == ["plaatsingen", "taakstelling"]
    assert "Geen waarschuwingen" in at.success[0].value
    assert shown(at, 0)[2] == ("trajecten", shown(at, 0)[2][1], "0", "0", "–", "–")


def test_warnings_on_hand_made_data_are_shown(load_files, db_path, monkeypatch):
    load_files(WARNING_FILES)
    at = data_page(monkeypatch, db_path)
    warnings = warning_rows(at)
    assert len(warnings) == 7
    assert ("Meerssen", "GM0938") == warnings[1][:2]
    assert "voor 2024 (" in warnings[1][2] and warnings[1][3] == "1"


def test_an_empty_database_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "leeg.duckdb"
    connect(path, read_only=False).close()
    at = data_page(monkeypatch, path)
    assert not at.dataframe and not at.table
    assert any("bevat nog geen gegevens" in i.value for i in at.info)
    assert at.code[0].value == "beschut load <map> --db <bestand>"


def test_a_missing_database_is_explained(tmp_path, monkeypatch):
    at = data_page(monkeypatch, tmp_path / "bestaat_niet.duckdb")
    assert not at.dataframe and not at.table
    assert any("nog geen database" in i.value for i in at.info)
    assert at.code[0].value == "beschut load <map> --db <bestand>"
    assert not (tmp_path / "bestaat_niet.duckdb").exists()
