"""Reading a link back (dashboard.links): plain Python, no Streamlit."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.web.links import read, selection_params

CODES = ["GM0935", "GM0938", "GM0994"]
JAREN = list(range(2017, 2027))


def gelezen(**params: list[str]):
    return read(params, CODES, JAREN, default_jaar=2026)


def test_a_valid_link_is_read_as_it_is():
    got = gelezen(gemeente=["GM0938", "GM0935"], jaar=["2025"], peildatum=["2025-09-30"])
    assert (got.gemeenten, got.jaar, got.peildatum, got.notes) == (
        ("GM0938", "GM0935"),
        2025,
        dt.date(2025, 9, 30),
        (),
    )


def test_what_a_selection_writes_reads_back_the_same():
    params = selection_params(["GM0994"], 2024, dt.date(2024, 6, 30))
    got = read(params, CODES, JAREN, default_jaar=2026)
    assert (got.gemeenten, got.jaar, got.peildatum, got.notes) == (
        ("GM0994",),
        2024,
        dt.date(2024, 6, 30),
        (),
    )
    assert "gemeente" not in selection_params([], 2024, dt.date(2024, 6, 30))  # = all


def test_no_parameters_mean_all_gemeenten_the_default_year_and_its_peildatum():
    got = gelezen()
    assert (got.gemeenten, got.jaar, got.peildatum, got.notes) == ((), 2026, None, ())


def test_comma_lists_lower_case_and_repeats_are_accepted():
    got = gelezen(gemeente=["gm0938,GM0935", "GM0938"])
    assert got.gemeenten == ("GM0938", "GM0935") and got.notes == ()


def test_an_unknown_gemeente_is_left_out_with_a_note():
    got = gelezen(gemeente=["GM0938", "GM9999"])
    assert got.gemeenten == ("GM0938",)
    assert got.notes == (
        "Onbekende gemeente in de link: GM9999; die staat niet in de gegevens. "
        "Getoond: de gekozen gemeenten.",
    )
    only_unknown = gelezen(gemeente=["GM9999"])
    assert only_unknown.gemeenten == () and "alle gemeenten samen" in only_unknown.notes[0]


def test_link_text_that_could_be_markup_is_never_repeated():
    got = gelezen(gemeente=["[klik](http://x)"], peildatum=["<b>morgen</b>"])
    assert all("klik" not in n and "<b>" not in n for n in got.notes)
    assert "(onleesbaar)" in got.notes[0] and "geen geldige datum" in got.notes[1]


@pytest.mark.parametrize(
    ("jaar", "want"), [("2031", 2026), ("1999", 2017), ("2020", 2020), ("twintig", 2026)]
)
def test_a_year_without_data_becomes_the_nearest_year_with_data(jaar, want):
    got = gelezen(jaar=[jaar])
    assert got.jaar == want
    assert bool(got.notes) == (jaar != "2020")


def test_non_ascii_digits_are_no_year():
    got = gelezen(jaar=["２０２５"])  # fullwidth digits: int() would take them
    assert got.jaar == 2026 and "geen jaartal" in got.notes[0]


@pytest.mark.parametrize("peildatum", ["2025-02-30", "30-02-2025", "2025/09/30", "gisteren"])
def test_a_malformed_date_falls_back_to_the_default_peildatum(peildatum):
    got = gelezen(jaar=["2025"], peildatum=[peildatum])
    assert got.peildatum is None and got.jaar == 2025
    assert "geen geldige datum" in got.notes[0]


def test_a_dutch_date_is_read_too():
    assert gelezen(jaar=["2025"], peildatum=["30-09-2025"]).peildatum == dt.date(2025, 9, 30)


@pytest.mark.parametrize(
    ("peildatum", "want"),
    [("2024-06-30", dt.date(2025, 1, 1)), ("2026-03-31", dt.date(2025, 12, 31))],
)
def test_a_peildatum_outside_the_year_moves_to_the_nearest_day_of_that_year(peildatum, want):
    got = gelezen(jaar=["2025"], peildatum=[peildatum])
    assert (got.jaar, got.peildatum) == (2025, want)
    assert "valt buiten 2025" in got.notes[0]


def test_a_peildatum_without_a_year_chooses_its_year():
    got = gelezen(peildatum=["2024-06-30"])
    assert (got.jaar, got.peildatum, got.notes) == (2024, dt.date(2024, 6, 30), ())
