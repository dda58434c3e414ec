"""The national backtest of the prognose: every gemeente of `beschut generate` data
(seed 342, 2015-2027) at eight past peildata, each forecasting the month-ends 1-24
months ahead, against the three baselines of dashboard/forecasting/backtest.py.

    .venv/bin/python bench/backtest.py            # about two minutes on 2 cores
    .venv/bin/python bench/backtest.py --seed 7   # the same on a history of another seed

Writes bench/backtest_landelijk.parquet (one row per forecast; the backtest notebook
and tests/test_backtest.py read it, and the test reruns a few gemeenten to check it
is what the code gives today) and prints the table of the README with the targets.
With --seed the data are generated with another seed (a held-out history: the same
dynamics, other gemeenten' sizes, paces and behaviours) and nothing is written but --out.
The generated data and its database are kept in /tmp/beschut-backtest while
beschut_dev/generate.py stays the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from beschut_dev.generate import Keuze, generate  # noqa: E402
from dashboard.forecasting import backtest as bt  # noqa: E402
from dashboard.ingest.loader import files_in_folder, load  # noqa: E402
from dashboard.store.db import connect  # noqa: E402

KEUZE = Keuze(van=2015, tot=2027, seed=342)
ORIGINS = [
    dt.date(2020, 6, 30),
    dt.date(2021, 3, 31),
    dt.date(2021, 12, 31),
    dt.date(2022, 9, 30),
    dt.date(2023, 6, 30),
    dt.date(2024, 3, 31),
    dt.date(2024, 12, 31),
    dt.date(2025, 9, 30),
]
LAST_DAY = dt.date(2027, 9, 30)
RESULTS = REPO / "bench" / "backtest_landelijk.parquet"


def database(folder: Path, keuze: Keuze = KEUZE) -> Path:
    """The generated national data, loaded; made again when the generator changed."""
    source = (REPO / "beschut_dev" / "generate.py").read_bytes() + repr(keuze).encode()
    key = hashlib.sha256(source).hexdigest()[:16]
    db = folder / f"landelijk_{key}.duckdb"
    if not db.exists():
        print("  generating and loading …", flush=True)
        generate(folder / f"in_{key}", keuze)
        load(db, files_in_folder(folder / f"in_{key}"), source="bench/backtest.py")
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/beschut-backtest"))
    parser.add_argument("--gemeenten", type=int, help="only the first N gemeenten (a quick look)")
    parser.add_argument("--out", type=Path, help="also write the forecasts here (parquet)")
    parser.add_argument("--seed", type=int, default=KEUZE.seed, help="the generator's seed")
    args = parser.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    keuze = replace(KEUZE, seed=args.seed)
    con = connect(database(args.data, keuze), read_only=True)
    codes = [r[0] for r in con.sql("SELECT gemeente FROM gemeenten ORDER BY 1").fetchall()]
    chosen = codes[: args.gemeenten] if args.gemeenten else []
    started = time.perf_counter()
    results = bt.national_backtest(con, ORIGINS, LAST_DAY, chosen)
    seconds = time.perf_counter() - started
    if not args.gemeenten and keuze == KEUZE:
        results.to_parquet(RESULTS, index=False)
    if args.out:
        results.to_parquet(args.out, index=False)
    table = bt.summary(results)
    print(f"{len(results)} forecasts, {results['gemeente'].nunique()} gemeenten, "
          f"{len(ORIGINS)} peildata, {seconds:.0f} s\n")  # fmt: skip
    print(bt.markdown(table))
    print()
    print(bt.targets_met(table).round(1).to_string(index=False))
    print()
    print(results.groupby("sturing")["gemeente"].size().rename("forecasts").to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
