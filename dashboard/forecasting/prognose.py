"""Prognose: a monthly stock-and-flow model of beschut werk per gemeente, to 2030.

Fitted on the loaded history at a peildatum (see sql/prognose_invoer.sql and
sql/prognose_pijplijn.sql), simulated as a seeded Monte Carlo in numpy:

- stock: the persons in beschut werk at the peildatum (month 0 = its month-end);
- uitstroom: each month every running dienstverband ends with probability p, the
  observed exits per person-month over the last 24 months (pooled over the chosen
  gemeenten where one has under 24 person-months of history);
- instroom: μ_m = pijplijn_m for the months the pipeline covers, then the base rate;
  accumulated per path, a person starting each time the sum passes a whole number
  (a planned pace from a random phase: the timing varies). The known pipeline
  feeds the near months: persons waiting with a positief advies convert at the
  observed share, spread over the observed advies-to-placement time; running
  trajecten convert at the observed share of trajecten ending in beschut werk,
  spread over the observed traject-to-placement time H. Trajecten that have not
  started yet cannot arrive before H, so from then on the base rate, the recent
  monthly instroom (last 12 months, or since the first placement), carries on, or
  where a gemeente keeps its pace the rate its stand's 36-month growth implies (see
  GROEI_MIN_MAANDEN and PIJPLIJN_KRIMP); each path replaces its own leavers;
- steering (`sturing`): where the last 36 months show it, a gemeente's instroom
  depends on where it stands against its taakstelling: months that started at or
  above the taakstelling of their year had clearly less instroom than months below
  it ("taakstelling": in the simulation the instroom drops by that factor once a path
  is past the taakstelling, and picks up when the next year's is higher); or the
  stand stayed flat below the taakstelling for a year while persons with a positief
  advies were waiting ("capaciteit": no more plekken than that stand). Elsewhere
  today's behaviour ("tempo"): the recent rate carries on. The user can set a
  capacity (Scenario.capaciteit) for any selection;
- uncertainty: besides the monthly randomness, each path draws its own base rate
  and exit chance from what they were estimated on (Gamma and Beta), so the 80% band
  also reflects how little history there is; the spread of a month's instroom and
  the weight of the rate's counts are calibrated on the national backtest
  (INSTROOM_SPREIDING, RATE_ZEKERHEID, SPREIDING_TOT); the 80% band of whole-number
  stands is the interval the paths fill closest to 80% (see band).

Everything here is plain Python and numpy: no Streamlit, no SQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import asdict, dataclass, replace
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

HORIZON_YEAR = 2030
DEFAULT_PATHS = 1000
DEFAULT_SEED = 935
TARGET_CHANCE = 0.8
BAND = 0.8  # the band shown: the stand falls inside it this share of the time
MIN_PERSON_MONTHS = 24
MIN_ENDED_TRAJECTEN = 10
DEFAULT_UITSTROOM = 0.01  # per month, when nothing has been observed yet
DEFAULT_KANS_ADVIES = 0.8
DAYS_PER_MONTH = 365.25 / 12
# More gemeenten than this (a region, a province, the country) are simulated as one
# pool: per gemeente, 342 gemeenten x 1.000 paths took 10 to 25 s per page at national
# size; as one pool, milliseconds.
POOL_ABOVE = 25
WEEKS_PER_MONTH = 52 / 12
# Steering (see _sturing): how much history shows it.
HISTORIE_MAANDEN = 36
MIN_MAANDEN_BOVEN = 6  # months at or above the taakstelling needed to see steering
MIN_MAANDEN_ONDER = 3
STURING_KANS = 0.05  # so few entries above would be this unlikely at the rate below
STURING_FACTOR_MAX = 0.6  # and the rate above at most this share of the rate below
CAPACITEIT_MAANDEN = 12
MIN_WACHTEND = 3  # persons with a positief advies waiting, to read a flat stand as capacity
SEIZOEN_GEWICHT = 2.0  # pseudo-entries per calendar month and year towards no season
# Where a gemeente keeps its pace, its base rate is the one its stand's growth implies:
# the least-squares slope of the month-end stands of its history (from its first
# instroom, at least GROEI_MIN_MAANDEN of them, the peildatum's included) plus the
# expected leavers; and in the months the pipeline covers, the expected instroom is
# moved PIJPLIJN_KRIMP of the way from the pipeline's towards that rate (in the
# national backtest the pipeline alone was further off than a straight line).
GROEI_MIN_MAANDEN = 13
PIJPLIJN_KRIMP = 0.5
STURING_LABELS = {  # what the page says was fitted
    "tempo": "het tempo loopt door: de groei van de stand over de afgelopen 36 maanden "
    "(bij een kortere historie de instroom van de laatste 12), vertrekkers vervangen",
    "taakstelling": "stuurt op de taakstelling: plaatst naar het gat tot de taakstelling "
    "en remt af zodra die voor het jaar gehaald is",
    "capaciteit": "begrensd door het aantal plekken: elke plek die vrijkomt wordt weer "
    "gevuld, er komen er niet meer bij",
}


def sturing_samengevat(model: Fit) -> list[str]:
    """One Dutch line per kind of behaviour fitted, naming the gemeenten (by code) or,
    for more than five, counting them."""
    per_kind: dict[str, list[str]] = {}
    for gemeente, kind in model.sturing_per_gemeente.items():
        per_kind.setdefault(kind, []).append(gemeente)
    lines = []
    for kind in ("taakstelling", "capaciteit", "tempo"):
        codes = per_kind.get(kind, [])
        if not codes:
            continue
        who = ", ".join(codes) if len(codes) <= 5 else f"{len(codes)} gemeenten"
        if kind == "capaciteit" and model.capaciteit is not None and len(codes) == 1:
            index = model.gemeenten.index(codes[0]) if codes[0] in model.gemeenten else None
            if index is not None:
                who += f" ({int(model.capaciteit[index])} plekken)"
        lines.append(f"{who}: {STURING_LABELS[kind]}")
    return lines


# Calibrated on the national backtest (bench/backtest.py) so that the 80% band holds
# about 80% of the time: the instroom of a month varies more than a planned pace (a
# lognormal factor with this sigma on each month's and path's expected instroom), and
# its rates are known better than the counts of their windows say (the Gamma of the
# instroom and the Beta of the exit chance drawn as if from this many times the
# counts: gemeenten plan their plaatsingen, and people leave beschut werk rarely).
INSTROOM_SPREIDING = 0.7
RATE_ZEKERHEID = 8.0
# A month's instroom varies like a count, not like a share: above this expected instroom
# a month the lognormal sigma shrinks with the square root of it (a large gemeente's, or
# a pool's, instroom is many persons whose timing varies independently).
SPREIDING_TOT = 3.0


@dataclass(frozen=True)
class Scenario:
    """The levers of the page; None means: as fitted on the data."""

    instroom_per_maand: float | None = None  # the chosen gemeenten together
    uitstroom_pct: float | None = None  # chance per month, in %
    uren_per_week: float | None = None
    extra_instroom: float = 0.0  # on top of the instroom, per month
    loonwaarde_pct: float = 30.0
    begeleiding_per_plek: float = 4000.0  # euro per year
    overhead_per_plek: float = 1500.0  # euro per year
    vakantiegeld_pct: float = 8.0
    werkgeverslasten_pct: float = 22.0
    kosten_uit_data: bool = True  # the loaded kosten_per_maand where there is one
    capaciteit: float | None = None  # most plekken, the chosen gemeenten together

    def as_dict(self) -> dict[str, float | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> Scenario:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class Fit:
    """The model's parameters per gemeente (arrays in the order of `gemeenten`)."""

    peildatum: dt.date
    gemeenten: tuple[str, ...]
    stand: np.ndarray  # persons at the peildatum
    instroom: np.ndarray  # base rate per month
    uitstroom_kans: np.ndarray  # per month
    pijplijn: np.ndarray  # (gemeenten, months) expected arrivals from the pipeline
    horizon: np.ndarray  # months the pipeline covers (0 = no trajecten data)
    uren_per_week: float
    kosten_per_maand: float | None  # the loaded average, where loaded
    # What the rates were estimated from, for parameter uncertainty (None = exact):
    instroom_telling: tuple[np.ndarray, np.ndarray] | None = None  # (count, months)
    uitstroom_telling: tuple[np.ndarray, np.ndarray] | None = None  # (exits, exposure)
    # Per month 1.. from the peildatum: the share of the base rate that applies (None:
    # 0 up to the pipeline's horizon, then 1); a pool's gemeenten hand over one by one.
    overgang: np.ndarray | None = None
    samengevoegd: tuple[str, ...] = ()  # the gemeenten of a pool (see POOL_ABOVE)
    # A pool's exit chance per month 0.. relative to its own: the mix of gemeenten
    # shifts towards those whose people stay longer (see _pooled).
    uitstroom_verloop: np.ndarray | None = None
    # Steering per gemeente (see _sturing): "tempo", "taakstelling" or "capaciteit";
    # empty = "tempo" for all. boven_factor: instroom at or above the taakstelling
    # relative to below it; capaciteit: most plekken (inf = no limit); taakstelling:
    # (gemeenten, years from the peildatum's year on) the quota steered to.
    sturing: tuple[str, ...] = ()
    boven_factor: np.ndarray | None = None
    kloof: np.ndarray | None = None  # share of the gap placed a month (steering only)
    capaciteit: np.ndarray | None = None
    taakstelling: np.ndarray | None = None
    bereikt: np.ndarray | None = None  # the taakstelling of the peildatum's year reached
    vervanging: bool = True  # leavers above the stand at the peildatum are replaced
    seizoen: np.ndarray | None = None  # (gemeenten, 12) base instroom per calendar month
    # A pool's base instroom per month 1.. relative to its own, from its gemeenten'
    # steering (see _pooled).
    instroom_verloop: np.ndarray | None = None
    # Per gemeente: the base rate is the one its stand's growth implies (see _growth),
    # and the pipeline's months are moved PIJPLIJN_KRIMP of the way towards it.
    langjarig: np.ndarray | None = None

    @property
    def sturing_per_gemeente(self) -> dict[str, str]:
        """What was fitted per gemeente (of a pool: per gemeente of the pool)."""
        names = self.samengevoegd or self.gemeenten
        kinds = self.sturing or ("tempo",) * len(names)
        return dict(zip(names, kinds, strict=True))

    @property
    def instroom_totaal(self) -> float:
        return float(self.instroom.sum())

    @property
    def uitstroom_pct(self) -> float:
        """The stock-weighted chance per month, in %."""
        weights = np.maximum(self.stand, 1)
        return float(100 * np.average(self.uitstroom_kans, weights=weights))

    @property
    def pijplijn_totaal(self) -> float:
        return float(self.pijplijn.sum())


# --- fitting ------------------------------------------------------------------------


def months_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def fit(invoer: pd.DataFrame, pijplijn: pd.DataFrame, peildatum: dt.date) -> Fit:
    """Fit the model on the rows of prognose_invoer and prognose_pijplijn."""
    invoer = invoer.sort_values("gemeente").reset_index(drop=True)
    pijplijn = pijplijn.set_index("gemeente").reindex(invoer["gemeente"]).reset_index()
    stand = invoer["stand"].to_numpy(dtype=float)
    pipeline, horizon = _pipeline(pijplijn)
    counts, months = _instroom_telling(invoer, peildatum)
    exits, exposure = _uitstroom_telling(invoer)
    steering = _steering(invoer, pijplijn, peildatum)
    if steering is not None:
        below = steering.pop("telling")
        growth = steering.pop("groei")
        steered = np.array([k == "taakstelling" for k in steering["sturing"]])
        counts = np.where(steered, below[0], counts)
        months = np.where(steered, below[1], months)
        # Where a gemeente keeps its pace, its base rate is the one its stand's growth
        # over the history implies: the last 12 months' count alone is noisy.
        keeps_pace = np.array([k == "tempo" for k in steering["sturing"]])
        long_run = keeps_pace & (counts > 0) & ~np.isnan(growth)
        implied = _growth_rate(growth, exits, exposure, stand)
        # Known as well as the instroom of the months the line rests on.
        months = np.where(long_run, steering.pop("groei_maanden"), months)
        counts = np.where(long_run, implied * months, counts)
        steering["langjarig"] = long_run
    model = Fit(
        peildatum=peildatum,
        gemeenten=tuple(invoer["gemeente"]),
        stand=stand,
        instroom=np.divide(counts, months, out=np.zeros_like(counts), where=months > 0),
        uitstroom_kans=np.divide(
            exits, exposure, out=np.full_like(exits, DEFAULT_UITSTROOM), where=exposure > 0
        ),
        pijplijn=pipeline,
        horizon=horizon,
        uren_per_week=_weighted(invoer["uren_per_week"], invoer["stand"], 28.0),
        kosten_per_maand=_weighted(invoer["kosten_per_maand"], invoer["met_kosten"], None),
        instroom_telling=(counts, months),
        uitstroom_telling=(exits, exposure),
    )
    if steering is not None:
        model = replace(model, **steering)
    return _pooled(model, invoer) if len(model.gemeenten) > POOL_ABOVE else model


def _growth_rate(
    growth: np.ndarray, exits: np.ndarray, exposure: np.ndarray, stand: np.ndarray
) -> np.ndarray:
    """The instroom per month that keeps the stand growing by `growth` a month at the
    observed exit chance (NaN where the growth is)."""
    chance = np.divide(exits, exposure, out=np.full_like(exits, DEFAULT_UITSTROOM),
                       where=exposure > 0)  # fmt: skip
    return np.maximum(growth + chance * stand, 0.0)


def _growth(history: pd.DataFrame, stand: float) -> float:
    """The least-squares slope of the month-end stands of the history and the
    peildatum's (per month); NaN with fewer than GROEI_MIN_MAANDEN."""
    stands = np.append(history["stand"].to_numpy(dtype=float), float(stand))
    if len(stands) < GROEI_MIN_MAANDEN:
        return math.nan
    return float(np.polyfit(np.arange(len(stands)), stands, 1)[0])


def _steering(invoer: pd.DataFrame, pijplijn: pd.DataFrame, peildatum: dt.date) -> dict | None:
    """Per gemeente what its history shows (see _sturing), as Fit fields, plus the
    instroom count and months to estimate the rate from where it steers."""
    if "historie_instroom" not in invoer:
        return None  # rows without history (older callers): today's behaviour
    years = list(range(peildatum.year, max(HORIZON_YEAR, peildatum.year + 10) + 1))
    fitted: dict[str, list] = {k: [] for k in ("sturing", "boven_factor", "capaciteit", "kloof")}
    fitted |= {k: [] for k in ("bereikt", "taakstelling", "seizoen", "telling", "groei")}
    fitted["groei_maanden"] = []
    for g, row in invoer.reset_index(drop=True).iterrows():
        loaded = dict(zip(row["taakstelling_jaar"], row["taakstelling_waarde"], strict=True))
        path = taakstelling_pad({int(k): float(v) for k, v in loaded.items()}, years)
        fitted["taakstelling"].append([np.nan if q.waarde is None else q.waarde for q in path])
        waiting = pijplijn["wachtend"].iloc[g]
        history = _history(row, peildatum)
        kind, factor, capacity, counted, gap = _sturing(history, 0 if pd.isna(waiting) else waiting)
        fitted["kloof"].append(gap)
        fitted["sturing"].append(kind)
        fitted["boven_factor"].append(factor)
        fitted["capaciteit"].append(capacity)
        fitted["telling"].append(counted)
        quota_now = path[0].waarde
        this_year = history[history["maand"].dt.year == peildatum.year]["stand"].tolist()
        fitted["bereikt"].append(
            quota_now is not None and max([*this_year, row["stand"]]) >= quota_now
        )
        fitted["seizoen"].append(_seizoen(history))
        fitted["groei"].append(_growth(history, row["stand"]))
        fitted["groei_maanden"].append(float(len(history)))
    counts = np.array([c for c, _ in fitted["telling"]], dtype=float)
    months = np.array([m for _, m in fitted["telling"]], dtype=float)
    return {
        "sturing": tuple(fitted["sturing"]),
        "boven_factor": np.array(fitted["boven_factor"]),
        "kloof": np.array(fitted["kloof"]),
        "capaciteit": np.array(fitted["capaciteit"]),
        "bereikt": np.array(fitted["bereikt"], dtype=bool),
        "taakstelling": np.array(fitted["taakstelling"], dtype=float),
        "seizoen": np.array(fitted["seizoen"]),
        "telling": (counts, months),
        "groei": np.array(fitted["groei"], dtype=float),
        "groei_maanden": np.array(fitted["groei_maanden"], dtype=float),
    }


def _history(row: pd.Series, peildatum: dt.date) -> pd.DataFrame:
    """One gemeente's months of history from its first instroom on: instroom, the stand
    at the month-end before, the taakstelling of the year, and whether a month-end of
    that year before the month (31 December before it included) had reached it."""
    frame = pd.DataFrame(
        {
            "maand": pd.to_datetime(pd.Series(row["historie_maand"])),
            "instroom": np.asarray(row["historie_instroom"], dtype=float),
            "stand": np.asarray(row["historie_stand"], dtype=float),
            "taakstelling": _floats(row["historie_taakstelling"]),
        }
    )
    highest = frame.groupby(frame["maand"].dt.year)["stand"].cummax()
    frame["bereikt"] = highest >= frame["taakstelling"]
    first = row["eerste_instroom"]
    if pd.isna(first):
        return frame.iloc[0:0]
    return frame[frame["maand"] >= pd.Timestamp(first).to_period("M").to_timestamp()]


def _floats(values) -> np.ndarray:
    """A list column of DOUBLE with NULLs (a list with None, or a masked array) as
    floats with NaN."""
    if isinstance(values, np.ma.MaskedArray):
        return values.astype(float).filled(np.nan)
    return np.array([np.nan if v is None or v is np.ma.masked else float(v) for v in values])


def _sturing(history: pd.DataFrame, wachtend: float) -> tuple[str, float, float, tuple, float]:
    """One gemeente's steering from its history (see _history):

    - "taakstelling" when at least MIN_MAANDEN_BOVEN months came after the stand had
      reached the taakstelling of their year, MIN_MAANDEN_ONDER before, and the
      instroom after was at most STURING_FACTOR_MAX of the rate before and that few
      would be unlikely (Poisson, STURING_KANS) at the rate before; the rate once
      reached is that of such months in the last 12, where there are at least
      MIN_MAANDEN_BOVEN;
    - "capaciteit" when the stand stayed within max(1, 3%) over the last 12 months,
      above 0 and below the taakstelling, while persons with a positief advies wait
      (at least MIN_WACHTEND and a tenth of the stand): the capacity is that stand;
    - "tempo" otherwise.
    Returns the kind, the factor on instroom once the taakstelling is reached (1 =
    none), the capacity (inf = none), the instroom count and months before it is
    reached ((0, 0) = not steering: the recent rate applies) and, where it steers, the
    share of the gap to the taakstelling placed per month before it is reached (the
    instroom of those months over their summed gaps; 0 = not steering).
    """
    known = history[history["taakstelling"].notna()]
    after, before = known[known["bereikt"]], known[~known["bereikt"]]
    if len(after) >= MIN_MAANDEN_BOVEN and len(before) >= MIN_MAANDEN_ONDER:
        rate_before = before["instroom"].mean()
        entries_after = after["instroom"].sum()
        if (
            rate_before > 0
            and entries_after / len(after) <= STURING_FACTOR_MAX * rate_before
            and poisson_cdf(int(entries_after), len(after) * rate_before) < STURING_KANS
        ):
            # The rate once reached as it is now: the last 12 months' such months where
            # there are enough of them (the first months after reaching still place
            # those referred before).
            recent = after[after["maand"] >= history["maand"].iloc[-1] - pd.DateOffset(months=11)]
            settled = recent if len(recent) >= MIN_MAANDEN_BOVEN else after
            factor = min(1.0, (settled["instroom"].sum() + 0.5) / len(settled) / rate_before)
            gaps = (before["taakstelling"] - before["stand"]).clip(lower=0).sum()
            gap = before["instroom"].sum() / gaps if gaps > 0 else 0.0
            counted = (before["instroom"].sum(), len(before))
            return "taakstelling", factor, math.inf, counted, gap
    recent = history.tail(CAPACITEIT_MAANDEN)
    stands = recent["stand"].to_numpy()
    if (
        len(recent) == CAPACITEIT_MAANDEN
        and stands.min() > 0
        and stands.max() - stands.min() <= max(1.0, 0.03 * stands.max())
        and (stands < recent["taakstelling"].to_numpy()).all()
        and wachtend >= max(MIN_WACHTEND, 0.1 * stands.max())
    ):
        return "capaciteit", 1.0, float(stands.max()), (0.0, 0.0), 0.0
    return "tempo", 1.0, math.inf, (0.0, 0.0), 0.0


def _seizoen(history: pd.DataFrame) -> np.ndarray:
    """The instroom per calendar month relative to the average month, from the
    history's whole years, shrunk towards 1 by SEIZOEN_GEWICHT pseudo-entries a month."""
    years = len(history) // 12
    if years < 1:
        return np.ones(12)
    recent = history.tail(12 * years)
    counts = recent.groupby(recent["maand"].dt.month)["instroom"].sum()
    counts = counts.reindex(range(1, 13), fill_value=0.0).to_numpy(dtype=float)
    prior = SEIZOEN_GEWICHT * years
    factor = (counts + prior) / (counts.mean() + prior)
    return factor / factor.mean()


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean)."""
    if k < 0:
        return 0.0
    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return min(total, 1.0)


def _pooled(model: Fit, invoer: pd.DataFrame) -> Fit:
    """The gemeenten as one: the stand, the instroom and the pipelines summed, each
    gemeente's base rate taking over from its own pipeline's horizon (so the expected
    instroom per month is the sum of the gemeenten'), and exits at the rate of all
    their exits over all their person-months.

    One exit chance for all would let the pool shrink too fast: the people of
    gemeenten with few exits stay and become a larger part of it. So the pool's chance
    follows, month by month, the mix of the gemeenten' expected stands
    (`uitstroom_verloop`); the expected stand is then the gemeenten' summed.
    """
    width = max(model.pijplijn.shape[1], int(model.horizon.max(initial=0)), 1)
    month = np.arange(1, width + 1)
    after = (month[None, :] > model.horizon[:, None]).astype(float)
    rate = float(model.instroom.sum())
    overgang = (model.instroom @ after) / rate if rate > 0 else np.ones(width)
    counts = float(model.instroom_telling[0].sum()) if model.instroom_telling else 0.0
    exits = float(invoer["uitstroom_24m"].sum())
    exposure = float(invoer["persoonsmaanden_24m"].sum())
    pooled_chance = exits / exposure if exposure > 0 else DEFAULT_UITSTROOM
    months = len(month_ends(model.peildatum, max(HORIZON_YEAR, model.peildatum.year + 10)))
    entries, stands = expected_path(model, months)
    verloop = np.ones(months)
    before = np.concatenate([model.stand[:, None].astype(float), stands[:, :-1]], axis=1)
    total = before.sum(axis=0)
    mixed = np.divide(model.uitstroom_kans @ before, total, out=np.full(months, pooled_chance),
                      where=total > 0)  # fmt: skip
    if pooled_chance > 0:
        verloop = mixed / pooled_chance
    entries_total = entries.sum(axis=0)
    pooled = replace(
        model,
        gemeenten=(f"{len(model.gemeenten)} gemeenten samen",),
        stand=np.array([model.stand.sum()]),
        instroom=np.array([rate]),
        uitstroom_kans=np.array([exits / exposure if exposure > 0 else DEFAULT_UITSTROOM]),
        pijplijn=model.pijplijn.sum(axis=0, keepdims=True),
        horizon=np.array([width]),
        instroom_telling=(np.array([counts]), np.array([counts / rate if rate > 0 else 0.0])),
        uitstroom_telling=(np.array([exits]), np.array([exposure])),
        overgang=overgang[None, :],
        samengevoegd=model.gemeenten,
        uitstroom_verloop=verloop,
        boven_factor=None,
        kloof=None,
        capaciteit=None,
        taakstelling=None,
        bereikt=None,
        seizoen=None,
        langjarig=None,
    )
    if rate <= 0:
        return replace(pooled, vervanging=False)
    # The gemeenten' expected instroom (pipeline, season, steering, capacity, leavers
    # replaced) as the pool's, its level drawn per path through the base rate.
    return replace(
        pooled,
        pijplijn=np.zeros((1, 1)),
        horizon=np.array([0]),
        overgang=None,
        instroom_verloop=entries_total / rate,
        vervanging=False,
    )


def expected_path(model: Fit, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Per gemeente and month 1..months, without randomness: the expected instroom
    (pipeline, season, steering, capacity, leavers replaced) and the expected stand at
    the month's end (each at its fitted exit chance)."""
    pipeline, _ = _pipeline_and_handover(model, months)
    quota = _quota_per_month(model, months)
    capacity = _capacity(model, Scenario())
    expected = model.stand.astype(float)
    reached = _reached_at_start(model)
    entries = np.empty((len(model.gemeenten), months))
    stands = np.empty((len(model.gemeenten), months))
    for t in range(months):
        kept = expected * (1 - model.uitstroom_kans)
        mean, reached = _instroom_mean(
            model, t, pipeline[:, t], model.instroom, expected,
            model.uitstroom_kans, reached, quota,
        )  # fmt: skip
        if capacity is not None:
            room = np.maximum(capacity - kept, 0)
            mean = np.where(_fills(model), room, np.minimum(mean, room))
        entries[:, t] = mean
        expected = kept + mean
        stands[:, t] = expected
    return entries, stands


def _quota_per_month(model: Fit, months: int) -> np.ndarray | None:
    """Per gemeente and month 1..months: the taakstelling steered to (that of the
    month's year; NaN where unknown)."""
    if model.taakstelling is None:
        return None
    year = (model.peildatum.month + np.arange(1, months + 1) - 1) // 12
    year = np.minimum(year, model.taakstelling.shape[1] - 1)
    return model.taakstelling[:, year]


def _handover(model: Fit, t: int) -> np.ndarray:
    """Per gemeente, the share of the base rate in month t + 1: of the arrivals then,
    those whose traject starts after the peildatum. With traject-to-placement times
    spread evenly around the median H (H/2 to 3H/2): (m - H/2) / H up to month H,
    then 1 (the pipeline is spent). A pool's gemeenten hand over by `overgang`."""
    m = t + 1
    if model.overgang is not None:
        return model.overgang[:, min(t, model.overgang.shape[1] - 1)]
    horizon = model.horizon.astype(float)
    share = np.clip((m - horizon / 2) / np.maximum(horizon, 1), 0.0, 1.0)
    return np.where(m > horizon, 1.0, share)


def _reached_at_start(model: Fit) -> np.ndarray:
    if model.bereikt is None:
        return np.zeros(len(model.gemeenten), dtype=bool)
    return model.bereikt.copy()


def _instroom_mean(
    model: Fit,
    t: int,
    pipeline: np.ndarray,
    base: np.ndarray,
    stock: np.ndarray,
    chance: np.ndarray,
    reached: np.ndarray,
    quota: np.ndarray | None,
    leavers: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The expected instroom in month t + 1 after the peildatum, per gemeente (the first
    axis of every array; pipeline and quota per gemeente, the rest may carry paths):
    the pipeline plus the base rate times the share of arrivals from trajecten that
    start after the peildatum (see _handover), the base rate in its season with the
    leavers above the stand at the peildatum replaced (vervanging). A steering
    gemeente instead places `kloof` of its gap to the year's taakstelling each month
    until it has reached it, then boven_factor of its rate before, until January.
    Returns it and whether each has reached the taakstelling."""

    def per_gemeente(values: np.ndarray) -> np.ndarray:
        return np.reshape(values, (-1,) + (1,) * (np.ndim(stock) - 1))

    rate = base
    if model.vervanging:
        # The leavers of the month replaced, beyond the expected leavers of the stand at
        # the peildatum that the base rate holds: a path's own (`leavers`), or expected.
        left = chance * stock if leavers is None else leavers
        rate = np.maximum(base + left - chance * per_gemeente(model.stand), 0.0)
    month = (model.peildatum.month + t) % 12  # 0 = January
    if model.seizoen is not None:
        rate = rate * per_gemeente(model.seizoen[:, month])
    if model.instroom_verloop is not None:
        rate = rate * model.instroom_verloop[min(t, len(model.instroom_verloop) - 1)]
    mean = per_gemeente(pipeline) + per_gemeente(_handover(model, t)) * rate
    if model.langjarig is not None:
        shrunk = (1 - PIJPLIJN_KRIMP) * mean + PIJPLIJN_KRIMP * rate
        mean = np.where(per_gemeente(model.langjarig), shrunk, mean)
    if quota is None or model.boven_factor is None:
        return mean, reached
    known = per_gemeente(~np.isnan(quota[:, t]))
    target = per_gemeente(np.nan_to_num(quota[:, t], nan=np.inf))
    reached = (reached & (month != 0)) | (stock >= target)
    if model.kloof is None:
        return mean * np.where(reached, per_gemeente(model.boven_factor), 1.0), reached
    # A steering gemeente places a share of its gap each month until it reaches the
    # taakstelling, then boven_factor of its rate before (the path's draws of the rate
    # scale both).
    drawn = base / per_gemeente(np.maximum(model.instroom, 1e-9))
    gap = np.maximum(np.where(known, target, 0.0) - stock, 0.0)
    before = drawn * per_gemeente(model.kloof) * gap
    steered = np.where(reached, base * per_gemeente(model.boven_factor), before)
    steers = per_gemeente(model.kloof > 0) & known
    return np.where(steers, steered, mean), reached


def _weighted(values: pd.Series, weights: pd.Series, default: float | None) -> float | None:
    known = values.notna() & (weights > 0)
    if not known.any():
        return default
    return float(np.average(values[known], weights=weights[known]))


def _instroom_telling(invoer: pd.DataFrame, peildatum: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Per gemeente: dienstverbanden started in the window, and the window in months
    (the last 12, or fewer since the first placement)."""
    counts, months = [], []
    for count, first in zip(invoer["instroom_venster"], invoer["eerste_instroom"], strict=True):
        if pd.isna(first) or count == 0:
            counts.append(0.0)
            months.append(0.0)
            continue
        counts.append(float(count))
        months.append(min(12.0, max(1.0, months_between(pd.Timestamp(first).date(), peildatum))))
    return np.array(counts), np.array(months)


def _uitstroom_telling(invoer: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per gemeente: exits and person-months over 24 months, pooled over the chosen
    gemeenten where a gemeente has under MIN_PERSON_MONTHS of its own."""
    exits = invoer["uitstroom_24m"].to_numpy(dtype=float)
    exposure = invoer["persoonsmaanden_24m"].to_numpy(dtype=float)
    own = exposure >= MIN_PERSON_MONTHS
    return np.where(own, exits, exits.sum()), np.where(own, exposure, exposure.sum())


def _share(hits: pd.Series, total: pd.Series, minimum: int, default: float) -> np.ndarray:
    hits, total = hits.fillna(0).to_numpy(float), total.fillna(0).to_numpy(float)
    pooled = hits.sum() / total.sum() if total.sum() > 0 else default
    own = np.divide(hits, total, out=np.full_like(hits, pooled), where=total > 0)
    return np.where(total >= minimum, own, pooled)


def _months(days: pd.Series, low: int, high: int) -> np.ndarray:
    pooled = days.dropna().median() if days.notna().any() else 4 * DAYS_PER_MONTH
    filled = days.fillna(pooled).to_numpy(float)
    return np.clip(np.rint(filled / DAYS_PER_MONTH), low, high).astype(int)


def _pipeline(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Expected arrivals per gemeente and month, and the months the pipeline covers."""
    kans_traject = _share(rows["naar_beschut_werk"], rows["geeindigd"], MIN_ENDED_TRAJECTEN, 0.0)
    kans_advies = _share(rows["positief_geplaatst"], rows["positief_oud"], 5, DEFAULT_KANS_ADVIES)
    months_traject = _months(rows["dagen_traject"], 1, 18)
    months_advies = _months(rows["dagen_advies"], 1, 12)
    width = int(max(months_traject.max(initial=1), months_advies.max(initial=1)))
    arrivals = np.zeros((len(rows), width))
    for g in range(len(rows)):
        waiting = float(rows["wachtend"].iloc[g] or 0) * kans_advies[g]
        running = float(rows["lopend"].iloc[g] or 0) * kans_traject[g]
        arrivals[g, : months_advies[g]] += waiting / months_advies[g]
        arrivals[g, : months_traject[g]] += running / months_traject[g]
    has_trajecten = rows[["lopend", "wachtend", "geeindigd"]].fillna(0).sum(axis=1) > 0
    horizon = np.where(has_trajecten, months_traject, 0)
    return arrivals, horizon


# --- simulation ---------------------------------------------------------------------


def month_ends(peildatum: dt.date, last_year: int = HORIZON_YEAR) -> list[dt.date]:
    """Month 0 is the peildatum's month-end, then every month-end to December."""
    month = pd.Timestamp(peildatum).to_period("M")
    last = pd.Period(f"{last_year}-12", "M")
    return [p.to_timestamp(how="end").date() for p in pd.period_range(month, last, freq="M")]


def _pipeline_and_handover(model: Fit, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Per gemeente and month 1..months: pipeline arrivals, and 1 where the base rate
    applies (after the pipeline's horizon: trajecten not yet started take that long)."""
    m = np.arange(1, months + 1)
    after_pipeline = (m[None, :] > model.horizon[:, None]).astype(float)
    if model.overgang is not None:
        width = min(months, model.overgang.shape[1])
        after_pipeline[:, :width] = model.overgang[:, :width]
    pipeline = np.zeros((len(model.gemeenten), months))
    width = min(months, model.pijplijn.shape[1])
    pipeline[:, :width] = model.pijplijn[:, :width]
    return pipeline, after_pipeline


def _scaled(model: Fit, scenario: Scenario, rates: np.ndarray) -> np.ndarray:
    """Base rates (gemeenten first axis) scaled to the scenario's instroom total."""
    if scenario.instroom_per_maand is None:
        return rates
    total = model.instroom.sum()
    if total > 0:
        return rates * (scenario.instroom_per_maand / total)
    even = np.full(rates.shape, scenario.instroom_per_maand / max(len(model.gemeenten), 1))
    return even


def instroom_means(model: Fit, scenario: Scenario, months: int) -> np.ndarray:
    """Expected instroom per gemeente and month (months 1..months), before extra
    instroom, season, steering and replaced leavers (see expected_path): the pipeline
    and the base rate as it takes over (see _handover)."""
    pipeline, _ = _pipeline_and_handover(model, months)
    handover = np.stack([_handover(model, t) for t in range(months)], axis=1)
    rates = _scaled(model, scenario, model.instroom)[:, None] * handover
    if model.instroom_verloop is not None:
        verloop = model.instroom_verloop[
            np.minimum(np.arange(months), len(model.instroom_verloop) - 1)
        ]
        rates = rates * verloop[None, :]
    return pipeline + rates


def _path_rates(
    model: Fit, scenario: Scenario, rng: np.random.Generator, paths: int
) -> tuple[np.ndarray, np.ndarray]:
    """Base instroom and exit chance per gemeente and path. The rates are estimates:
    each path draws its own from what they were estimated on (Gamma for the
    instroom count, Beta for exits per person-month), so the band also carries the
    uncertainty of the rates themselves."""
    shape = (len(model.gemeenten), paths)
    if model.instroom_telling is not None:
        counts, months = model.instroom_telling
        # Centred on the fitted rate (the +0,5 of the prior widens, it does not lift).
        weighted = RATE_ZEKERHEID * (counts[:, None] + 0.5)
        draws = rng.gamma(weighted, 1 / weighted, shape) * model.instroom[:, None]
        base = np.where(counts[:, None] > 0, draws, 0.0)
    else:
        base = np.broadcast_to(model.instroom[:, None], shape)
    if scenario.uitstroom_pct is not None:
        exit_chance = np.full(shape, scenario.uitstroom_pct / 100)
    elif model.uitstroom_telling is not None:
        exits, exposure = model.uitstroom_telling
        weight = RATE_ZEKERHEID
        draws = rng.beta(
            weight * (exits[:, None] + 0.5),
            weight * (np.maximum(exposure - exits, 0)[:, None] + 0.5),
            shape,
        )
        exit_chance = np.where(exposure[:, None] > 0, draws, DEFAULT_UITSTROOM)
    else:
        exit_chance = np.broadcast_to(model.uitstroom_kans[:, None], shape)
    return _scaled(model, scenario, base), exit_chance


def simulate(
    model: Fit,
    scenario: Scenario,
    extra: np.ndarray | None = None,
    extra_shares: np.ndarray | None = None,
    paths: int = DEFAULT_PATHS,
    seed: int = DEFAULT_SEED,
    last_year: int = HORIZON_YEAR,
) -> np.ndarray:
    """Stock paths of the gemeenten together: shape (len(extra), paths, months + 1).

    `extra` is one or more levels of extra instroom per month (default: the
    scenario's), shared over the gemeenten by `extra_shares` (default: evenly).
    """
    months = len(month_ends(model.peildatum, last_year)) - 1
    extra = np.atleast_1d(np.asarray([scenario.extra_instroom] if extra is None else extra))
    gemeenten = len(model.gemeenten)
    if extra_shares is None:
        extra_shares = np.full(gemeenten, 1 / max(gemeenten, 1))
    rng = np.random.default_rng(seed)
    base, exit_chance = _path_rates(model, scenario, rng, paths)
    pipeline, _ = _pipeline_and_handover(model, months)
    # Gemeenten first: (gemeenten, levels of extra, paths).
    stock = np.broadcast_to(model.stand[:, None, None], (gemeenten, len(extra), paths))
    stock = stock.astype(np.int64).copy()
    totals = np.empty((len(extra), paths, months + 1), dtype=np.int64)
    totals[:, :, 0] = stock.sum(axis=0)
    extra_means = extra_shares[:, None, None] * extra[None, :, None]
    verloop = model.uitstroom_verloop if scenario.uitstroom_pct is None else None
    quota = _quota_per_month(model, months)
    capacity = _capacity(model, scenario)
    fills = _fills(model) & (scenario.capaciteit is None)
    reached = np.broadcast_to(_reached_at_start(model)[:, None, None], stock.shape)
    carry = rng.random(stock.shape)  # each path's phase of the planned pace
    sigma = None  # the spread of a month's instroom, where its rate was estimated
    if INSTROOM_SPREIDING > 0 and model.instroom_telling is not None:
        estimated = model.instroom_telling[0] > 0
        spread = INSTROOM_SPREIDING * np.sqrt(
            SPREIDING_TOT / np.maximum(model.instroom, SPREIDING_TOT)
        )
        sigma = np.where(estimated, spread, 0.0)[:, None, None] if estimated.any() else None
    base, exit_chance = base[:, None, :], exit_chance[:, None, :]
    for t in range(months):
        chance = exit_chance
        if verloop is not None:
            chance = np.minimum(exit_chance * verloop[min(t, len(verloop) - 1)], 1.0)
        exits = rng.binomial(stock, chance)
        mean, reached = _instroom_mean(
            model, t, pipeline[:, t], base, stock, chance, reached, quota,
            exits,
        )  # fmt: skip
        if sigma is not None:
            mean = mean * rng.lognormal(-(sigma**2) / 2, sigma, mean.shape)
        entries, carry = arrivals(np.broadcast_to(mean + extra_means, stock.shape), carry)
        if capacity is not None:
            room = np.maximum(capacity[:, None, None] - stock + exits, 0)
            entries = np.where(fills[:, None, None], room, np.minimum(entries, room))
        stock += entries - exits
        totals[:, :, t + 1] = stock.sum(axis=0)
    return totals


def _fills(model: Fit) -> np.ndarray:
    """Per gemeente: held back by its capacity with persons waiting, so every plek that
    frees up is filled at once."""
    kinds = model.sturing if len(model.sturing) == len(model.gemeenten) else ()
    return np.array([kind == "capaciteit" for kind in kinds] or [False] * len(model.gemeenten))


def _capacity(model: Fit, scenario: Scenario) -> np.ndarray | None:
    """Most plekken per gemeente: the scenario's (shared by stand, evenly when there is
    none), else as fitted; None = no limit."""
    if scenario.capaciteit is not None:
        weights = np.maximum(model.stand, 0).astype(float)
        if weights.sum() <= 0:
            weights = np.ones(len(model.gemeenten))
        return np.floor(scenario.capaciteit * weights / weights.sum() + 1e-9).astype(np.int64)
    if model.capaciteit is None or np.isinf(model.capaciteit).all():
        return None
    limited = np.where(np.isinf(model.capaciteit), np.iinfo(np.int32).max, model.capaciteit)
    return limited.astype(np.int64)


def arrivals(mean: np.ndarray, carry: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Instroom in one month at a planned pace: the expected instroom accumulates and
    a person starts each time the sum passes a whole number (`carry`: the fraction
    carried over, started at a random phase per path), so over any stretch of months
    the count is the expected one rounded up or down; what varies is the timing, and
    (drawn elsewhere) the rate."""
    total = carry + mean
    entries = np.floor(total)
    return entries.astype(np.int64), total - entries


# --- results ------------------------------------------------------------------------


@dataclass(frozen=True)
class Taakstelling:
    jaar: int
    waarde: float | None
    bron: str  # "geladen", "doorgetrokken", "ingevoerd", "onbekend"


def taakstelling_pad(
    loaded: dict[int, float], years: list[int], entered: dict[int, float] | None = None
) -> list[Taakstelling]:
    """The taakstelling per year: loaded, entered by the user, or the last growth
    step extended (the difference of the last two loaded years, per year)."""
    entered = entered or {}
    known = sorted(loaded)
    step = loaded[known[-1]] - loaded[known[-2]] if len(known) >= 2 else 0.0
    path = []
    for year in years:
        if year in entered:
            path.append(Taakstelling(year, entered[year], "ingevoerd"))
        elif year in loaded:
            path.append(Taakstelling(year, loaded[year], "geladen"))
        elif known and year > known[-1]:
            value = loaded[known[-1]] + step * (year - known[-1])
            path.append(Taakstelling(year, max(value, 0.0), "doorgetrokken"))
        else:
            path.append(Taakstelling(year, None, "onbekend"))
    return path


def year_end_index(peildatum: dt.date, year: int) -> int:
    """The position of 31 December of `year` in month_ends(peildatum)."""
    return (year - peildatum.year) * 12 + (12 - peildatum.month)


def chance(stock: np.ndarray, target: float | None) -> float | None:
    return None if target is None else float(np.mean(stock >= target))


def band(stock: np.ndarray, share: float = BAND) -> tuple[np.ndarray, np.ndarray]:
    """The `share` band of the paths (first axis), per column: of the intervals from
    the P10 (or the next value up) to the P90 (or the next value down), the one the
    paths fall in closest to `share` of the time (ties: the tails most alike).

    Stands are whole numbers, so the usual P10-P90 holds an actual on its edge and
    covers more than 80%: a stand forecast as 6 with 6 on half the paths and 5 and 7
    on a quarter each has P10-P90 5-7, which holds all of them; this band is 5-6 or
    6-7, which holds 75%."""
    stock = np.asarray(stock, dtype=float)
    flat = stock.reshape(stock.shape[0], -1)
    ordered = np.sort(flat, axis=0)
    n = len(ordered)
    tail = (1 - share) / 2
    low = ordered[max(math.ceil(tail * n) - 1, 0)]
    high = ordered[max(math.ceil((1 - tail) * n) - 1, 0)]
    up = np.where(flat > low, flat, np.inf).min(axis=0)
    down = np.where(flat < high, flat, -np.inf).max(axis=0)
    best_low, best_high = low.copy(), high.copy()
    best = np.full(low.shape, np.inf)
    for lo, hi in ((low, high), (up, high), (low, down), (up, down)):
        covered = ((flat >= lo) & (flat <= hi)).mean(axis=0)
        tails = np.abs((flat < lo).mean(axis=0) - (flat > hi).mean(axis=0))
        score = np.round(np.abs(covered - share), 9) + 1e-6 * tails
        better = (lo <= hi) & np.isfinite(lo) & np.isfinite(hi) & (score < best)
        best_low, best_high = np.where(better, lo, best_low), np.where(better, hi, best_high)
        best = np.where(better, score, best)
    shape = stock.shape[1:]
    return best_low.reshape(shape), best_high.reshape(shape)


def per_year(paths: np.ndarray, model: Fit, quota: list[Taakstelling]) -> pd.DataFrame:
    """Expected stock, 80% band and chance of the taakstelling per year-end."""
    rows = []
    for q in quota:
        stock = paths[:, year_end_index(model.peildatum, q.jaar)]
        low, high = band(stock)
        rows.append(
            {
                "jaar": q.jaar,
                "taakstelling": q.waarde,
                "bron": q.bron,
                "verwacht": float(stock.mean()),
                "p10": float(low),
                "p90": float(high),
                "kans": chance(stock, q.waarde),
            }
        )
    return pd.DataFrame(rows)


def fan(paths: np.ndarray, model: Fit) -> pd.DataFrame:
    """Per month-end: mean, median and the 80% band of the stock (see band)."""
    low, high = band(paths)
    return pd.DataFrame(
        {
            "maand": pd.to_datetime(month_ends(model.peildatum)),
            "verwacht": paths.mean(axis=0),
            "p10": low,
            "p50": np.percentile(paths, 50, axis=0),
            "p90": high,
        }
    )


def extra_instroom_nodig(
    model: Fit,
    scenario: Scenario,
    quota: list[Taakstelling],
    extra_shares: np.ndarray | None = None,
    paths: int = DEFAULT_PATHS,
    seed: int = DEFAULT_SEED,
    base_paths: np.ndarray | None = None,
    max_rounds: int = 12,
) -> pd.DataFrame:
    """Per year: the least extra instroom per month (on top of the scenario, from the
    month after the peildatum on) that meets the taakstelling with 80% chance; NaN
    where no month is left before that year-end.

    A first estimate comes from the scenario's own paths: x extra a month adds x times
    the expected survivors of a monthly cohort, A_t = sum of (1 - p)^(t - s), so a path
    meets T when x >= (T - S_t) / A_t; the 80th percentile of that over the paths is
    the estimate. Each round then checks all years' estimates in one simulation with
    the same seed and raises those that fall short.
    """
    known = [
        q for q in quota if q.waarde is not None and year_end_index(model.peildatum, q.jaar) > 0
    ]
    rows = {q.jaar: math.nan for q in quota if q.waarde is not None}
    if not known:
        return pd.DataFrame({"jaar": list(rows), "extra_per_maand": list(rows.values())})
    if base_paths is None:
        base_paths = simulate(model, scenario, extra_shares=extra_shares, paths=paths, seed=seed)[0]
    exit_chance = (
        scenario.uitstroom_pct if scenario.uitstroom_pct is not None else model.uitstroom_pct
    ) / 100
    indices = np.array([year_end_index(model.peildatum, q.jaar) for q in known])
    targets = np.array([q.waarde for q in known])
    survivors = _cohort_survivors(indices, exit_chance)
    gap = (targets[None, :] - base_paths[:, indices]) / survivors[None, :]
    needed = np.maximum(np.percentile(gap, 100 * TARGET_CHANCE, axis=0), 0.0)
    for _ in range(max_rounds):
        stock = simulate(
            model,
            scenario,
            extra=needed + scenario.extra_instroom,
            extra_shares=extra_shares,
            paths=paths,
            seed=seed,
        )
        chances = np.array(
            [
                (stock[i, :, index] >= target).mean()
                for i, (index, target) in enumerate(zip(indices, targets, strict=True))
            ]
        )
        short = chances < TARGET_CHANCE
        if not short.any():
            break
        needed = np.where(short, needed * 1.05 + 0.05, needed)
    for q, value in zip(known, needed, strict=True):
        rows[q.jaar] = float(value)
    return pd.DataFrame({"jaar": list(rows), "extra_per_maand": list(rows.values())})


def _cohort_survivors(months: np.ndarray, exit_chance: float) -> np.ndarray:
    """Expected persons left after `months` months of one extra person a month."""
    if exit_chance <= 0:
        return months.astype(float)
    keep = 1 - exit_chance
    return (1 - keep**months) / exit_chance


# --- cost ---------------------------------------------------------------------------


@cache
def minimumloon() -> tuple[tuple[dt.date, float], ...]:
    """The statutory hourly minimum wage (21+) by start date; add a row to
    dashboard/reference/minimumloon.csv when the next one is published."""
    source = resources.files("dashboard").joinpath("reference/minimumloon.csv")
    with source.open("r", encoding="utf-8") as handle:
        rows = [
            (dt.date.fromisoformat(r["ingangsdatum"]), float(r["uurloon"]))
            for r in csv.DictReader(handle)
        ]
    return tuple(sorted(rows))


def uurloon(day: dt.date) -> float:
    """The hourly minimum wage in force on `day` (the latest known after the table)."""
    rates = minimumloon()
    applicable = [rate for start, rate in rates if start <= day]
    return applicable[-1] if applicable else rates[0][1]


def kosten_per_plek_per_maand(day: dt.date, uren: float, scenario: Scenario) -> float:
    """The gemeente's model cost of one plek in the month of `day`: the wage cost at
    the minimum wage less the loonwaarde (the loonkostensubsidie), plus begeleiding
    and overhead."""
    wage = uurloon(day) * uren * WEEKS_PER_MONTH
    wage *= (1 + scenario.vakantiegeld_pct / 100) * (1 + scenario.werkgeverslasten_pct / 100)
    subsidie = wage * (1 - scenario.loonwaarde_pct / 100)
    return subsidie + (scenario.begeleiding_per_plek + scenario.overhead_per_plek) / 12


def kosten_per_jaar(
    paths: np.ndarray,
    model: Fit,
    scenario: Scenario,
    uitgaven_tot_peildatum: float,
    begroting: dict[int, float],
    quota: list[Taakstelling],
    taakstelling_geladen: dict[int, float],
) -> pd.DataFrame:
    """Projected cost per year against the begroting.

    Each month after the peildatum costs the expected stock times the cost per plek:
    the loaded average kosten_per_maand where there is one (indexed with the minimum
    wage), else the model. The peildatum's year adds the uitgaven so far. A year
    without a loaded begroting gets the last loaded begroting per plek of
    taakstelling times its taakstelling ("aangenomen").
    """
    uren = scenario.uren_per_week or model.uren_per_week
    ends = month_ends(model.peildatum)
    expected = paths.mean(axis=0)
    base_wage = uurloon(model.peildatum)
    rows = []
    for q in quota:
        months = [i for i, day in enumerate(ends) if day.year == q.jaar and i > 0]
        cost = sum(
            expected[i] * _plek_cost(ends[i], uren, scenario, model, base_wage) for i in months
        )
        if q.jaar == model.peildatum.year:
            cost += uitgaven_tot_peildatum
        budget, source = _budget(q, begroting, taakstelling_geladen)
        rows.append(
            {
                "jaar": q.jaar,
                "kosten": cost,
                "begroting": budget,
                "begroting_bron": source,
                "saldo": None if budget is None else budget - cost,
            }
        )
    return pd.DataFrame(rows)


def _plek_cost(day: dt.date, uren: float, scenario: Scenario, model: Fit, base: float) -> float:
    if model.kosten_per_maand is not None and scenario.kosten_uit_data:
        return model.kosten_per_maand * uurloon(day) / base
    return kosten_per_plek_per_maand(day, uren, scenario)


def _budget(
    q: Taakstelling, begroting: dict[int, float], taakstelling: dict[int, float]
) -> tuple[float | None, str]:
    if q.jaar in begroting:
        return begroting[q.jaar], "geladen"
    values = taakstelling
    loaded = [y for y in sorted(begroting) if values.get(y)]
    if not loaded or q.waarde is None:
        return None, "onbekend"
    last = loaded[-1]
    return begroting[last] / values[last] * q.waarde, "aangenomen"


def with_overrides(scenario: Scenario, **changes: object) -> Scenario:
    return replace(scenario, **changes)
