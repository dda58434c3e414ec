"""Whatever bytes arrive, the loader answers with a verdict, never a traceback."""

from __future__ import annotations

from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest.loader import SourceFile, check
from dashboard.ingest.problems import InputError

HEADS = {
    name: b"".join((SAMPLE / name).read_bytes().splitlines(keepends=True)[:25])
    for name in ("plaatsingen.csv", "trajecten.csv", "taakstelling.csv", "uitgaven.csv")
}
XLSX = (SAMPLE / "begroting.xlsx").read_bytes()


def verdict(name: str, data: bytes) -> None:
    try:
        check([SourceFile(name, data)])
    except InputError as error:
        assert error.problems
        assert all(p.file == name and p.line >= 1 and p.message for p in error.problems)


@settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    name=st.sampled_from(sorted(HEADS)),
    cut=st.integers(min_value=0, max_value=4000),
    junk=st.binary(max_size=12),
    at=st.integers(min_value=0, max_value=4000),
)
def test_mutated_csv_gets_a_verdict(name, cut, junk, at):
    data = HEADS[name]
    data = data[:at] + junk + data[at:]
    verdict(name, data[: max(cut, 1)] if cut < len(data) else data)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(XLSX)), junk=st.binary(max_size=64))
def test_mutated_xlsx_gets_a_verdict(cut, junk):
    verdict("begroting.xlsx", XLSX[:cut] + junk)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_gets_a_verdict(text):
    verdict("uitgaven.csv", text.encode("utf-8", "surrogatepass"))
