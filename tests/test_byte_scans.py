"""The loader's scans of a file's bytes (numpy, so files can be checked in threads)
say what the plain bytes methods say."""

from hypothesis import given
from hypothesis import strategies as st

from dashboard.ingest import reading

# Bytes near the ones that matter: line ends, tab, other control characters, DEL.
TEXT = st.lists(st.sampled_from(b"\r\n\t\x01\x1b\x1f\x7f a;\x80\xe9")).map(bytes)

PRINTABLE = bytes([*range(0x20, 0x7F), 0x09, 0x0A, 0x0D])


@given(TEXT, st.integers(min_value=0, max_value=5))
def test_line_feeds_counts_as_bytes_count(data, start):
    start = min(start, len(data))
    assert reading.line_feeds(data, start) == data.count(b"\n", start)


@given(TEXT)
def test_a_lone_carriage_return_is_one_not_before_a_line_feed(data):
    assert reading._lone_carriage_return(data) == (data.count(b"\r") != data.count(b"\r\n"))


@given(TEXT)
def test_control_characters_are_those_outside_tab_and_line_ends(data):
    ascii_part = bytes(b for b in data if b < 0x80)
    assert reading.has_control(ascii_part) == bool(ascii_part.translate(None, PRINTABLE))
