"""The catalogue of figures: what every figure the product shows *is*, once.

One entry per figure: its key (the column a named query returns it in), the Dutch
label, the kind (which sets unit, rounding and format), whether it counts persons,
which persons figure it would give away, and a one-line definition. Pages, tables,
downloads, the briefing (PDF and Excel) and `beschut report` take labels, formats and
suppression from here and name figures by key; the rule behind each figure lives in
SQL once (dashboard/sql/macros.sql). A new figure is one entry here and one SQL
expression.

Labels may hold `{jaar}` and `{peildatum}`: `Figure.title(jaar=..., peildatum=...)`
fills them in for a tile; a table header (`Figure.header`) names them in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from dashboard.metrics import formatting as fmt

# The first year the product follows nieuw beschut werk (charts of months and flows
# start here); earlier years are history, met "alternatively" by other instruments.
FIRST_YEAR = 2024
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)

Kind = Literal[
    "personen",  # a count of persons, whole
    "gemiddelde",  # an average or expected number of persons, one decimal
    "plekken",  # the taakstelling's unit, up to two decimals
    "fte",  # hours / 36, one decimal
    "euro",
    "percentage",  # already in percent: 95.5 is 95,5%
    "kans",  # a simulated chance in percent: "> 99%", "< 1%", whole otherwise
    "trajecten",  # a count of voorschakeltrajecten (each is one person)
    "dagen",
    "maanden",
    "aantal",  # any other whole count (files, rows, werkgevers, inwoners)
    "per_10000",  # a rate per 10.000 inwoners, two decimals
    "jaar",
    "datum",
    "tijdstip",
    "tekst",
]

UNITS: dict[str, str] = {
    "personen": "personen",
    "gemiddelde": "personen",
    "plekken": "plekken",
    "fte": "fte",
    "euro": "€",
    "percentage": "%",
    "kans": "%",
    "trajecten": "trajecten",
    "dagen": "dagen",
    "maanden": "maanden",
    "per_10000": "per 10.000 inwoners",
}
# Decimals a value keeps on every way out (screen, PDF, Excel, CSV), so that one
# figure reads the same everywhere; None = not a number.
DECIMALS: dict[str, int | None] = {
    "personen": 0,
    "gemiddelde": 1,
    "plekken": 2,
    "fte": 1,
    "euro": 2,
    "percentage": 1,
    "kans": 0,
    "trajecten": 0,
    "dagen": 0,
    "maanden": 0,
    "aantal": 0,
    "per_10000": 2,
    "jaar": None,
    "datum": None,
    "tijdstip": None,
    "tekst": None,
}


@dataclass(frozen=True)
class Figure:
    key: str  # the column a named query returns the figure in
    label: str  # Dutch, without the unit; may hold {jaar} and {peildatum}
    kind: Kind
    definition: str  # one line, for help texts and the verantwoording
    persons: bool = False  # a count of persons: under the threshold it is "< 5"
    reveals: str | None = None  # the persons figure a reader could recompute from it
    missing: str = fmt.EMPTY  # what an empty value reads as

    @property
    def unit(self) -> str:
        return UNITS.get(self.kind, "")

    @property
    def decimals(self) -> int | None:
        return DECIMALS[self.kind]

    def title(self, jaar: int | str | None = None, peildatum: dt.date | str | None = None) -> str:
        """The label for a tile or a sentence, with the year and the day (a date, or
        words such as "31 december") filled in."""
        if isinstance(peildatum, dt.date):
            peildatum = fmt.datum(peildatum)
        return self.label.format(
            jaar=jaar if jaar is not None else "het jaar",
            peildatum=peildatum if peildatum is not None else "de peildatum",
        )

    @property
    def header(self) -> str:
        """The label for a table column and a download: with its unit."""
        label = self.label.format(jaar="jaar", peildatum="peildatum")
        named = self.unit and self.unit.lower() in label.lower()  # not "Personen (personen)"
        return f"{label} ({self.unit})" if self.unit and not named else label

    def rounded(self, value: object) -> object:
        """The value as every way out shows it (see DECIMALS)."""
        if fmt.is_missing(value) or self.decimals is None or hasattr(value, "text"):
            return value
        return round(float(value), self.decimals) if self.decimals else int(round(float(value)))

    def text(self, value: object, unit: bool = True) -> str:
        """The value in Dutch, with its unit for a tile ("62 personen", "106,0%")."""
        if fmt.is_missing(value):
            return self.missing
        return fmt.figure(self.rounded(value), self.kind, self.unit if unit else "")


def _entries(*figures: Figure) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for figure in figures:
        if figure.key in found:
            raise ValueError(f"figure {figure.key!r} is defined twice")
        found[figure.key] = figure
    for figure in figures:
        if figure.reveals is not None and not found[figure.reveals].persons:
            raise ValueError(f"{figure.key} reveals {figure.reveals}, which counts no persons")
    return found


REALISATIE = "het aantal verschillende personen met een actieve plaatsing beschut werk"

CATALOGUE: dict[str, Figure] = _entries(
    # -- the selection ----------------------------------------------------------------
    Figure("gebied", "Gemeente(n)", "tekst", "De gekozen gemeente of gemeenten."),
    Figure("gemeente", "Gemeentecode", "tekst", "De CBS-code van de gemeente (GMnnnn)."),
    Figure("gemeentenaam", "Gemeente", "tekst", "De naam van de gemeente."),
    Figure("naam", "Gemeente", "tekst", "De naam van de gemeente, of het totaal."),
    Figure("arbeidsmarktregio", "Arbeidsmarktregio", "tekst", "Uit het bestand gemeenten."),
    Figure("inwoners", "Inwoners", "aantal", "Uit het bestand gemeenten."),
    Figure("jaar", "Jaar", "jaar", "Het kalenderjaar."),
    Figure("peildatum", "Peildatum", "datum", "De dag waarop wordt geteld."),
    Figure("data_tot_en_met", "Gegevens t/m", "datum", "De laatste dag waarover gegevens zijn."),
    # -- taakstelling and realisatie -------------------------------------------------
    Figure(
        "taakstelling",
        "Taakstelling ultimo {jaar}",
        "plekken",
        "Het aantal dienstbetrekkingen beschut werk dat op 31 december moet bestaan "
        "(Regeling vaststelling aantallen beschut werk).",
        missing="geen",
    ),
    Figure(
        "realisatie_ultimo",
        "Realisatie op {peildatum}",
        "personen",
        f"{REALISATIE.capitalize()} op de peildatum.",
        persons=True,
    ),
    Figure(
        "realisatie_ultimo_met_taakstelling",
        "Realisatie van de gemeenten met een taakstelling",
        "personen",
        "De realisatie op de peildatum van de gekozen gemeenten die voor het jaar een "
        "taakstelling hebben: wat het percentage telt.",
        persons=True,
    ),
    Figure(
        "realisatie_gemiddeld",
        "Realisatie gemiddeld over {jaar}",
        "gemiddelde",
        f"Het gemiddelde over elk maandeinde van het jaar tot de peildatum (en de "
        f"peildatum zelf) van {REALISATIE}.",
        persons=True,
    ),
    Figure(
        "fte_ultimo",
        "Fte op {peildatum}",
        "fte",
        "De uren per week van de actieve plaatsingen beschut werk op de peildatum, gedeeld "
        "door 36.",
        reveals="realisatie_ultimo",
    ),
    Figure(
        "percentage_ultimo",
        "Realisatie als % van de taakstelling",
        "percentage",
        "100 × de realisatie op de peildatum ÷ de taakstelling, over de gemeenten met een "
        "taakstelling voor het jaar.",
        reveals="realisatie_ultimo",
    ),
    Figure(
        "nog_te_realiseren",
        "Nog te realiseren",
        "plekken",
        "De taakstelling min de realisatie op de peildatum (van de gemeenten met een "
        "taakstelling); negatief = boven de taakstelling.",
        reveals="realisatie_ultimo",
    ),
    Figure(
        "nog_te_plaatsen",
        "Nog te plaatsen",
        "personen",
        "Het nog te realiseren aantal plekken, naar boven afgerond op hele personen: zoveel "
        "inwoners moeten er nog bij komen.",
        reveals="realisatie_ultimo",
    ),
    Figure(
        "boven_taakstelling",
        "Boven de taakstelling",
        "plekken",
        "De realisatie op de peildatum min de taakstelling (van de gemeenten met een "
        "taakstelling), wanneer die erboven ligt.",
        reveals="realisatie_ultimo",
    ),
    Figure(
        "realisatie_vorig_jaar",
        "Realisatie een jaar eerder",
        "personen",
        f"{REALISATIE.capitalize()} op 31 december van het jaar ervoor.",
        persons=True,
    ),
    Figure(
        "taakstelling_vorig_jaar",
        "Taakstelling een jaar eerder",
        "plekken",
        "De taakstelling ultimo van het jaar ervoor.",
    ),
    Figure(
        "percentage_vorig_jaar",
        "Realisatie als % van de taakstelling een jaar eerder",
        "percentage",
        "Het percentage van de taakstelling op 31 december van het jaar ervoor.",
        reveals="realisatie_vorig_jaar",
    ),
    Figure(
        "realisatie_begin",
        "Realisatie aan het begin van het jaar",
        "personen",
        "De realisatie op 31 december van het jaar ervoor, van de gemeenten met een "
        "taakstelling: het begin van de statuslijn.",
        persons=True,
    ),
    Figure(
        "status_verwacht",
        "Verwacht volgens de statuslijn op {peildatum}",
        "gemiddelde",
        "De hoogte op de peildatum van een rechte lijn van de realisatie op 31 december "
        "vorig jaar naar de taakstelling op 31 december.",
        reveals="realisatie_begin",
    ),
    Figure(
        "status",
        "Status",
        "tekst",
        "Op of boven de statuslijn = op koers; tot 10% eronder = risico; verder eronder = achter.",
    ),
    Figure(
        "gemeenten_met_taakstelling",
        "Gemeenten met een taakstelling",
        "aantal",
        "Hoeveel van de gekozen gemeenten een taakstelling voor het jaar hebben.",
    ),
    Figure("gemeenten", "Gemeenten", "aantal", "Het aantal gekozen gemeenten."),
    Figure(
        "dag", "Stand op", "datum", "Een maandeinde, of de peildatum als dat geen maandeinde is."
    ),
    Figure(
        "realisatie",
        "Realisatie",
        "personen",
        f"{REALISATIE.capitalize()} op de dag.",
        persons=True,
    ),
    Figure(
        "fte",
        "Fte",
        "fte",
        "De uren per week van de actieve plaatsingen beschut werk op de dag, gedeeld door 36.",
        reveals="realisatie",
    ),
    Figure("maand", "Maand", "datum", "De eerste dag van de maand."),
    Figure(
        "instroom",
        "Instroom",
        "personen",
        "Nieuwe dienstverbanden beschut werk (aansluitende plaatsingen van één persoon zijn "
        "één dienstverband), in de maand of in het jaar tot de peildatum.",
        persons=True,
    ),
    Figure(
        "uitstroom",
        "Uitstroom",
        "personen",
        "Beëindigde dienstverbanden beschut werk, geteld in de maand van de eerste dag "
        "zonder dienstbetrekking.",
        persons=True,
    ),
    Figure(
        "instroom_per_10000",
        "Instroom per 10.000 inwoners",
        "per_10000",
        "10.000 × de instroom ÷ de inwoners, over de gemeenten met inwoners.",
        reveals="instroom",
    ),
    Figure("werkgever", "Werkgever", "tekst", "De werkgever van de plaatsing."),
    Figure("werkgevers", "Werkgevers", "aantal", "Het aantal werkgevers dat de rij samenvat."),
    Figure(
        "personen",
        "Personen",
        "personen",
        "Het aantal verschillende personen in de rij.",
        persons=True,
    ),
    Figure("urenklasse", "Uren per week", "tekst", "De klasse van uren per week."),
    Figure(
        "plaatsingen",
        "Plaatsingen",
        "personen",
        "Het aantal actieve plaatsingen beschut werk (vrijwel altijd één per persoon).",
        persons=True,
    ),
    # -- money -----------------------------------------------------------------------
    Figure(
        "begroting",
        "Begroting {jaar}",
        "euro",
        "De som van de begroting voor het jaar (de gekozen versie, anders de laatste in "
        "het bestand).",
    ),
    Figure(
        "uitgaven",
        "Uitgaven t/m {peildatum}",
        "euro",
        "De som van de uitgaven van januari tot en met de maand van de peildatum.",
    ),
    Figure(
        "percentage_besteed",
        "Besteed van de begroting",
        "percentage",
        "100 × de uitgaven ÷ de begroting.",
    ),
    Figure("post", "Post", "tekst", "De begrotingspost."),
    Figure(
        "kosten_per_plek",
        "Kosten per plek",
        "euro",
        "De uitgaven ÷ de gemiddelde realisatie over dezelfde periode.",
        reveals="realisatie_gemiddeld",
    ),
    Figure(
        "kosten_per_plek_jaarbasis",
        "Kosten per plek op jaarbasis",
        "euro",
        "De kosten per plek; voor het lopende jaar omgerekend naar twaalf maanden.",
        reveals="realisatie_gemiddeld",
    ),
    Figure(
        "uitgaven_cumulatief",
        "Uitgaven cumulatief",
        "euro",
        "De uitgaven van januari tot en met de maand.",
    ),
    Figure(
        "budgetpad", "Begroting naar rato", "euro", "De begroting gelijk verdeeld over de maanden."
    ),
    Figure(
        "lopende_plaatsingen",
        "Lopende plaatsingen",
        "personen",
        "Plaatsingen beschut werk die op de peildatum lopen.",
        persons=True,
    ),
    Figure(
        "zonder_kosten",
        "Lopende plaatsingen zonder kosten per maand",
        "personen",
        "Lopende plaatsingen beschut werk waarvoor geen kosten per maand zijn geladen.",
        persons=True,
    ),
    Figure(
        "resterende_maanden",
        "Resterende maanden",
        "maanden",
        "De maanden van het jaar na de maand van de peildatum.",
    ),
    Figure(
        "gemiddelde_kosten_per_maand",
        "Gemiddelde kosten per maand",
        "euro",
        "Het gemiddelde van de geladen kosten per maand van de lopende plaatsingen.",
        reveals="lopende_plaatsingen",
    ),
    Figure(
        "verplichting",
        "Verplichting lopende plaatsingen",
        "euro",
        "De lopende plaatsingen beschut werk × hun kosten per maand × de resterende "
        "maanden van het jaar.",
    ),
    Figure(
        "verwacht_jaareinde",
        "Verwachte uitgaven {jaar} (lopende plaatsingen)",
        "euro",
        "De uitgaven tot en met de peildatum plus de verplichting van de plaatsingen die "
        "op de peildatum lopen; zonder nieuwe instroom of uitstroom.",
    ),
    Figure(
        "verwacht_saldo",
        "Verwacht saldo {jaar} (lopende plaatsingen)",
        "euro",
        "De begroting min de verwachte uitgaven van de lopende plaatsingen; positief = overschot.",
    ),
    Figure(
        "periode",
        "Periode",
        "tekst",
        "Afgesloten (het hele jaar), lopend (tot en met de peildatum) of toekomst.",
    ),
    Figure(
        "verschil",
        "Gereserveerd min uitgegeven",
        "euro",
        "De begroting van het jaar min de uitgaven (het lopende jaar tot en met de maand "
        "van de peildatum).",
    ),
    Figure(
        "cumulatief_verschil",
        "Cumulatief gereserveerd min uitgegeven",
        "euro",
        "De som van gereserveerd min uitgegeven over de jaren vanaf 2024 tot en met het "
        "jaar van de peildatum.",
    ),
    Figure(
        "kosten_model",
        "Verwachte kosten taakstelling (kostenmodel)",
        "euro",
        "Voor een toekomstig jaar: de taakstelling × twaalf maanden de kosten per plek van "
        "het kostenmodel (minimumloon min loonwaarde, plus begeleiding en overhead).",
    ),
    Figure(
        "kosten_geladen",
        "Verwachte kosten taakstelling (geladen kosten)",
        "euro",
        "Voor een toekomstig jaar: de taakstelling × twaalf maanden de gemiddelde geladen "
        "kosten per maand van de lopende plaatsingen, geïndexeerd met het minimumloon.",
    ),
    Figure(
        "verwacht_saldo_reservering",
        "Verwacht saldo van de reservering",
        "euro",
        "Gereserveerd min de verwachte kosten van de taakstelling (geladen kosten waar "
        "bekend, anders het kostenmodel); voor een afgesloten of lopend jaar: "
        "gereserveerd min uitgegeven.",
    ),
    # -- voorschakeltrajecten ---------------------------------------------------------
    Figure(
        "trajecten_gestart",
        "Voorschakeltrajecten gestart",
        "trajecten",
        "Trajecten met een startdatum in het jaar, op of voor de peildatum.",
        persons=True,
    ),
    Figure(
        "gestart",
        "Trajecten gestart",
        "trajecten",
        "Trajecten met een startdatum in het jaar, op of voor de peildatum.",
        persons=True,
    ),
    Figure(
        "advies_aangevraagd",
        "Advies aangevraagd",
        "trajecten",
        "Van die trajecten: waarvoor op of voor de peildatum een advies beschut werk is "
        "aangevraagd.",
        persons=True,
    ),
    Figure(
        "positief",
        "Positief advies",
        "trajecten",
        "Van die aanvragen: met een positief advies.",
        persons=True,
    ),
    Figure(
        "negatief", "Negatief advies", "trajecten", "Van die aanvragen: negatief.", persons=True
    ),
    Figure(
        "in_behandeling",
        "Advies in behandeling",
        "trajecten",
        "Van die aanvragen: nog zonder uitkomst op de peildatum.",
        persons=True,
    ),
    Figure(
        "naar_beschut_werk",
        "Uitkomst beschut werk",
        "trajecten",
        "Van die trajecten: op de peildatum geëindigd in beschut werk.",
        persons=True,
    ),
    Figure(
        "percentage_advies_aangevraagd",
        "Advies aangevraagd (% van de gestarte trajecten)",
        "percentage",
        "100 × advies aangevraagd ÷ gestart.",
        reveals="advies_aangevraagd",
    ),
    Figure(
        "percentage_positief",
        "Positief (% van de beslissingen)",
        "percentage",
        "100 × positief ÷ (positief + negatief).",
        reveals="positief",
    ),
    Figure(
        "percentage_naar_beschut_werk",
        "Uitkomst beschut werk (% van de gestarte trajecten)",
        "percentage",
        "100 × uitkomst beschut werk ÷ gestart.",
        reveals="naar_beschut_werk",
    ),
    Figure("uitkomst", "Uitkomstcode", "tekst", "De uitkomst zoals het datacontract die noemt."),
    Figure(
        "label", "Uitkomst", "tekst", "De uitkomst van het traject zoals bekend op de peildatum."
    ),
    Figure(
        "trajecten",
        "Trajecten",
        "trajecten",
        "Het aantal voorschakeltrajecten; een traject dat op de peildatum niet was "
        "geëindigd telt als 'loopt nog'.",
        persons=True,
    ),
    Figure(
        "wachtduur", "Wachtduur", "tekst", "Hoe lang sinds de aanvraag van het positief advies."
    ),
    Figure(
        "wachtend",
        "Wachtend met positief advies",
        "personen",
        "Personen met een positief advies beschut werk die op de peildatum nog geen "
        "dienstbetrekking hebben.",
        persons=True,
    ),
    Figure(
        "mediaan_wachtdagen",
        "Mediane wachttijd",
        "dagen",
        "De middelste wachttijd sinds de aanvraag van het positief advies.",
        reveals="wachtend",
    ),
    Figure(
        "langste_wachtdagen",
        "Langste wachttijd",
        "dagen",
        "De langste wachttijd sinds de aanvraag van het positief advies (gaat over één persoon).",
        reveals="wachtend",
    ),
    Figure("doorlooptijd", "Doorlooptijd", "tekst", "Van welke stap naar welke."),
    Figure("stap_van", "Van stap", "tekst", "Waar een stroom trajecten begint."),
    Figure("stap_naar", "Naar stap", "tekst", "De stap waar de stroom trajecten naartoe gaat."),
    Figure("van", "Trajecten gestart vanaf", "datum", "Het begin van de periode."),
    Figure("tot", "Trajecten gestart tot en met", "datum", "Het einde van de periode."),
    Figure(
        "kortste_dagen",
        "Kortste",
        "dagen",
        "De kortste gemeten duur (gaat over één traject).",
        reveals="trajecten",
    ),
    Figure(
        "p25_dagen",
        "P25",
        "dagen",
        "Een kwart van de trajecten duurde korter.",
        reveals="trajecten",
    ),
    Figure(
        "mediaan_dagen",
        "Mediaan",
        "dagen",
        "De middelste van de gemeten duren.",
        reveals="trajecten",
    ),
    Figure(
        "p75_dagen",
        "P75",
        "dagen",
        "Driekwart van de trajecten duurde korter.",
        reveals="trajecten",
    ),
    Figure(
        "langste_dagen",
        "Langste",
        "dagen",
        "De langste gemeten duur (gaat over één traject).",
        reveals="trajecten",
    ),
    # -- prognose ---------------------------------------------------------------------
    Figure(
        "verwacht",
        "Verwacht ultimo",
        "personen",
        "Het gemiddelde van de gesimuleerde paden van het prognosemodel op 31 december, "
        "afgerond op hele personen.",
        persons=True,
    ),
    Figure(
        "p10",
        "80%-band van",
        "personen",
        "Het 10e percentiel van de gesimuleerde paden.",
        persons=True,
    ),
    Figure(
        "p90",
        "80%-band tot",
        "personen",
        "Het 90e percentiel van de gesimuleerde paden.",
        persons=True,
    ),
    Figure(
        "kans_pct",
        "Kans op de taakstelling",
        "kans",
        "Het aandeel gesimuleerde paden dat op 31 december de taakstelling haalt.",
    ),
    Figure("bron", "Bron taakstelling", "tekst", "Geladen, doorgetrokken of ingevuld."),
    Figure(
        "extra_per_maand",
        "Extra instroom per maand nodig (80%)",
        "gemiddelde",
        "Hoeveel personen er per maand bovenop het scenario bij moeten komen om de "
        "taakstelling van het jaar met 80% kans te halen.",
    ),
    Figure(
        "nodig_per_jaar",
        "Extra plaatsingen nodig per jaar (80%)",
        "personen",
        "Hoeveel personen er per jaar bovenop het scenario geplaatst moeten worden om de "
        "taakstelling van dat jaar met 80% kans te halen: twaalf keer de extra instroom "
        "per maand, naar boven afgerond op hele personen.",
    ),
    Figure(
        "nodig_per_maand",
        "Extra plaatsingen nodig per maand (80%)",
        "personen",
        "De extra instroom per maand die nodig is, naar boven afgerond op hele personen.",
    ),
    Figure(
        "horizon",
        "Vooruitblik",
        "tekst",
        "Binnen twaalf maanden na de peildatum, of verder: daar is de prognose "
        "onzekerder (in de backtest een grotere fout en een bredere band).",
    ),
    Figure(
        "scenario",
        "Scenario",
        "tekst",
        "De basis (het model zoals geschat), het scenario dat nu wordt ingesteld, of een "
        "opgeslagen scenario.",
    ),
    Figure(
        "kosten",
        "Verwachte kosten (prognosemodel)",
        "euro",
        "De uitgaven tot de peildatum plus de verwachte bezetting van het prognosemodel "
        "(met instroom en uitstroom) × de kosten per plek, tot het jaareinde.",
    ),
    Figure(
        "begroting_bron",
        "Bron begroting",
        "tekst",
        "Geladen, of aangenomen (de laatste begroting per plek × de taakstelling).",
    ),
    Figure(
        "saldo",
        "Verwacht saldo (prognosemodel)",
        "euro",
        "De begroting min de verwachte kosten van het prognosemodel; positief = overschot.",
    ),
    # -- instrumenten: beschut werk beside the other instruments -----------------------
    Figure("instrument", "Instrument", "tekst", "Het instrument van de plaatsing."),
    Figure(
        "personen_beschut_werk",
        "Personen in beschut werk",
        "personen",
        "Het aantal verschillende personen met een actieve plaatsing beschut werk op de "
        "teldag (31 december, het laatste jaar de peildatum): de realisatie.",
        persons=True,
    ),
    Figure(
        "personen_ander_instrument",
        "Personen met een ander instrument",
        "personen",
        "Het aantal verschillende personen met een actieve plaatsing van een ander "
        "instrument dan beschut werk op de teldag.",
        persons=True,
    ),
    Figure(
        "personen_alle_instrumenten",
        "Personen met een plaatsing",
        "personen",
        "Het aantal verschillende personen met een actieve plaatsing van enig instrument op "
        "de teldag; wie er twee heeft, telt één keer.",
        persons=True,
    ),
    Figure(
        "aandeel_beschut_werk",
        "Aandeel beschut werk",
        "percentage",
        "100 × de personen in beschut werk ÷ de personen met een plaatsing van enig "
        "instrument, op de teldag.",
        reveals="personen_beschut_werk",
    ),
    Figure(
        "gestart_beschut_werk",
        "Gestart in beschut werk in {jaar}",
        "personen",
        "Personen van wie een periode beschut werk (aansluitende plaatsingen samen) in het "
        "jaar begon, tot en met de peildatum; ieder één keer.",
        persons=True,
    ),
    Figure(
        "met_ander_instrument_ervoor",
        "Met een ander instrument ervoor",
        "personen",
        "Van die personen: met een periode van een ander instrument die vóór de start in "
        "beschut werk begon.",
        persons=True,
    ),
    Figure(
        "herkomst",
        "Instrument ervoor",
        "tekst",
        "Van de periodes met een ander instrument die vóór de start in beschut werk "
        "begonnen: het instrument van de periode die het laatst eindigde.",
    ),
    Figure(
        "via_voorschakeltraject",
        "Via een voorschakeltraject",
        "personen",
        "Van die personen: met een voorschakeltraject in de gemeente dat op of vóór de "
        "start in beschut werk begon.",
        persons=True,
    ),
    Figure(
        "tegelijk_of_aansluitend",
        "Ervoor tot de start of nog lopend",
        "personen",
        "Het andere instrument liep tot de dag vóór de start in beschut werk of loopt nog.",
        persons=True,
    ),
    Figure(
        "binnen_een_jaar",
        "Ervoor geëindigd, binnen een jaar",
        "personen",
        "Het andere instrument eindigde 1 tot 365 dagen vóór de start in beschut werk.",
        persons=True,
    ),
    Figure(
        "na_meer_dan_een_jaar",
        "Ervoor geëindigd, meer dan een jaar",
        "personen",
        "Het andere instrument eindigde meer dan 365 dagen vóór de start in beschut werk.",
        persons=True,
    ),
    Figure(
        "mediaan_dagen_ertussen",
        "Mediane tijd ertussen",
        "dagen",
        "De middelste duur van het einde van het andere instrument tot de start in beschut "
        "werk (0 als het tot de start liep of nog loopt).",
        reveals="personen",
    ),
    # -- sources ----------------------------------------------------------------------
    Figure("tabel", "Tabel", "tekst", "De tabel van het datacontract."),
    Figure("bestand", "Bestand", "tekst", "Het geïmporteerde bestand."),
    Figure("rijen", "Rijen", "aantal", "Het aantal rijen in het bestand."),
    Figure("import_id", "Import (versie)", "aantal", "Het volgnummer van de import."),
    Figure("afgerond", "Geïmporteerd op", "tijdstip", "Wanneer de import klaar was."),
    Figure("sha256", "SHA-256", "tekst", "De vingerafdruk van het bestand."),
)


def figure(key: str) -> Figure:
    """The catalogue entry of `key` (a KeyError names an unknown figure)."""
    return CATALOGUE[key]


def columns(*keys: str) -> list[Figure]:
    """The entries of a table's columns, in order."""
    return [CATALOGUE[key] for key in keys]


def definitions(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(label, definition) of each figure, for a verantwoording."""
    return [(CATALOGUE[k].header, CATALOGUE[k].definition) for k in keys]
