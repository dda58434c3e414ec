"""Synthetic sample data: the input files of the data contract for three gemeenten.

The data is invented but tells the story of a real council briefing: a taakstelling
that grows every year, alternatives (loonkostensubsidie and others) until 2024, then
beschut werk placements fed by voorschakeltrajecten, and a begroting that was long
left unspent. Deterministic: the same seed and end date give byte-identical files.

    python -m beschut_dev.sample_data [--out DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

DEFAULT_END = date(2026, 10, 31)
FIRST_DAY = date(2017, 1, 1)
LAST_YEAR = 2026  # the taakstelling tables below end here
BESCHUT_FROM = date(2024, 2, 1)

MOB = "Mensontwikkelbedrijf Maastricht-Heuvelland"
DETACHED = (
    "Zorgcentrum De Beuk",
    "Groenbedrijf Heuvelland",
    "Kringloop Zuid-Limburg",
    "Gemeente Maastricht - Stadsbeheer",
)
EMPLOYERS = (
    "Maasdal Logistiek B.V.",
    "Bouwbedrijf Jekerdal",
    "Hotel Maaspoort",
    "Supermarkt Heuvelland B.V.",
    "Schoonmaakbedrijf Mergelland",
    "Bakkerij Geulzicht",
    "Autoschade Meerssen",
    "Tuincentrum Margraten",
    "Drukkerij Sint-Pieter",
    "Metaalbewerking Beatrixhaven B.V.",
    "Wasserij Limburgia",
    "Fietsenmakerij De Jeker",
    "Catering Servaas",
    "Zorghotel Mosa",
    "Installatiebedrijf Gronsveld",
    "Kinderopvang De Maaskei",
    "Facilitair Bedrijf Randwyck",
    "Vlaaienbakkerij Eijsden",
    "Verpakkingen Zuid B.V.",
    "Garage Bemelen",
    "Brasserie Het Bassin",
)
ZORGAANBIEDERS = (
    "Zorgaanbieder De Maasoever Dagbesteding",
    "Zorgboerderij Het Mergelland",
    "Dagcentrum Heuvelland (zorgaanbieder)",
)
OPLEIDERS = ("Opleidingscentrum Zuid-Limburg", "Vakschool Mergelland")

POSTEN = ("loonkosten", "begeleiding", "voorschakeltraject", "overig")
BUDGET_SHARE = {"loonkosten": 0.75, "begeleiding": 0.18, "voorschakeltraject": 0.05, "overig": 0.02}
COST_PER_PLEK_2025 = 28_000.0  # euro per plek per year reserved in the begroting
INDEXATION = 1.025
VOORJAARSNOTA_YEARS = (2024, 2025, 2026)
TRAJECT_COST_PER_MONTH = 310.0
CORRECTIONS = {  # credit notes / reversals booked as negative uitgaven
    ("GM0935", "2023-11", "loonkosten"): -2418.75,
    ("GM0938", "2022-06", "overig"): -385.00,
}


@dataclass(frozen=True)
class Profile:
    """What makes one gemeente's data: its size, quota and how its story unfolds."""

    code: str
    naam: str
    taakstelling: tuple[float, ...]  # ultimo 2017 .. ultimo 2026
    beschut_curve: tuple[tuple[date, int], ...]  # active beschut werk at month-ends
    trajecten_per_jaar: tuple[tuple[int, int], ...]
    trajecten_vanaf: date
    alternatieven_per_jaar: float
    conversies: int  # loonkostensubsidie at the MOB converted to beschut werk in 2024
    wachtend: int  # positief advies near the end, no placement yet
    schaal: float  # size relative to Maastricht, for small spending
    overig_vanaf: date


PROFILES = (
    Profile(
        "GM0935",
        "Maastricht",
        (16.1, 23.4, 30.2, 36.0, 41.7, 47.3, 52.4, 55.8, 58.5, 61.2),
        (
            (date(2024, 1, 31), 0),
            (date(2024, 2, 29), 2),
            (date(2024, 3, 31), 5),
            (date(2024, 6, 30), 16),
            (date(2024, 12, 31), 37),
            (date(2025, 6, 30), 52),
            (date(2025, 9, 30), 62),
            (date(2025, 12, 31), 64),
            (date(2026, 6, 30), 66),
            (date(2026, 10, 31), 68),
        ),
        ((2022, 6), (2023, 50), (2024, 56), (2025, 52), (2026, 50)),
        date(2022, 9, 1),
        27.0,
        4,
        3,
        1.0,
        date(2022, 1, 1),
    ),
    Profile(
        "GM0938",
        "Meerssen",
        (1.5, 2.3, 3.1, 3.8, 4.6, 5.4, 6.2, 6.9, 7.6, 8.2),
        (
            (date(2024, 2, 29), 0),
            (date(2024, 3, 31), 1),
            (date(2024, 12, 31), 3),
            (date(2025, 9, 30), 5),
            (date(2025, 12, 31), 6),
            (date(2026, 10, 31), 7),
        ),
        ((2023, 4), (2024, 5), (2025, 5), (2026, 5)),
        date(2023, 1, 1),
        3.5,
        1,
        1,
        0.3,
        date(2023, 1, 1),
    ),
    Profile(
        "GM1903",
        "Eijsden-Margraten",
        (2.0, 3.0, 4.0, 4.9, 5.9, 6.8, 7.8, 8.7, 9.6, 10.4),
        (
            (date(2024, 3, 31), 0),
            (date(2024, 4, 30), 1),
            (date(2024, 12, 31), 4),
            (date(2025, 9, 30), 7),
            (date(2025, 12, 31), 8),
            (date(2026, 10, 31), 9),
        ),
        ((2022, 1), (2023, 5), (2024, 6), (2025, 6), (2026, 6)),
        date(2022, 11, 1),
        4.5,
        0,
        1,
        0.35,
        date(2023, 1, 1),
    ),
)


@dataclass(frozen=True)
class InstrumentSpec:
    """How an alternative instrument looks: share, duration, hours and monthly cost."""

    weight: float
    months: tuple[int, int]
    hours: tuple[int, int]
    kosten: tuple[float, float]


ALTERNATIVES = {
    "loonkostensubsidie": InstrumentSpec(0.42, (6, 48), (16, 36), (900.0, 1600.0)),
    "jobcoaching": InstrumentSpec(0.14, (3, 18), (12, 36), (250.0, 500.0)),
    "werkplekaanpassing": InstrumentSpec(0.05, (1, 6), (16, 36), (150.0, 450.0)),
    "leerwerktraject": InstrumentSpec(0.09, (6, 12), (16, 32), (400.0, 800.0)),
    "groeibaan": InstrumentSpec(0.07, (12, 24), (24, 36), (700.0, 1200.0)),
    "scholing": InstrumentSpec(0.08, (3, 12), (8, 24), (200.0, 600.0)),
    "dagbesteding": InstrumentSpec(0.11, (12, 60), (8, 24), (800.0, 1200.0)),
    "overig": InstrumentSpec(0.04, (3, 12), (8, 32), (100.0, 500.0)),
}


@dataclass(frozen=True)
class OutcomeRule:
    """A traject that does not end in beschut werk: how often, UWV or not, how long."""

    weight: float
    p_uwv: float  # share that requests an advies beschut werk
    p_positief: float  # share of those advies that is positief
    duur: tuple[int, int]  # days from start to outcome without an advies


OUTCOMES = {
    "regulier_werk": OutcomeRule(0.22, 0.30, 0.50, (90, 270)),
    "ander_instrument": OutcomeRule(0.33, 0.75, 0.20, (120, 300)),
    "dagbesteding": OutcomeRule(0.17, 0.90, 0.05, (90, 240)),
    "uitgevallen": OutcomeRule(0.28, 0.35, 0.40, (30, 240)),
}


@dataclass
class Plaatsing:
    persoon_id: str
    gemeente: str
    instrument: str
    startdatum: date
    einddatum: date | None
    uren_per_week: float
    werkgever: str
    kosten_per_maand: float  # the true cost; the export may leave it out
    kosten_bekend: bool


@dataclass
class Traject:
    persoon_id: str
    gemeente: str
    startdatum: date
    einddatum: date | None
    uitkomst: str
    advies_aangevraagd: date | None
    advies_uitkomst: str | None


# ---------------------------------------------------------------- date helpers


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _months(first: date, last: date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _overlap_share(start: date, stop: date | None, first: date, last: date) -> float:
    """Share of the month first..last during which start..stop (inclusive) runs."""
    lo, hi = max(start, first), min(stop or last, last)
    return max((hi - lo).days + 1, 0) / ((last - first).days + 1)


# ---------------------------------------------------------------- generation


class _Generator:
    """Builds persons, placements and trajecten for all gemeenten with one rng."""

    def __init__(self, seed: int, end: date) -> None:
        self.rng = np.random.default_rng(seed)
        self.end = end
        self.persons: set[str] = set()
        self.plaatsingen: list[Plaatsing] = []
        self.trajecten: list[Traject] = []

    # -- small random helpers

    def _days(self, lo: int, hi: int) -> timedelta:
        return timedelta(days=int(self.rng.integers(lo, hi + 1)))

    def _date_between(self, lo: date, hi: date) -> date:
        return lo + self._days(0, max((hi - lo).days, 0))

    def _pick(self, options: Sequence[str]) -> str:
        return options[int(self.rng.integers(len(options)))]

    def _money(self, lo: float, hi: float) -> float:
        return round(float(self.rng.uniform(lo, hi)), 2)

    def _new_person(self) -> str:
        while True:
            persoon_id = f"P{int(self.rng.integers(16**7)):07X}"
            if persoon_id not in self.persons:
                self.persons.add(persoon_id)
                return persoon_id

    def _hours(self, lo: int, hi: int, half_share: float = 0.2) -> float:
        hours = float(self.rng.integers(lo, hi + 1))
        if hours < hi and self.rng.random() < half_share:
            hours += 0.5
        return hours

    def _ends(self, start: date, days: int) -> date | None:
        stop = start + timedelta(days=days - 1)
        return stop if stop <= self.end else None

    def _add(self, plaatsing: Plaatsing) -> Plaatsing:
        self.plaatsingen.append(plaatsing)
        return plaatsing

    def drop_kosten(self, share: float = 0.05) -> None:
        """A realistic data-quality gap: the export lacks kosten_per_maand for some rows."""
        count = round(share * len(self.plaatsingen))
        for index in self.rng.choice(len(self.plaatsingen), size=count, replace=False):
            self.plaatsingen[int(index)].kosten_bekend = False

    # -- beschut werk

    def simulate_beschut(self, profile: Profile) -> None:
        """Month by month: some placements end, new persons fill up to the curve."""
        active: list[Plaatsing] = []
        conversions_left = profile.conversies
        xs = [d.toordinal() for d, _ in profile.beschut_curve]
        ys = [n for _, n in profile.beschut_curve]
        for year, month in _months(BESCHUT_FROM, self.end):
            first, last = date(year, month, 1), min(_month_end(year, month), self.end)
            active = self._outflow(active, first, last)
            target = round(float(np.interp(last.toordinal(), xs, ys, left=0)))
            for _ in range(target - len(active)):
                start = self._date_between(first, last)
                convert = year == 2024 and conversions_left > 0 and self.rng.random() < 0.25
                conversions_left -= int(convert)
                active.append(self._new_beschut_person(profile, start, convert))

    def _outflow(self, active: list[Plaatsing], first: date, last: date) -> list[Plaatsing]:
        """End a few placements this month; some persons move to another werkgever."""
        staying: list[Plaatsing] = []
        for plaatsing in active:
            old_enough = (first - plaatsing.startdatum).days >= 90
            if not old_enough or (last - first).days < 3 or self.rng.random() >= 0.008:
                staying.append(plaatsing)
                continue
            plaatsing.einddatum = self._date_between(first, last - timedelta(days=2))
            if self.rng.random() < 0.5:  # a new contract elsewhere
                start = min(plaatsing.einddatum + self._days(1, 4), last)
                staying.append(
                    self._beschut_plaatsing(
                        plaatsing.persoon_id, plaatsing.gemeente, start, plaatsing.werkgever
                    )
                )
        return staying

    def _beschut_plaatsing(
        self, persoon_id: str, gemeente: str, start: date, not_at: str | None = None
    ) -> Plaatsing:
        werkgever = self._beschut_werkgever(gemeente)
        while werkgever == not_at:  # a new contract means another werkgever
            werkgever = self._beschut_werkgever(gemeente)
        hours = self._beschut_hours()
        kosten = min(1880.0 + 25.0 * (hours - 16) + float(self.rng.uniform(20, 200)), 2600.0)
        plaatsing = Plaatsing(
            persoon_id, gemeente, "beschut_werk", start, None, hours, werkgever,
            round(kosten, 2), True,
        )  # fmt: skip
        return self._add(plaatsing)

    def _beschut_werkgever(self, gemeente: str) -> str:
        if self.rng.random() < 0.75:
            return MOB
        detached = DETACHED if gemeente == "GM0935" else DETACHED[:3]
        return self._pick(detached)

    def _beschut_hours(self) -> float:
        draw = self.rng.random()
        if draw < 0.12:
            return self._hours(16, 20, 0.15)
        if draw < 0.92:
            return self._hours(24, 32, 0.2)
        return 36.0

    def _new_beschut_person(self, profile: Profile, start: date, convert: bool) -> Plaatsing:
        persoon_id = self._new_person()
        if convert:
            self._conversion_history(profile, persoon_id, start)
        else:
            self._traject_to_beschut(profile, persoon_id, start)
        return self._beschut_plaatsing(persoon_id, profile.code, start)

    def _traject_to_beschut(self, profile: Profile, persoon_id: str, start: date) -> None:
        """Backwards from the placement: advies 1-3 months before, requested 1-2 before."""
        advies = start - self._days(30, 90)
        aangevraagd = advies - self._days(28, 56)
        traject_start = aangevraagd - self._days(60, 150)
        self.trajecten.append(
            Traject(
                persoon_id, profile.code, traject_start, start, "beschut_werk",
                aangevraagd, "positief",
            )
        )  # fmt: skip

    def _conversion_history(self, profile: Profile, persoon_id: str, start: date) -> None:
        """Worked at the MOB on loonkostensubsidie, converted to beschut werk in 2024."""
        begin = self._date_between(date(2018, 1, 1), start - timedelta(days=400))
        plaatsing = Plaatsing(
            persoon_id, profile.code, "loonkostensubsidie", begin, start - timedelta(days=1),
            self._hours(20, 32), MOB, self._money(1000, 1500), True,
        )  # fmt: skip
        self._add(plaatsing)

    # -- trajecten that do not (yet) end in beschut werk

    def waiting_trajecten(self, profile: Profile) -> None:
        """Positief advies shortly before the end; the placement has not started yet."""
        if self.end < BESCHUT_FROM:
            return
        for _ in range(profile.wachtend):
            advies = self.end - self._days(10, 50)
            aangevraagd = advies - self._days(28, 56)
            start = aangevraagd - self._days(60, 150)
            self.trajecten.append(
                Traject(
                    self._new_person(), profile.code, start, None, "lopend",
                    aangevraagd, "positief",
                )
            )  # fmt: skip

    def other_trajecten(self, profile: Profile) -> None:
        """Fill each year up to its number of trajecten with the other outcomes."""
        minimum = 10 if profile.code == "GM0935" else 1
        for year, per_year in profile.trajecten_per_jaar:
            first = max(date(year, 1, 1), profile.trajecten_vanaf)
            last = min(date(year, 12, 31), self.end)
            if last < first:
                continue
            target = round(per_year * ((last - date(year, 1, 1)).days + 1) / 365)
            present = sum(
                t.gemeente == profile.code and t.startdatum.year == year for t in self.trajecten
            )
            for _ in range(max(target - present, min(minimum, target))):
                self._other_traject(profile, self._date_between(first, last))

    def _other_traject(self, profile: Profile, start: date) -> None:
        names = list(OUTCOMES)
        weights = [OUTCOMES[name].weight for name in names]
        uitkomst = names[int(self.rng.choice(len(names), p=weights))]
        rule = OUTCOMES[uitkomst]
        aangevraagd, advies_datum, advies = None, None, None
        if self.rng.random() < rule.p_uwv:
            aangevraagd = start + self._days(60, 150)
            advies_datum = aangevraagd + self._days(28, 56)
            advies = "positief" if self.rng.random() < rule.p_positief else "negatief"
            einde: date | None = advies_datum + self._days(7, 60)
        else:
            einde = start + self._days(*rule.duur)
        if einde > self.end:  # still running on the end date
            einde, uitkomst = None, "lopend"
            if aangevraagd and aangevraagd > self.end:
                aangevraagd, advies = None, None
            elif advies_datum and advies_datum > self.end:
                advies = None
        traject = Traject(
            self._new_person(), profile.code, start, einde, uitkomst, aangevraagd, advies
        )
        self.trajecten.append(traject)
        self._follow_up(traject)

    def _follow_up(self, traject: Traject) -> None:
        """Ander instrument, dagbesteding or jobcoaching after the traject, if any."""
        if traject.einddatum is None:
            return
        chance = {"ander_instrument": 0.75, "dagbesteding": 0.85, "regulier_werk": 0.3}
        if self.rng.random() >= chance.get(traject.uitkomst, 0.0):
            return
        start = traject.einddatum + self._days(1, 21)
        if start > self.end:
            return
        instrument = {"dagbesteding": "dagbesteding", "regulier_werk": "jobcoaching"}.get(
            traject.uitkomst
        )
        if instrument is None:
            options = ("loonkostensubsidie", "leerwerktraject", "groeibaan", "jobcoaching")
            instrument = options[int(self.rng.choice(4, p=[0.55, 0.15, 0.15, 0.15]))]
        self._alternative(traject.gemeente, instrument, start, traject.persoon_id)

    # -- alternative instruments

    def alternatives(self, profile: Profile) -> None:
        """Ordinary placements with other instruments, all years."""
        names = list(ALTERNATIVES)
        weights = [ALTERNATIVES[name].weight for name in names]
        for year in range(FIRST_DAY.year, self.end.year + 1):
            first, last = date(year, 1, 1), min(date(year, 12, 31), self.end)
            share = ((last - first).days + 1) / 365
            for _ in range(int(self.rng.poisson(profile.alternatieven_per_jaar * share))):
                instrument = names[int(self.rng.choice(len(names), p=weights))]
                start = self._date_between(first, last)
                self._alternative_with_extras(profile.code, instrument, start)

    def _alternative_with_extras(self, gemeente: str, instrument: str, start: date) -> None:
        """Some persons get jobcoaching alongside, or loonkostensubsidie after leren."""
        main = self._alternative(gemeente, instrument, start, self._new_person())
        if instrument == "loonkostensubsidie" and self.rng.random() < 0.18:
            coaching = self._alternative(gemeente, "jobcoaching", start, main.persoon_id)
            coaching.werkgever = main.werkgever
            if main.einddatum and (not coaching.einddatum or coaching.einddatum > main.einddatum):
                coaching.einddatum = main.einddatum
        if instrument == "leerwerktraject" and main.einddatum and self.rng.random() < 0.3:
            follow = main.einddatum + timedelta(days=1)
            if follow <= self.end:
                after = self._alternative(gemeente, "loonkostensubsidie", follow, main.persoon_id)
                after.werkgever = main.werkgever

    def _alternative(self, gemeente: str, instrument: str, start: date, persoon: str) -> Plaatsing:
        spec = ALTERNATIVES[instrument]
        days = int(self.rng.integers(spec.months[0] * 30, spec.months[1] * 30 + 1))
        plaatsing = Plaatsing(
            persoon, gemeente, instrument, start, self._ends(start, days),
            self._hours(*spec.hours), self._alternative_werkgever(instrument),
            self._money(*spec.kosten), True,
        )  # fmt: skip
        return self._add(plaatsing)

    def _alternative_werkgever(self, instrument: str) -> str:
        if instrument == "dagbesteding":
            return self._pick(ZORGAANBIEDERS)
        if instrument == "scholing":
            return self._pick(OPLEIDERS)
        if instrument == "loonkostensubsidie" and self.rng.random() < 0.12:
            return MOB
        return self._pick(EMPLOYERS)

    # -- money

    def begroting(self) -> list[tuple[str, int, str, float, str]]:
        """Primitieve begroting for every year, then the voorjaarsnota for recent years."""
        primitief: list[tuple[str, int, str, float, str]] = []
        for profile in PROFILES:
            for year in range(FIRST_DAY.year, self.end.year + 1):
                total = _taakstelling(profile, year) * _cost_per_plek(year)
                for post in POSTEN:
                    amount = total * BUDGET_SHARE[post] * float(self.rng.normal(1, 0.02))
                    primitief.append((profile.code, year, post, round(amount, 2), "primitief"))
        voorjaarsnota = []
        for code, year, post, amount, _ in primitief:
            if year in VOORJAARSNOTA_YEARS:
                revised = round(amount * float(self.rng.uniform(0.98, 1.06)), 2)
                voorjaarsnota.append((code, year, post, revised, "voorjaarsnota"))
        return primitief + voorjaarsnota

    def uitgaven(self) -> list[tuple[str, str, str, float]]:
        rows: list[tuple[str, str, str, float]] = []
        for profile in PROFILES:
            for year, month in _months(FIRST_DAY, self.end):
                amounts = self._month_uitgaven(profile, year, month)
                maand = f"{year:04d}-{month:02d}"
                for post in POSTEN:
                    amount = amounts[post] + CORRECTIONS.get((profile.code, maand, post), 0.0)
                    rows.append((profile.code, maand, post, round(amount, 2) + 0.0))
        return rows

    def _month_uitgaven(self, profile: Profile, year: int, month: int) -> dict[str, float]:
        first, last = date(year, month, 1), _month_end(year, month)
        beschut = sum(
            p.kosten_per_maand * _overlap_share(p.startdatum, p.einddatum, first, last)
            for p in self.plaatsingen
            if p.gemeente == profile.code and p.instrument == "beschut_werk"
        )
        trajecten = sum(
            _overlap_share(t.startdatum, t.einddatum or self.end, first, last)
            for t in self.trajecten
            if t.gemeente == profile.code
        )
        begeleiding = beschut * 0.2 * float(self.rng.normal(1, 0.08))
        if 2019 <= year < 2024 and self.rng.random() < 0.25 * profile.schaal:
            begeleiding += self._money(250, 1400) * profile.schaal  # advies, proefplaatsing
        overig = 0.0
        if first >= profile.overig_vanaf:
            overig = self._money(900, 2600) * profile.schaal
        return {
            "loonkosten": beschut * 0.8 * float(self.rng.normal(1, 0.03)),
            "begeleiding": begeleiding,
            "voorschakeltraject": trajecten * TRAJECT_COST_PER_MONTH * self.rng.normal(1, 0.1),
            "overig": overig,
        }


def _taakstelling(profile: Profile, year: int) -> float:
    return profile.taakstelling[year - FIRST_DAY.year]


def _cost_per_plek(year: int) -> float:
    return COST_PER_PLEK_2025 * INDEXATION ** (year - 2025)


# ---------------------------------------------------------------- writing


def _nl_number(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _nl_hours(value: float) -> str:
    return str(int(value)) if value.is_integer() else _nl_number(value, 1)


def _nl_date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _iso_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _write_csv(path: Path, header: Sequence[str], rows: list[list[str]], excel_nl: bool) -> int:
    """Dutch Excel style (BOM, `;`, CRLF) or plain (no BOM, `,`, LF)."""
    encoding, delimiter, newline = ("utf-8-sig", ";", "\r\n") if excel_nl else ("utf-8", ",", "\n")
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


# Rounded CBS figures (1 January 2024); all three lie in arbeidsmarktregio Zuid-Limburg.
INWONERS = {"GM0935": 122_378, "GM0938": 18_863, "GM1903": 25_648}
ARBEIDSMARKTREGIO = "Zuid-Limburg"


def _write_gemeenten(path: Path) -> int:
    """The optional gemeenten file, as a controller would type it in Dutch Excel."""
    header = ["Code", "Naam", "Inwoners", "Arbeidsmarktregio"]
    rows = [
        [str(int(p.code[2:])), p.naam, f"{INWONERS[p.code]:,}".replace(",", "."), ARBEIDSMARKTREGIO]
        for p in PROFILES
    ]
    return _write_csv(path, header, rows, excel_nl=True)


def _write_taakstelling(path: Path, end: date) -> int:
    years = range(FIRST_DAY.year, end.year + 1)
    header = ["CBS-code", "Gemeente", *(f"Ultimo {year}" for year in years)]
    rows = [
        [str(int(p.code[2:])), p.naam, *(_nl_number(_taakstelling(p, y), 1) for y in years)]
        for p in PROFILES
    ]
    return _write_csv(path, header, rows, excel_nl=True)


def _write_plaatsingen(path: Path, plaatsingen: list[Plaatsing]) -> int:
    header = [
        "plaatsing_id", "persoon_id", "gemeente", "instrument", "startdatum", "einddatum",
        "uren_per_week", "werkgever", "kosten_per_maand",
    ]  # fmt: skip
    ordered = sorted(plaatsingen, key=lambda p: (p.gemeente, p.startdatum, p.persoon_id))
    rows = [
        [
            f"PL{number:06d}", p.persoon_id, p.gemeente, p.instrument, _nl_date(p.startdatum),
            _nl_date(p.einddatum), _nl_hours(p.uren_per_week), p.werkgever,
            _nl_number(p.kosten_per_maand) if p.kosten_bekend else "",
        ]
        for number, p in enumerate(ordered, start=1)
    ]  # fmt: skip
    return _write_csv(path, header, rows, excel_nl=True)


def _write_trajecten(path: Path, trajecten: list[Traject]) -> int:
    header = [
        "traject_id", "persoon_id", "gemeente", "startdatum", "einddatum", "uitkomst",
        "advies_aangevraagd", "advies_uitkomst",
    ]  # fmt: skip
    ordered = sorted(trajecten, key=lambda t: (t.gemeente, t.startdatum, t.persoon_id))
    rows = [
        [
            f"TR{number:06d}", t.persoon_id, t.gemeente[2:], _iso_date(t.startdatum),
            _iso_date(t.einddatum), t.uitkomst, _iso_date(t.advies_aangevraagd),
            t.advies_uitkomst or "",
        ]
        for number, t in enumerate(ordered, start=1)
    ]  # fmt: skip
    return _write_csv(path, header, rows, excel_nl=False)


def _write_uitgaven(path: Path, rows: list[tuple[str, str, str, float]]) -> int:
    text_rows = [[code, maand, post, f"{amount:.2f}"] for code, maand, post, amount in rows]
    return _write_csv(path, ["gemeente", "maand", "post", "bedrag"], text_rows, excel_nl=False)


def _write_begroting(path: Path, rows: list[tuple[str, int, str, float, str]], end: date) -> int:
    stamp = datetime(end.year, end.month, end.day, 12, 0, 0)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Begroting"
    sheet.append(["gemeente", "jaar", "post", "bedrag", "versie"])
    for row in rows:
        sheet.append(list(row))
    for cell in sheet["D"][1:]:
        cell.number_format = "#,##0.00"
    for column, width in zip("ABCDE", (10, 8, 20, 14, 16), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.properties.creator = "dashboard.sample_data (synthetische voorbeelddata)"
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(stable_xlsx(buffer.getvalue(), stamp))
    return len(rows)


def stable_xlsx(data: bytes, stamp: datetime) -> bytes:
    """Repack the xlsx with fixed zip times and a fixed 'modified' property."""
    modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    pattern = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = pattern.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()


# ---------------------------------------------------------------- entry points


def write_sample(out_dir: Path, seed: int = 935, end: date = DEFAULT_END) -> dict[str, int]:
    """Write the sample files to out_dir; returns the number of data rows per file."""
    if not date(2018, 1, 1) <= end <= date(LAST_YEAR, 12, 31):
        raise ValueError(f"end must lie in 2018..{LAST_YEAR}, got {end}")
    generator = _Generator(seed, end)
    for profile in PROFILES:  # persons first: beschut werk and the trajecten that feed it
        generator.simulate_beschut(profile)
        generator.waiting_trajecten(profile)
        generator.other_trajecten(profile)
        generator.alternatives(profile)
    generator.drop_kosten()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "taakstelling.csv": _write_taakstelling(out_dir / "taakstelling.csv", end),
        "plaatsingen.csv": _write_plaatsingen(out_dir / "plaatsingen.csv", generator.plaatsingen),
        "trajecten.csv": _write_trajecten(out_dir / "trajecten.csv", generator.trajecten),
        "begroting.xlsx": _write_begroting(out_dir / "begroting.xlsx", generator.begroting(), end),
        "uitgaven.csv": _write_uitgaven(out_dir / "uitgaven.csv", generator.uitgaven()),
        "gemeenten.csv": _write_gemeenten(out_dir / "gemeenten.csv"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    default_out = Path(__file__).resolve().parents[1] / "data" / "sample"
    parser = argparse.ArgumentParser(description="Schrijf synthetische voorbeelddata.")
    parser.add_argument("--out", type=Path, default=default_out, help="doelmap")
    parser.add_argument("--seed", type=int, default=935, help="seed voor de toevalsgenerator")
    args = parser.parse_args(argv)
    counts = write_sample(args.out, seed=args.seed)
    for name, rows in counts.items():
        print(f"{name}: {rows} rijen")
    print(f"geschreven naar {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
