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
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
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

BATCH_BYTES = 16 * 1024 * 1024  # a file larger than this is read in batches this size


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
    name: str, stream: BinaryIO, spec: TableSpec, is_header: HeaderTest, threads: int = 1
) -> tuple[Validated, tuple[str, ...], str]:
    """The file validated batch by batch, its header and the sha256 of its bytes.

    The batches are read and validated side by side on `threads` threads (Arrow does
    most of the work, without Python's lock), with at most one batch waiting per
    thread, so memory holds a few batches' text and never the file's. Raises
    NotInBatches when the file must be read whole instead.
    """
    digest = hashlib.sha256()
    checked: list[_CheckedBatch] = []
    pending: deque[Future[_CheckedBatch]] = deque()
    pool = ThreadPoolExecutor(max_workers=threads)
    try:
        for batch in _batches(stream, is_header, digest):
            pending.append(pool.submit(_check_batch, name, batch, spec))
            if len(pending) > threads:
                checked.append(pending.popleft().result())
        checked += [future.result() for future in pending]
    finally:
        pool.shutdown(cancel_futures=True)  # after a refusal: the rest is not needed
    if not checked or any(c.marks != checked[0].marks for c in checked):
        raise NotInBatches  # no records, or the whole file decides the decimal mark
    result = combine([c.result for c in checked], spec)
    return replace(result, encoding=checked[-1].encoding), checked[0].header, digest.hexdigest()


@dataclass(frozen=True)
class _Batch:
    """A run of the file's whole lines, still in the file's encoding, and where it is."""

    chunk: bytes  # as in the file, or as UTF-8 when `utf8` (the first batch)
    header: bytes  # the header line (UTF-8) to put in front; b"" for the first batch
    shift: int  # added to the batch's own line numbers gives the file's
    above: int  # lines above the header
    encoding: str  # of the file, as far as read
    utf8: bool  # `chunk` is UTF-8 already


@dataclass(frozen=True)
class _CheckedBatch:
    header: tuple[str, ...]
    marks: dict[str, str]
    result: Validated
    encoding: str


def _check_batch(name: str, batch: _Batch, spec: TableSpec) -> _CheckedBatch:
    """One batch read and validated (in a worker thread); raises NotInBatches."""
    raw = contract_names(_read_batch(name, batch), spec)
    if any(c.required and c.name not in raw.cells.columns for c in spec.columns):
        raise NotInBatches  # refused: the whole file's reading words it
    checked = _CheckedBatch(
        tuple(raw.cells.columns),
        decimal_marks(raw, spec),
        validate_batch(raw, spec),
        batch.encoding,
    )
    del raw
    pa.default_memory_pool().release_unused()  # the batch's text, back to the system
    return checked


def _read_batch(name: str, batch: _Batch) -> reading.RawTable:
    """The batch's cells, with the file's line numbers."""
    text = batch.chunk
    if not batch.utf8 and batch.encoding == WINDOWS_1252:
        text = reading._from_windows_1252(text)
        if text is None:
            raise NotInBatches  # refused: the whole file's reading words it
    raw = reading._read_plain_csv(name, batch.header + text)
    if raw is None or raw.problems:
        raise NotInBatches
    return replace(
        raw, lines=raw.lines + batch.shift, header_line=batch.above + 1, encoding=batch.encoding
    )


def _batches(stream: BinaryIO, is_header: HeaderTest, digest: hashlib._Hash) -> Iterator[_Batch]:
    """The file's batches, in order, with the encoding found so far."""
    state = _Encoding()
    header = b""  # the header line, put in front of every batch after the first
    above = 0  # lines above the header
    first_line = 1  # the file's line number of the batch's first line
    for chunk in _chunks(stream, digest):
        state.see(chunk)
        if not header:
            text = state.as_utf8(chunk)
            above, start = reading._header_start(text, is_header)
            end = text.find(b"\n", start)
            if end < 0:
                raise NotInBatches
            header = text[start : end + 1].removeprefix(reading.BOM)
            yield _Batch(text[start:], b"", above, above, state.name, utf8=True)
        elif not chunk.isspace():  # (blank lines only: no records)
            yield _Batch(chunk, header, first_line - 2, above, state.name, utf8=False)
        first_line += reading.line_feeds(chunk)  # its line 2 is first_line


class _Encoding:
    """The whole file's encoding, found batch by batch as `reading._as_utf8` finds it
    for the whole file: UTF-8 when every batch is, else Windows-1252 when every batch
    decodes cleanly that way; a batch read as UTF-8 before the file turns out not to
    be sends the file to be read whole."""

    def __init__(self) -> None:
        self.name = UTF8
        self.read_as_utf8 = False  # a batch outside ASCII was read as UTF-8
        self.control = False  # an ASCII batch holds a character Windows-1252 refuses

    def see(self, chunk: bytes) -> None:
        """Take the next chunk into account; raises NotInBatches when the file turns
        out to be Windows-1252 after a batch was read as UTF-8."""
        if self.name != UTF8:  # (a NUL byte: the plain reader refuses the batch)
            return
        if chunk.isascii():
            self.control = self.control or reading.has_control(chunk)
        elif reading._is_utf8(chunk):
            self.read_as_utf8 = True
        elif self.read_as_utf8 or self.control:
            raise NotInBatches
        else:
            self.name = WINDOWS_1252

    def as_utf8(self, chunk: bytes) -> bytes:
        """A chunk already seen, as UTF-8; raises NotInBatches for an undefined byte."""
        if self.name == UTF8:
            return chunk
        converted = reading._from_windows_1252(chunk)
        if converted is None:
            raise NotInBatches  # refused: the whole file's reading words it
        return converted


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
