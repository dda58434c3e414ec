"""An upload before it is imported: the size limit and what each file holds.

Plain Python, no Streamlit: the Data page draws what this returns. The import
itself goes through `loader.write`, the same transaction as `beschut load`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from dashboard.ingest.loader import Checked, SourceFile, inspect, problems_of
from dashboard.ingest.problems import WHOLE_FILE, Problem
from dashboard.ingest.validate import ANNEX_CODE, ANNEX_NAME, ANNEX_YEAR, Validated
from dashboard.store.contract import TABLES
from dashboard.store.gemeenten import reference

MAX_UPLOAD_SETTING = "BESCHUT_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 50.0
NAMES_SHOWN = 5

# The years a file covers, as data_overzicht.sql counts them for loaded rows:
# the first column's year up to the second's (empty = the first's).
YEAR_COLUMNS = {
    "taakstelling": ("jaar", "jaar"),
    "begroting": ("jaar", "jaar"),
    "uitgaven": ("maand", "maand"),
    "plaatsingen": ("startdatum", "einddatum"),
    "trajecten": ("startdatum", "einddatum"),
}


def max_upload_mb() -> float:
    """The upload limit in MB: the setting BESCHUT_MAX_UPLOAD_MB, 50 by default."""
    try:
        value = float(os.environ.get(MAX_UPLOAD_SETTING, DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return value if value > 0 else DEFAULT_MAX_UPLOAD_MB


@dataclass(frozen=True)
class Upload:
    """Uploaded files after the size check, reading and validation."""

    checked: tuple[Checked, ...]
    too_large: tuple[tuple[str, int], ...]  # name and size of refused files
    problems: tuple[Problem, ...]

    @property
    def ready(self) -> bool:
        """Everything can be imported: no problem in any file."""
        return bool(self.checked) and not self.problems

    @property
    def files(self) -> list[SourceFile]:
        return [c.file for c in self.checked]

    @property
    def results(self) -> list[Validated]:
        return [c.result for c in self.checked if c.result is not None]

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Worth a look before the import, but no reason to refuse (a wrong total row)."""
        return tuple(sorted(w for r in self.results for w in r.warnings))


def latest_by_name(files: list[SourceFile]) -> list[SourceFile]:
    """One file per name: a corrected file uploaded later replaces the earlier one
    (in the place of the first, so the list keeps its order)."""
    latest = {f.name.strip().lower(): f for f in files}
    kept: dict[str, SourceFile] = {}
    for file in files:
        kept.setdefault(file.name.strip().lower(), latest[file.name.strip().lower()])
    return list(kept.values())


def check_upload(files: list[SourceFile], limit_mb: float) -> Upload:
    """Refuse files above the limit unread; read and validate the others (of files
    with the same name, the last)."""
    files = latest_by_name(files)
    limit = limit_mb * 1024 * 1024
    large = [f for f in files if len(f.data) > limit]
    refused = [
        Problem(
            f.name,
            1,
            WHOLE_FILE,
            f"het bestand is {_megabytes(len(f.data))}; de grens is {_megabytes(limit)} "
            f"(instelling {MAX_UPLOAD_SETTING})",
        )
        for f in large
    ]
    checked = inspect([f for f in files if f not in large])
    return Upload(
        tuple(checked),
        tuple((f.name, len(f.data)) for f in large),
        tuple(sorted(refused + problems_of(checked))),
    )


def _megabytes(size: float) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def preview(upload: Upload) -> pd.DataFrame:
    """One row per file: table, rows, columns recognised and ignored, gemeenten, years."""
    rows = [_preview_row(c) for c in upload.checked]
    rows += [
        {"bestand": name, "tabel": None, "status": f"geweigerd: te groot ({_megabytes(size)})"}
        for name, size in upload.too_large
    ]
    columns = [
        "bestand",
        "tabel",
        "rijen",
        "kolommen",
        "genegeerd",
        "gemeenten",
        "eerste_jaar",
        "laatste_jaar",
        "problemen",
        "status",
        "codering",
        "opmerkingen",
    ]
    return pd.DataFrame(rows, columns=columns)


def _preview_row(checked: Checked) -> dict[str, object]:
    result = checked.result
    recognised, ignored = _columns(checked)
    row: dict[str, object] = {
        "bestand": checked.file.name,
        "tabel": checked.table,
        "kolommen": ", ".join(recognised) or None,
        "genegeerd": ", ".join(ignored) or None,
        "problemen": len(checked.problems),
        "status": "in orde" if not checked.problems else "niet te importeren",
    }
    if result is not None:
        spec = TABLES[result.table]
        codes = sorted(result.rows[spec.gemeente_column].dropna().unique())
        first, last = _years(result)
        row |= {
            "rijen": len(result.rows),
            "gemeenten": gemeente_names(codes),
            "eerste_jaar": first,
            "laatste_jaar": last,
            "codering": result.encoding,
            "opmerkingen": "; ".join(result.notes) or None,
        }
    return row


def _columns(checked: Checked) -> tuple[list[str], list[str]]:
    if checked.table is None:
        return [], list(checked.header)
    spec = TABLES[checked.table]
    known = {c.name for c in spec.columns}
    if checked.table == "taakstelling" and ANNEX_CODE in checked.header:
        known = {ANNEX_CODE, ANNEX_NAME} | {c for c in checked.header if ANNEX_YEAR.match(c)}
    recognised = [c for c in checked.header if c in known]
    return recognised, [c for c in checked.header if c not in known]


def _years(result: Validated) -> tuple[int | None, int | None]:
    if result.table not in YEAR_COLUMNS or result.rows.empty:
        return None, None
    start_column, end_column = YEAR_COLUMNS[result.table]
    start, end = result.rows[start_column], result.rows[end_column]
    if start_column != "jaar":
        start = pd.to_datetime(start).dt.year
        end = pd.to_datetime(end).dt.year
    end = end.fillna(start)
    if start.isna().all():
        return None, None
    return int(start.min()), int(end.max())


def gemeente_names(codes: list[str]) -> str:
    """Names for codes, the first few: "Maastricht, Vaals" or "…, … en 337 andere"."""
    names = dict(zip(reference()["code"], reference()["naam"], strict=True))
    shown = [names.get(code, code) for code in codes[:NAMES_SHOWN]]
    if len(codes) > NAMES_SHOWN:
        shown.append(f"… en {len(codes) - NAMES_SHOWN} andere")
    return ", ".join(shown)


def problems_frame(problems: tuple[Problem, ...]) -> pd.DataFrame:
    """Every problem as a row: bestand, regel, kolom, probleem."""
    return pd.DataFrame(
        [(p.file, p.line, p.column, p.message) for p in problems],
        columns=["bestand", "regel", "kolom", "probleem"],
    )
