"""Each counting rule of the data contract on a small hand-made case."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PLAATSINGEN_HEADER, TRAJECTEN_HEADER, csv_lines

from dashboard.metrics.figures import FigureError, kerncijfers, peildatum_for

D = dt.date
YEAR_END = D(2024, 12, 31)


def plaatsing(
    pid: str,
    persoon: str,
    start: str,
    eind: str = "",
    uren: str = "32",
    instrument: str = "beschut_werk",
    gemeente: str = "GM0935",
) -> str:
    return f"{pid},{persoon},{gemeente},{instrument},{start},{eind},{uren},MOB,2000"


@pytest.fixture
def figures(load_files, read_db):
    def compute(files, jaar=2024, peildatum=YEAR_END, gemeenten=(), versie=None):
        load_files(files)
        con = read_db()
        try:
            rows = kerncijfers(con, jaar, peildatum, gemeenten, versie)
        finally:
            con.close()
        return {row["gemeente"]: row for row in rows}

    return compute


def test_placement_ending_on_peildatum_counts_and_one_starting_the_day_after_does_not(figures):
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01", "2024-06-30"),
                plaatsing("B", "p2", "2024-07-01"),
                plaatsing("C", "p3", "2024-06-30"),
            )
        },
        peildatum=D(2024, 6, 30),
    )
    assert rows["GM0935"]["realisatie_ultimo"] == 2  # A (ends that day) and C (starts)


def test_other_instruments_never_count(figures):
    others = [
        plaatsing(f"X{i}", f"q{i}", "2024-01-01", instrument=name)
        for i, name in enumerate(
            ["loonkostensubsidie", "jobcoaching", "dagbesteding", "groeibaan", "overig"]
        )
    ]
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, plaatsing("A", "p1", "2024-01-01"), *others
            )
        }
    )
    assert rows["GM0935"]["realisatie_ultimo"] == 1
    assert rows["GM0935"]["fte_ultimo"] == pytest.approx(32 / 36)


def test_a_person_with_two_placements_counts_once_but_both_hours_count(figures):
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01", uren="20"),
                plaatsing("B", "p1", "2024-03-01", uren="16"),
            )
        }
    )
    assert rows["GM0935"]["realisatie_ultimo"] == 1
    assert rows["GM0935"]["fte_ultimo"] == pytest.approx(36 / 36)


def test_mean_over_month_ends_with_a_mid_month_peildatum(figures):
    # p1 all year; p2 from 15 February; p3 from 10 April (after the peildatum's month-end
    # of March, on the peildatum itself not yet: peildatum 5 April).
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2023-06-01"),
                plaatsing("B", "p2", "2024-02-15", "2024-03-31"),
                plaatsing("C", "p3", "2024-04-05"),
            )
        },
        peildatum=D(2024, 4, 5),
    )
    # month-ends 31-1: 1, 29-2: 2, 31-3: 2; peildatum 5-4: 2 (p1, p3)
    assert rows["GM0935"]["realisatie_gemiddeld"] == pytest.approx((1 + 2 + 2 + 2) / 4)
    assert rows["GM0935"]["realisatie_ultimo"] == 2


def test_mean_on_a_month_end_peildatum_does_not_count_that_day_twice(figures):
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01"),
                plaatsing("B", "p2", "2024-02-01"),
            )
        },
        peildatum=D(2024, 2, 29),
    )
    assert rows["GM0935"]["realisatie_gemiddeld"] == pytest.approx(1.5)


def test_percentage_of_taakstelling_and_missing_taakstelling(figures):
    rows = figures(
        {
            "taakstelling.csv": csv_lines(
                "gemeente,jaar,taakstelling", "GM0935,2024,8", "GM0938,2025,3"
            ),
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01"),
                plaatsing("B", "p2", "2024-01-01"),
                plaatsing("C", "p3", "2024-01-01", gemeente="GM0938"),
            ),
        }
    )
    assert rows["GM0935"]["taakstelling"] == 8
    assert rows["GM0935"]["percentage_ultimo"] == pytest.approx(25.0)
    assert rows["GM0938"]["taakstelling"] is None
    assert rows["GM0938"]["percentage_ultimo"] is None
    assert rows["GM0938"]["realisatie_ultimo"] == 1


def test_begroting_uses_the_last_versie_in_the_file_unless_one_is_chosen(figures):
    files = {
        "begroting.csv": csv_lines(
            "gemeente,jaar,post,bedrag,versie",
            "GM0935,2024,loonkosten,1000.10,primitief",
            "GM0935,2024,begeleiding,200,primitief",
            "GM0935,2024,loonkosten,1500.25,voorjaarsnota",
            "GM0935,2024,begeleiding,300,voorjaarsnota",
            "GM0935,2025,loonkosten,9999,primitief",
        )
    }
    last = figures(files)["GM0935"]
    assert last["begroting"] == pytest.approx(1800.25)
    assert last["begroting_per_post"] == {
        "loonkosten": 1500.25,
        "begeleiding": 300.0,
        "voorschakeltraject": 0.0,
        "overig": 0.0,
    }
    chosen = figures(files, versie="primitief")["GM0935"]
    assert chosen["begroting"] == pytest.approx(1200.10)


def test_uitgaven_count_the_months_up_to_the_peildatums_month_corrections_included(figures):
    rows = figures(
        {
            "uitgaven.csv": csv_lines(
                "gemeente,maand,post,bedrag",
                "GM0935,2023-12,loonkosten,5000",
                "GM0935,2024-01,loonkosten,100.10",
                "GM0935,2024-03,loonkosten,200.20",
                "GM0935,2024-03,overig,-50.05",
                "GM0935,2024-04,loonkosten,400",
            )
        },
        peildatum=D(2024, 3, 15),
    )
    assert rows["GM0935"]["uitgaven"] == pytest.approx(250.25)


def test_trajecten_started_in_the_year_up_to_the_peildatum_per_uitkomst(figures):
    files = {
        "trajecten.csv": csv_lines(
            TRAJECTEN_HEADER,
            "T1,p1,GM0935,2023-12-31,2024-03-01,beschut_werk,2024-01-10,positief",
            "T2,p2,GM0935,2024-01-01,,lopend,,",
            "T3,p3,GM0935,2024-06-30,2024-07-01,uitgevallen,,",
            "T4,p4,GM0935,2024-07-01,,lopend,,",
        )
    }
    rows = figures(files, peildatum=D(2024, 6, 30))
    row = rows["GM0935"]
    assert row["trajecten_gestart"] == 2
    # T3 ended the day after the peildatum: on the peildatum it was still running
    assert row["trajecten_per_uitkomst"]["lopend"] == 2
    assert row["trajecten_per_uitkomst"]["uitgevallen"] == 0
    assert row["trajecten_per_uitkomst"]["beschut_werk"] == 0
    assert sum(row["trajecten_per_uitkomst"].values()) == 2
    on_the_day = figures(files, peildatum=D(2024, 7, 1))["GM0935"]["trajecten_per_uitkomst"]
    assert on_the_day["uitgevallen"] == 1 and on_the_day["lopend"] == 2  # T2 and T4


def test_gemeenten_are_counted_separately_and_can_be_selected(figures):
    rows = figures(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01", gemeente="GM0935"),
                plaatsing("B", "p1", "2024-01-01", gemeente="GM0938"),
            )
        },
        gemeenten=["GM0938"],
    )
    assert list(rows) == ["GM0938"]
    assert rows["GM0938"]["realisatie_ultimo"] == 1


def test_default_peildatum_is_year_end_or_the_last_day_the_data_covers(load_files, read_db):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER,
                plaatsing("A", "p1", "2024-01-01", "2025-12-31"),  # a planned end is no observation
                plaatsing("B", "p2", "2025-09-14"),
            )
        }
    )
    con = read_db()
    try:
        assert peildatum_for(con, 2024) == D(2024, 12, 31)
        assert peildatum_for(con, 2025) == D(2025, 9, 14)
        assert peildatum_for(con, 2025, D(2025, 3, 1)) == D(2025, 3, 1)
        with pytest.raises(FigureError, match="ligt niet in jaar 2025"):
            peildatum_for(con, 2025, D(2024, 3, 1))
        with pytest.raises(FigureError, match="tot en met 14-09-2025"):
            peildatum_for(con, 2026)
    finally:
        con.close()
