"""The Regio page: gemeenten side by side, the region total, one highlighted."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import PLAATSINGEN_HEADER, REPO, app_charts, as_shown, csv_lines, start_app
from streamlit.testing.v1 import AppTest

from dashboard.exports import charts
from dashboard.metrics import formatting as fmt
from dashboard.store.db import connect
from dashboard.store.queries import run

APP = str(REPO / "dashboard" / "app.py")
PEILDATUM = dt.date(2025, 12, 31)


def query(db, name: str, **parameters) -> pd.DataFrame:
    con = connect(db)
    try:
        return run(con, name, **parameters)
    finally:
        con.close()


@pytest.fixture(scope="module")
def vergelijking(sample_db) -> pd.DataFrame:
    return query(sample_db, "regio_vergelijking", gemeenten=[], jaar=2025, peildatum=PEILDATUM)


def test_each_gemeente_counts_as_the_other_pages_count(sample_db, vergelijking):
    gemeenten = vergelijking[vergelijking["soort"] == "gemeente"].set_index("gemeente")
    assert list(gemeenten["gemeentenaam"]) == ["Eijsden-Margraten", "Maastricht", "Meerssen"]
    gemeenten = gemeenten.sort_index()
    kern = query(
        sample_db, "kerncijfers", jaar=2025, peildatum=PEILDATUM, gemeenten=[], versie=None
    ).set_index("gemeente")
    pd.testing.assert_series_equal(
        gemeenten["percentage_ultimo"], kern["percentage_ultimo"], check_names=False
    )
    for code in gemeenten.index:
        finance = query(
            sample_db,
            "financien_per_jaar",
            gemeenten=[code],
            van_jaar=2025,
            jaar=2025,
            peildatum=PEILDATUM,
            versie=None,
        ).iloc[0]
        assert gemeenten.loc[code, "kosten_per_plek_jaarbasis"] == pytest.approx(
            finance["kosten_per_plek_jaarbasis"]
        )
        flows = query(
            sample_db,
            "instroom_uitstroom_per_maand",
            gemeenten=[code],
            van=dt.date(2025, 1, 1),
            tot=PEILDATUM,
        )
        assert gemeenten.loc[code, "instroom"] == flows["instroom"].sum()
        assert gemeenten.loc[code, "instroom_per_10000"] == pytest.approx(
            10000 * flows["instroom"].sum() / gemeenten.loc[code, "inwoners"]
        )
    assert gemeenten.loc["GM0935", "inwoners"] == 122378


def test_the_total_adds_up_the_gemeenten(sample_db, vergelijking):
    gemeenten = vergelijking[vergelijking["soort"] == "gemeente"]
    total = vergelijking.iloc[-1]
    assert total["soort"] == "totaal" and total["arbeidsmarktregio"] == "Zuid-Limburg"
    assert total["realisatie_ultimo"] == gemeenten["realisatie_ultimo"].sum()
    assert total["percentage_ultimo"] == pytest.approx(
        100 * gemeenten["realisatie_ultimo"].sum() / gemeenten["taakstelling"].sum()
    )
    assert total["kosten_per_plek"] == pytest.approx(
        gemeenten["uitgaven"].sum() / gemeenten["realisatie_gemiddeld"].sum()
    )
    assert total["instroom_per_10000"] == pytest.approx(
        10000 * gemeenten["instroom"].sum() / gemeenten["inwoners"].sum()
    )
    whole = query(
        sample_db,
        "kerncijfers_totaal",
        jaar=2025,
        peildatum=PEILDATUM,
        gemeenten=[],
        versie=None,
    ).iloc[0]
    assert total["percentage_ultimo"] == pytest.approx(whole["percentage_ultimo"])


def test_rates_leave_out_gemeenten_without_their_denominator(load_files, db_path):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                "A1,p1,GM0935,beschut_werk,2025-03-01,,32,MOB,2100",
                "A2,p2,GM0935,beschut_werk,2025-04-01,,32,MOB,2100",
                "B1,q1,GM0938,beschut_werk,2025-05-01,,24,MOB,1900",
            ),
            "taakstelling.csv": csv_lines("gemeente,jaar,taakstelling", "GM0935,2025,4"),
            "gemeenten.csv": csv_lines("code,inwoners,arbeidsmarktregio", "935,20000,A"),
        }
    )
    frame = query(db_path, "regio_vergelijking", gemeenten=[], jaar=2025, peildatum=PEILDATUM)
    total = frame.iloc[-1]
    assert total["percentage_ultimo"] == 50  # 2 of 4; Meerssen has no taakstelling
    assert total["instroom_per_10000"] == 1  # 2 per 20.000; Meerssen has no inwoners
    assert pd.isna(total["arbeidsmarktregio"])  # Meerssen has none


# --- the page -----------------------------------------------------------------


def start(monkeypatch, db) -> AppTest:
    at = start_app(monkeypatch, db, "Regio")
    at.selectbox(key="jaar").select(2025).run()
    assert not at.exception, at.exception
    return at


def highlight(at: AppTest):
    return next(s for s in at.selectbox if s.label == "Gemeente uitlichten")


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_page_shows_the_region_total_charts_and_table(sample_db, monkeypatch, vergelijking):
    at = start(monkeypatch, sample_db)
    total = vergelijking.iloc[-1]
    assert at.title[0].value == "Regio: gemeenten naast elkaar"
    assert metric(at, "Realisatie als % van de taakstelling").value == fmt.percentage(
        total["percentage_ultimo"]
    )
    assert metric(at, "Kosten per plek op jaarbasis").value == fmt.euro(
        total["kosten_per_plek_jaarbasis"]
    )
    assert "Zuid-Limburg: 3 gemeenten samen" in as_shown(at.markdown[0].value)
    percentages, costs, inflow = app_charts(at)
    bars = percentages[0]
    assert sorted(bars["x"]) == sorted(vergelijking["percentage_ultimo"][:3])
    assert {t["name"] for t in percentages[1:]} == {
        "Taakstelling (100%)",
        f"Zuid-Limburg: {fmt.percentage(total['percentage_ultimo'])}",
    }
    assert len(costs[0]["x"]) == len(inflow[0]["x"]) == 3
    table = at.dataframe[0].value
    assert list(table["Gemeente"]) == [
        "Eijsden-Margraten",
        "Maastricht",
        "Meerssen",
        "Totaal Zuid-Limburg",
    ]
    assert "Arbeidsmarktregio" not in table.columns  # one regio: in the total's name
    assert table["Inwoners"].iloc[1] == "122.378"


def test_a_highlighted_gemeente_stands_out_against_the_region(sample_db, monkeypatch, vergelijking):
    at = start(monkeypatch, sample_db)
    highlight(at).select("GM0938").run()
    assert not at.exception, at.exception
    meerssen = vergelijking.set_index("gemeente").loc["GM0938"]
    total = vergelijking.iloc[-1]
    tile = metric(at, "Realisatie als % van de taakstelling")
    assert tile.value == fmt.percentage(meerssen["percentage_ultimo"])
    difference = meerssen["percentage_ultimo"] - total["percentage_ultimo"]
    assert tile.delta == f"{fmt.number(difference, 1)} procentpunt t.o.v. de regio"
    bars = app_charts(at)[0][0]
    colors = dict(zip(bars["y"], bars["marker"]["color"], strict=True))
    assert colors["<b>Meerssen</b>"] == charts.COLORS["realisatie"]
    assert colors["Maastricht"] == colors["Eijsden-Margraten"] != charts.COLORS["realisatie"]


def test_the_sidebar_gemeente_is_highlighted_first(sample_db, monkeypatch):
    at = start(monkeypatch, sample_db)
    at.multiselect(key="gemeenten").set_value(["GM0935"]).run()
    assert highlight(at).value == "GM0935"
    assert "Maastricht, vergeleken met Zuid-Limburg samen" in as_shown(at.markdown[0].value)


def test_without_inwoners_the_page_says_which_file_to_load(load_files, db_path, monkeypatch):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                "A1,p1,GM0935,beschut_werk,2025-03-01,,32,MOB,2100",
                "B1,q1,GM0938,beschut_werk,2025-05-01,,24,MOB,1900",
            ),
            "uitgaven.csv": csv_lines("gemeente,maand,post,bedrag", "GM0935,2025-12,overig,10"),
        }
    )
    at = start(monkeypatch, db_path)
    assert len(app_charts(at)) == 2
    assert any("laad een bestand `gemeenten`" in i.value for i in at.info)
    assert metric(at, "Instroom per 10.000 inwoners").value == "–"
