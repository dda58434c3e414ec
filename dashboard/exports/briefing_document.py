"""The raadsinformatiebrief as a document: sections of paragraphs, tables and charts.

`document(briefing)` writes every sentence and table cell once, from the figures that
raadsbriefing.gather found, formatted by the catalogue and suppressed by
suppression.py. briefing_pdf (PDF) and briefing_docx (Word) only lay it out, so both
files carry the same text, tables and charts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard import __version__
from dashboard.exports import briefing, suppression
from dashboard.exports.raadsbriefing import (
    JAAREINDE,
    RESERVERING,
    TRAJECTEN,
    VOORUIT,
    WACHTEND,
    Briefing,
    kerncijfers_frame,
    whole_persons,
)
from dashboard.forecasting import forecast
from dashboard.forecasting import prognose as pg
from dashboard.metrics import catalogue, status
from dashboard.metrics import formatting as fmt

# The headline figures and what suppression needs beside them (the figures they give away).
KERN = catalogue.columns(
    "taakstelling",
    "realisatie_ultimo",
    "realisatie_ultimo_met_taakstelling",
    "percentage_ultimo",
    "nog_te_realiseren",
    "nog_te_plaatsen",
    "realisatie_vorig_jaar",
    "taakstelling_vorig_jaar",
    "percentage_vorig_jaar",
    "realisatie_begin",
    "status_verwacht",
    "begroting",
    "uitgaven",
    "percentage_besteed",
    "trajecten_gestart",
)
# The figures whose definitions the bijlage lists, in the order the brief uses them.
DEFINED = (
    "taakstelling",
    "realisatie_ultimo",
    "percentage_ultimo",
    "nog_te_realiseren",
    "nog_te_plaatsen",
    "realisatie_vorig_jaar",
    "status",
    "status_verwacht",
    "trajecten",
    "wachtend",
    "mediaan_wachtdagen",
    "langste_wachtdagen",
    "verwacht",
    "p10",
    "p90",
    "kans_pct",
    "extra_per_maand",
    "nodig_per_jaar",
    "begroting",
    "uitgaven",
    "percentage_besteed",
    "verschil",
    "cumulatief_verschil",
    "kosten_per_plek_jaarbasis",
    "kosten_model",
    "kosten_geladen",
    "verwacht_saldo_reservering",
    "verwacht_jaareinde",
    "verwacht_saldo",
    "sha256",
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "text"  # "lead" (the conclusion), "text" or "note" (small print)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: right-aligned figures
    # "compare" (a label, then values), "pairs" (label, value, label, value), "small"
    # (a wide table in small print) or "sources" (the files and their hashes)
    style: str = "compare"


@dataclass(frozen=True)
class Chart:
    name: str  # a key of raadsbriefing.charts_for_export
    title: str
    alt: str  # the text alternative: what the chart shows, with its figures


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Paragraph | Table | Chart, ...]
    new_page: bool = False  # the bijlage starts on a page of its own


@dataclass(frozen=True)
class Document:
    title: str  # also the file's title in its metadata
    kicker: str
    heading: str
    meta: str
    footer: str
    sections: tuple[Section, ...] = field(default=())

    def text(self) -> str:
        """Every paragraph, cell and alt text, for tests and search."""
        parts = [self.heading, self.meta]
        for section in self.sections:
            parts.append(section.title)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    parts.append(block.text)
                elif isinstance(block, Table):
                    parts += [" ".join(r) for r in ((block.header or ()), *block.rows)]
                else:
                    parts += [block.title, block.alt]
        return "\n".join(parts)


def document(b: Briefing, charts: set[str] | None = None) -> Document:
    """The brief for `b`; `charts` are the names charts_for_export drew (default all
    the briefing has)."""
    kern = suppression.table(_kern_frame(b), KERN, b.min_aantal).iloc[0]
    charts = charts if charts is not None else _chart_names(b)
    title = f"Raadsinformatiebrief nieuw beschut werk {b.gebied} {b.jaar}"
    return Document(
        title=title,
        kicker="Raadsinformatiebrief · nieuw beschut werk",
        heading=f"Nieuw beschut werk in {b.gebied}, {b.jaar}",
        meta=f"Peildatum {fmt.datum_lang(b.peildatum)} · gegevens tot en met "
        f"{fmt.datum_lang(b.data_tot_en_met)}",
        footer=f"Nieuw beschut werk · {b.gebied} · {b.jaar} · peildatum {fmt.datum(b.peildatum)}",
        sections=(
            _conclusie(b, kern),
            _stand(b, kern),
            _taakstelling(b, kern),
            _instroom(b),
            _vooruit(b),
            *_grafieken(b, kern, charts),
            _geld(b, charts),
            _verantwoording(b),
        ),
    )


def _chart_names(b: Briefing) -> set[str]:
    return {"realisatie", "begroting"} | ({"prognose"} if b.prognose is not None else set())


def _kern_frame(b: Briefing) -> pd.DataFrame:
    frame = kerncijfers_frame(b)
    gap = frame["nog_te_realiseren"].iloc[0]
    return frame.assign(nog_te_plaatsen=None if pd.isna(gap) else whole_persons(gap))


def _text(key: str, value: object, unit: bool = True) -> str:
    return catalogue.figure(key).text(value, unit=unit)


def _hidden(*values: object) -> bool:
    return any(isinstance(v, suppression.Hidden) for v in values)


# --- page 1 -------------------------------------------------------------------------


def _conclusie(b: Briefing, kern: pd.Series) -> Section:
    state = status.from_figures(b.kerncijfers, b.peildatum)
    sentence = briefing.conclusie(
        b.gebied,
        b.peildatum,
        state.label,
        gerealiseerd=kern["realisatie_ultimo_met_taakstelling"],
        verwacht=kern["status_verwacht"],
    )
    blocks = [Paragraph(sentence, "lead")]
    if state.label != "geen taakstelling":
        blocks.append(Paragraph(briefing.status_regel(b.peildatum, kern["realisatie_begin"])))
    return Section("Conclusie", tuple(blocks))


def _stand(b: Briefing, kern: pd.Series) -> Section:
    when = {"jaar": b.jaar, "peildatum": b.peildatum}
    gap = kern["nog_te_realiseren"]
    above = not _hidden(gap) and not fmt.is_missing(gap) and gap < 0
    gap_key, gap_value = ("boven_taakstelling", -gap) if above else ("nog_te_realiseren", gap)
    vorig = dt.date(b.jaar - 1, 12, 31)
    # (label, now, one year earlier): the label is the figure's on the peildatum
    compared = [
        ("taakstelling", kern["taakstelling"], "taakstelling_vorig_jaar"),
        ("realisatie_ultimo", kern["realisatie_ultimo"], "realisatie_vorig_jaar"),
        ("percentage_ultimo", kern["percentage_ultimo"], "percentage_vorig_jaar"),
        (gap_key, gap_value, None),
    ]
    if not above and not fmt.is_missing(kern["nog_te_plaatsen"]):
        compared.append(("nog_te_plaatsen", kern["nog_te_plaatsen"], None))
    rows = tuple(
        (
            catalogue.figure(key).title(**when),
            _text(key, value),
            "" if earlier is None else _text(earlier, kern[earlier]),
        )
        for key, value, earlier in compared
    )
    header = ("", f"Op {fmt.datum(b.peildatum)}", f"Een jaar eerder: {fmt.datum(vorig)}")
    sentence = briefing.positie(b.peildatum, b.kerncijfers, b.gebied, min_aantal=b.min_aantal)
    blocks = [
        Paragraph(sentence),
        Paragraph(briefing.vorig_jaar_zin(b.jaar, kern)),
        Table(header, rows, (False, True, True), "compare"),
    ]
    needed = briefing.nog_nodig_zin(kern)
    if needed:
        blocks.insert(2, Paragraph(needed))
    return Section("Waar staan we", tuple(blocks))


def _taakstelling(b: Briefing, kern: pd.Series) -> Section:
    return Section(
        "Wat is de taakstelling",
        (Paragraph(briefing.taakstelling_uitleg(b.gebied, b.jaar, kern["taakstelling"])),),
    )


def _instroom(b: Briefing) -> Section:
    shown = suppression.table(b.trajecten, TRAJECTEN, b.min_aantal, total_row=True)
    *parts, total = [
        (r.label, _text("trajecten", r.trajecten, unit=False)) for r in shown.itertuples()
    ]
    half = (len(parts) + 1) // 2
    left, right = parts[:half], parts[half:] + [("", "")] * (2 * half - len(parts))
    rows = [(*a, *c) for a, c in zip(left, right, strict=True)]
    rows.append(("", "", total[0], total[1]))
    waiting = suppression.table(b.wachtend.to_frame().T, WACHTEND, b.min_aantal).iloc[0]
    return Section(
        "De weg naar binnen: voorschakeltrajecten en wachtenden",
        (
            Paragraph(briefing.trajecten_zin(b.jaar, b.peildatum, total[1])),
            Table(None, tuple(rows), (False, True, False, True), "pairs"),
            Paragraph(
                briefing.wachtend_zin(
                    b.peildatum,
                    waiting["wachtend"],
                    waiting["mediaan_wachtdagen"],
                    waiting["langste_wachtdagen"],
                )
            ),
        ),
    )


def _vooruit(b: Briefing) -> Section:
    shown = suppression.table(b.vooruit, VOORUIT, b.min_aantal)
    blocks: list[Paragraph | Table | Chart] = []
    for row in shown.itertuples():
        raw = b.vooruit.loc[b.vooruit["jaar"] == row.jaar].iloc[0]
        taakstelling = None if fmt.is_missing(raw["taakstelling"]) else float(raw["taakstelling"])
        if row.jaar > b.jaar:
            blocks.append(Paragraph(briefing.volgend_jaar_zin(row.jaar, taakstelling, row.bron)))
        kans = None if fmt.is_missing(raw["kans"]) else float(raw["kans"])
        text = briefing.prognose_zin(row.jaar, row.verwacht, row.p10, row.p90, kans, taakstelling)
        extra = raw["extra_per_maand"]
        if taakstelling is not None and not fmt.is_missing(extra):
            text += " " + briefing.extra_zin(row.jaar, extra, int(forecast.nodig(extra)[0]))
        blocks.append(Paragraph(text))
    blocks.append(Paragraph(briefing.ONZEKERHEID, "note"))
    return Section(f"Vooruitkijken naar {b.jaar + 1}", tuple(blocks))


# --- charts and money ----------------------------------------------------------------


def _grafieken(b: Briefing, kern: pd.Series, charts: set[str]) -> list[Section]:
    blocks: list[Chart] = []
    datum = fmt.datum(b.peildatum)
    if "realisatie" in charts:
        blocks.append(
            Chart(
                "realisatie",
                "Realisatie tegen de taakstelling",
                f"Lijngrafiek van de realisatie per maand vanaf januari "
                f"{min(catalogue.FIRST_YEAR, b.jaar)} tot {datum}, tegen de taakstelling per "
                f"jaar. Op {datum}: {_text('realisatie_ultimo', kern['realisatie_ultimo'])}; "
                f"taakstelling ultimo {b.jaar}: {_text('taakstelling', kern['taakstelling'])}.",
            )
        )
    if "prognose" in charts and b.prognose is not None:
        shown = suppression.table(b.vooruit, VOORUIT, b.min_aantal)
        ends = "; ".join(
            f"31-12-{r.jaar}: verwacht {_text('verwacht', r.verwacht)}, band "
            f"{_text('p10', r.p10, False)} tot {_text('p90', r.p90, False)}"
            for r in shown.itertuples()
        )
        blocks.append(
            Chart(
                "prognose",
                f"Prognose tot 31 december {b.jaar + 1}",
                f"Grafiek van de realisatie tot {datum} en daarna de verwachte realisatie "
                f"met een band waarin 80% van de gesimuleerde paden valt. {ends}.",
            )
        )
    return [Section("Grafieken", tuple(blocks))] if blocks else []


def _geld(b: Briefing, charts: set[str]) -> Section:
    shown = suppression.table(b.reservering, RESERVERING, b.min_aantal)
    header = (
        "Jaar",
        "Gereserveerd (begroting)",
        "Uitgegeven",
        catalogue.figure("verschil").label,
        "Cumulatief",
        catalogue.figure("kosten_per_plek_jaarbasis").label,
        catalogue.figure("verwacht_saldo_reservering").label,
    )
    rows = []
    for row in shown.itertuples():
        rows.append(
            (
                briefing.jaar_label(row.jaar, row.periode, b.peildatum),
                _text("begroting", row.begroting),
                _text("uitgaven", row.uitgaven),
                _text("verschil", row.verschil),
                _text("cumulatief_verschil", row.cumulatief_verschil),
                _text("kosten_per_plek_jaarbasis", row.kosten_per_plek_jaarbasis),
                _text("verwacht_saldo_reservering", row.verwacht_saldo_reservering),
            )
        )
    when = {"jaar": b.jaar, "peildatum": b.peildatum}
    kern = b.kerncijfers
    end = suppression.table(b.jaareinde.to_frame().T, JAAREINDE, b.min_aantal).iloc[0]
    year_rows = tuple(
        (catalogue.figure(key).title(**when), _text(key, value))
        for key, value in (
            ("begroting", kern["begroting"]),
            ("uitgaven", kern["uitgaven"]),
            ("percentage_besteed", kern["percentage_besteed"]),
            ("verwacht_jaareinde", end["verwacht_jaareinde"]),
            ("verwacht_saldo", end["verwacht_saldo"]),
        )
    )
    lopend = b.reservering[b.reservering["periode"] != "toekomst"]
    blocks: list[Paragraph | Table | Chart] = [
        Paragraph(briefing.reservering_zin(b.peildatum, lopend)),
        Table(header, tuple(rows), (False,) + (True,) * 6, "small"),
        Table(None, year_rows, (False, True), "compare"),
    ]
    later = b.reservering[b.reservering["periode"] == "toekomst"]
    if not later.empty:
        blocks.insert(1, Paragraph(briefing.toekomst_zin(later)))
    if "begroting" in charts:
        money = "; ".join(
            f"{int(r.jaar)}: gereserveerd {_text('begroting', r.begroting)}, uitgegeven "
            f"{_text('uitgaven', r.uitgaven)}"
            for r in b.reservering.itertuples()
        )
        blocks.append(
            Chart(
                "begroting",
                "Gereserveerd en uitgegeven per jaar",
                f"Staafgrafiek van de begroting en de uitgaven per jaar vanaf "
                f"{catalogue.FIRST_YEAR}. {money}.",
            )
        )
    return Section("Het geld: de reservering over de jaren", tuple(blocks))


# --- bijlage ---------------------------------------------------------------------------


def _verantwoording(b: Briefing) -> Section:
    definitions = tuple((label, text) for label, text in catalogue.definitions(DEFINED))
    sources = tuple(
        (
            str(r.bestand),
            str(r.tabel),
            _text("rijen", r.rijen),
            _text("import_id", r.import_id),
            _text("afgerond", r.afgerond),
            str(r.sha256),
        )
        for r in b.bronnen.itertuples()
    )
    made = dt.datetime.now().strftime("%d-%m-%Y %H:%M")
    versie = "geen" if b.importversie is None else _text("import_id", b.importversie)
    method = (
        "De prognose is het prognosemodel van het dashboard (pagina Prognose & scenario’s) "
        "zoals geschat op de gegevens: instroom, uitstroom en de pijplijn van "
        f"voorschakeltrajecten; {fmt.number(pg.DEFAULT_PATHS)} gesimuleerde paden met vaste "
        "seed, de band loopt van het 10e tot het 90e percentiel. Een taakstelling die nog "
        "niet is vastgesteld, is de laatste stap doorgetrokken, zoals op die pagina."
    )
    return Section(
        "Bijlage: Verantwoording",
        (
            Paragraph(briefing.afscherming(b.min_aantal)),
            Paragraph(
                f"Gegevens tot en met {fmt.datum(b.data_tot_en_met)}, importversie {versie}: "
                "de cijfers komen uit de bestanden hieronder, elk met zijn SHA-256 (de "
                "vingerafdruk uit het importlogboek), zodat elk cijfer is na te gaan."
            ),
            Table(("Cijfer", "Definitie"), definitions, (False, False), "small"),
            Table(
                ("Bestand", "Tabel", "Rijen", "Import", "Geïmporteerd op", "SHA-256"),
                sources,
                (False, False, True, True, False, False),
                "sources",
            ),
            Paragraph(method, "note"),
            Paragraph(
                f"Opgesteld op {made}. Gemaakt met beschut-dashboard versie {__version__}.", "note"
            ),
        ),
        new_page=True,
    )
