"""Reading while an import runs: readers see the old version or the new, never a mix.

The app holds one read-write connection (db.share) and runs every query on its own
cursor; an import writes on another cursor of it in one transaction.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from conftest import PLAATSINGEN_HEADER, SAMPLE, csv_lines, source

from dashboard.ingest import loader
from dashboard.ingest.loader import files_in_folder, load
from dashboard.store.db import DatabaseBusy, share
from dashboard.store.gemeenten import known_codes
from dashboard.store.queries import run

# One query, so one snapshot: which version, and what is in the tables.
FINGERPRINT = """
SELECT (SELECT max(import_id) FROM import_log),
       (SELECT count(*) FROM plaatsingen),
       (SELECT count(DISTINCT gemeente) FROM plaatsingen),
       (SELECT count(*) FROM import_bestand),
       (SELECT count(*) FROM vervangen_plaatsingen)
"""


def national_plaatsingen(rows: int, seed: int = 7) -> str:
    """A large plaatsingen file over every gemeente, valid by the contract."""
    rng = random.Random(seed)
    codes = sorted(known_codes())
    lines = []
    for i in range(rows):
        start = f"20{rng.randint(17, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(
            f"X{i},p{i % (rows // 2)},{rng.choice(codes)},beschut_werk,{start},,"
            f"{rng.randint(8, 36)},Werkgever {i % 97},{rng.randint(900, 2600)}"
        )
    return csv_lines(PLAATSINGEN_HEADER, *lines)


def fingerprint(shared) -> tuple:
    cursor = shared.cursor()
    try:
        return cursor.execute(FINGERPRINT).fetchall()[0]
    finally:
        cursor.close()


def test_readers_never_fail_and_never_see_a_half_import(db_path, monkeypatch):
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    shared = share(db_path)
    before = fingerprint(shared)
    big = [source("plaatsingen.csv", national_plaatsingen(60_000))]

    in_transaction = threading.Event()
    original = loader.log_version

    def slow_log(*args, **kwargs):  # hold the transaction open, uncommitted, a while
        original(*args, **kwargs)
        in_transaction.set()
        time.sleep(0.5)

    monkeypatch.setattr(loader, "log_version", slow_log)
    done = threading.Event()
    seen: list[tuple[bool, tuple]] = []
    errors: list[BaseException] = []
    latencies: list[float] = []

    def reader() -> None:
        while not done.is_set():
            started = time.perf_counter()
            try:
                during = in_transaction.is_set()
                seen.append((during, fingerprint(shared)))
                run(
                    shared.connection,
                    "kerncijfers_totaal",
                    jaar=2025,
                    peildatum="2025-12-31",
                    gemeenten=[],
                    versie=None,
                )
            except BaseException as error:  # noqa: BLE001 - any failure fails the test
                errors.append(error)
            latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    result = load(db_path, big, source="groot")
    import_seconds = time.perf_counter() - started
    time.sleep(0.2)
    done.set()
    for thread in threads:
        thread.join()

    after = fingerprint(shared)
    assert result.import_id == 2 and after != before
    assert not errors, errors
    states = [state for _, state in seen]
    assert set(states) <= {before, after}, "a reader saw a half-imported state"
    assert [s for during, s in seen if during and s == before], "no read during the write"
    assert states[-1] == after
    print(
        f"\nimport of 60.000 rows: {import_seconds:.2f} s; {len(latencies)} reader queries, "
        f"median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )


def test_two_imports_at_once_one_is_refused_and_nothing_mixes(db_path, monkeypatch):
    load(db_path, files_in_folder(SAMPLE), source=str(SAMPLE))
    shared = share(db_path)
    first_in = threading.Event()
    release = threading.Event()
    original = loader.log_version

    def held_log(*args, **kwargs):
        original(*args, **kwargs)
        first_in.set()
        release.wait(10)

    monkeypatch.setattr(loader, "log_version", held_log)
    one = [source("taakstelling.csv", csv_lines("gemeente,jaar,taakstelling", "GM0935,2025,1"))]
    two = [source("taakstelling.csv", csv_lines("gemeente,jaar,taakstelling", "GM0935,2025,2"))]
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("one", load(db_path, one, "a")))
    thread.start()
    assert first_in.wait(10)
    with pytest.raises(DatabaseBusy, match="er loopt al een import"):
        load(db_path, two, source="b")
    release.set()
    thread.join()
    cursor = shared.cursor()
    try:
        value = cursor.execute(
            "SELECT taakstelling FROM taakstelling WHERE gemeente = 'GM0935' AND jaar = 2025"
        ).fetchall()
    finally:
        cursor.close()
    assert value == [(1.0,)]
    assert outcome["one"].import_id == 2
