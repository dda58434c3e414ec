"""Read and validate a large CSV in batches of lines, so a national file never sits in
memory whole: its bytes, its text cells and its typed rows at once took 4,9 GB at 100x.

A batch is a run of whole lines (about `BATCH_BYTES`), read with the file's header line
in front by the plain reader of `reading.py` and validated by `validate.py` as any
file; line numbers are the file's own. What spans batches is decided over the whole
file, as for a file read whole: the rules across rows (duplicates, einddatum) run on
all typed rows together, the encoding is that of the whole file, and a column's
decimal mark must come out the same in every batch. Anything else (a file that is not
plain, a missing column, batches that disagree) is read whole, as before, so every
problem is found and worded by one piece of code; the typed rows of the batches are
compact (Arrow text), so they are kept until the write, and nothing is written before
every file has passed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

import pyarrow as pa

from dashboard.ingest import reading
from dashboard.ingest.reading import UTF8, WINDOWS_1252, HeaderTest
from dashboard.ingest.validate import (
    Validated,
    combine,
    contract_names,
    decimal_marks,
    validate_batch,
)
from dashboard.store.contract import TAAKSTELLING, WORKBOOK_SUFFIXES, TableSpec

BATCH_BYTES = 64 * 1024 * 1024  # a file larger than this is read in batches this size


class NotInBatches(Exception):
    """The file must be read whole (not plain, a refusal to word, batches disagree)."""


def wants_batches(name: str, size: int, spec: TableSpec) -> bool:
    """Whether a file is large enough, and of a kind, to be read in batches."""
    return (
        size > BATCH_BYTES
        and spec is not TAAKSTELLING  # the annex is small, and its rows span columns
        and not name.lower().endswith(WORKBOOK_SUFFIXES)
    )


def check_in_batches(
    name: str, stream: BinaryIO, spec: TableSpec, is_header: HeaderTest
) -> tuple[Validated, tuple[str, ...], str]:
    """The file validated batch by batch, its header and the sha256 of its bytes.

    Raises NotInBatches when the file must be read whole instead.
    """
    digest = hashlib.sha256()
    batches: list[Validated] = []
    marks: dict[str, str] | None = None
    header: tuple[str, ...] = ()
    encoding = UTF8
    for raw in _raw_batches(name, stream, is_header, digest):
        raw = contract_names(raw, spec)
        if not header:
            header = tuple(raw.cells.columns)
            if any(c.required and c.name not in raw.cells.columns for c in spec.columns):
                raise NotInBatches  # refused: the whole file's reading words it
        batch_marks = decimal_marks(raw, spec)
        if marks is None:
            marks = batch_marks
        elif batch_marks != marks:
            raise NotInBatches  # the whole file decides the mark
        batches.append(validate_batch(raw, spec))
        encoding = raw.encoding
        del raw
        pa.default_memory_pool().release_unused()  # the batch's text, back to the system
    if not batches:
        raise NotInBatches
    return replace(combine(batches, spec), encoding=encoding), header, digest.hexdigest()


def _raw_batches(
    name: str, stream: BinaryIO, is_header: HeaderTest, digest: hashlib._Hash
) -> Iterator[reading.RawTable]:
    """Each batch's cells, with the file's line numbers and the encoding so far."""
    state = _Encoding()
    header = b""  # the header line, put in front of every batch after the first
    above = 0  # lines above the header
    first_line = 1  # the file's line number of the batch's first line
    for chunk in _chunks(stream, digest):
        text = state.as_utf8(chunk)
        if not header:
            above, start = reading._header_start(text, is_header)
            end = text.find(b"\n", start)
            if end < 0:
                raise NotInBatches
            header = text[start : end + 1].removeprefix(reading.BOM)
            body, shift = text[start:], above  # the header is the batch's line 1
        elif text.isspace():
            body = None  # blank lines only: no records
        else:
            body, shift = header + text, first_line - 2  # its line 2 is first_line
        first_line += chunk.count(b"\n")
        if body is None:
            continue
        raw = reading._read_plain_csv(name, body)
        if raw is None or raw.problems:
            raise NotInBatches
        yield replace(raw, lines=raw.lines + shift, header_line=above + 1, encoding=state.name)


class _Encoding:
    """The whole file's encoding, found batch by batch as `reading._as_utf8` finds it
    for the whole file: UTF-8 when every batch is, else Windows-1252 when every batch
    decodes cleanly that way; a batch read as UTF-8 before the file turns out not to
    be sends the file to be read whole."""

    def __init__(self) -> None:
        self.name = UTF8
        self.read_as_utf8 = False  # a batch outside ASCII was read as UTF-8
        self.control = False  # an ASCII batch holds a character Windows-1252 refuses

    def as_utf8(self, chunk: bytes) -> bytes:
        if self.name == UTF8:  # (a NUL byte: the plain reader refuses the batch)
            if chunk.isascii():
                self.control = self.control or bool(chunk.translate(None, PRINTABLE))
                return chunk
            if reading._is_utf8(chunk):
                self.read_as_utf8 = True
                return chunk
            if self.read_as_utf8 or self.control:
                raise NotInBatches
            self.name = WINDOWS_1252
        converted = reading._from_windows_1252(chunk)
        if converted is None:
            raise NotInBatches  # refused: the whole file's reading words it
        return converted


# The bytes an ASCII text may hold and still be read as Windows-1252 (see
# reading._from_windows_1252): everything but control characters, and tab and line ends.
PRINTABLE = bytes([b for b in range(0x20, 0x7F)] + [0x09, 0x0A, 0x0D])


def _chunks(stream: BinaryIO, digest: hashlib._Hash) -> Iterator[bytes]:
    """Runs of whole lines of about BATCH_BYTES (the last may lack its line end)."""
    rest = b""
    while True:
        block = stream.read(BATCH_BYTES)
        digest.update(block)
        if not block:
            break
        block = rest + block
        end = block.rfind(b"\n") + 1
        if end == 0:
            rest = block
            continue
        rest = block[end:]
        yield block[:end]
    if rest:
        yield rest
