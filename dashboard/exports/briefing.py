"""Plain Dutch sentences that state the position, for the Overzicht and the briefing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from dashboard.exports import suppression
from dashboard.metrics import catalogue, status
from dashboard.metrics import formatting as fmt


def positie(
    peildatum: dt.date,
    figures: Mapping[str, object],
    gebied: str,
    min_aantal: int | None = None,
) -> str:
    """E.g. "Op 30 september 2025 werken 62 inwoners van Maastricht in een beschutte
    dienstbetrekking; de taakstelling voor ultimo 2025 is 58,5 plekken …".

    `figures` is the row of kerncijfers_totaal: the percentage and the gap come from
    there (over the gemeenten with a taakstelling), never recomputed here. With
    `min_aantal` (for text that leaves the app) a realisatie under it reads "minder
    dan 5", and the percentage and the gap, which would give it away, go.
    """
    realisatie = int(figures["realisatie_ultimo"])
    taakstelling = _value(figures["taakstelling"])
    hidden = min_aantal is not None and suppression.is_small(realisatie, min_aantal)
    verb, noun = ("werkt", "inwoner") if realisatie == 1 and not hidden else ("werken", "inwoners")
    aantal = f"minder dan {min_aantal}" if hidden else fmt.number(realisatie)
    text = (
        f"Op {fmt.datum_lang(peildatum)} {verb} {aantal} {noun} "
        f"van {gebied} in een beschutte dienstbetrekking"
    )
    plekken = catalogue.figure("taakstelling")
    if taakstelling is None:
        text += f"; voor {peildatum.year} is geen taakstelling geladen."
    else:
        partial = figures["gemeenten_met_taakstelling"] < figures["gemeenten"]
        text += f"; de taakstelling voor ultimo {peildatum.year} is {plekken.text(taakstelling)}"
        if partial:
            text += " (van de gemeenten die er een hebben)"
        share, gap = _value(figures["percentage_ultimo"]), _value(figures["nog_te_realiseren"])
        if hidden or share is None or gap is None:
            text += "."
        else:
            text += f" ({catalogue.figure('percentage_ultimo').text(share)} gerealiseerd"
            text += (
                f", nog {plekken.text(gap)} te gaan)."
                if gap > 0
                else f", {plekken.text(-gap)} boven de taakstelling)."
            )
    begroting, uitgaven = float(figures["begroting"]), float(figures["uitgaven"])
    if begroting > 0:
        text += (
            f" Van de begroting van {fmt.euro(begroting, cents=False)} is "
            f"{fmt.euro(uitgaven, cents=False)} uitgegeven "
            f"({catalogue.figure('percentage_besteed').text(figures['percentage_besteed'])})."
        )
    return text


def _value(value: object) -> float | None:
    return None if fmt.is_missing(value) else float(value)


def prognose_zin(
    jaar: int, verwacht: object, p10: object, p90: object, kans: float | None, taakstelling
) -> str:
    """The expected realisatie at year-end with its 80% band and the chance of the
    taakstelling. Counts may come suppressed (suppression.Hidden: "< 5")."""
    text = (
        f"Verwacht op 31 december {jaar}: {_persons(verwacht)} inwoners in een beschutte "
        f"dienstbetrekking (80%-band: {_persons(p10)} tot {_persons(p90)})."
    )
    if kans is None or taakstelling is None:
        return text + f" Voor {jaar} is geen taakstelling geladen, dus ook geen kans erop."
    return text + (
        f" De kans dat de taakstelling van {catalogue.figure('taakstelling').text(taakstelling)} "
        f"wordt gehaald, is {catalogue.figure('kans_pct').text(100 * kans)}."
    )


def _persons(value: object) -> str:
    return catalogue.figure("verwacht").text(value, unit=False)


# --- the raadsinformatiebrief (briefing_document.py) -------------------------------
# Counts arrive through suppression.table: a small one is a suppression.Hidden ("< 5")
# and a figure that would give it away is "afgeschermd"; catalogue.Figure.text shows
# either as its text.

STATUS_ZIN = {
    "op koers": "{gebied} ligt op koers voor de taakstelling van {jaar}",
    "risico": "{gebied} loopt risico de taakstelling van {jaar} niet te halen",
    "achter": "{gebied} loopt achter op de taakstelling van {jaar}",
}

ONZEKERHEID = (
    "Let op: een prognose verder dan twaalf maanden vooruit is minder zeker. Hoe verder "
    "vooruit, hoe breder de band; instroom, uitstroom en kosten kunnen veranderen."
)


def _hidden(*values: object) -> bool:
    return any(isinstance(v, suppression.Hidden) for v in values)


def _text(key: str, value: object, unit: bool = True) -> str:
    return catalogue.figure(key).text(value, unit=unit)


def conclusie(
    gebied: str, peildatum: dt.date, label: str, gerealiseerd: object, verwacht: object
) -> str:
    """The conclusion in one sentence: the status and the two figures it compares."""
    jaar = peildatum.year
    if label not in STATUS_ZIN:
        return (
            f"Voor {gebied} is voor {jaar} geen taakstelling geladen: er is geen status te geven."
        )
    text = STATUS_ZIN[label].format(gebied=gebied, jaar=jaar)
    if _hidden(gerealiseerd, verwacht) or fmt.is_missing(verwacht):
        return text + "."
    compare = {"op koers": "waar", "risico": "net onder de", "achter": "ver onder de"}[label]
    line = "waar de statuslijn er" if label == "op koers" else f"{compare} statuslijn van"
    ending = " vraagt." if label == "op koers" else "."
    return (
        f"{text}: op {fmt.datum_lang(peildatum)} werken er "
        f"{_text('realisatie_ultimo_met_taakstelling', gerealiseerd, unit=False)} inwoners in "
        f"beschut werk, {line} {_text('status_verwacht', verwacht, unit=False)}{ending}"
    )


def status_regel(peildatum: dt.date, begin: object) -> str:
    """status.RULE, with where the line starts when that count may be shown."""
    start = f"31 december {peildatum.year - 1}"
    if _hidden(begin) or fmt.is_missing(begin):
        return status.RULE
    return f"{status.RULE} De lijn begint op {start} bij {_text('realisatie_begin', begin)}."


def vorig_jaar_zin(jaar: int, kern: Mapping[str, object]) -> str:
    """Where we stood a year earlier (ultimo last year)."""
    quota = kern["taakstelling_vorig_jaar"]
    text = (
        f"Een jaar eerder, op 31 december {jaar - 1}, werkten "
        f"{_text('realisatie_vorig_jaar', kern['realisatie_vorig_jaar'], unit=False)} inwoners "
        "in beschut werk"
    )
    if fmt.is_missing(quota):
        return text + f"; voor {jaar - 1} is geen taakstelling geladen."
    text += f", bij een taakstelling van {_text('taakstelling_vorig_jaar', quota)}"
    share = kern["percentage_vorig_jaar"]
    if _hidden(share) or fmt.is_missing(share):
        return text + "."
    return text + f" ({_text('percentage_vorig_jaar', share)} gerealiseerd)."


def nog_nodig_zin(kern: Mapping[str, object]) -> str | None:
    """The gap in whole persons, when there is one to close and it may be shown."""
    needed = kern["nog_te_plaatsen"]
    if _hidden(needed) or fmt.is_missing(needed) or needed <= 0:
        return None
    return (
        f"Om de taakstelling te halen, moeten er nog {_text('nog_te_plaatsen', needed)} bij "
        "komen in een beschutte dienstbetrekking: één plek is één persoon."
    )


def taakstelling_uitleg(gebied: str, jaar: int, taakstelling: object) -> str:
    """What the taakstelling is, in two sentences."""
    own = (
        f" Voor {gebied} is dat ultimo {jaar} {_text('taakstelling', taakstelling)}."
        if not fmt.is_missing(taakstelling)
        else f" Voor {gebied} is voor {jaar} geen taakstelling geladen."
    )
    return (
        "De taakstelling is het aantal dienstbetrekkingen beschut werk dat de minister per "
        "gemeente vaststelt voor 31 december van elk jaar (Regeling vaststelling aantallen "
        f"beschut werk).{own} Beschut werk is het laatste vangnet: het komt pas na de gewone "
        "instrumenten, zoals loonkostensubsidie en jobcoaching, voor wie alleen in een "
        "beschutte omgeving kan werken."
    )


def trajecten_zin(jaar: int, peildatum: dt.date, total: str) -> str:
    """`total` as the trajecten table shows it (a number, "< 5" or "afgeschermd")."""
    if total == suppression.AFGESCHERMD.text:
        return (
            f"Wie beschut werk wil, begint met een voorschakeltraject. Zo zijn de trajecten die "
            f"in {jaar} tot en met {fmt.datum_lang(peildatum)} zijn gestart, tot nu toe "
            "afgelopen (het totaal tonen we niet: daaruit is een klein aantal terug te rekenen):"
        )
    return (
        f"Wie beschut werk wil, begint met een voorschakeltraject. In {jaar} zijn tot en met "
        f"{fmt.datum_lang(peildatum)} {total} voorschakeltrajecten gestart; zo zijn ze tot "
        "nu toe afgelopen:"
    )


def wachtend_zin(peildatum: dt.date, wachtend: object, mediaan: object, langste: object) -> str:
    """The persons with a positief advies still waiting for a dienstbetrekking."""
    if not _hidden(wachtend) and (fmt.is_missing(wachtend) or wachtend == 0):
        return (
            f"Op {fmt.datum_lang(peildatum)} wacht niemand met een positief advies beschut werk "
            "nog op een dienstbetrekking."
        )
    aantal = _text("wachtend", wachtend)
    if _hidden(wachtend):  # "< 5" in words
        aantal = f"minder dan {wachtend.text.removeprefix('< ')} personen"
    text = (
        f"Op {fmt.datum_lang(peildatum)} wachten {aantal} met een positief "
        "advies beschut werk nog op een dienstbetrekking"
    )
    if _hidden(wachtend, mediaan, langste):
        return text + "; hoe lang, tonen we bij zo’n klein aantal niet."
    return (
        f"{text}. De helft wacht korter dan {_text('mediaan_wachtdagen', mediaan)} sinds de "
        f"aanvraag van het advies; de langste wachttijd is {_text('langste_wachtdagen', langste)}."
    )


BRON_ZIN = {
    "geladen": "vastgesteld en geladen",
    "doorgetrokken": "nog niet vastgesteld; hier is de laatste stap doorgetrokken, zoals op de "
    "pagina Prognose",
    "ingevoerd": "ingevuld",
    "onbekend": "niet bekend",
}


def volgend_jaar_zin(jaar: int, taakstelling: float | None, bron: str) -> str:
    if taakstelling is None:
        return f"Voor {jaar} is nog geen taakstelling bekend."
    return (
        f"De taakstelling voor ultimo {jaar} is {_text('taakstelling', taakstelling)} "
        f"({BRON_ZIN.get(bron, bron)})."
    )


def extra_zin(jaar: int, per_maand: float, per_jaar: int) -> str:
    """What it takes: the extra plaatsingen for an 80% chance, in whole persons."""
    if per_jaar == 0:
        return (
            f"Voor 80% kans op de taakstelling van {jaar} zijn geen extra plaatsingen nodig "
            "bovenop de verwachte instroom."
        )
    return (
        f"Voor 80% kans op de taakstelling van {jaar} zijn vanaf nu gemiddeld "
        f"{_text('extra_per_maand', per_maand)} per maand extra nodig bovenop de verwachte "
        f"instroom: {_text('nodig_per_jaar', per_jaar)} per jaar."
    )


def jaar_label(jaar: int, periode: str, peildatum: dt.date) -> str:
    if periode == "lopend":
        return f"{jaar} (t/m {fmt.datum(peildatum)})"
    return f"{jaar} (begroot)" if periode == "toekomst" else str(jaar)


def reservering_zin(peildatum: dt.date, tot_nu: Mapping | object) -> str:
    """The cumulative difference up to the peildatum's year (`tot_nu`: the rows of
    forecast.reservering that are not in the future)."""
    if len(tot_nu) == 0:
        return "Er zijn nog geen begrotingen of uitgaven geladen."
    last = tot_nu.iloc[-1]
    first = int(tot_nu["jaar"].iloc[0])
    difference = last["cumulatief_verschil"]
    word = (
        "meer gereserveerd dan uitgegeven"
        if difference >= 0
        else "meer uitgegeven dan gereserveerd"
    )
    return (
        f"De gemeente reserveert elk jaar geld voor beschut werk in de begroting. Van {first} tot "
        f"en met {fmt.datum(peildatum)} is samen {_text('cumulatief_verschil', abs(difference))} "
        f"{word}."
    )


def toekomst_zin(later: object) -> str:
    """The years after the peildatum's: reserved against the expected cost."""
    parts = []
    for row in later.itertuples():
        loaded = not fmt.is_missing(row.kosten_geladen)
        cost = row.kosten_geladen if loaded else row.kosten_model
        if fmt.is_missing(cost):
            parts.append(
                f"voor {int(row.jaar)} is {_text('begroting', row.begroting)} gereserveerd"
            )
            continue
        saldo = _text("verwacht_saldo_reservering", row.verwacht_saldo_reservering)
        parts.append(
            f"voor {int(row.jaar)} is {_text('begroting', row.begroting)} gereserveerd; de "
            f"taakstelling van {_text('taakstelling', row.taakstelling)} kost naar verwachting "
            f"{_text('kosten_geladen', cost)} ({'geladen kosten' if loaded else 'kostenmodel'}), "
            f"een verwacht saldo van {saldo}"
        )
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def afscherming(threshold: int) -> str:
    """Suppression in plain words."""
    return (
        f"Aantallen van 1 tot {threshold} personen tonen we niet, om personen te beschermen: "
        f"daar staat ‘< {threshold}’. Een cijfer waaruit zo’n klein aantal is terug te rekenen, "
        "zoals een percentage of een wachttijd, tonen we dan ook niet: daar staat ‘afgeschermd’."
    )
