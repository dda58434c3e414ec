"""Prognose & scenario's: will we meet the taakstelling, and what will it cost, to 2030."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.exports import charts
from dashboard.forecasting import forecast, scenarios
from dashboard.forecasting import prognose as pg
from dashboard.metrics import catalogue
from dashboard.metrics import formatting as fmt
from dashboard.web import ui

HISTORY_FROM = catalogue.FIRST_DAY
PER_JAAR = catalogue.columns(
    "jaar", "taakstelling", "bron", "verwacht", "p10", "p90", "kans_pct", "extra_per_maand"
)
KOSTEN = catalogue.columns("jaar", "kosten", "begroting", "begroting_bron", "saldo")
NODIG = catalogue.columns(
    "jaar", "nodig_per_jaar", "nodig_per_maand", "taakstelling", "kans_pct", "horizon"
)
WAAIER = catalogue.columns("dag", "verwacht", "p10", "p90")
VERGELIJKING = catalogue.columns("dag", "scenario", "verwacht")
HORIZON_MONTHS = 12  # beyond this the backtest shows the forecast running high
EDITED = "Dit scenario (ingesteld)"
LEVERS = {  # session key → Scenario field
    "prog_instroom": "instroom_per_maand",
    "prog_uitstroom": "uitstroom_pct",
    "prog_uren": "uren_per_week",
    "prog_loonwaarde": "loonwaarde_pct",
    "prog_begeleiding": "begeleiding_per_plek",
    "prog_overhead": "overhead_per_plek",
    "prog_vakantiegeld": "vakantiegeld_pct",
    "prog_lasten": "werkgeverslasten_pct",
    "prog_kosten_uit_data": "kosten_uit_data",
    "prog_capaciteit": "capaciteit",
}


@st.cache_resource(show_spinner=False)
def scenario_store(path: str):
    return scenarios.connect(path)


def fitted(chosen: ui.Selectie) -> pg.Fit:
    return forecast.fitted(ui.query, chosen.codes, chosen.peildatum)


@st.cache_data(show_spinner=False, max_entries=64)
def simulated(
    _model: pg.Fit, key: tuple, scenario: pg.Scenario, shares: tuple[float, ...]
) -> np.ndarray:
    """The stock paths of a scenario, cached per selection (`key`) and scenario."""
    return pg.simulate(_model, scenario, extra_shares=np.array(shares))[0]


@st.cache_data(show_spinner=False, max_entries=64)
def outcome(
    _model: pg.Fit,
    key: tuple,
    scenario: pg.Scenario,
    quota: tuple[pg.Taakstelling, ...],
    shares: tuple[float, ...],
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Year table (with needed instroom), monthly fan and the paths; cached per
    selection (`key`), scenario and taakstelling."""
    paths = simulated(_model, key, scenario, shares)
    found = forecast.outcome(_model, scenario, quota, shares, paths=paths)
    return found.jaren, found.fan, found.paths


def defaults(model: pg.Fit) -> dict[str, object]:
    base = pg.Scenario()
    return {
        "prog_instroom": round(model.instroom_totaal, 1),
        "prog_uitstroom": round(model.uitstroom_pct, 1),  # on the slider's 0,1 steps
        "prog_uren": round(model.uren_per_week * 2) / 2,
        "prog_loonwaarde": base.loonwaarde_pct,
        "prog_begeleiding": base.begeleiding_per_plek,
        "prog_overhead": base.overhead_per_plek,
        "prog_vakantiegeld": base.vakantiegeld_pct,
        "prog_lasten": base.werkgeverslasten_pct,
        "prog_kosten_uit_data": model.kosten_per_maand is not None,
        "prog_capaciteit": None,
    }


def levers(model: pg.Fit, key: tuple) -> pg.Scenario:
    """Sliders that start at the fitted values of the current selection."""
    if st.session_state.get("prog_fitted_for") != key:
        st.session_state.update(defaults(model))
        st.session_state["prog_fitted_for"] = key
    left, middle, right = st.columns(3)
    ui.slider(
        left,
        "Instroom per maand (personen)",
        0.0,
        max(5.0, 3 * model.instroom_totaal, 1.0),
        0.1,
        key="prog_instroom",
        help="Nieuwe beschutte dienstbetrekkingen per maand na de pijplijn; standaard "
        "het tempo dat de gegevens laten zien (zie 'Waarop de prognose rust').",
    )
    ui.slider(
        middle,
        "Uitstroom per maand (%)",
        0.0,
        10.0,
        0.1,
        key="prog_uitstroom",
        help="De kans dat een lopende dienstbetrekking in een maand eindigt; "
        "standaard zoals waargenomen over de afgelopen 24 maanden.",
    )
    ui.slider(right, "Gemiddelde uren per week", 8.0, 40.0, 0.5, key="prog_uren")
    ui.number_field(
        right,
        "Capaciteit: hoogstens zoveel plekken",
        "prog_capaciteit",
        min_value=0.0,
        decimals=0,
        allow_empty=True,
        placeholder="geen grens",
        help="Het aantal plekken dat het mensontwikkelbedrijf kan bieden, voor de gekozen "
        "gemeenten samen; leeg = geen grens (of de grens die uit de gegevens blijkt).",
    )
    ui.slider(
        left,
        "Loonwaarde (%)",
        0.0,
        80.0,
        5.0,
        key="prog_loonwaarde",
        help="Het deel van het loon dat de werknemer zelf waarmaakt; de gemeente "
        "betaalt de rest als loonkostensubsidie.",
    )
    ui.number_field(
        middle,
        "Begeleiding per plek per jaar (€)",
        "prog_begeleiding",
        min_value=0.0,
        max_value=50_000.0,
    )
    ui.number_field(
        right,
        "Overhead per plek per jaar (€)",
        "prog_overhead",
        min_value=0.0,
        max_value=50_000.0,
    )
    with st.expander("Loonkostenparameters"):
        columns = st.columns(3)
        ui.number_field(
            columns[0], "Vakantiegeld (%)", "prog_vakantiegeld", min_value=0.0, max_value=20.0
        )
        ui.number_field(
            columns[1], "Werkgeverslasten (%)", "prog_lasten", min_value=0.0, max_value=60.0
        )
        columns[2].checkbox(
            "Gebruik de geladen kosten per maand",
            key="prog_kosten_uit_data",
            disabled=model.kosten_per_maand is None,
        )
    # A lever left at its start value is the model as fitted (Scenario's own default,
    # unrounded), so the page's base scenario is the briefing's, path for path.
    start, base = defaults(model), pg.Scenario()
    values = {
        field: getattr(base, field) if st.session_state[k] == start[k] else st.session_state[k]
        for k, field in LEVERS.items()
    }
    return pg.Scenario(**values)


def quota_path(chosen: ui.Selectie, model: pg.Fit) -> list[pg.Taakstelling]:
    loaded = ui.query("taakstelling_per_jaar", gemeenten=chosen.codes)
    loaded = dict(zip(loaded["jaar"].astype(int), loaded["taakstelling"], strict=True))
    years = list(range(chosen.peildatum.year, pg.HORIZON_YEAR + 1))
    path = pg.taakstelling_pad(loaded, years)
    open_years = [q for q in path if q.bron != "geladen"]
    if not open_years:
        return path
    st.caption(
        "Niet voor elk jaar is een taakstelling geladen. Standaard is de laatste stap "
        "doorgetrokken; vul hier de bekende of verwachte taakstelling in."
    )
    columns = st.columns(len(open_years))
    entered = {}
    for column, q in zip(columns, open_years, strict=True):
        value = ui.number_field(
            column,
            f"Taakstelling {q.jaar}",
            f"prog_taak_{q.jaar}_{'-'.join(chosen.codes)}",
            min_value=0.0,
            value=float(q.waarde or 0.0),
            decimals=1,
        )
        if q.waarde is None or not math.isclose(value, q.waarde):
            entered[q.jaar] = value
    return pg.taakstelling_pad(loaded, years, entered)


def model_basis(model: pg.Fit, scenario: pg.Scenario, chosen: ui.Selectie) -> None:
    with st.expander("Waarop de prognose rust"):
        uren = scenario.uren_per_week or model.uren_per_week
        model_cost = pg.kosten_per_plek_per_maand(chosen.peildatum, uren, scenario)
        lines = [
            f"- Stand op {fmt.datum(chosen.peildatum)}: {fmt.number(model.stand.sum())} personen.",
            f"- Instroom na de pijplijn: {fmt.number(model.instroom_totaal, 2)} per maand "
            "(de laatste 12 maanden, of waar een gemeente haar tempo houdt: de groei van "
            "de stand over 36 maanden plus wie vertrekt).",
            f"- Uitstroom: {fmt.number(model.uitstroom_pct, 2)}% per maand (afgelopen 24 maanden).",
            f"- Pijplijn: {fmt.number(model.pijplijn_totaal, 1)} verwachte plaatsingen uit "
            "lopende trajecten en positieve adviezen, verdeeld over de komende "
            f"{fmt.number(int(model.horizon.max(initial=0)))} maanden.",
            f"- Kosten per plek per maand volgens het model: {fmt.euro(model_cost)}"
            + (
                f"; volgens de geladen kosten: {fmt.euro(model.kosten_per_maand)} (verschil "
                f"{fmt.euro(model.kosten_per_maand - model_cost)})."
                if model.kosten_per_maand is not None
                else "; geen geladen kosten."
            ),
            f"- {pg.DEFAULT_PATHS:,} gesimuleerde paden (vaste seed) per scenario.".replace(
                ",", "."
            ),
        ]
        lines.append("- Gedrag van de instroom, geschat op de afgelopen 36 maanden:")
        lines += [f"  - {line}" for line in pg.sturing_samengevat(model)]
        if model.samengevoegd:
            lines.append(
                f"- De {len(model.samengevoegd)} gemeenten zijn als één geheel doorgerekend "
                f"(bij meer dan {pg.POOL_ABOVE} gekozen gemeenten): de instroom en pijplijn "
                "van alle gemeenten samen, de uitstroom volgens de mix van gemeenten met "
                "weinig en veel uitstroom. Kies minder gemeenten voor de prognose per "
                "gemeente."
            )
        st.markdown("\n".join(lines))


def horizon_end(peildatum: dt.date) -> dt.date:
    """The last day the forecast is within twelve months of the peildatum."""
    return (pd.Timestamp(peildatum) + pd.DateOffset(months=HORIZON_MONTHS)).date()


def horizon(peildatum: dt.date, jaar: int) -> str:
    """Whether the year-end of `jaar` is within twelve months of the peildatum."""
    if dt.date(jaar, 12, 31) <= horizon_end(peildatum):
        return "binnen 12 maanden"
    return "meer dan 12 maanden vooruit: onzekerder"


def wat_is_nodig(years: pd.DataFrame, peildatum: dt.date) -> pd.DataFrame:
    """Per year: the extra plaatsingen (on top of the scenario) that reach the
    taakstelling with 80% certainty, in whole persons per year and per month (rounded
    up: three quarters of a person is one more placement), and the horizon."""
    per_jaar, per_maand = forecast.nodig(years["extra_per_maand"].astype(float))
    return years.assign(
        nodig_per_jaar=per_jaar,
        nodig_per_maand=per_maand,
        horizon=[horizon(peildatum, int(jaar)) for jaar in years["jaar"]],
    )


def with_horizon(fig, fan: pd.DataFrame, peildatum: dt.date):
    """The fan or comparison chart with the months beyond twelve marked."""
    end, last = horizon_end(peildatum), pd.Timestamp(fan["maand"].max()).date()
    return charts.horizon_warning(fig, end, last) if last > end else fig


def warn_beyond_horizon(years: pd.DataFrame, peildatum: dt.date) -> None:
    if any(dt.date(int(jaar), 12, 31) > horizon_end(peildatum) for jaar in years["jaar"]):
        st.warning(
            f"Jaren die meer dan twaalf maanden na de peildatum eindigen (na "
            f"{fmt.datum(horizon_end(peildatum))}) zijn onzekerder: hoe verder vooruit, hoe "
            "groter in de backtest het verschil met wat er werkelijk gebeurde, en hoe breder "
            "de band. Lees ze als richting, niet als belofte."
        )


def needed(years: pd.DataFrame, chosen: ui.Selectie) -> None:
    """'Wat is nodig': per year to 2030 the extra plaatsingen for 80% certainty."""
    st.subheader("Wat is nodig")
    shown = wat_is_nodig(years, chosen.peildatum)
    # st.table wraps its headers: no column cut off at the right, and a real HTML table
    st.table(ui.display_table(shown, NODIG).map(ui.md), hide_index=True)
    st.caption(
        f"{catalogue.figure('nodig_per_jaar').definition} Per maand: "
        f"{catalogue.figure('nodig_per_maand').definition[0].lower()}"
        f"{catalogue.figure('nodig_per_maand').definition[1:]} 0 = het scenario haalt de "
        "taakstelling al met 80% kans."
    )
    warn_beyond_horizon(years, chosen.peildatum)


def comparison_frame(fans: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The compared scenarios' expected stock per month-end, one row per scenario."""
    return pd.concat(
        [fan.assign(scenario=name, dag=fan["maand"]) for name, fan in fans.items()],
        ignore_index=True,
    )


def save_and_compare(
    chosen: ui.Selectie, model: pg.Fit, scenario: pg.Scenario, quota, shares, key
) -> None:
    store = scenario_store(str(scenarios.path_for(ui.db_path())))
    saved = scenarios.load_all(store)
    left, right = st.columns([2, 1])
    name = left.text_input(
        "Naam voor dit scenario", key="prog_naam", placeholder="bijvoorbeeld: extra instroom 2027"
    )
    if right.button("Scenario opslaan", key="prog_opslaan", icon=":material/save:"):
        try:
            scenarios.save(store, name, scenario)
        except ValueError as error:
            st.warning(str(error).capitalize() + ".")
        else:
            st.success(f"Scenario '{name.strip()}' is opgeslagen.")
            saved = scenarios.load_all(store)
    chosen_names = st.multiselect(
        "Vergelijk met opgeslagen scenario's",
        [n for n in saved if n != scenarios.BASE],
        key="prog_vergelijk",
        placeholder="Kies opgeslagen scenario's",
    )
    fans = {}
    for naam in [scenarios.BASE, *chosen_names]:
        variant = saved[naam] if naam != scenarios.BASE else pg.Scenario()
        fans[naam] = pg.fan(simulated(model, key, variant, shares), model)
    # the scenario on the sliders beside them, so the comparison matches the fan chart
    fans[EDITED] = pg.fan(simulated(model, key, scenario, shares), model)
    quota_frame = pd.DataFrame([q.__dict__ for q in quota]).rename(
        columns={"waarde": "taakstelling"}
    )
    ui.chart(
        with_horizon(
            charts.scenarios_vergelijken(fans, quota_frame), fans[EDITED], chosen.peildatum
        ),
        comparison_frame(fans),
        VERGELIJKING,
        "Lijngrafiek: de verwachte realisatie per maand van de basis, het ingestelde "
        "scenario en de gekozen opgeslagen scenario's, tegen de taakstelling.",
    )


def render(chosen: ui.Selectie) -> None:
    ui.page_header("Prognose en scenario's tot 2030", chosen)
    model = fitted(chosen)
    key = (tuple(chosen.codes), chosen.peildatum)
    if model.stand.sum() == 0 and model.instroom_totaal == 0 and model.pijplijn_totaal == 0:
        st.info(
            f"Op {fmt.datum(chosen.peildatum)} is er bij {ui.md(chosen.label)} nog geen beschut "
            "werk en ook geen instroom of pijplijn om op voort te bouwen. Stel hieronder een "
            "instroom per maand in om een scenario door te rekenen."
        )
    top = st.container()  # 'Wat is nodig' above the levers it depends on
    scenario = levers(model, key)
    quota = quota_path(chosen, model)
    shares = forecast.equal_shares(model)
    years, fan, paths = outcome(model, key, scenario, tuple(quota), shares)
    with top:
        needed(years, chosen)
    model_basis(model, scenario, chosen)

    history = ui.query(
        "realisatie_per_maand", gemeenten=chosen.codes, van=HISTORY_FROM, tot=chosen.peildatum
    )
    ui.chart(
        with_horizon(
            charts.prognose_waaier(
                history,
                fan,
                years,
                "Verwachte realisatie tot 2030 met 80%-band, tegen de taakstelling",
            ),
            fan,
            chosen.peildatum,
        ),
        fan.assign(dag=fan["maand"]),
        WAAIER,
        "Waaiergrafiek: de realisatie tot de peildatum, daarna per maand de verwachte "
        "realisatie met de band waarin die met 80% kans valt, tegen de taakstelling.",
    )
    st.subheader("Per jaar")
    st.dataframe(
        ui.display_table(wat_is_nodig(years, chosen.peildatum), [*PER_JAAR, *NODIG[-1:]]),
        hide_index=True,
        width="stretch",
    )
    warn_beyond_horizon(years, chosen.peildatum)
    ui.download_buttons(f"prognose_{chosen.peildatum:%Y%m%d}", "Prognose", years, PER_JAAR)
    st.caption(
        "Extra instroom nodig: hoeveel personen per maand er vanaf de peildatum bij "
        "moeten komen (bovenop het scenario) om de taakstelling van dat jaar met 80% "
        "kans te halen; 0 = het scenario haalt dat al."
    )

    st.subheader("Kosten tegen de begroting")
    figures = ui.query(
        "kerncijfers_totaal",
        versie=None,
        jaar=chosen.peildatum.year,
        gemeenten=chosen.codes,
        peildatum=chosen.peildatum,
    ).iloc[0]
    begroting = ui.query("begroting_per_jaar", gemeenten=chosen.codes)
    loaded_quota = ui.query("taakstelling_per_jaar", gemeenten=chosen.codes)
    costs = pg.kosten_per_jaar(
        paths,
        model,
        scenario,
        float(figures["uitgaven"]),
        dict(zip(begroting["jaar"].astype(int), begroting["begroting"], strict=True)),
        quota,
        dict(zip(loaded_quota["jaar"].astype(int), loaded_quota["taakstelling"], strict=True)),
    )
    ui.chart(
        charts.kosten_tegen_begroting(costs),
        costs,
        KOSTEN,
        "Staafgrafiek: per jaar de verwachte kosten naast de begroting.",
    )
    st.dataframe(ui.display_table(costs, KOSTEN), hide_index=True, width="stretch")
    st.caption(
        f"{catalogue.figure('kosten').definition} De pagina Begroting toont daarnaast de "
        "‘Verwachte uitgaven (lopende plaatsingen)’: alleen de plaatsingen die op de "
        "peildatum lopen, zonder nieuwe instroom of uitstroom; daardoor verschillen de twee."
    )
    if (costs["begroting_bron"] == "aangenomen").any():
        st.caption(f"Aangenomen begroting: {catalogue.figure('begroting_bron').definition}")
    ui.download_buttons(
        f"prognose_kosten_{chosen.peildatum:%Y%m%d}", "Kosten tegen begroting", costs, KOSTEN
    )

    st.subheader("Scenario's")
    save_and_compare(chosen, model, scenario, quota, shares, key)
