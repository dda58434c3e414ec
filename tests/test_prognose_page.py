"""AppTest of the Prognose & scenario's page: sliders move the forecast the right way."""

from __future__ import annotations

import pytest
from conftest import PLAATSINGEN_HEADER, REPO, TRAJECTEN_HEADER, app_charts, csv_lines, start_app
from streamlit.testing.v1 import AppTest

from dashboard.metrics.catalogue import figure

APP = str(REPO / "dashboard" / "app.py")
PAGE = "Prognose & scenario's"
NEEDED = figure("extra_per_maand").header


def start(monkeypatch, db, page: str = PAGE) -> AppTest:
    return start_app(monkeypatch, db, page, timeout=120)


def dutch(text: str) -> float:
    return float("nan") if text == "–" else float(text.replace(".", "").replace(",", "."))


def chance(text: str) -> float:
    """ "73%", or "> 99%" / "< 1%" (the catalogue's words for the extremes)."""
    return {"> 99%": 99.5, "< 1%": 0.5}.get(text) or dutch(text.rstrip("%"))


def year_table(at: AppTest):
    return next(
        d.value
        for d in at.dataframe
        if "Extra instroom per maand nodig (80%) (personen)" in d.value.columns
    ).set_index("Jaar")


def expected_line(at: AppTest) -> list[float]:
    fan = app_charts(at)[0]
    return next(t for t in fan if t.get("name") == "Verwacht (gemiddelde)")["y"]


@pytest.fixture
def prognose_page(sample_db, monkeypatch, tmp_path) -> AppTest:
    db = tmp_path / "sample.duckdb"
    db.write_bytes(sample_db.read_bytes())  # scenarios are saved beside the data file
    at = start(monkeypatch, db)
    at.multiselect(key="gemeenten").set_value(["GM0938"]).run()
    at.selectbox(key="jaar").select(2025).run()
    assert not at.exception, at.exception
    return at


def test_more_instroom_raises_the_fan_and_lowers_the_needed_instroom(prognose_page):
    before_line, before_table = expected_line(prognose_page), year_table(prognose_page)
    fitted = prognose_page.select_slider(key="prog_instroom").value
    prognose_page.select_slider(key="prog_instroom").set_value(round(fitted + 1.0, 1)).run()
    assert not prognose_page.exception
    after_line, after_table = expected_line(prognose_page), year_table(prognose_page)
    # one more person a month for 60 months, less what flows out again
    assert before_line[-1] + 30 < after_line[-1] <= before_line[-1] + 60
    before_needed = [dutch(v) for v in before_table[NEEDED].iloc[1:]]  # 2025 is over
    after_needed = [dutch(v) for v in after_table[NEEDED].iloc[1:]]
    assert before_table[NEEDED].iloc[0] == "–"
    assert all(a <= b for a, b in zip(after_needed, before_needed, strict=True))
    assert sum(after_needed) < sum(before_needed)
    kans = figure("kans_pct").header
    assert [chance(v) for v in after_table[kans]] >= [chance(v) for v in before_table[kans]]


def test_more_uitstroom_lowers_the_fan(prognose_page):
    before = expected_line(prognose_page)
    prognose_page.select_slider(key="prog_uitstroom").set_value(8.0).run()
    assert expected_line(prognose_page)[-1] < before[-1]


def test_scenarios_are_saved_and_compared_with_the_base(prognose_page):
    prognose_page.select_slider(key="prog_instroom").set_value(3.0).run()
    prognose_page.text_input(key="prog_naam").input("Snel groeien").run()
    prognose_page.button(key="prog_opslaan").click().run()
    assert any("opgeslagen" in s.value for s in prognose_page.success)
    prognose_page.multiselect(key="prog_vergelijk").set_value(["Snel groeien"]).run()
    compare = app_charts(prognose_page)[-1]
    names = [t["name"] for t in compare]
    assert names[:2] == ["Basis", "Snel groeien"]
    assert compare[1]["y"][-1] > compare[0]["y"][-1]


def test_future_taakstelling_can_be_entered(prognose_page):
    table = year_table(prognose_page)
    assert table.loc["2026", "Bron taakstelling"] == "geladen"
    assert table.loc["2027", "Bron taakstelling"] == "doorgetrokken"
    prognose_page.text_input(key="prog_taak_2027_GM0938_tekst").input("30,0").run()
    table = year_table(prognose_page)
    assert table.loc["2027", "Bron taakstelling"] == "ingevoerd"
    assert table.loc["2027", figure("taakstelling").header] == "30,0"
    assert dutch(table.loc["2027", NEEDED]) > 0


@pytest.mark.parametrize(
    "page_name",
    ["Overzicht", "Taakstelling", "Begroting", "Voorschakeltraject", PAGE, "Data"],
)
def test_every_page_survives_a_database_with_only_trajecten(
    load_files, db_path, monkeypatch, page_name
):
    load_files(
        {
            "trajecten.csv": csv_lines(
                TRAJECTEN_HEADER, "T1,p1,GM0935,2025-01-10,,lopend,2025-03-01,positief"
            )
        }
    )
    at = start(monkeypatch, db_path, page_name)
    assert not at.exception


def test_prognose_without_any_beschut_werk_says_so(load_files, db_path, monkeypatch):
    load_files(
        {
            "plaatsingen.csv": csv_lines(
                PLAATSINGEN_HEADER, "A1,p1,GM0935,loonkostensubsidie,2025-01-01,,32,Bakker,900"
            )
        }
    )
    at = start(monkeypatch, db_path)
    assert any("nog geen beschut werk" in i.value for i in at.info)
    at.select_slider(key="prog_instroom").set_value(2.0).run()
    at.select_slider(key="prog_uitstroom").set_value(0.0).run()
    assert expected_line(at)[12] == pytest.approx(24.0)


def test_number_fields_show_and_read_dutch_numbers(prognose_page):
    """The taakstelling field reads "1.234,5" Dutch-style; "30.5" and "-1" are refused with a
    Dutch message and the previous value stays; sliders show a decimal comma."""
    field = "prog_taak_2027_GM0938_tekst"
    prognose_page.text_input(key=field).input("1.234,5").run()
    assert prognose_page.text_input(key=field).value == "1.234,5"
    assert year_table(prognose_page).loc["2027", figure("taakstelling").header] == "1.234,5"
    for wrong, said in (("30.5", "schrijf decimalen met een komma"), ("-1", "kleinste")):
        prognose_page.text_input(key=field).input(wrong).run()
        assert not prognose_page.exception, prognose_page.exception
        assert any(said in e.value and "1.234,5" in e.value for e in prognose_page.error)
        assert prognose_page.text_input(key=field).value == "1.234,5"
        assert year_table(prognose_page).loc["2027", figure("taakstelling").header] == "1.234,5"
    prognose_page.text_input(key=field).input("[klik](https://x.nl)").run()
    (message,) = prognose_page.error
    assert "klik" in message.proto.body
    assert "[klik](https://x.nl)" not in message.proto.body  # typed text is no markdown
    slider = prognose_page.select_slider(key="prog_uren")
    assert slider.options[:2] == ["8", "8,5"]  # shown with a decimal comma, not 8.5
