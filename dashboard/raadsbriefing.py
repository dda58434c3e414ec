"""The raadsbriefing: what it shows, gathered once from the named queries.

`gather` runs the queries (and the prognose model, seeded) for one selection; `tables`
and `charts` turn the result into what leaves the app, with small counts suppressed
(suppression.py). The PDF is laid out in briefing_pdf.py. The command line
(`beschut briefing`) and the Overzicht page both start from `gather`, so they produce
the same document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import duckdb
import pandas as pd
import plotly.graph_objects as go

from . import catalogue, charts, forecast, suppression
from . import prognose as pg
from .exports import ExportTable, to_excel
from .figures import FigureError, data_tot_en_met, known_gemeenten, peildatum_for
from .queries import run

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
        prognose=_prognose(con, codes, peildatum, kerncijfers["taakstelling"]),
        bronnen=run(con, "bronbestanden", gemeenten=codes),
        min_aantal=threshold,
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


def gebied_naam(namen: Sequence[str]) -> str:
    """ "Maastricht", "Maastricht en Meerssen", "A, B en C"; more than four: "7 gemeenten"."""
    if len(namen) > 4:
        return f"{len(namen)} gemeenten"
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def _prognose(
    con: duckdb.DuckDBPyConnection, codes: list[str], peildatum: dt.date, taakstelling: float
) -> Prognose | None:
    """The Prognose page's base scenario (the model as fitted, on its fixed seed):
    forecast.outcome, the same function and paths as the page."""
    if peildatum == dt.date(peildatum.year, 12, 31):
        return None
    model = forecast.fitted(partial(run, con), codes, peildatum)
    quota = [
        pg.Taakstelling(
            peildatum.year,
            None if pd.isna(taakstelling) else float(taakstelling),
            "geladen",
        )
    ]
    found = forecast.outcome(model, pg.Scenario(), quota)
    fan = found.fan
    return Prognose(found.jaren, fan[fan["maand"] <= pd.Timestamp(peildatum.year, 12, 31)])


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
    finance = briefing.financien.assign(jaar=briefing.financien["jaar"].astype(str))
    found["begroting"] = charts.begroting_tegen_uitgaven(
        finance, "jaar", f"Begroting en uitgaven per jaar ({briefing.jaar} t/m de peildatum)"
    )
    for figure in found.values():  # less white space: the page has little to spare
        figure.update_layout(margin={"t": 80, "b": 45}, title_xref="paper")
    return found


def _prognose_chart(briefing: Briefing, monthly: pd.DataFrame, threshold: int) -> go.Figure:
    history = monthly[pd.to_datetime(monthly["dag"]) >= pd.Timestamp(briefing.jaar - 1, 1, 1)]
    raw = briefing.prognose.fan
    fan_hidden = suppression.mask(raw, ["verwacht", "p10", "p90"], threshold)[1]
    fan = suppression.clip(
        suppression.mask(raw, ["verwacht"], threshold)[0], ["p10", "p90"], threshold
    )
    quota = briefing.prognose.jaar.assign(bron="geladen")
    figure = charts.prognose_waaier(
        history,
        fan,
        quota,
        f"Verwachte realisatie tot 31-12-{briefing.jaar} met 80%-band",
    )
    hidden = fan_hidden or bool(history["realisatie"].isna().any())
    return _with_band(figure, hidden, threshold)


def _with_band(figure: go.Figure, hidden: bool, threshold: int) -> go.Figure:
    return charts.suppressed_band(figure, threshold) if hidden else figure
