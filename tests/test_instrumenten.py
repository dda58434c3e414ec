"""The Instrumenten page: persons per instrument, the share of beschut werk and the route
into it, counted on hand-made placements; the page and the Begroting page's multi-year
reservation driven through AppTest."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from conftest import (
    PLAATSINGEN_HEADER,
    TRAJECTEN_HEADER,
    app_charts,
    csv_lines,
    start_app,
    switch_page,
)

from dashboard.forecasting import forecast
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.store.db import connect
from dashboard.store.queries import run
from dashboard.web import ui

EINDE_2025 = dt.date(2025, 12, 31)
# p1: loonkostensubsidie in two adjacent placements (one spell) up to 31-12-2024, then
#     beschut werk from 01-03-2025: 59 days between, counted once.
# p2: beschut werk in two adjacent placements: one spell begun in 2024, no 2025 start.
# p3: jobcoaching 2022 and 2023-24 adjacent (one spell begun 01-01-2022) and
#     loonkostensubsidie from 01-06-2022, both ending 30-06-2024: the tie goes to the
#     spell begun last, loonkostensubsidie (unmerged, jobcoaching's second placement
#     would have begun later); 184 days before beschut werk on 01-01-2025.
# p4: no other instrument (scholing only after the start), a voorschakeltraject first.
# p5: dagbesteding up to 31-12-2023, beschut werk 01-05-2025: 486 days between.
# p6: beschut werk only from 01-11-2025, after the peildatum 30-09-2025.
# p7: jobcoaching still running when beschut werk starts on 01-04-2025.
# p9: two separate beschut werk spells in 2025 (GM0938): one start.
# p10: two overlapping groeibaan placements: one person.
PLAATSINGEN = csv_lines(
    PLAATSINGEN_HEADER,
    "A1,p1,GM0935,loonkostensubsidie,2023-01-01,2023-06-30,32,X,900",
    "A2,p1,GM0935,loonkostensubsidie,2023-07-01,2024-12-31,32,X,900",
    "A3,p1,GM0935,beschut_werk,2025-03-01,,32,MOB,2000",
    "B1,p2,GM0935,beschut_werk,2024-05-01,2024-12-31,32,MOB,2000",
    "B2,p2,GM0935,beschut_werk,2025-01-01,,32,MOB,2000",
    "C1,p3,GM0935,jobcoaching,2022-01-01,2022-12-31,12,Y,300",
    "C2,p3,GM0935,jobcoaching,2023-01-01,2024-06-30,12,Y,300",
    "C3,p3,GM0935,loonkostensubsidie,2022-06-01,2024-06-30,24,Y,900",
    "C4,p3,GM0935,beschut_werk,2025-01-01,,24,MOB,2000",
    "D1,p4,GM0935,beschut_werk,2025-02-01,,24,MOB,2000",
    "D2,p4,GM0935,scholing,2025-06-01,2025-08-31,8,Z,200",
    "E1,p5,GM0935,dagbesteding,2020-01-01,2023-12-31,16,Zorg,900",
    "E2,p5,GM0935,beschut_werk,2025-05-01,,24,MOB,2000",
    "F1,p6,GM0935,beschut_werk,2025-11-01,,24,MOB,2000",
    "G1,p7,GM0935,jobcoaching,2024-01-01,,12,Y,300",
    "G2,p7,GM0935,beschut_werk,2025-04-01,,24,MOB,2000",
    "H1,p9,GM0938,beschut_werk,2025-01-01,2025-02-28,24,MOB,2000",
    "H2,p9,GM0938,beschut_werk,2025-06-01,,24,MOB,2000",
    "K1,p10,GM0935,groeibaan,2024-01-01,2024-12-31,30,W,800",
    "K2,p10,GM0935,groeibaan,2024-06-01,,30,W,800",
)
TRAJECTEN = csv_lines(
    TRAJECTEN_HEADER,
    "T1,p4,GM0935,2024-09-01,2025-01-31,beschut_werk,2024-10-01,positief",
    "T2,p5,GM0935,2025-06-01,,lopend,,",  # after p5's start: not the route in
)


@pytest.fixture
def con(load_files, db_path):
    load_files({"plaatsingen.csv": PLAATSINGEN, "trajecten.csv": TRAJECTEN})
    connection = connect(db_path)
    yield connection
    connection.close()


def per_instrument(con, jaar: int, peildatum: dt.date, gemeenten=()) -> dict[str, int]:
    frame = run(
        con, "instrumenten_per_jaar", gemeenten=list(gemeenten), van_jaar=2020, peildatum=peildatum
    )
    rows = frame[frame["jaar"] == jaar]
    return dict(zip(rows["instrument_code"], rows["personen"], strict=True))


def route(con, jaar: int, peildatum: dt.date, gemeenten=()):
    frame = run(
        con, "route_naar_beschut_werk", gemeenten=list(gemeenten), jaar=jaar, peildatum=peildatum
    )
    return frame.set_index("herkomst_code")


# -- counts per instrument -----------------------------------------------------------


def test_persons_per_instrument_on_each_year_end(con):
    assert per_instrument(con, 2023, dt.date(2025, 12, 31)) == {
        "beschut_werk": 0,
        "loonkostensubsidie": 2,  # p1, p3
        "jobcoaching": 1,  # p3
        "werkplekaanpassing": 0,
        "leerwerktraject": 0,
        "groeibaan": 0,
        "scholing": 0,
        "dagbesteding": 1,  # p5, up to and including 31-12-2023
        "overig": 0,
    }
    on_2024 = per_instrument(con, 2024, EINDE_2025)
    assert on_2024["groeibaan"] == 1  # p10's two placements: one person
    assert on_2024["loonkostensubsidie"] == 1  # p1 to 31-12-2024; p3 ended in June
    assert on_2024["beschut_werk"] == 1  # p2


def test_the_last_year_counts_on_the_peildatum_and_beschut_werk_is_the_realisatie(con):
    peildatum = dt.date(2025, 9, 30)
    counts = per_instrument(con, 2025, peildatum)
    assert counts["beschut_werk"] == 7  # p1, p2, p3, p4, p5, p7, p9 (p6 starts later)
    assert counts["scholing"] == 0  # p4's scholing ended on 31-08-2025
    assert per_instrument(con, 2025, dt.date(2025, 8, 31))["scholing"] == 1
    realisatie = run(con, "realisatie_per_jaar", gemeenten=[], van_jaar=2020, peildatum=peildatum)
    assert realisatie["realisatie_ultimo"].tolist() == [
        per_instrument(con, jaar, peildatum)["beschut_werk"] for jaar in range(2020, 2026)
    ]
    assert per_instrument(con, 2025, peildatum, ["GM0938"])["beschut_werk"] == 1


def test_share_of_beschut_werk_counts_each_person_once(con):
    frame = run(
        con, "aandeel_beschut_werk_per_jaar", gemeenten=[], van_jaar=2020, peildatum=EINDE_2025
    ).set_index("jaar")
    # 31-12-2024: p1 (loonkostensubsidie), p2 (beschut werk), p7 (jobcoaching), p10
    assert frame.loc[2024, "personen_alle_instrumenten"] == 4
    assert frame.loc[2024, "personen_beschut_werk"] == 1
    assert frame.loc[2024, "aandeel_beschut_werk"] == pytest.approx(25.0)
    # 31-12-2025: p7 has jobcoaching and beschut werk, and counts once among all
    assert frame.loc[2025, "personen_beschut_werk"] == 8
    assert frame.loc[2025, "personen_ander_instrument"] == 2  # p7, p10
    assert frame.loc[2025, "personen_alle_instrumenten"] == 9
    assert frame.loc[2023, "aandeel_beschut_werk"] == 0


# -- the route into beschut werk -----------------------------------------------------


def test_route_counts_each_starter_once_by_the_instrument_before(con):
    rows = route(con, 2025, EINDE_2025)
    assert rows["personen"].sum() == 7  # p1, p3, p4, p5, p6, p7, p9; not p2 (since 2024)
    assert rows.loc["loonkostensubsidie", "personen"] == 2  # p1 once, p3
    assert rows.loc["jobcoaching", "personen"] == 1  # p7
    assert rows.loc["dagbesteding", "personen"] == 1  # p5
    assert rows.loc["geen", "personen"] == 3  # p4, p6, p9
    assert rows.loc["scholing", "personen"] == 0  # p4's came after the start
    assert rows.loc["geen", "herkomst"] == "Geen ander instrument ervoor"
    assert rows.loc["loonkostensubsidie", "herkomst"] == "Loonkostensubsidie"


def test_route_says_how_long_before(con):
    rows = route(con, 2025, EINDE_2025)
    lks = rows.loc["loonkostensubsidie"]
    assert (lks["binnen_een_jaar"], lks["tegelijk_of_aansluitend"]) == (2, 0)
    assert lks["mediaan_dagen_ertussen"] == pytest.approx((59 + 184) / 2)
    assert rows.loc["jobcoaching", "tegelijk_of_aansluitend"] == 1
    assert rows.loc["dagbesteding", "na_meer_dan_een_jaar"] == 1
    assert rows.loc["dagbesteding", "mediaan_dagen_ertussen"] == 486


def test_route_through_a_voorschakeltraject(con):
    rows = route(con, 2025, EINDE_2025)
    assert rows["via_voorschakeltraject"].sum() == 1
    assert rows.loc["geen", "via_voorschakeltraject"] == 1  # p4; p5's began after


def test_route_only_counts_what_happened_by_the_peildatum(con, load_files, db_path, tmp_path):
    peildatum = dt.date(2025, 9, 30)
    rows = route(con, 2025, peildatum)
    assert rows["personen"].sum() == 6  # p6 not yet
    assert rows.loc["geen", "personen"] == 2
    # the same data cut off at the peildatum (later starts gone, later ends open) counts alike
    lines = PLAATSINGEN.splitlines()
    cut = [lines[0]]
    for line in lines[1:]:
        fields = line.split(",")
        if fields[4] > peildatum.isoformat():
            continue
        if fields[5] and fields[5] > peildatum.isoformat():
            fields[5] = ""
        cut.append(",".join(fields))
    from conftest import write_folder

    from dashboard.ingest.loader import files_in_folder, load

    other = tmp_path / "cut.duckdb"
    folder = write_folder(tmp_path / "cut", {"plaatsingen.csv": csv_lines(*cut)})
    write_folder(folder, {"trajecten.csv": TRAJECTEN})
    load(other, files_in_folder(folder), source=str(folder))
    cut_con = connect(other)
    try:
        assert route(cut_con, 2025, peildatum).equals(rows)
        for jaar in (2024, 2025):
            assert per_instrument(cut_con, jaar, peildatum) == per_instrument(con, jaar, peildatum)
    finally:
        cut_con.close()


def test_route_follows_the_gemeente_and_the_year(con):
    assert route(con, 2025, EINDE_2025, ["GM0938"])["personen"].sum() == 1
    in_2024 = route(con, 2024, dt.date(2024, 12, 31))
    assert in_2024["personen"].sum() == 1  # p2
    assert in_2024.loc["geen", "personen"] == 1


# -- the pages, through AppTest ------------------------------------------------------


def query(db, name: str, **parameters):
    con = connect(db)
    try:
        return run(con, name, **parameters)
    finally:
        con.close()


def open_instrumenten(monkeypatch, db, jaar: int, peildatum: dt.date):
    at = start_app(monkeypatch, db)
    switch_page(at, "Instrumenten")
    at.selectbox(key="jaar").select(jaar).run()
    at.date_input(key=f"peildatum_{jaar}").set_value(peildatum).run()
    assert not at.exception, at.exception
    return at


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_instrumenten_page_shows_the_queries_figures(sample_db, monkeypatch):
    peildatum = dt.date(2025, 9, 30)
    at = open_instrumenten(monkeypatch, sample_db, 2025, peildatum)
    assert at.title[0].value == "Instrumenten: beschut werk als laatste vangnet"
    params = {"gemeenten": [], "van_jaar": 2017, "peildatum": peildatum}
    aandeel = query(sample_db, "aandeel_beschut_werk_per_jaar", **params)
    now = aandeel.iloc[-1]
    assert metric(at, "Personen in beschut werk") == f"{now['personen_beschut_werk']} personen"
    assert metric(at, "Aandeel beschut werk") == catalogue.figure("aandeel_beschut_werk").text(
        now["aandeel_beschut_werk"]
    )
    per_jaar = query(sample_db, "instrumenten_per_jaar", **params)
    on_day = per_jaar[per_jaar["jaar"] == 2025]
    bars, stacked, share, sankey = app_charts(at)
    assert list(reversed(bars[0]["x"])) == on_day["personen"].tolist()
    assert len(stacked) == 9  # every instrument of the contract
    assert stacked[0]["name"] == "Beschut werk"
    assert (
        stacked[0]["y"]
        == per_jaar.loc[per_jaar["instrument_code"] == "beschut_werk", "personen"].tolist()
    )
    assert share[0]["y"] == pytest.approx(aandeel["aandeel_beschut_werk"].tolist())
    started = query(
        sample_db, "route_naar_beschut_werk", gemeenten=[], jaar=2025, peildatum=peildatum
    )
    assert metric(at, "Gestart in beschut werk in 2025") == (
        f"{fmt.number(started['personen'].sum())} personen"
    )
    assert sum(sankey[0]["link"]["value"]) == 2 * started["personen"].sum()
    shown = at.dataframe[0].value
    assert shown[catalogue.figure("personen").header].tolist() == [
        str(v) for v in on_day["personen"]
    ]
    labels = {b.label for b in at.get("download_button")}
    assert {"Download als CSV", "Download als Excel"} <= labels


def test_instrumenten_page_without_starters_says_so(sample_db, monkeypatch):
    at = open_instrumenten(monkeypatch, sample_db, 2020, dt.date(2020, 12, 31))
    assert any("niemand in beschut werk gestart" in i.value for i in at.info)
    assert metric(at, "Personen in beschut werk") == "0 personen"


def test_begroting_shows_the_multi_year_reservation(sample_db, monkeypatch):
    peildatum = dt.date(2025, 9, 30)
    at = start_app(monkeypatch, sample_db)
    switch_page(at, "Begroting")
    at.selectbox(key="jaar").select(2025).run()
    at.date_input(key="peildatum_2025").set_value(peildatum).run()
    assert not at.exception, at.exception
    assert "Meerjarige reservering" in [h.value for h in at.subheader]
    con = connect(sample_db)
    try:
        want = forecast.reservering(partial(run, con), [], peildatum)
    finally:
        con.close()
    from dashboard.web.views.begroting import RESERVERING

    table = next(d.value for d in at.dataframe if "Periode" in d.value.columns)
    assert table.equals(ui.display_table(want, RESERVERING))
    assert table["Jaar"].tolist()[0] == "2024"
    chart = next(c for c in app_charts(at) if c[0].get("name") == "Gereserveerd (€)")
    assert chart[0]["y"] == pytest.approx(want["begroting"].tolist())
    line = next(t for t in chart if t["name"].startswith("Cumulatief"))
    assert line["y"][:2] == pytest.approx(want["cumulatief_verschil"].tolist()[:2])
