"""AppTests of the Taakstelling and Begroting pages: the figures shown are the queries'."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PLAATSINGEN_HEADER, REPO, app_charts, csv_lines, start_app
from streamlit.testing.v1 import AppTest

from dashboard.metrics import formatting as fmt
from dashboard.metrics.catalogue import figure
from dashboard.store.db import connect
from dashboard.store.queries import run

APP = str(REPO / "dashboard" / "app.py")


def open_page(monkeypatch, db, page: str) -> AppTest:
    return start_app(monkeypatch, db, page)


def choose(at: AppTest, gemeenten: list[str], jaar: int, peildatum: dt.date) -> None:
    at.multiselect(key="gemeenten").set_value(gemeenten).run()
    at.selectbox(key="jaar").select(jaar).run()
    at.date_input(key=f"peildatum_{jaar}").set_value(peildatum).run()
    assert not at.exception, at.exception


def query(db, name: str, **params):
    con = connect(db)
    try:
        return run(con, name, **params)
    finally:
        con.close()


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


@pytest.fixture
def taakstelling(sample_db, monkeypatch) -> AppTest:
    at = open_page(monkeypatch, sample_db, "Taakstelling")
    choose(at, ["GM0935"], 2025, dt.date(2025, 9, 30))
    return at


def test_taakstelling_chart_and_table_follow_the_telwijze(taakstelling, sample_db):
    want = query(
        sample_db,
        "realisatie_per_jaar",
        gemeenten=["GM0935"],
        van_jaar=2017,
        peildatum=dt.date(2025, 9, 30),
    )
    bars, quota = app_charts(taakstelling)[0]
    assert bars["x"] == [str(j) for j in want["jaar"]]
    assert bars["y"] == want["realisatie_ultimo"].tolist()
    assert quota["y"] == pytest.approx(want["taakstelling"].tolist())
    table = taakstelling.dataframe[0].value
    assert table[figure("realisatie_ultimo").header].tolist()[-1] == fmt.number(
        want["realisatie_ultimo"].iloc[-1]
    )
    assert table["Peildatum"].tolist()[-1] == "30-09-2025"

    taakstelling.radio(key="telwijze").set_value("Fte (uren ÷ 36)").run()
    bars, _ = app_charts(taakstelling)[0]
    assert bars["y"] == pytest.approx(want["fte_ultimo"].tolist())


def test_taakstelling_flows_and_stock(taakstelling, sample_db):
    flows = query(
        sample_db,
        "instroom_uitstroom_per_maand",
        gemeenten=["GM0935"],
        van=dt.date(2024, 1, 1),
        tot=dt.date(2025, 9, 30),
    )
    instroom, uitstroom = app_charts(taakstelling)[1]
    assert instroom["y"] == flows["instroom"].tolist()
    assert uitstroom["y"] == (-flows["uitstroom"]).tolist()
    werkgevers = query(
        sample_db, "bestand_per_werkgever", gemeenten=["GM0935"], peildatum=dt.date(2025, 9, 30)
    )
    (bars,) = app_charts(taakstelling)[2]
    assert sorted(bars["x"]) == sorted(werkgevers["personen"].tolist())
    assert sum(bars["x"]) == metric_free_total(sample_db)


@pytest.mark.parametrize(
    ("persons", "bars", "caption"),
    [
        # 30 werkgevers of one person: the other 15 together outweigh any bar shown
        ([1] * 30, [1] * 15, "de andere 15 werkgevers hebben samen 15 personen (niet in"),
        # 15 of three and two of one: 'Overige werkgevers' (2) is a bar like the rest
        ([3] * 15 + [1, 1], [2] + [3] * 15, "de andere 2 werkgevers hebben samen 2 personen ("),
    ],
)
def test_werkgevers_beyond_fifteen_never_crowd_out_the_chart(
    persons, bars, caption, load_files, db_path, monkeypatch
):
    rows = [
        f"P{w}-{i},p{w}-{i},GM0935,beschut_werk,2025-01-01,,32,Werkgever {w:02d},2000"
        for w, count in enumerate(persons)
        for i in range(count)
    ]
    load_files({"plaatsingen.csv": csv_lines(PLAATSINGEN_HEADER, *rows)})
    at = open_page(monkeypatch, db_path, "Taakstelling")
    choose(at, [], 2025, dt.date(2025, 6, 30))
    (chart,) = app_charts(at)[2]
    assert sorted(chart["x"]) == bars
    assert any(caption in c.value for c in at.caption), [c.value for c in at.caption]


def metric_free_total(db) -> int:
    """The stock on 30-09-2025 per kerncijfers: every werkgever's persons add up to it."""
    row = query(
        db,
        "kerncijfers",
        jaar=2025,
        peildatum=dt.date(2025, 9, 30),
        gemeenten=["GM0935"],
        versie=None,
    ).iloc[0]
    return int(row["realisatie_ultimo"])


def test_flows_add_up_to_the_change_in_stock(sample_db):
    flows = query(
        sample_db,
        "instroom_uitstroom_per_maand",
        gemeenten=[],
        van=dt.date(2024, 1, 1),
        tot=dt.date(2026, 10, 31),
    )
    stock = query(
        sample_db,
        "realisatie_per_maand",
        gemeenten=[],
        van=dt.date(2024, 1, 1),
        tot=dt.date(2026, 10, 31),
    )
    net = (flows["instroom"] - flows["uitstroom"]).cumsum().tolist()
    assert stock["realisatie"].tolist() == net


def test_taakstelling_page_without_placements_explains_the_empty_stock(sample_db, monkeypatch):
    at = open_page(monkeypatch, sample_db, "Taakstelling")
    choose(at, [], 2020, dt.date(2020, 12, 31))
    assert any("geen beschutte dienstbetrekkingen" in i.value for i in at.info)
    assert any("vanaf januari 2024" in i.value for i in at.info)


@pytest.fixture
def begroting(sample_db, monkeypatch) -> AppTest:
    at = open_page(monkeypatch, sample_db, "Begroting")
    choose(at, ["GM0935", "GM0938"], 2025, dt.date(2025, 6, 30))
    return at


def test_begroting_forecast_tiles_match_the_query(begroting, sample_db):
    params = {"gemeenten": ["GM0935", "GM0938"], "jaar": 2025, "peildatum": dt.date(2025, 6, 30)}
    want = query(sample_db, "verplichtingen", versie=None, **params).iloc[0]
    assert metric(begroting, "Uitgaven t/m 30-06-2025") == fmt.euro(want["uitgaven"])
    assert metric(begroting, "Verplichting lopende") == fmt.euro(want["verplichting"])
    assert metric(begroting, "Verwachte uitgaven 2025") == fmt.euro(want["verwacht_jaareinde"])
    posts = query(sample_db, "begroting_per_post", versie=None, **params)
    begroot, uitgegeven = app_charts(begroting)[0]
    assert begroot["y"] == pytest.approx(posts["begroting"].tolist())
    assert uitgegeven["y"] == pytest.approx(posts["uitgaven"].tolist())


def test_begroting_versie_choice_changes_the_figures(begroting, sample_db):
    params = {"gemeenten": ["GM0935", "GM0938"], "jaar": 2025, "peildatum": dt.date(2025, 6, 30)}
    assert begroting.selectbox(key="versie").options == [
        "Laatste in het bestand",
        "primitief",
        "voorjaarsnota",
    ]
    begroting.selectbox(key="versie").select("primitief").run()
    primitief = query(sample_db, "begroting_per_post", versie="primitief", **params)
    laatste = query(sample_db, "begroting_per_post", versie=None, **params)
    assert primitief["begroting"].sum() != laatste["begroting"].sum()
    begroot, _ = app_charts(begroting)[0]
    assert begroot["y"] == pytest.approx(primitief["begroting"].tolist())


def test_begroting_cost_per_plek_is_uitgaven_over_average_realisatie(begroting, sample_db):
    frame = query(
        sample_db,
        "financien_per_jaar",
        gemeenten=["GM0935", "GM0938"],
        van_jaar=2017,
        jaar=2025,
        peildatum=dt.date(2025, 6, 30),
        versie=None,
    )
    year_2024 = frame[frame["jaar"] == 2024].iloc[0]
    assert year_2024["kosten_per_plek"] == pytest.approx(
        year_2024["uitgaven"] / year_2024["realisatie_gemiddeld"]
    )
    year_2025 = frame[frame["jaar"] == 2025].iloc[0]
    assert year_2025["kosten_per_plek_jaarbasis"] == pytest.approx(
        year_2025["kosten_per_plek"] * 12 / 6
    )
    (bars,) = app_charts(begroting)[3]
    assert bars["y"] == pytest.approx(frame["kosten_per_plek_jaarbasis"].dropna().tolist())
