"""Counting as of the peildatum: records about later days never change a peildatum's
figures (data contract, "As of the peildatum").

The sample is written out as plain contract files twice: as it is, and with records
that only concern days after the peildatum: running placements that end later, new
placements and trajecten that start later, running trajecten that end later with an
outcome, adviezen requested later, and spending in later months. Both are loaded, and
the peildatum's report, every page query and the briefing's tables must be equal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from conftest import write_folder

from dashboard.exports import raadsbriefing
from dashboard.forecasting import forecast
from dashboard.forecasting import prognose as pg
from dashboard.ingest.loader import files_in_folder, load
from dashboard.metrics.figures import kerncijfers
from dashboard.store.db import connect
from dashboard.store.queries import run

PEILDATUM = dt.date(2025, 6, 30)
LATER = pd.Timestamp(PEILDATUM) + pd.Timedelta(days=1)
EXPORTS = {
    "plaatsingen": "SELECT * FROM plaatsingen ORDER BY plaatsing_id",
    "trajecten": "SELECT * FROM trajecten ORDER BY traject_id",
    "begroting": "SELECT gemeente, jaar, post, bedrag, versie FROM begroting ORDER BY regel",
    "uitgaven": "SELECT gemeente, strftime(maand, '%Y-%m') AS maand, post, bedrag FROM uitgaven",
    "taakstelling": "SELECT gemeente, jaar, taakstelling, gemeentenaam FROM taakstelling",
    "gemeenten": "SELECT gemeente AS code, naam, inwoners, arbeidsmarktregio "
    "FROM gemeente_gegevens",
}


def tables_of(db: Path) -> dict[str, pd.DataFrame]:
    con = connect(db)  # a cursor on the app's connection when AppTests hold the file
    try:
        return {name: con.execute(query).df() for name, query in EXPORTS.items()}
    finally:
        con.close()


def later_records(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same data plus what happened only after the peildatum."""
    out = {name: frame.copy() for name, frame in tables.items()}
    p = out["plaatsingen"]
    running = (p["startdatum"] <= LATER) & p["einddatum"].isna()
    p.loc[running, "einddatum"] = LATER + pd.Timedelta(days=45)  # they end later
    starters = p[p["instrument"] == "beschut_werk"].head(6).copy()
    starters["plaatsing_id"] = "LATER-" + starters["plaatsing_id"]
    starters["persoon_id"] = "NIEUW-" + starters["persoon_id"]
    starters["startdatum"], starters["einddatum"] = LATER + pd.Timedelta(days=3), pd.NaT
    again = p[running].head(4).copy()  # an existing person's next contract, adjacent
    again["plaatsing_id"] = "VERVOLG-" + again["plaatsing_id"]
    again["startdatum"], again["einddatum"] = LATER + pd.Timedelta(days=46), pd.NaT
    out["plaatsingen"] = pd.concat([p, starters, again], ignore_index=True)

    t = out["trajecten"]
    open_then = (t["startdatum"] <= LATER) & (t["einddatum"].isna() | (t["einddatum"] >= LATER))
    t.loc[open_then, "einddatum"] = LATER + pd.Timedelta(days=20)
    t.loc[open_then, "uitkomst"] = "uitgevallen"  # an outcome known only later
    # An advies requested after the peildatum. (Not: a decision on an advies requested
    # before it, which the data cannot date; see trajecten_op in macros.sql.)
    no_request = open_then & t["advies_aangevraagd"].isna()
    t.loc[no_request, "advies_aangevraagd"] = LATER + pd.Timedelta(days=10)
    t.loc[no_request, "advies_uitkomst"] = "negatief"
    new = t.head(5).copy()
    new["traject_id"] = "LATER-" + new["traject_id"]
    new["startdatum"], new["einddatum"], new["uitkomst"] = LATER, pd.NaT, "lopend"
    new["advies_aangevraagd"], new["advies_uitkomst"] = pd.NaT, None
    out["trajecten"] = pd.concat([t, new], ignore_index=True)

    u = out["uitgaven"]
    u.loc[u["maand"] > PEILDATUM.strftime("%Y-%m"), "bedrag"] *= 2
    return out


def write_and_load(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    files = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        files[f"{name}.csv"] = frame.to_csv(index=False)
    write_folder(folder, files)
    db = folder / "beschut.duckdb"
    load(db, files_in_folder(folder), source=str(folder))
    return db


def figures_on_the_peildatum(db: Path) -> dict[str, object]:
    """The peildatum's report, page queries and briefing tables (without what
    describes the data as a whole: its last day and the source files)."""
    params = {"gemeenten": [], "jaar": 2025, "peildatum": PEILDATUM}
    found: dict[str, object] = {}
    con = connect(db)
    try:
        found["report"] = kerncijfers(con, 2025, PEILDATUM)
        for name in (
            "trajecten_trechter",
            "trajecten_trechter_totalen",
            "trajecten_per_uitkomst",
        ):
            found[name] = run(con, name, **params)
        found["regio_vergelijking"] = run(
            con, "regio_vergelijking", gemeenten=[], jaar=2025, peildatum=PEILDATUM
        )
        for name in ("kerncijfers_totaal", "verplichtingen", "begroting_per_post"):
            found[name] = run(con, name, versie=None, **params)
        one_day = {"gemeenten": [], "peildatum": PEILDATUM}
        for name in (
            "wachtend_op_plaatsing",
            "trajecten_doorlooptijden",
            "bestand_per_werkgever",
            "bestand_per_urenklasse",
            "prognose_pijplijn",
        ):
            found[name] = run(con, name, **one_day)
        found["prognose_invoer"] = run(con, "prognose_invoer", maanden=12, **one_day)
        period = {"gemeenten": [], "van": dt.date(2024, 1, 1), "tot": PEILDATUM}
        found["instroom_uitstroom"] = run(con, "instroom_uitstroom_per_maand", **period)
        found["realisatie_per_maand"] = run(con, "realisatie_per_maand", **period)
        found["financien"] = run(con, "financien_per_jaar", versie=None, van_jaar=2022, **params)
        model = forecast.fitted(lambda name, **p: run(con, name, **p), [], PEILDATUM)
        quota = [pg.Taakstelling(2025, 100.0, "geladen"), pg.Taakstelling(2026, 110.0, "geladen")]
        found["prognose"] = forecast.outcome(model, pg.Scenario(), quota).jaren
        document = raadsbriefing.gather(con, 2025, [], PEILDATUM)
        for title, table in raadsbriefing.tables(document).items():
            if title != "Bronbestanden":
                found[f"briefing {title}"] = table.frame.drop(
                    columns=["data_tot_en_met"], errors="ignore"
                )
    finally:
        con.close()
    return found


@pytest.fixture(scope="module")
def both(sample_db, tmp_path_factory):
    tables = tables_of(sample_db)
    base = write_and_load(tables, tmp_path_factory.mktemp("zoals_bekend"))
    later = write_and_load(later_records(tables), tmp_path_factory.mktemp("met_later"))
    return figures_on_the_peildatum(base), figures_on_the_peildatum(later)


def test_the_later_records_do_change_later_figures(sample_db, tmp_path_factory):
    """The edits are real: on a day after them the figures differ."""
    tables = tables_of(sample_db)
    base = write_and_load(tables, tmp_path_factory.mktemp("zoals_bekend_later"))
    later = write_and_load(later_records(tables), tmp_path_factory.mktemp("met_later_later"))
    day = PEILDATUM + dt.timedelta(days=60)

    def report(db):
        con = connect(db)
        try:
            return kerncijfers(con, 2025, day)
        finally:
            con.close()

    assert report(base) != report(later)


def test_records_about_later_days_leave_the_peildatum_unchanged(both):
    base, later = both
    assert base.keys() == later.keys()
    for name, value in base.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, later[name], obj=name)
        else:
            assert value == later[name], name
