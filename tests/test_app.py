"""The app shell and the Overzicht page, driven through Streamlit's AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO, app_charts, start_app, switch_page
from streamlit.testing.v1 import AppTest

from dashboard.metrics import formatting as fmt
from dashboard.store.db import connect
from dashboard.store.queries import run
from dashboard.web.pages import PAGES

APP = str(REPO / "dashboard" / "app.py")


def start(monkeypatch, db) -> AppTest:
    return start_app(monkeypatch, db)


@pytest.fixture
def app(sample_db, monkeypatch) -> AppTest:
    return start(monkeypatch, sample_db)


def totaal(db, gemeenten: list[str], jaar: int, peildatum: dt.date) -> dict:
    con = connect(db)
    try:
        frame = run(
            con,
            "kerncijfers_totaal",
            gemeenten=gemeenten,
            jaar=jaar,
            peildatum=peildatum,
            versie=None,
        )
    finally:
        con.close()
    return frame.iloc[0].to_dict()


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def test_overzicht_shows_the_selection_totals(app, sample_db):
    want = totaal(sample_db, [], 2026, dt.date(2026, 10, 31))
    assert metric(app, "Realisatie op 31-10-2026") == (
        f"{fmt.number(want['realisatie_ultimo'])} personen"
    )
    assert metric(app, "Taakstelling ultimo 2026") == (
        f"{fmt.plekken(want['taakstelling'])} plekken"
    )
    assert metric(app, "Begroting 2026") == fmt.euro(want["begroting"])
    assert metric(app, "Uitgaven t/m") == fmt.euro(want["uitgaven"])
    assert metric(app, "Status") in {"Op koers", "Risico", "Achter"}


def test_overzicht_follows_gemeente_year_and_peildatum(app, sample_db):
    app.multiselect(key="gemeenten").set_value(["GM0938"]).run()
    app.selectbox(key="jaar").select(2025).run()
    app.date_input(key="peildatum_2025").set_value(dt.date(2025, 9, 30)).run()
    assert not app.exception
    want = totaal(sample_db, ["GM0938"], 2025, dt.date(2025, 9, 30))
    assert metric(app, "Realisatie op 30-09-2025") == (
        f"{fmt.number(want['realisatie_ultimo'])} personen"
    )
    realisatie = app_charts(app)[0][0]
    assert realisatie["y"][-1] == want["realisatie_ultimo"]
    assert "Meerssen" in app.markdown[0].value


def test_a_year_without_taakstelling_is_explained(load_files, db_path, monkeypatch):
    from conftest import PLAATSINGEN_HEADER, csv_lines

    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "A1,p1,GM0935,beschut_werk,2024-03-01,2024-12-31,32,MOB,2100"
            )
        }
    )
    at = start(monkeypatch, db_path)
    assert metric(at, "Taakstelling ultimo 2024") == "geen"
    assert metric(at, "Status") == "Geen taakstelling"
    assert any("geen taakstelling geladen" in i.value for i in at.info)


def test_without_a_database_the_app_explains_what_to_do(tmp_path, monkeypatch):
    at = start(monkeypatch, tmp_path / "leeg.duckdb")
    assert "laad eerst gegevens" in at.info[0].value


def test_an_empty_database_is_explained(tmp_path, monkeypatch):
    from dashboard.store.db import connect as open_db

    path = tmp_path / "leeg.duckdb"
    open_db(path, read_only=False).close()
    at = start(monkeypatch, path)
    assert "bevat nog geen gegevens" in at.info[0].value


def test_overzicht_offers_the_briefing_made_on_the_click(app):
    buttons = {b.proto.label: b.proto for b in app.get("download_button")}
    assert list(buttons) == [
        "Raadsbriefing (PDF)",
        "Raadsbriefing (Word)",
        "Tabellen (Excel)",
        "Grafiek realisatie (PNG)",
        "Grafiek prognose (PNG)",
        "Grafiek begroting (PNG)",
    ]
    # deferred: the PDF and images are drawn only when someone clicks
    assert all(proto.HasField("deferred_file_id") for proto in buttons.values())
    assert any("personen tonen we niet, om personen te beschermen" in c.value for c in app.caption)


def test_on_31_december_there_is_no_prognose_chart_to_download(app):
    app.selectbox(key="jaar").select(2025).run()
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Grafiek prognose (PNG)" not in labels and "Raadsbriefing (PDF)" in labels


# --- links: the selection in the query string -----------------------------------

MEERSSEN_2025 = {"gemeente": "GM0938", "jaar": "2025", "peildatum": "2025-09-30"}


def caption(at: AppTest) -> str:
    return at.caption[0].value


def test_a_link_opens_its_selection_in_the_sidebar(sample_db, monkeypatch):
    at = start_app(monkeypatch, sample_db, link=MEERSSEN_2025)
    assert at.multiselect(key="gemeenten").value == ["GM0938"]
    assert at.selectbox(key="jaar").value == 2025
    assert at.date_input(key="peildatum_2025").value == dt.date(2025, 9, 30)
    assert caption(at).startswith("Meerssen · 2025 · peildatum 30-09-2025")
    assert not at.warning


def test_the_url_follows_the_sidebar(app):
    assert app.query_params == {"jaar": "2026", "peildatum": "2026-10-31"}
    app.multiselect(key="gemeenten").set_value(["GM0938", "GM0935"]).run()
    app.selectbox(key="jaar").select(2025).run()
    assert app.query_params == {
        "gemeente": ["GM0938", "GM0935"],
        "jaar": "2025",
        "peildatum": "2025-12-31",
    }


def test_back_to_an_earlier_url_brings_its_selection_back(app):
    before = dict(app.query_params)
    app.selectbox(key="jaar").select(2024).run()
    app.query_params.clear()
    app.query_params.update(before)  # what the browser sends on Back
    app.run()
    assert app.selectbox(key="jaar").value == 2026
    assert caption(app).startswith("3 gemeenten · 2026 · peildatum 31-10-2026")


def test_an_invalid_link_opens_the_nearest_selection_with_dutch_notes(sample_db, monkeypatch):
    link = {"gemeente": ["GM0938", "GM9999"], "jaar": "2031", "peildatum": "31-02-2031"}
    at = start_app(monkeypatch, sample_db, link=link)
    notes = [w.value for w in at.warning]
    assert any("Onbekende gemeente in de link: GM9999" in n for n in notes), notes
    assert any("Over 2031 zijn geen gegevens" in n and "getoond: 2026" in n for n in notes)
    assert any("geen geldige datum" in n for n in notes), notes
    assert caption(at).startswith("Meerssen · 2026 · peildatum 31-10-2026")
    assert at.query_params == {"gemeente": "GM0938", "jaar": "2026", "peildatum": "2026-10-31"}
    at.run()  # the notes were about the link; the next run has none
    assert not [w for w in at.warning if "link" in w.value]


def test_a_page_keeps_the_selection_and_its_own_choice_in_the_link(sample_db, monkeypatch):
    # AppTest opens the entry page first; the link then names the Taakstelling's choice
    at = start_app(monkeypatch, sample_db, "Taakstelling", link=MEERSSEN_2025)
    at.query_params["telwijze"] = "fte"
    at.run()
    assert at.radio(key="telwijze").value == "Fte (uren ÷ 36)"
    assert caption(at).startswith("Meerssen · 2025 · peildatum 30-09-2025")
    at.radio(key="telwijze").set_value("Gemiddeld over het jaar (personen)").run()
    assert at.query_params == {**MEERSSEN_2025, "telwijze": "gemiddeld"}
    switch_page(at, "Begroting")  # the menu's links carry the selection, not the telwijze
    assert at.query_params == MEERSSEN_2025
    assert caption(at).startswith("Meerssen · 2025 · peildatum 30-09-2025")


def test_an_unknown_page_choice_is_noted_and_the_default_shown(sample_db, monkeypatch):
    at = start_app(monkeypatch, sample_db, "Begroting")
    at.query_params["versie"] = "bestaat-niet"
    at.run()
    assert any("De keuze voor versie in de link bestaat niet" in w.value for w in at.warning)
    assert at.selectbox(key="versie").value == "Laatste in het bestand"
    assert "versie" not in at.query_params


@pytest.mark.parametrize("title", [page.title for page in PAGES])
def test_every_page_is_driven_with_the_sidebar(app, title):
    switch_page(app, title)
    assert not app.exception, app.exception
    assert app.sidebar.multiselect(key="gemeenten") is not None
    assert [link.proto.label for link in app.sidebar.get("page_link")] == [
        page.title for page in PAGES
    ]
