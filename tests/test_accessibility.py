"""Text alternatives for charts and the Prognose page's 'Wat is nodig' (AppTest and plain
Python); the WCAG check itself runs in the browser (test_browser.py, axe-core)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import as_shown, start_app

from dashboard.web import ui
from dashboard.web.pages import PAGES
from dashboard.web.views import prognose

CHART_PAGES = [page.key for page in PAGES if page.needs_data]


@pytest.mark.parametrize("key", CHART_PAGES)
def test_every_chart_has_its_table_and_description(sample_db, monkeypatch, key):
    at = start_app(monkeypatch, sample_db, key)
    at.multiselect(key="gemeenten").set_value(["GM0935"]).run()
    charts = at.get("plotly_chart")
    tables = [e for e in at.expander if e.label.startswith(ui.CHART_TABLE)]
    assert charts, f"no chart on {key}"
    assert len(tables) == len(charts), (key, len(charts), [e.label for e in tables])
    for expander in tables:
        assert len(expander.table) == 1 and not expander.table[0].value.empty, expander.label
    assert len(at.caption) >= len(charts)


def test_wat_is_nodig_rounds_up_to_whole_persons():
    years = pd.DataFrame({"jaar": [2025, 2026, 2027], "extra_per_maand": [0.0, 0.3, np.nan]})
    shown = prognose.wat_is_nodig(years, dt.date(2025, 9, 30))
    assert shown["nodig_per_jaar"].tolist()[:2] == [0, 4]  # 12 × 0,3 = 3,6 → 4
    assert shown["nodig_per_maand"].tolist()[:2] == [0, 1]
    assert np.isnan(shown["nodig_per_jaar"].iloc[2])  # no month left: nothing to say


def test_years_beyond_twelve_months_carry_the_warning():
    peildatum = dt.date(2025, 9, 30)
    assert prognose.horizon(peildatum, 2025) == "binnen 12 maanden"
    assert prognose.horizon(peildatum, 2026).startswith("meer dan 12 maanden")
    assert prognose.horizon(dt.date(2025, 12, 31), 2026) == "binnen 12 maanden"


def test_the_prognose_page_shows_what_is_needed_first_and_the_edited_scenario(
    sample_db, monkeypatch
):
    at = start_app(monkeypatch, sample_db, "prognose")
    at.multiselect(key="gemeenten").set_value(["GM0935"]).run()
    assert at.subheader[0].value == "Wat is nodig"
    needed = at.table[0].value.map(as_shown)
    assert "Extra plaatsingen nodig per jaar (80%) (personen)" in needed.columns
    assert needed["Jaar"].tolist()[-1] == "2030"
    assert any("meer dan twaalf maanden" in w.value for w in at.warning)
    names = [trace.get("name") for trace in _traces(at, -1)]
    assert prognose.EDITED in names and "Basis" in names
    at.select_slider(key="prog_instroom").set_value(
        at.select_slider(key="prog_instroom").value + 2
    ).run()
    edited = next(t for t in _traces(at, -1) if t.get("name") == prognose.EDITED)
    fan = next(t for t in _traces(at, 0) if t.get("name") == "Verwacht (gemiddelde)")
    assert edited["y"] == pytest.approx(fan["y"])  # the comparison matches the fan chart


def _traces(at, index: int) -> list[dict]:
    from conftest import app_charts

    return app_charts(at)[index]
