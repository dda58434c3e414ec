"""The multi-year reservation: reserved per year from 2024, spent, the cumulative
difference, and the expected cost of the taakstelling in later years."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from conftest import PLAATSINGEN_HEADER, csv_lines

from dashboard.forecasting import forecast
from dashboard.forecasting import prognose as pg
from dashboard.store.db import connect
from dashboard.store.queries import run

FILES = {
    # 2024 twice: the voorjaarsnota (last in the file) counts; 2023 is before the
    # product's first year; 2026 and 2027 are reserved ahead
    "begroting.csv": csv_lines(
        "gemeente;jaar;post;bedrag;versie",
        "GM0935;2023;loonkosten;50.000;primitief",
        "GM0935;2024;loonkosten;100.000;primitief",
        "GM0935;2024;loonkosten;120.000;voorjaarsnota",
        "GM0935;2024;begeleiding;10.000;voorjaarsnota",
        "GM0935;2025;loonkosten;150.000;primitief",
        "GM0935;2026;loonkosten;200.000;primitief",
        "GM0935;2027;loonkosten;210.000;primitief",
    ),
    "uitgaven.csv": csv_lines(
        "gemeente;maand;post;bedrag",
        "GM0935;2024-03;loonkosten;40.000",
        "GM0935;2024-11;loonkosten;50.000",
        "GM0935;2025-02;loonkosten;30.000",
        "GM0935;2025-06;loonkosten;20.000",
        "GM0935;2025-07;loonkosten;99.000",  # after the peildatum's month
    ),
    "taakstelling.csv": csv_lines(
        "gemeente;jaar;taakstelling", "GM0935;2025;4", "GM0935;2026;5", "GM0935;2027;6"
    ),
    "plaatsingen.csv": csv_lines(
        PLAATSINGEN_HEADER,
        "A1,p1,GM0935,beschut_werk,2024-03-01,,36,MOB,2000",
        "A2,p2,GM0935,beschut_werk,2024-05-01,,36,MOB,3000",
    ),
}
PEILDATUM = dt.date(2025, 6, 30)


@pytest.fixture
def frame(load_files, db_path):
    load_files(FILES)
    con = connect(db_path)
    try:
        yield forecast.reservering(partial(run, con), [], PEILDATUM)
    finally:
        con.close()


def test_reserved_spent_and_the_cumulative_difference(frame):
    rows = frame.set_index("jaar")
    assert list(rows.index) == [2024, 2025, 2026, 2027]
    assert list(rows["periode"]) == ["afgesloten", "lopend", "toekomst", "toekomst"]
    assert rows.loc[2024, "begroting"] == 130_000  # the last versie in the file
    assert rows.loc[2024, "uitgaven"] == 90_000
    assert rows.loc[2025, "uitgaven"] == 50_000  # up to June, not July's 99.000
    assert rows.loc[2025, "cumulatief_verschil"] == 40_000 + 100_000
    assert rows.loc[2026, "begroting"] == 200_000
    assert rows[["uitgaven", "cumulatief_verschil"]].loc[2026].isna().all()


def test_later_years_set_the_cost_of_the_taakstelling_against_the_reservation(frame):
    rows = frame.set_index("jaar")
    uren = 36.0
    model = 5 * 12 * pg.kosten_per_plek_per_maand(dt.date(2026, 7, 1), uren, pg.Scenario())
    assert rows.loc[2026, "kosten_model"] == pytest.approx(model)
    indexed = pg.uurloon(dt.date(2026, 7, 1)) / pg.uurloon(PEILDATUM)
    assert rows.loc[2026, "kosten_geladen"] == pytest.approx(5 * 12 * 2500 * indexed)
    assert rows.loc[2026, "verwacht_saldo_reservering"] == pytest.approx(
        200_000 - 5 * 12 * 2500 * indexed
    )
    assert rows[["kosten_model", "kosten_geladen"]].loc[2025].isna().all()
