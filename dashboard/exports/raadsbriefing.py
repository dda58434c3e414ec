"""The raadsbriefing: what it shows, gathered once from the named queries.

`gather` runs the queries (and the prognose model, seeded) for one selection; `tables`
and `charts` turn the result into what leaves the app, with small counts suppressed
(suppression.py). The PDF is laid out in briefing_pdf.py. The command line
(`beschut briefing`) and the Overzicht page both start from `gather`, so they produce
the same document.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard.exports import charts, suppression
from dashboard.exports.tables import ExportTable, to_excel
from dashboard.forecasting import forecast
from dashboard.forecasting import prognose as pg
from dashboard.metrics import catalogue
from dashboard.metrics.figures import FigureError, data_tot_en_met, known_gemeenten, peildatum_for
from dashboard.store.queries import run

MONTHLY_FROM = catalogue.FIRST_DAY  # as the Overzicht page's chart (earlier years: 1 January)
BEGROTING_YEARS = 4  # the briefing's year and the three before

KERNCIJFERS = catalogue.columns(
    "gebied",
    "jaar",
    "peildatum",
    "taakstelling",
    "realisatie_ultimo",
    "percentage_ultimo",
    "nog_te_realiseren",
    "realisatie_vorig_jaar",
    "status",
    "begroting",
    "uitgaven",
    "percentage_besteed",
    "data_tot_en_met",
)
PER_MAAND = catalogue.columns("dag", "realisatie", "taakstelling")
PROGNOSE = catalogue.columns("jaar", "taakstelling", "verwacht", "p10", "p90", "kans_pct")
BEGROTING = catalogue.columns("jaar", "begroting", "uitgaven", "percentage_besteed")
TRAJECTEN = catalogue.columns("label", "trajecten")
BRONNEN = catalogue.columns("tabel", "bestand", "rijen", "import_id", "afgerond", "sha256")
RESERVERING = catalogue.columns(
    "jaar",
    "periode",
    "begroting",
    "uitgaven",
    "verschil",
    "cumulatief_verschil",
    "realisatie_gemiddeld",
    "kosten_per_plek_jaarbasis",
    "taakstelling",
    "kosten_model",
    "kosten_geladen",
    "verwacht_saldo_reservering",
)
VOORUIT = catalogue.columns(
    "jaar", "taakstelling", "bron", "verwacht", "p10", "p90", "kans_pct", "extra_per_maand"
)
WACHTEND = catalogue.columns("wachtend", "mediaan_wachtdagen", "langste_wachtdagen")
JAAREINDE = catalogue.columns("verwacht_jaareinde", "verwacht_saldo")


@dataclass(frozen=True)
class Prognose:
    """The prognose to the end of the briefing's year (Scenario(): as fitted)."""

    jaar: pd.DataFrame  # one row: jaar, taakstelling, verwacht, p10, p90, kans, kans_pct
    fan: pd.DataFrame  # maand, verwacht, p10, p90 from the peildatum's month to December

    @property
    def row(self) -> pd.Series:
        return self.jaar.iloc[0]


@dataclass(frozen=True)
class Briefing:
    """Everything the raadsbriefing shows, for one selection."""

    gemeenten: tuple[str, ...]  # the chosen codes (all when none were chosen)
    gebied: str  # "Maastricht", "Maastricht en Meerssen", …
    jaar: int
    peildatum: dt.date
    data_tot_en_met: dt.date
    kerncijfers: pd.Series  # the row of kerncijfers_totaal
    per_maand: pd.DataFrame  # realisatie_per_maand from MONTHLY_FROM to the peildatum
    financien: pd.DataFrame  # financien_per_jaar over BEGROTING_YEARS
    trajecten: pd.DataFrame  # trajecten_per_uitkomst, the total last
    prognose: Prognose | None  # None when the peildatum is 31 December
    bronnen: pd.DataFrame  # bronbestanden: the files with their sha256
    min_aantal: int
    # this year (unless the peildatum is 31 December) and next: the prognose's year
    # table (taakstelling and its bron, verwacht, p10, p90, kans_pct, extra_per_maand)
    vooruit: pd.DataFrame
    wachtend: pd.Series  # the totals of wachtend_op_plaatsing
    reservering: pd.DataFrame  # forecast.reservering with the cost per plek per year
    jaareinde: pd.Series  # verplichtingen: the expected year-end position
    importversie: int | None  # the last successful import

    @property
    def realisatie(self) -> int:
        return int(self.kerncijfers["realisatie_ultimo"])

    @property
    def taakstelling(self) -> float | None:
        value = self.kerncijfers["taakstelling"]
        return None if pd.isna(value) else float(value)


def gather(
    con: duckdb.DuckDBPyConnection,
    jaar: int,
    gemeenten: Sequence[str] = (),
    peildatum: dt.date | None = None,
    min_aantal: int | None = None,
) -> Briefing:
    """The briefing's figures for `gemeenten` (none = all) in `jaar` on `peildatum`
    (default: year-end, or the data's last day in the running year)."""
    threshold = suppression.min_aantal(min_aantal)
    codes, gebied = _selection(con, gemeenten)
    peildatum = peildatum_for(con, jaar, peildatum)
    params = {"gemeenten": codes, "jaar": jaar, "peildatum": peildatum}
    kerncijfers = run(con, "kerncijfers_totaal", versie=None, **params).iloc[0]
    found = _outcome(con, codes, peildatum, kerncijfers["taakstelling"])
    last = run(con, "laatste_import")
    return Briefing(
        gemeenten=tuple(codes),
        gebied=gebied,
        jaar=jaar,
        peildatum=peildatum,
        data_tot_en_met=data_tot_en_met(con),
        kerncijfers=kerncijfers,
        per_maand=run(
            con,
            "realisatie_per_maand",
            gemeenten=codes,
            van=min(MONTHLY_FROM, dt.date(jaar, 1, 1)),
            tot=peildatum,
        ),
        financien=run(
            con, "financien_per_jaar", versie=None, van_jaar=jaar - BEGROTING_YEARS + 1, **params
        ),
        trajecten=run(con, "trajecten_per_uitkomst", **params),
        prognose=_prognose(found, peildatum),
        bronnen=run(con, "bronbestanden", gemeenten=codes),
        min_aantal=threshold,
        vooruit=_vooruit(found, peildatum),
        wachtend=run(con, "wachtend_op_plaatsing", gemeenten=codes, peildatum=peildatum).iloc[0],
        reservering=_reservering(con, codes, jaar, peildatum),
        jaareinde=run(con, "verplichtingen", versie=None, **params).iloc[0],
        importversie=None if last.empty else int(last["import_id"].iloc[0]),
    )


def _selection(con: duckdb.DuckDBPyConnection, gemeenten: Sequence[str]) -> tuple[list[str], str]:
    names = {row["gemeente"]: row["gemeentenaam"] for row in known_gemeenten(con)}
    unknown = [code for code in gemeenten if code not in names]
    if unknown:
        raise FigureError(f"gemeente {', '.join(unknown)} heeft geen gegevens in de database")
    codes = list(gemeenten) or list(names)
    if not codes:
        raise FigureError("de database bevat nog geen gegevens")
    return codes, gebied_naam([names[code] for code in codes])


def whole_persons(value: float) -> int:
    """Plekken or a rate as whole persons, rounded up: 3,9 plekken take 4 inwoners."""
    return max(math.ceil(round(float(value), 6)), 0)


def gebied_naam(namen: Sequence[str]) -> str:
    """ "Maastricht", "Maastricht en Meerssen", "A, B en C"; more than four: "7 gemeenten"."""
    if len(namen) > 4:
        return f"{len(namen)} gemeenten"
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def _outcome(
    con: duckdb.DuckDBPyConnection, codes: list[str], peildatum: dt.date, taakstelling: float
) -> forecast.Outcome:
    """The Prognose page's base scenario (the model as fitted, on its fixed seed):
    forecast.outcome over the page's years and taakstellingen (loaded, or the last
    step extended), this year's as the kerncijfers count it."""
    model = forecast.fitted(partial(run, con), codes, peildatum)
    loaded = run(con, "taakstelling_per_jaar", gemeenten=codes)
    loaded = dict(
        zip(loaded["jaar"].astype(int), loaded["taakstelling"].astype(float), strict=True)
    )
    this_year = None if pd.isna(taakstelling) else float(taakstelling)
    later = list(range(peildatum.year + 1, max(pg.HORIZON_YEAR, peildatum.year + 1) + 1))
    quota = [pg.Taakstelling(peildatum.year, this_year, "geladen" if this_year else "onbekend")]
    quota += pg.taakstelling_pad(loaded, later)
    return forecast.outcome(model, pg.Scenario(), quota)


def _prognose(found: forecast.Outcome, peildatum: dt.date) -> Prognose | None:
    """This year's row and the fan to the end of next year; None on 31 December."""
    if peildatum == dt.date(peildatum.year, 12, 31):
        return None
    fan = found.fan[found.fan["maand"] <= pd.Timestamp(peildatum.year + 1, 12, 31)]
    return Prognose(found.jaren[found.jaren["jaar"] == peildatum.year].reset_index(drop=True), fan)


def _vooruit(found: forecast.Outcome, peildatum: dt.date) -> pd.DataFrame:
    years = [peildatum.year + 1]
    if peildatum != dt.date(peildatum.year, 12, 31):
        years.insert(0, peildatum.year)
    return found.jaren[found.jaren["jaar"].isin(years)].reset_index(drop=True)


def _reservering(
    con: duckdb.DuckDBPyConnection, codes: list[str], jaar: int, peildatum: dt.date
) -> pd.DataFrame:
    """forecast.reservering (the Begroting page's frame) with, for the years up to the
    peildatum's, the cost per plek (financien_per_jaar)."""
    frame = forecast.reservering(partial(run, con), codes, peildatum)
    costs = run(
        con,
        "financien_per_jaar",
        gemeenten=codes,
        jaar=jaar,
        peildatum=peildatum,
        versie=None,
        van_jaar=catalogue.FIRST_YEAR,
    )[["jaar", "realisatie_gemiddeld", "kosten_per_plek_jaarbasis"]]
    return frame.merge(costs, on="jaar", how="left")


# --- what leaves the app ------------------------------------------------------------


def kerncijfers_frame(briefing: Briefing) -> pd.DataFrame:
    """The headline figures as one table row (the columns of KERNCIJFERS)."""
    row = briefing.kerncijfers.to_dict()
    row.update(
        gebied=briefing.gebied,
        jaar=briefing.jaar,
        peildatum=briefing.peildatum,
        data_tot_en_met=briefing.data_tot_en_met,
    )
    return pd.DataFrame([row])


def tables(briefing: Briefing) -> dict[str, ExportTable]:
    """Every table of the briefing, one Excel sheet each."""
    found = {
        "Kerncijfers": ExportTable(kerncijfers_frame(briefing), KERNCIJFERS),
        "Realisatie per maand": ExportTable(briefing.per_maand, PER_MAAND),
    }
    if briefing.prognose is not None:
        found["Prognose jaareinde"] = ExportTable(briefing.prognose.jaar, PROGNOSE)
    found["Begroting per jaar"] = ExportTable(briefing.financien, BEGROTING)
    found["Reservering per jaar"] = ExportTable(briefing.reservering, RESERVERING)
    found["Vooruitkijken"] = ExportTable(briefing.vooruit, VOORUIT)
    found["Wachtend op plaatsing"] = ExportTable(briefing.wachtend.to_frame().T, WACHTEND)
    found["Voorschakeltrajecten"] = ExportTable(briefing.trajecten, TRAJECTEN, total_row=True)
    found["Bronbestanden"] = ExportTable(briefing.bronnen, BRONNEN)
    return found


def excel(briefing: Briefing) -> bytes:
    return to_excel(tables(briefing), briefing.min_aantal)


def charts_for_export(briefing: Briefing) -> dict[str, go.Figure]:
    """The briefing's charts with small counts not drawn (a band says so)."""
    threshold = briefing.min_aantal
    monthly, hidden = suppression.mask(briefing.per_maand, ["realisatie"], threshold)
    found = {"realisatie": _with_band(charts.realisatie_per_maand(monthly), hidden, threshold)}
    if briefing.prognose is not None:
        found["prognose"] = _prognose_chart(briefing, monthly, threshold)
    money = briefing.reservering
    found["begroting"] = charts.begroting_tegen_uitgaven(
        money.assign(jaar=money["jaar"].astype(str)),
        "jaar",
        f"Gereserveerd en uitgegeven per jaar ({briefing.jaar} t/m de peildatum)",
    )
    for figure in found.values():  # less white space: the page has little to spare
        figure.update_layout(margin={"t": 80, "b": 45}, title_xref="paper")
    return found


def pictures(briefing: Briefing) -> dict[str, bytes]:
    """charts_for_export as PNG by name: what the PDF and the Word file embed."""
    from dashboard.exports import images

    figures = charts_for_export(briefing)
    return dict(zip(figures, images.png(list(figures.values())), strict=True))


def _prognose_chart(briefing: Briefing, monthly: pd.DataFrame, threshold: int) -> go.Figure:
    history = monthly[pd.to_datetime(monthly["dag"]) >= pd.Timestamp(briefing.jaar - 1, 1, 1)]
    raw = briefing.prognose.fan
    fan_hidden = suppression.mask(raw, ["verwacht", "p10", "p90"], threshold)[1]
    fan = suppression.clip(
        suppression.mask(raw, ["verwacht"], threshold)[0], ["p10", "p90"], threshold
    )
    figure = charts.prognose_waaier(
        history,
        fan,
        briefing.vooruit[["jaar", "taakstelling", "bron"]],
        f"Verwachte realisatie tot 31-12-{briefing.jaar + 1} met 80%-band",
    )
    hidden = fan_hidden or bool(history["realisatie"].isna().any())
    return _with_band(figure, hidden, threshold)


def _with_band(figure: go.Figure, hidden: bool, threshold: int) -> go.Figure:
    return charts.suppressed_band(figure, threshold) if hidden else figure
