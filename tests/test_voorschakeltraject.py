"""The Voorschakeltraject page: its queries on a hand-made data set, and the page itself
driven through Streamlit's AppTest on the shipped sample."""

from __future__ import annotations

import base64
import datetime as dt

import numpy as np
import pytest
from conftest import PLAATSINGEN_HEADER, REPO, TRAJECTEN_HEADER, csv_lines, start_app, switch_page
from streamlit.testing.v1 import AppTest

from dashboard.metrics import formatting as fmt
from dashboard.store.db import connect
from dashboard.store.queries import run

APP = str(REPO / "dashboard" / "app.py")
EINDE_2025 = dt.date(2025, 12, 31)

# Eight trajecten in two gemeenten. Days from start to advies: T1 50, T2 59, T3 61,
# T5 184, T6 92, T7 30, T8 44. On 31-12-2025, p2 (274 days), p6 (486) and p8 (77)
# wait with a positief advies; p1 has a plek, p7 went to dagbesteding.
TRAJECTEN = csv_lines(
    TRAJECTEN_HEADER,
    "T1,p1,GM0935,2025-01-10,2025-06-01,beschut_werk,2025-03-01,positief",
    "T2,p2,GM0935,2025-02-01,,lopend,2025-04-01,positief",
    "T3,p3,GM0935,2025-03-01,2025-08-01,uitgevallen,2025-05-01,negatief",
    "T4,p4,GM0935,2025-04-01,2025-07-01,regulier_werk,,",
    "T5,p5,GM0938,2025-05-01,,lopend,2025-11-01,",
    "T6,p6,GM0938,2024-06-01,,lopend,2024-09-01,positief",
    "T7,p7,GM0935,2025-06-01,2025-10-01,dagbesteding,2025-07-01,positief",
    "T8,p8,GM0935,2025-09-01,,lopend,2025-10-15,positief",
)
# p1: a plek before the advies (ignored), the first after it 92 days after the
# request, a second one later. p2's plek is in another gemeente, p6 has only
# loonkostensubsidie, p8's plek starts after the peildatum: all three still wait.
PLAATSINGEN = csv_lines(
    PLAATSINGEN_HEADER,
    "P0,p1,GM0935,beschut_werk,2024-01-01,2024-06-30,32,MOB,2000",
    "P1,p1,GM0935,beschut_werk,2025-06-01,2025-08-31,32,MOB,2000",
    "P2,p1,GM0935,beschut_werk,2025-09-01,,32,Anders BV,2000",
    "P3,p2,GM0938,beschut_werk,2025-06-01,,24,MOB,1800",
    "P4,p6,GM0938,loonkostensubsidie,2025-01-01,,24,Bakker,900",
    "P5,p8,GM0935,beschut_werk,2026-01-15,,32,MOB,2000",
)


@pytest.fixture
def handmade(load_files, db_path):
    load_files({"trajecten.csv": TRAJECTEN, "plaatsingen.csv": PLAATSINGEN})
    con = connect(db_path)
    yield con
    con.close()


def links(con, gemeenten, jaar, peildatum) -> list[tuple[str, str, int]]:
    frame = run(con, "trajecten_trechter", gemeenten=gemeenten, jaar=jaar, peildatum=peildatum)
    return list(frame.itertuples(index=False, name=None))


# -- the queries on the hand-made data ------------------------------------------------


def test_funnel_follows_each_traject_to_its_advies_and_uitkomst(handmade):
    assert links(handmade, [], 2025, EINDE_2025) == [
        ("Gestart", "Advies aangevraagd", 6),
        ("Gestart", "Geen advies aangevraagd", 1),
        ("Advies aangevraagd", "Positief", 4),
        ("Advies aangevraagd", "Negatief", 1),
        ("Advies aangevraagd", "In behandeling", 1),
        ("Geen advies aangevraagd", "Regulier werk", 1),
        ("Positief", "Loopt nog", 2),
        ("Positief", "Beschut werk", 1),
        ("Positief", "Dagbesteding", 1),
        ("Negatief", "Uitgevallen", 1),
        ("In behandeling", "Loopt nog", 1),
    ]


def test_funnel_totals_and_shares(handmade):
    totals = run(
        handmade, "trajecten_trechter_totalen", gemeenten=[], jaar=2025, peildatum=EINDE_2025
    ).iloc[0]
    assert totals[
        ["gestart", "advies_aangevraagd", "positief", "negatief", "in_behandeling"]
    ].tolist() == [7, 6, 4, 1, 1]
    assert totals["naar_beschut_werk"] == 1
    assert totals["percentage_advies_aangevraagd"] == pytest.approx(600 / 7)
    assert totals["percentage_positief"] == pytest.approx(80.0)


def test_funnel_selects_like_trajecten_gestart(handmade):
    # up to 30-06-2025: T8 (september) is not started yet; T6 started in 2024; as
    # known on that day, T5 (november) and T7 (july) had not asked for an advies yet
    assert links(handmade, [], 2025, dt.date(2025, 6, 30))[:2] == [
        ("Gestart", "Advies aangevraagd", 3),
        ("Gestart", "Geen advies aangevraagd", 3),
    ]
    assert links(handmade, ["GM0938"], 2025, EINDE_2025) == [
        ("Gestart", "Advies aangevraagd", 1),
        ("Advies aangevraagd", "In behandeling", 1),
        ("In behandeling", "Loopt nog", 1),
    ]
    kerncijfers = run(
        handmade,
        "kerncijfers_totaal",
        gemeenten=[],
        jaar=2025,
        peildatum=EINDE_2025,
        versie=None,
    ).iloc[0]
    assert kerncijfers["trajecten_gestart"] == 7
    in_2024 = links(handmade, [], 2024, dt.date(2024, 12, 31))
    assert in_2024[0] == ("Gestart", "Advies aangevraagd", 1)


def test_doorlooptijden_in_days(handmade):
    frame = run(handmade, "trajecten_doorlooptijden", gemeenten=[], peildatum=EINDE_2025)
    aanvraag, plaatsing = frame.to_dict("records")
    assert (aanvraag["van"].date(), aanvraag["tot"].date()) == (dt.date(2023, 1, 1), EINDE_2025)
    # 30, 44, 50, 59, 61, 92, 184
    assert aanvraag["trajecten"] == 7
    assert aanvraag["mediaan_dagen"] == 59
    assert (aanvraag["p25_dagen"], aanvraag["p75_dagen"]) == (47, 76.5)
    assert (aanvraag["kortste_dagen"], aanvraag["langste_dagen"]) == (30, 184)
    # only p1: from 01-03-2025 to the first plek on or after it, 01-06-2025
    assert plaatsing["trajecten"] == 1
    assert plaatsing["mediaan_dagen"] == 92


def test_doorlooptijden_only_count_what_happened_by_the_peildatum(handmade):
    frame = run(handmade, "trajecten_doorlooptijden", gemeenten=[], peildatum=dt.date(2025, 5, 31))
    aanvraag, plaatsing = frame.to_dict("records")
    assert aanvraag["trajecten"] == 4  # T1, T2, T3 and T6 (from 2024) asked by then
    assert aanvraag["mediaan_dagen"] == pytest.approx((59 + 61) / 2)
    assert plaatsing["trajecten"] == 0
    assert np.isnan(plaatsing["mediaan_dagen"])


def wachtend(con, gemeenten, peildatum):
    frame = run(con, "wachtend_op_plaatsing", gemeenten=gemeenten, peildatum=peildatum)
    return frame.iloc[0], dict(zip(frame["wachtduur"], frame["personen"], strict=True))


def test_waiting_with_a_positief_advies_on_the_peildatum(handmade):
    totals, bands = wachtend(handmade, [], EINDE_2025)
    assert totals["wachtend"] == 3  # p2, p6, p8
    assert totals["mediaan_wachtdagen"] == 274
    assert totals["langste_wachtdagen"] == 486
    assert bands == {
        "0–3 maanden": 1,
        "3–6 maanden": 0,
        "6–12 maanden": 1,
        "12 maanden of langer": 1,
    }


def test_waiting_follows_the_peildatum(handmade):
    # 30-06-2025: p1 started on 01-06; p7 asked only on 01-07
    totals, bands = wachtend(handmade, [], dt.date(2025, 6, 30))
    assert (totals["wachtend"], totals["langste_wachtdagen"]) == (2, 302)
    assert bands["0–3 maanden"] == 1  # p2, 90 days
    # 30-09-2025: p7's traject ends in dagbesteding only on 01-10, so p7 still waits
    totals, _ = wachtend(handmade, ["GM0935"], dt.date(2025, 9, 30))
    assert totals["wachtend"] == 2  # p2 and p7
    # exactly twelve months after the request falls in the last band
    totals, bands = wachtend(handmade, ["GM0938"], dt.date(2025, 9, 1))
    assert totals["wachtend"] == 1
    assert bands["12 maanden of langer"] == 1


def test_nobody_waiting_gives_zero_bands(handmade):
    totals, bands = wachtend(handmade, [], dt.date(2024, 6, 30))
    assert totals["wachtend"] == 0
    assert np.isnan(totals["mediaan_wachtdagen"])
    assert list(bands.values()) == [0, 0, 0, 0]


# -- the page, through AppTest -------------------------------------------------------


def start(monkeypatch, db) -> AppTest:
    return start_app(monkeypatch, db)


def open_page(at: AppTest, jaar: int, peildatum: dt.date | None = None, gemeenten=None):
    switch_page(at, "Voorschakeltraject")
    if gemeenten is not None:
        at.multiselect(key="gemeenten").set_value(gemeenten).run()
    at.selectbox(key="jaar").select(jaar).run()
    if peildatum is not None:
        at.date_input(key=f"peildatum_{jaar}").set_value(peildatum).run()
    assert not at.exception, at.exception
    return at


def decoded(value):
    """Plotly JSON with its typed arrays ("bdata"), also nested ones, as plain lists."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def charts(at: AppTest) -> list[list[dict]]:
    import json

    return [decoded(json.loads(c.proto.spec)["data"]) for c in at.get("plotly_chart")]


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def query(db, name: str, **parameters):
    con = connect(db)
    try:
        return run(con, name, **parameters)
    finally:
        con.close()


def test_page_shows_the_queries_figures(sample_db, monkeypatch):
    at = open_page(start(monkeypatch, sample_db), 2025)
    params = {"gemeenten": [], "jaar": 2025, "peildatum": EINDE_2025}
    totals = query(sample_db, "trajecten_trechter_totalen", **params).iloc[0]
    kerncijfers = query(sample_db, "kerncijfers_totaal", versie=None, **params).iloc[0]
    assert totals["gestart"] == kerncijfers["trajecten_gestart"] > 0
    assert metric(at, "Trajecten gestart").value == fmt.number(totals["gestart"])
    positief = metric(at, "Positief advies")
    assert positief.value == fmt.number(totals["positief"])
    assert positief.delta == f"{fmt.percentage(totals['percentage_positief'])} van de beslissingen"

    sankey, doorloop, wacht = (chart[0] for chart in charts(at))
    want = query(sample_db, "trajecten_trechter", **params)
    labels = [label.rsplit(" (", 1)[0] for label in sankey["node"]["label"]]
    shown = [
        (labels[s], labels[t], v)
        for s, t, v in zip(
            sankey["link"]["source"], sankey["link"]["target"], sankey["link"]["value"], strict=True
        )
    ]
    assert shown == list(want.itertuples(index=False, name=None))
    assert "Gestart (63)" in sankey["node"]["label"]

    tijden = query(sample_db, "trajecten_doorlooptijden", gemeenten=[], peildatum=EINDE_2025)
    assert sorted(doorloop["x"]) == sorted(tijden["mediaan_dagen"])
    first = tijden.iloc[0]
    assert metric(at, f"{first['doorlooptijd']} (mediaan)").value == (
        f"{fmt.number(first['mediaan_dagen'], 1)} dagen"
    )
    assert any("01-01-2023 t/m 31-12-2025" in c.value for c in at.caption)

    waiting = query(sample_db, "wachtend_op_plaatsing", gemeenten=[], peildatum=EINDE_2025)
    assert metric(at, "Personen wachtend op een plek").value == fmt.number(
        waiting["wachtend"].iloc[0]
    )
    assert metric(at, "Langste wachttijd").value == (
        f"{fmt.number(waiting['langste_wachtdagen'].iloc[0])} dagen"
    )
    assert wacht["x"] == list(waiting["wachtduur"])
    assert wacht["y"] == list(waiting["personen"])
    assert wacht["customdata"][0] == f"0–3 maanden<br>Aantal personen: {wacht['y'][0]}"
    assert not at.info


def test_page_follows_gemeente_and_peildatum(sample_db, monkeypatch):
    peildatum = dt.date(2025, 9, 30)
    at = open_page(start(monkeypatch, sample_db), 2025, peildatum, gemeenten=["GM0935"])
    totals = query(
        sample_db,
        "trajecten_trechter_totalen",
        gemeenten=["GM0935"],
        jaar=2025,
        peildatum=peildatum,
    ).iloc[0]
    assert metric(at, "Trajecten gestart").value == fmt.number(totals["gestart"])
    waiting = query(sample_db, "wachtend_op_plaatsing", gemeenten=["GM0935"], peildatum=peildatum)
    shown = [chart[0] for chart in charts(at)]
    assert sum(shown[0]["link"]["value"][:2]) == totals["gestart"]
    if waiting["wachtend"].iloc[0] > 0:
        assert shown[-1]["y"] == list(waiting["personen"])
    assert "Wachtend op een plek op 30-09-2025" in [h.value for h in at.subheader]


def test_page_explains_a_year_without_trajecten(sample_db, monkeypatch):
    at = open_page(start(monkeypatch, sample_db), 2020)
    infos = [i.value for i in at.info]
    assert any("geen voorschakeltraject gestart" in i for i in infos)
    assert any("geen doorlooptijden" in i for i in infos)
    assert any("niemand met een positief advies" in i for i in infos)
    assert not at.get("plotly_chart")
    assert not at.metric


def test_page_explains_trajecten_without_advies(load_files, db_path, monkeypatch):
    # (a plaatsing too: the sidebar needs one, or a taakstelling, to find its first year)
    load_files(
        {
            "trajecten.csv": csv_lines(TRAJECTEN_HEADER, "T4,p4,GM0935,2025-04-01,,lopend,,"),
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "P1,p9,GM0935,beschut_werk,2025-01-01,,32,MOB,2000"
            ),
        }
    )
    at = open_page(start(monkeypatch, db_path), 2025, EINDE_2025)
    assert metric(at, "Trajecten gestart").value == "1"
    (sankey,) = (chart[0] for chart in charts(at))
    assert sankey["link"]["value"] == [1, 1]
    infos = [i.value for i in at.info]
    assert any("Voor geen van deze trajecten is al een advies" in i for i in infos)
    assert any("geen doorlooptijden" in i for i in infos)
    assert any("niemand met een positief advies" in i for i in infos)
