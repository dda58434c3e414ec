"""Read every sheet of a workbook (.xlsx, .xls, .ods) so that no file can harm the app.

python-calamine allocates a sheet's whole range before it reads a cell: a 2 kB file
with one cell at XFD1048576 asks for 17 billion cells and aborts the process, and a
zip bomb unpacks to gigabytes. So the parent first checks what a zip declares (the
unpacked size of its parts and each sheet's `<dimension>`), then calamine reads in a
child process with a memory and a time limit; whatever the child does, the parent
gets sheets or a `WorkbookRefused` with a Dutch reason. Run as
`python -m dashboard.ingest.workbook`, the module is that child: bytes in on stdin, a pickle
of the sheets out on stdout. Nothing here imports pandas, so the child starts fast.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import re
import subprocess
import sys
import zipfile

MAX_UNPACKED = 1024 * 1024 * 1024  # bytes: every part of the zip together, unpacked
MAX_RATIO = 200  # unpacked / packed for one part above 10 MB: real sheets are below 30
RATIO_FROM = 10 * 1024 * 1024
MAX_CELLS = 30_000_000  # a sheet's declared rows x columns (1,36 M rows x 22 columns)
CHILD_MEMORY = 4 * 1024 * 1024 * 1024  # bytes of address space for the reading child
CHILD_SECONDS = 300
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?:?([A-Z]{1,3})(\d+)\"")

Sheet = tuple[str, list[list[object]]]  # name, rows of cells (calamine's Python values)


class WorkbookRefused(Exception):
    """The workbook is not read; the message is Dutch: what the file "is" or "has"."""


def read_sheets(data: bytes) -> list[Sheet]:
    """Every sheet of the workbook with its cells; raises WorkbookRefused."""
    if data[:2] == b"PK":
        _check_zip(data)
    return _read_in_child(data)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookRefused("is onleesbaar of beschadigd (geen geldig zip-bestand)") from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        raise WorkbookRefused(
            f"pakt uit tot {_megabytes(unpacked)}, meer dan de grens van "
            f"{_megabytes(MAX_UNPACKED)}; is het een zip-bom?"
        )
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise WorkbookRefused(
                f"heeft een onderdeel {part.filename} dat uitpakt tot "
                f"{_megabytes(part.file_size)} uit {_megabytes(part.compress_size)}, meer dan "
                f"{MAX_RATIO} keer zo groot; is het een zip-bom?"
            )
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            _check_dimension(archive, part)


def _check_dimension(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Refuse a sheet that declares more cells than any real export has."""
    try:
        with archive.open(part) as stream:
            head = stream.read(4096)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise WorkbookRefused(f"heeft een onleesbaar onderdeel {part.filename}") from None
    match = DIMENSION.search(head)
    if match is None:
        return
    first_column, first_row, last_column, last_row = (
        group.decode("ascii") if group else None for group in match.groups()
    )
    rows = int(last_row) - int(first_row or 1) + 1
    columns = _column_number(last_column) - _column_number(first_column or "A") + 1
    if rows * columns > MAX_CELLS:
        raise WorkbookRefused(
            f"heeft een werkblad dat zegt {rows:_} regels bij {columns:_} kolommen te beslaan "
            f"(tot cel {last_column}{last_row}), meer dan {MAX_CELLS:_} cellen".replace("_", ".")
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _megabytes(size: float) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _limit_memory(limit: int) -> None:
    """In the child, before calamine runs: an allocation past `limit` fails there."""
    try:
        import resource
    except ImportError:  # not on this system: the parent's zip checks still hold
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read_in_child(data: bytes) -> list[Sheet]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.ingest.workbook", str(CHILD_MEMORY)],
            input=data,
            capture_output=True,
            timeout=CHILD_SECONDS,
            env={**os.environ, "PYTHONPATH": _package_root()},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise WorkbookRefused(
            f"kost meer dan {CHILD_SECONDS} seconden om te lezen; is het beschadigd?"
        ) from None
    if done.returncode == 2:  # calamine's own error, worded by the child
        raise WorkbookRefused(done.stdout.decode("utf-8", "replace"))
    if done.returncode != 0:
        raise WorkbookRefused(
            "vraagt meer geheugen dan een echte export, of is beschadigd (het lezen is afgebroken)"
        )
    return _SheetsUnpickler(io.BytesIO(done.stdout)).load()


def _package_root() -> str:
    # the folder holding the package: dashboard/ingest/workbook.py is three levels down
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)


class _SheetsUnpickler(pickle.Unpickler):
    """Only the types a sheet's cells have: no other class can be named."""

    ALLOWED = {("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"),
               ("datetime", "timedelta")}  # fmt: skip

    def find_class(self, module: str, name: str) -> type:
        if (module, name) in self.ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is geen celwaarde")


def _child() -> int:
    _limit_memory(int(sys.argv[1]))
    from python_calamine import CalamineWorkbook

    data = sys.stdin.buffer.read()
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append((name, rows))
    except Exception as error:  # calamine raises several types for broken files
        sys.stdout.write(f"is onleesbaar of beschadigd ({type(error).__name__})")
        return 2
    sys.stdout.buffer.write(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
