"""Synthetic national data: the contract's five files for up to every gemeente, at any size.

For benchmarks and demos of a region, a province or the whole country. At `schaal` 1
the rates are realistic: the national taakstelling grows from 1.600 plekken ultimo 2015
by 1.150 a year, about 10.000 persons work in beschut werk in 2024, and other
instruments start 2.500 to 3.000 placements a year (45.000 over 2015-2030). `schaal`
multiplies the rows per gemeente (and the taakstelling and the money with them), never
the number of gemeenten: the CBS list has 342 current gemeenten, the most there are.

The files vary like real exports: plaatsingen as Dutch Excel CSV (BOM, `;`, decimal
comma, dd-mm-jjjj, CRLF), trajecten and uitgaven as plain CSV (`,`, ISO dates; the
trajecten with codes without `GM` and leading zeros), the taakstelling in the
Staatscourant annex layout, the begroting as .xlsx. Every file loads without a
single validation problem.

Vectorised with numpy and written with pyarrow, so a hundred times the national size
(millions of rows) takes about a minute. Deterministic: the same arguments give
byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from openpyxl import Workbook

from beschut_dev.sample_data import ALTERNATIVES, BUDGET_SHARE, OUTCOMES, stable_xlsx
from dashboard.store.contract import INSTRUMENTEN, POSTEN, UITKOMSTEN
from dashboard.store.gemeenten import reference

FIRST_YEAR = 2015  # nieuw beschut werk exists since the Participatiewet of 2015
LAST_YEAR = 2050
BOM = b"\xef\xbb\xbf"
NAT = np.datetime64("NaT", "D")

# The national picture at schaal 1 (all current gemeenten together).
TAAKSTELLING_2015 = 1600.0
TAAKSTELLING_GROEI = 1150.0  # plekken added to the national taakstelling each year
REALISATIE_AANDEEL = {  # realised stock ultimo jaar as a share of the taakstelling
    2015: 0.25, 2016: 0.45, 2017: 0.60, 2018: 0.70, 2019: 0.75,
    2020: 0.78, 2021: 0.80, 2022: 0.82, 2023: 0.83, 2024: 0.84,
}  # fmt: skip
REALISATIE_AANDEEL_MAX = 0.90
STREVEN = 1.09  # gemeenten aim this much above it: steering and capacity hold some back
UITSTROOM_PER_MAAND = 0.008  # chance a beschut werk placement ends in a month (~9 %/jaar)
NIEUWE_BAAN = 0.4  # share of those who go on at another werkgever a few days later
TWEEDE_BAAN = 0.02  # persons with a second, small beschut placement beside the first
ANDERE_INSTRUMENTEN_PER_JAAR = 2500.0  # placements in other instruments started nationally
JOBCOACHING_ERBIJ = 0.15  # loonkostensubsidie with jobcoaching alongside
TRAJECT_VOOR_BESCHUT = 0.85  # new beschut werk persons who came through a voorschakeltraject
ANDERE_TRAJECTEN = 0.6  # other trajecten per person newly placed in beschut werk
KOSTEN_ONBEKEND = 0.05  # the export lacks kosten_per_maand for some rows
KOSTEN_PER_PLEK_2025 = 28_000.0
INDEXATIE = 1.025
VOORJAARSNOTA_VANAF = 2020
TRAJECT_KOSTEN_PER_MAAND = 310.0
CORRECTIE_KANS = 0.002  # uitgaven rows that carry a credit note
GROTE_STEDEN = {"GM0363": 3.0, "GM0599": 2.4, "GM0518": 2.0, "GM0344": 1.4}  # × the largest
# How gemeenten steer (drawn once per gemeente of the CBS list, so a subset keeps them):
LAAT_BEGONNEN = 0.2  # share that starts recruiting only in 2016..2019
STURT_OP_TAAKSTELLING = 0.45  # share that stops referring for the year once at its taakstelling
PLAATSEN_BEPERKT = 0.2  # share whose mensontwikkelbedrijf has a fixed number of places
PLAATSEN_AANDEEL = (0.75, 1.0)  # those places, as a share of the gemeente's curve ultimo 2023
VRIJGAVE_PER_MAAND = 0.3  # share of the waiting list placed in an ordinary month
SEIZOEN = (2.2, 1.0, 1.0, 0.9, 0.9, 0.8, 0.3, 0.5, 2.0, 1.0, 0.9, 0.4)  # × that, per month

# Werkgevers are "<soort> <gemeentenaam>"; beschut werk uses the first four.
SW_BEDRIJF = 0
DETACHERING = (1, 2, 3)
WERKGEVER_SOORTEN = (
    "Werkbedrijf", "Zorgcentrum", "Groenbedrijf", "Kringloop",
    "Bouwbedrijf", "Logistiek", "Schoonmaakbedrijf", "Supermarkt", "Hotel", "Bakkerij",
    "Garage", "Tuincentrum", "Installatiebedrijf", "Kinderopvang", "Drukkerij",
    "Metaalbewerking", "Catering", "Wasserij", "Fietsenmakerij", "Verpakkingen",
    "Dagbesteding", "Zorgboerderij", "Dagcentrum", "Opleidingscentrum", "Vakschool",
)  # fmt: skip
GEWOON = np.arange(4, 20)
ZORG = np.arange(20, 23)
SCHOOL = np.arange(23, 25)


class KeuzeError(ValueError):
    """A choice that cannot be generated; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class Keuze:
    """What to generate: how many gemeenten, which years, how large, which seed."""

    gemeenten: int | None = None  # None = every current gemeente
    van: int = FIRST_YEAR
    tot: int = 2030
    seed: int = 342
    schaal: float = 1.0

    def check(self) -> None:
        """Raises KeuzeError for a choice that cannot be generated."""
        count = len(current_gemeenten())
        if not FIRST_YEAR <= self.van <= self.tot <= LAST_YEAR:
            raise KeuzeError(f"de jaren moeten liggen in {FIRST_YEAR}..{LAST_YEAR}, met van <= tot")
        if self.gemeenten is not None and not 1 <= self.gemeenten <= count:
            raise KeuzeError(f"het aantal gemeenten moet liggen in 1..{count}")
        if not 0 < self.schaal <= 1000:
            raise KeuzeError("de schaal moet groter dan 0 zijn en hoogstens 1000")


def current_gemeenten() -> list[tuple[str, str]]:
    """Code and name of every gemeente that exists today (CBS list), sorted by code."""
    frame = reference()
    frame = frame[frame["tot"].isna()].sort_values("code")
    return list(zip(frame["code"], frame["naam"], strict=True))


def generate(out_dir: str | Path, keuze: Keuze) -> dict[str, int]:
    """Write the five files to out_dir; returns the number of data rows per file."""
    keuze.check()
    world = _World(keuze)
    beschut = world.beschut_werk()
    persons = len(beschut.first_start)
    anders = world.andere_instrumenten(first_person=persons)
    trajecten = world.trajecten(beschut, first_person=persons + len(anders["persoon"]))
    plaatsingen = world.in_period(_concat([beschut.spells, anders]))
    trajecten = world.in_period(trajecten)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "taakstelling.csv": _write_taakstelling(out / "taakstelling.csv", world),
        "plaatsingen.csv": _write_plaatsingen(out / "plaatsingen.csv", world, plaatsingen),
        "trajecten.csv": _write_trajecten(out / "trajecten.csv", world, trajecten),
        "begroting.xlsx": _write_begroting(out / "begroting.xlsx", world),
        "uitgaven.csv": _write_uitgaven(out / "uitgaven.csv", world, plaatsingen, trajecten),
    }


# ---------------------------------------------------------------- the simulated world
# Rows are dicts of equal-length numpy arrays; dates are datetime64[D] with NaT for an
# empty date, categories are indexes into the contract's lists.


@dataclass
class _Beschut:
    spells: dict[str, np.ndarray]  # one entry per placement
    first_start: np.ndarray  # per person (numbered from 0): first startdatum
    first_gemeente: np.ndarray  # and gemeente
    waited: np.ndarray  # months on the waiting list between positief advies and placement


class _World:
    """Gemeenten with a size and a pace, a calendar from 2015, and one random generator."""

    def __init__(self, keuze: Keuze) -> None:
        self.keuze = keuze
        self.rng = np.random.default_rng(keuze.seed)
        everyone = current_gemeenten()
        weights = self.rng.lognormal(0.0, 0.8, len(everyone))
        largest = weights.max()
        for i, (code, _) in enumerate(everyone):
            weights[i] = largest * GROTE_STEDEN.get(code, weights[i] / largest)
        pace = np.clip(self.rng.lognormal(0.0, 0.25, len(everyone)), 0.5, 1.6)
        chosen = np.arange(len(everyone))
        if keuze.gemeenten is not None:
            chosen = np.sort(self.rng.choice(len(everyone), keuze.gemeenten, replace=False))
        steering = np.random.default_rng([keuze.seed, 1])  # the old draws stay as they were
        late = steering.random(len(everyone)) < LAAT_BEGONNEN
        self.first_year = np.where(late, steering.integers(2016, 2020, len(everyone)), FIRST_YEAR)[
            chosen
        ]
        self.steers = (steering.random(len(everyone)) < STURT_OP_TAAKSTELLING)[chosen]
        limited = (steering.random(len(everyone)) < PLAATSEN_BEPERKT)[chosen]
        places_share = steering.uniform(*PLAATSEN_AANDEEL, len(everyone))[chosen]
        self.codes = [everyone[i][0] for i in chosen]
        self.names = [everyone[i][1] for i in chosen]
        # Each gemeente's share of the nation (taakstelling), and of the realisatie.
        self.relative = weights[chosen] / weights.mean()  # 1 = an average gemeente
        self.size = keuze.schaal * weights[chosen] / weights.sum()
        self.pace = keuze.schaal * (weights * pace)[chosen] / (weights * pace).sum()
        self.first_day = np.datetime64(f"{keuze.van}-01-01", "D")
        self.end = np.datetime64(f"{keuze.tot}-12-31", "D")
        self.month_start = np.arange(
            np.datetime64(f"{FIRST_YEAR}-01", "M"), np.datetime64(f"{keuze.tot + 1}-02", "M")
        ).astype("datetime64[D]")  # month m runs from month_start[m] to month_start[m+1]-1
        self.months = len(self.month_start) - 1
        ultimo_2023 = self.target_stock()[:, min((2023 - FIRST_YEAR) * 12 + 11, self.months - 1)]
        places = np.maximum(np.round(places_share * ultimo_2023), 1)
        self.places = np.where(limited, places, np.iinfo(np.int32).max).astype(np.int64)
        self.wachtlijst: list[list[list[int]]] = []  # per gemeente: [referral month, count]

    # -- the national curves

    def taakstelling(self, years: np.ndarray) -> np.ndarray:
        """Per gemeente (rows) and year (columns): plekken ultimo jaar."""
        national = TAAKSTELLING_2015 + TAAKSTELLING_GROEI * (years - FIRST_YEAR)
        return self.size[:, None] * national[None, :]

    def target_stock(self) -> np.ndarray:
        """Per gemeente and month-end from January 2015: persons in beschut werk."""
        years = np.arange(FIRST_YEAR, self.keuze.tot + 1)
        national_quota = TAAKSTELLING_2015 + TAAKSTELLING_GROEI * (years - FIRST_YEAR)
        share = np.array([_aandeel(int(y)) for y in years])
        year_end = np.concatenate([[0.0], national_quota * share])  # ultimo 2014: none
        month_ends = np.arange(1, self.months + 1)  # in months after 31 December 2014
        national = np.interp(month_ends, np.arange(len(year_end)) * 12.0, year_end)
        return STREVEN * self.pace[:, None] * national[None, :]

    def in_period(self, rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Drop what ended before the first year: an export holds what ran in its period."""
        keep = np.isnat(rows["eind"]) | (rows["eind"] >= self.first_day)
        return {key: values[keep] for key, values in rows.items()}

    # -- beschut werk

    def beschut_werk(self) -> _Beschut:
        """Month by month, each gemeente refers persons (a positief advies) until its
        stock and waiting list reach its goal, and places them from that waiting list at
        a seasonal pace (most in January and September), as far as its
        mensontwikkelbedrijf has places. Goal: the gemeente's curve (target_stock); a
        gemeente that steers aims no higher than its taakstelling of the year and, once
        its stock has reached it, refers nobody until the next year (leavers are not
        replaced before January); a late starter has none before its first year. Each
        person's career (placements one after another, some moving on to another
        werkgever a few days later) is drawn when placed, so the stock the gemeenten
        steer on is the one the files show."""
        goal = self._goals()
        gemeenten = len(self.codes)
        stock = np.zeros(gemeenten, dtype=np.int64)
        exits = np.zeros((gemeenten, self.months + 1), dtype=np.int64)
        queues: list[deque] = [deque() for _ in range(gemeenten)]  # [referral month, count]
        waiting = np.zeros(gemeenten, dtype=np.int64)
        quota = self._quota_per_month()
        reached = np.zeros(gemeenten, dtype=bool)
        parts, firsts, gemeente_of, waited = [], [], [], []
        persons = 0
        for m in range(self.months):
            release = min(1.0, VRIJGAVE_PER_MAAND * SEIZOEN[m % 12])
            reached = (reached & (m % 12 != 0)) | (stock >= quota[:, m])
            wanted = np.where(self.steers & reached, 0.0, goal[:, m] - stock - waiting)
            referred = np.floor(np.maximum(wanted, 0) + self.rng.random(gemeenten)).astype(int)
            for g in np.flatnonzero(referred):
                queues[g].append([m, int(referred[g])])
            waiting += referred
            room = np.maximum(self.places - stock + exits[:, m], 0)
            placed = np.minimum(self.rng.binomial(waiting, release), room)
            waiting -= placed
            gemeente = np.repeat(np.arange(gemeenten, dtype=np.int32), placed)
            month = np.full(len(gemeente), m)
            start = self._day_in_month(month)
            person = persons + np.arange(len(start), dtype=np.int64)
            persons += len(start)
            if not len(start):
                stock -= exits[:, m]
                continue
            spells = self._careers(person, gemeente, start)
            last = _last_day_per_person(spells, person)
            gone = ~np.isnat(last)
            out = np.minimum(_month_index(last[gone] + 1), self.months)
            np.add.at(exits, (gemeente[gone], out), 1)
            stock += placed - exits[:, m]
            parts.append(spells)
            firsts.append(start)
            gemeente_of.append(gemeente)
            waited.append(m - _take_from(queues, placed))
        self.wachtlijst = [list(q) for q in queues]  # still waiting at the end
        spells = _concat(parts)
        return _Beschut(
            _concat([spells, self._second_jobs(spells)]),
            np.concatenate(firsts),
            np.concatenate(gemeente_of),
            np.concatenate(waited),
        )

    def _quota_per_month(self) -> np.ndarray:
        """Per gemeente and month: the taakstelling of the month's year."""
        years = np.arange(self.months) // 12
        return self.taakstelling(np.arange(FIRST_YEAR, self.keuze.tot + 1))[:, years]

    def _goals(self) -> np.ndarray:
        """Per gemeente and month: the persons in beschut werk it aims for."""
        curve = self.target_stock()
        years = FIRST_YEAR + np.arange(self.months) // 12
        quota = self._quota_per_month()
        goal = np.where(self.steers[:, None], np.minimum(curve, quota), curve)
        return np.where(years[None, :] >= self.first_year[:, None], goal, 0.0)

    def _spread(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Counts per gemeente (rows) and period (columns) → one row per event."""
        gemeenten, periods = counts.shape
        gemeente = np.repeat(np.repeat(np.arange(gemeenten), periods), counts.ravel())
        period = np.repeat(np.tile(np.arange(periods), gemeenten), counts.ravel())
        return gemeente.astype(np.int32), period

    def _day_in_month(self, month: np.ndarray) -> np.ndarray:
        length = (self.month_start[month + 1] - self.month_start[month]).astype(np.int64)
        return self.month_start[month] + (self.rng.random(len(month)) * length).astype(np.int64)

    def _careers(self, person: np.ndarray, gemeente: np.ndarray, start: np.ndarray) -> dict:
        """Each person's placements one after another, until one runs past the end."""
        parts = []
        employer = np.where(
            self.rng.random(len(person)) < 0.75,
            SW_BEDRIJF,
            self.rng.choice(DETACHERING, len(person)),
        )
        while len(person):
            months = self.rng.exponential(1 / UITSTROOM_PER_MAAND, len(person))
            end = start + 90 + (months * 30.44).astype(np.int64)
            end = np.where(end > self.end, NAT, end)
            parts.append(self._beschut_rows(person, gemeente, start, end, employer))
            next_start = end + self.rng.integers(1, 5, len(person))
            goes_on = (self.rng.random(len(person)) < NIEUWE_BAAN) & (next_start <= self.end)
            shift = self.rng.integers(1, len(DETACHERING) + 1, len(person))
            other = (employer + shift) % (len(DETACHERING) + 1)  # always another werkgever
            person, gemeente = person[goes_on], gemeente[goes_on]
            start, employer = next_start[goes_on], other[goes_on]
        return _concat(parts)

    def _second_jobs(self, spells: dict) -> dict:
        """A few persons hold a second, small placement beside their first."""
        pick = np.flatnonzero(self.rng.random(len(spells["persoon"])) < TWEEDE_BAAN)
        start = spells["start"][pick] + self.rng.integers(0, 181, len(pick))
        end = start + self.rng.integers(90, 366, len(pick))
        main_end = spells["eind"][pick]
        end = np.where(np.isnat(main_end), end, np.minimum(end, main_end))
        keep = (start <= end) & (start <= self.end)
        end = np.where(end > self.end, NAT, end)
        return self._beschut_rows(
            spells["persoon"][pick][keep],
            spells["gemeente"][pick][keep],
            start[keep],
            end[keep],
            self.rng.choice(DETACHERING, keep.sum()),
            hours=self.rng.integers(8, 17, keep.sum()).astype(float),
        )

    def _beschut_rows(
        self,
        person: np.ndarray,
        gemeente: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        employer: np.ndarray,
        hours: np.ndarray | None = None,
    ) -> dict:
        n = len(person)
        hours = self._beschut_hours(n) if hours is None else hours
        year = start.astype("datetime64[Y]").astype(np.int64) + 1970
        kosten = np.minimum(1880 + 25 * (hours - 16) + self.rng.uniform(20, 200, n), 2600)
        return {
            "persoon": person,
            "gemeente": gemeente,
            "instrument": np.full(n, INSTRUMENTEN.index("beschut_werk"), dtype=np.int8),
            "start": start,
            "eind": end,
            "uren": hours,
            "werkgever": np.asarray(employer, dtype=np.int16),
            "kosten": np.round(kosten * INDEXATIE ** (year - 2025), 2),
        }

    def _beschut_hours(self, n: int) -> np.ndarray:
        """Mostly 24 to 32 hours, some 16 to 20, a few full-time 36; now and then a half."""
        draw, half = self.rng.random(n), self.rng.random(n)
        small = np.minimum(self.rng.integers(16, 21, n) + np.where(half < 0.15, 0.5, 0), 20)
        usual = np.minimum(self.rng.integers(24, 33, n) + np.where(half < 0.2, 0.5, 0), 32)
        return np.where(draw >= 0.92, 36.0, np.where(draw < 0.12, small, usual))

    # -- other instruments

    def andere_instrumenten(self, first_person: int) -> dict:
        """Placements in the other instruments, started evenly over the years."""
        names = list(ALTERNATIVES)
        weights = np.array([ALTERNATIVES[name].weight for name in names])
        years = np.arange(FIRST_YEAR, self.keuze.tot + 1)
        expected = np.outer(self.size, np.full(len(years), ANDERE_INSTRUMENTEN_PER_JAAR))
        gemeente, period = self._spread(self.rng.poisson(expected))
        year = years[period]
        first = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
        length = np.where(year % 4 == 0, 366, 365)
        start = first + (self.rng.random(len(year)) * length).astype(np.int64)
        kind = self.rng.choice(len(names), len(year), p=weights / weights.sum())
        person = first_person + np.arange(len(year), dtype=np.int64)
        coach = (kind == names.index("loonkostensubsidie")) & (
            self.rng.random(len(year)) < JOBCOACHING_ERBIJ
        )
        coaching = np.full(coach.sum(), names.index("jobcoaching"))
        return _concat(
            [
                self._instrument_rows(person, gemeente, start, kind, names),
                self._instrument_rows(person[coach], gemeente[coach], start[coach], coaching,
                                      names),
            ]
        )  # fmt: skip

    def _instrument_rows(
        self,
        person: np.ndarray,
        gemeente: np.ndarray,
        start: np.ndarray,
        kind: np.ndarray,
        names: list[str],
    ) -> dict:
        n = len(person)
        specs = [ALTERNATIVES[name] for name in names]

        def per_kind(values: list[float]) -> np.ndarray:
            return np.array(values)[kind]

        days = self.rng.integers(
            per_kind([s.months[0] * 30 for s in specs]),
            per_kind([s.months[1] * 30 for s in specs]) + 1,
        )
        end = start + days - 1
        top = per_kind([s.hours[1] for s in specs])
        hours = self.rng.integers(per_kind([s.hours[0] for s in specs]), top + 1).astype(float)
        hours += np.where((hours < top) & (self.rng.random(n) < 0.2), 0.5, 0.0)
        kosten = self.rng.uniform(
            per_kind([s.kosten[0] for s in specs]), per_kind([s.kosten[1] for s in specs])
        )
        instrument = np.array([INSTRUMENTEN.index(name) for name in names], dtype=np.int8)
        return {
            "persoon": person,
            "gemeente": gemeente,
            "instrument": instrument[kind],
            "start": start,
            "eind": np.where(end > self.end, NAT, end),
            "uren": hours,
            "werkgever": self._werkgevers(kind, names),
            "kosten": np.round(kosten, 2),
        }

    def _werkgevers(self, kind: np.ndarray, names: list[str]) -> np.ndarray:
        n = len(kind)
        employer = self.rng.choice(GEWOON, n)
        zorg = kind == names.index("dagbesteding")
        employer[zorg] = self.rng.choice(ZORG, zorg.sum())
        school = kind == names.index("scholing")
        employer[school] = self.rng.choice(SCHOOL, school.sum())
        sw = (kind == names.index("loonkostensubsidie")) & (self.rng.random(n) < 0.12)
        employer[sw] = SW_BEDRIJF
        return employer.astype(np.int16)

    # -- voorschakeltrajecten

    def trajecten(self, beschut: _Beschut, first_person: int) -> dict:
        """One before most new beschut werk persons, and others with every outcome."""
        andere = self._andere_trajecten(beschut, first_person)
        return _concat(
            [
                self._trajecten_naar_beschut(beschut),
                andere,
                self._wachtend(first_person + len(andere["persoon"])),
            ]
        )

    def _trajecten_naar_beschut(self, beschut: _Beschut) -> dict:
        """Backwards from the placement: advies 1-3 months before plus the months on the
        waiting list, requested 1-2 months before the advies."""
        person = np.flatnonzero(self.rng.random(len(beschut.first_start)) < TRAJECT_VOOR_BESCHUT)
        placed = beschut.first_start[person]
        aangevraagd = placed - self.rng.integers(30, 91, len(person))
        aangevraagd -= np.round(beschut.waited[person] * 30.44).astype(np.int64)
        aangevraagd -= self.rng.integers(28, 57, len(person))
        start = aangevraagd - self.rng.integers(60, 151, len(person))
        keep = start >= np.datetime64(f"{FIRST_YEAR}-01-01")
        n = int(keep.sum())
        return {
            "persoon": person[keep].astype(np.int64),
            "gemeente": beschut.first_gemeente[person][keep],
            "start": start[keep],
            "eind": placed[keep],
            "uitkomst": np.full(n, UITKOMSTEN.index("beschut_werk"), dtype=np.int8),
            "aangevraagd": aangevraagd[keep],
            "advies": np.zeros(n, dtype=np.int8),  # positief
        }

    def _andere_trajecten(self, beschut: _Beschut, first_person: int) -> dict:
        """Trajecten ending otherwise, in the gemeenten and years where beschut werk grows."""
        n = int(round(ANDERE_TRAJECTEN * len(beschut.first_start)))
        source = self.rng.integers(0, len(beschut.first_start), n)
        start = beschut.first_start[source] - self.rng.integers(0, 365, n)
        start = np.maximum(start, np.datetime64(f"{FIRST_YEAR}-01-01"))
        names = list(OUTCOMES)
        rules = [OUTCOMES[name] for name in names]
        weights = np.array([rule.weight for rule in rules])
        kind = self.rng.choice(len(names), n, p=weights / weights.sum())
        uwv = self.rng.random(n) < np.array([rule.p_uwv for rule in rules])[kind]
        positief = self.rng.random(n) < np.array([rule.p_positief for rule in rules])[kind]
        aangevraagd = start + self.rng.integers(60, 151, n)
        advies_dag = aangevraagd + self.rng.integers(28, 57, n)
        duur = self.rng.integers(
            np.array([r.duur[0] for r in rules])[kind], np.array([r.duur[1] for r in rules])[kind]
        )
        end = np.where(uwv, advies_dag + self.rng.integers(7, 61, n), start + duur)
        running = end > self.end
        uitkomst = np.array([UITKOMSTEN.index(name) for name in names], dtype=np.int8)[kind]
        uitkomst[running] = UITKOMSTEN.index("lopend")
        asked = uwv & (aangevraagd <= self.end)
        answered = asked & (advies_dag <= self.end)
        return {
            "persoon": first_person + np.arange(n, dtype=np.int64),
            "gemeente": beschut.first_gemeente[source],
            "start": start,
            "eind": np.where(running, NAT, end),
            "uitkomst": uitkomst,
            "aangevraagd": np.where(asked, aangevraagd, NAT),
            "advies": np.where(answered, np.where(positief, 0, 1), -1).astype(np.int8),
        }

    def _wachtend(self, first_person: int) -> dict:
        """Those still on a waiting list at the end: a positief advies, no place yet."""
        counts = [(g, month, n) for g, queue in enumerate(self.wachtlijst) for month, n in queue]
        gemeente = np.repeat([g for g, _, _ in counts], [n for _, _, n in counts]).astype(np.int32)
        month = np.repeat([m for _, m, _ in counts], [n for _, _, n in counts]).astype(np.int64)
        advies_dag = self._day_in_month(month)
        aangevraagd = advies_dag - self.rng.integers(28, 57, len(month))
        start = np.maximum(
            aangevraagd - self.rng.integers(60, 151, len(month)),
            np.datetime64(f"{FIRST_YEAR}-01-01"),
        )
        n = len(month)
        return {
            "persoon": first_person + np.arange(n, dtype=np.int64),
            "gemeente": gemeente,
            "start": start,
            "eind": np.full(n, NAT),
            "uitkomst": np.full(n, UITKOMSTEN.index("lopend"), dtype=np.int8),
            "aangevraagd": aangevraagd,
            "advies": np.zeros(n, dtype=np.int8),  # positief
        }

    # -- money

    def begroting(self) -> list[tuple[int, int, str, float, str]]:
        """Primitieve begroting for every year, then a voorjaarsnota from 2020 on."""
        years = np.arange(self.keuze.van, self.keuze.tot + 1)
        cost = KOSTEN_PER_PLEK_2025 * INDEXATIE ** (years - 2025)
        total = self.taakstelling(years) * cost[None, :]
        shares = np.array([BUDGET_SHARE[post] for post in POSTEN])
        noise = self.rng.normal(1, 0.02, (*total.shape, len(POSTEN)))
        amounts = np.round(total[:, :, None] * shares[None, None, :] * noise, 2)
        revised = np.round(amounts * self.rng.uniform(0.98, 1.06, amounts.shape), 2)
        rows = []
        for versie, values, from_year in (
            ("primitief", amounts, self.keuze.van),
            ("voorjaarsnota", revised, VOORJAARSNOTA_VANAF),
        ):
            for g, code in enumerate(self.codes):
                for y, year in enumerate(years):
                    if year < from_year:
                        continue
                    for p, post in enumerate(POSTEN):
                        rows.append((int(code[2:]), int(year), post, float(values[g, y, p]),
                                     versie))  # fmt: skip
        return rows

    def uitgaven(self, plaatsingen: dict, trajecten: dict) -> dict[str, np.ndarray]:
        """Per gemeente, month and post: loonkosten and begeleiding of beschut werk,
        the voorschakeltrajecten running, and some overig; now and then a credit note."""
        beschut = plaatsingen["instrument"] == INSTRUMENTEN.index("beschut_werk")
        kosten = self._per_month(
            {k: v[beschut] for k, v in plaatsingen.items()}, plaatsingen["kosten"][beschut]
        )
        lopend = self._per_month(trajecten, np.ones(len(trajecten["start"])))
        shape = kosten.shape
        overig = self.rng.uniform(900, 2600, shape) * self.relative[:, None] * self.keuze.schaal
        amounts = np.stack(
            [
                kosten * 0.8 * self.rng.normal(1, 0.03, shape),
                kosten * 0.2 * self.rng.normal(1, 0.08, shape),
                lopend * TRAJECT_KOSTEN_PER_MAAND * self.rng.normal(1, 0.1, shape),
                overig,
            ],
            axis=2,
        )
        correction = self.rng.random(amounts.shape) < CORRECTIE_KANS
        amounts[correction] -= self.rng.uniform(500, 5000, correction.sum())
        first = (self.keuze.van - FIRST_YEAR) * 12
        amounts = np.round(amounts[:, first:, :], 2) + 0.0  # no "-0.00"
        g, m, p = np.indices(amounts.shape)
        return {
            "gemeente": g.ravel(),
            "maand": self.month_start[first:-1][m.ravel()],
            "post": p.ravel(),
            "bedrag": amounts.ravel(),
        }

    def _per_month(self, rows: dict, weight: np.ndarray) -> np.ndarray:
        """Per gemeente and month: the summed weight of the rows running in that month."""
        months = self.months
        first = _month_index(rows["start"])
        stop = np.where(np.isnat(rows["eind"]), months, _month_index(rows["eind"]) + 1)
        change = np.zeros((len(self.codes), months + 1))
        np.add.at(change, (rows["gemeente"], np.clip(first, 0, months)), weight)
        np.add.at(change, (rows["gemeente"], np.clip(stop, 0, months)), -weight)
        return np.cumsum(change, axis=1)[:, :months]


def _aandeel(year: int) -> float:
    if year in REALISATIE_AANDEEL:
        return REALISATIE_AANDEEL[year]
    last = max(REALISATIE_AANDEEL)
    return min(REALISATIE_AANDEEL[last] + 0.01 * (year - last), REALISATIE_AANDEEL_MAX)


def _last_day_per_person(spells: dict, persons: np.ndarray) -> np.ndarray:
    """Per person (in the order of `persons`, numbered consecutively): the end of the last
    placement, NaT while one still runs."""
    first = persons[0] if len(persons) else 0
    index = spells["persoon"] - first
    running = np.zeros(len(persons), dtype=bool)
    running[index[np.isnat(spells["eind"])]] = True
    last = np.full(len(persons), np.datetime64("1900-01-01", "D"))
    ended = ~np.isnat(spells["eind"])
    np.maximum.at(last, index[ended], spells["eind"][ended])
    return np.where(running, NAT, last)


def _take_from(queues: list[deque], placed: np.ndarray) -> np.ndarray:
    """Take `placed` persons per gemeente from the front of its waiting list; returns
    each one's referral month, in gemeente order."""
    months: list[int] = []
    for g in np.flatnonzero(placed):
        need, queue = int(placed[g]), queues[g]
        while need:
            take = min(need, queue[0][1])
            months.extend([queue[0][0]] * take)
            queue[0][1] -= take
            need -= take
            if queue[0][1] == 0:
                queue.popleft()
    return np.array(months, dtype=np.int64)


def _month_index(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[M]").astype(np.int64)
    return months - (FIRST_YEAR - 1970) * 12


def _concat(parts: list[dict]) -> dict:
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


# ---------------------------------------------------------------- writing


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(str), type=pa.string())


def _numbered(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _dates(values: np.ndarray, dutch: bool) -> pa.Array:
    days = pa.array(values, type=pa.date32(), from_pandas=True)  # NaT → empty
    return pc.strftime(days, format="%d-%m-%Y") if dutch else pc.cast(days, pa.string())


def _decimal_comma(values: pa.Array) -> pa.Array:
    return pc.replace_substring(values, ".", ",")


def _amounts(values: np.ndarray) -> pa.Array:
    """Two decimals, always: 2100.50."""
    return pc.cast(pc.cast(pa.array(values), pa.decimal128(14, 2)), pa.string())


def _pseudonym(person: np.ndarray, seed: int) -> pa.Array:
    """A ten-digit persoon_id, one per person: a bijection on 0..10^10-1."""
    scrambled = (person * 104_729 + seed * 7_919 + 12_345) % 10**10
    return _numbered("P", scrambled, 10)


def _lookup(names: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(names, type=pa.string()).take(pa.array(index))


def _write_csv(path: Path, columns: dict[str, pa.Array], dutch: bool) -> int:
    """Dutch Excel style (BOM, `;`, CRLF) or plain (`,`, LF); nothing quoted."""
    table = pa.table(columns)
    options = pa_csv.WriteOptions(
        delimiter=";" if dutch else ",",
        eol="\r\n" if dutch else "\n",
        quoting_style="none",
        quoting_header="none",
    )
    with path.open("wb") as handle:
        if dutch:
            handle.write(BOM)
        pa_csv.write_csv(table, handle, options)
    return table.num_rows


def _write_taakstelling(path: Path, world: _World) -> int:
    years = np.arange(world.keuze.van, world.keuze.tot + 1)
    quota = np.round(world.taakstelling(years), 1)
    columns = {
        "CBS-code": pa.array([str(int(code[2:])) for code in world.codes] + [""]),
        "Gemeente": pa.array([*world.names, "Totaal"]),
    }
    for y, year in enumerate(years):
        column = np.append(quota[:, y], np.round(quota[:, y].sum(), 1))
        columns[f"Ultimo {year}"] = _decimal_comma(pc.cast(pa.array(column), pa.string()))
    return _write_csv(path, columns, dutch=True) - 1  # the Totaal row is no data


def _write_plaatsingen(path: Path, world: _World, rows: dict) -> int:
    order = np.lexsort((rows["persoon"], rows["start"], rows["gemeente"]))
    rows = {key: values[order] for key, values in rows.items()}
    n = len(order)
    employers = [f"{kind} {name}" for name in world.names for kind in WERKGEVER_SOORTEN]
    employer = rows["gemeente"].astype(np.int64) * len(WERKGEVER_SOORTEN) + rows["werkgever"]
    kosten = _decimal_comma(_amounts(rows["kosten"]))
    unknown = world.rng.random(n) < KOSTEN_ONBEKEND
    columns = {
        "plaatsing_id": _numbered("PL", np.arange(1, n + 1), 8),
        "persoon_id": _pseudonym(rows["persoon"], world.keuze.seed),
        "gemeente": _lookup(world.codes, rows["gemeente"]),
        "instrument": _lookup(list(INSTRUMENTEN), rows["instrument"]),
        "startdatum": _dates(rows["start"], dutch=True),
        "einddatum": _dates(rows["eind"], dutch=True),
        "uren_per_week": _decimal_comma(pc.cast(pa.array(rows["uren"]), pa.string())),
        "werkgever": _lookup(employers, employer),
        "kosten_per_maand": pc.if_else(pa.array(unknown), pa.scalar(None, pa.string()), kosten),
    }
    return _write_csv(path, columns, dutch=True)


def _write_trajecten(path: Path, world: _World, rows: dict) -> int:
    order = np.lexsort((rows["persoon"], rows["start"], rows["gemeente"]))
    rows = {key: values[order] for key, values in rows.items()}
    advies = pa.array(["positief", "negatief"], type=pa.string()).take(
        pa.array(rows["advies"], mask=rows["advies"] < 0)
    )
    columns = {
        "traject_id": _numbered("TR", np.arange(1, len(order) + 1), 8),
        "persoon_id": _pseudonym(rows["persoon"], world.keuze.seed),
        "gemeente": _lookup([str(int(code[2:])) for code in world.codes], rows["gemeente"]),
        "startdatum": _dates(rows["start"], dutch=False),
        "einddatum": _dates(rows["eind"], dutch=False),
        "uitkomst": _lookup(list(UITKOMSTEN), rows["uitkomst"]),
        "advies_aangevraagd": _dates(rows["aangevraagd"], dutch=False),
        "advies_uitkomst": advies,
    }
    return _write_csv(path, columns, dutch=False)


def _write_uitgaven(path: Path, world: _World, plaatsingen: dict, trajecten: dict) -> int:
    rows = world.uitgaven(plaatsingen, trajecten)
    columns = {
        "gemeente": _lookup(world.codes, rows["gemeente"]),
        "maand": _text(rows["maand"].astype("datetime64[M]")),
        "post": _lookup(list(POSTEN), rows["post"]),
        "bedrag": _amounts(rows["bedrag"]),
    }
    return _write_csv(path, columns, dutch=False)


def _write_begroting(path: Path, world: _World) -> int:
    rows = world.begroting()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Begroting")
    sheet.append(["Gemeente", "Jaar", "Post", "Bedrag", "Versie"])
    for row in rows:
        sheet.append(row)
    stamp = _stamp(world.keuze.tot)
    workbook.properties.creator = "dashboard.generate (synthetische data)"
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(stable_xlsx(buffer.getvalue(), stamp))
    return len(rows)


def _stamp(year: int) -> dt.datetime:
    return dt.datetime(year, 12, 31, 12, 0, 0)
