"""The data contract as data: which files exist, their columns, types and rules.

Everything the loader checks is declared here once; `validate.py` applies it and
the database gets its category tables from it, so a rule is never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "code", "date", "month", "number", "integer", "category"]

INSTRUMENTEN = (
    "beschut_werk",
    "loonkostensubsidie",
    "jobcoaching",
    "werkplekaanpassing",
    "leerwerktraject",
    "groeibaan",
    "scholing",
    "dagbesteding",
    "overig",
)
UITKOMSTEN = (
    "lopend",
    "beschut_werk",
    "regulier_werk",
    "ander_instrument",
    "dagbesteding",
    "uitgevallen",
)
ADVIES_UITKOMSTEN = ("positief", "negatief")
POSTEN = ("loonkosten", "begeleiding", "voorschakeltraject", "overig")

# Maxima beyond the contract (README, "Limits beyond the contract"): a value above
# them is a typing or export error, and 1e308 would overflow every sum. The two that
# grow with a gemeente leave room for the synthetic data at 100x (`beschut generate`).
MAX_TAAKSTELLING = 1_000_000  # plekken, one gemeente and year (the nation: ~20.000)
MAX_KOSTEN_PER_MAAND = 100_000  # euro, one placement a month (real ones: ~2.000)
MAX_BEDRAG = 100_000_000_000  # euro, one begroting or uitgaven row
MAX_INWONERS = 2_000_000  # the largest gemeente has about 0,9 million

# Category lists the queries join to (so every category shows, also with zero).
CATEGORIEEN = {"instrument": INSTRUMENTEN, "uitkomst": UITKOMSTEN, "post": POSTEN}


@dataclass(frozen=True)
class Column:
    """One column of an input file and the rule its values follow."""

    name: str
    kind: Kind
    required: bool = True  # the column must be in the file
    nullable: bool = False  # an empty cell is allowed
    categories: tuple[str, ...] = ()
    minimum: float | None = None
    minimum_inclusive: bool = True
    maximum: float | None = None
    unique: bool = False


@dataclass(frozen=True)
class TableSpec:
    """An input table: its file stem, columns and the key that must be unique."""

    name: str
    columns: tuple[Column, ...]
    unique_key: tuple[str, ...] = ()
    end_after_start: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    gemeente_column: str = "gemeente"  # the column with the gemeente code
    stored_as: str | None = None  # the database table, when not `name`

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def db_table(self) -> str:
        """The DuckDB table that holds this file's rows (one `gemeente` column each)."""
        return self.stored_as or self.name


TAAKSTELLING = TableSpec(
    "taakstelling",
    (
        Column("gemeente", "code"),
        Column("jaar", "integer", minimum=1990, maximum=2100),
        Column("taakstelling", "number", minimum=0, maximum=MAX_TAAKSTELLING),
        Column("gemeentenaam", "text", required=False, nullable=True),
    ),
    unique_key=("gemeente", "jaar"),
)

PLAATSINGEN = TableSpec(
    "plaatsingen",
    (
        Column("plaatsing_id", "text", unique=True),
        Column("persoon_id", "text"),
        Column("gemeente", "code"),
        Column("instrument", "category", categories=INSTRUMENTEN),
        Column("startdatum", "date"),
        Column("einddatum", "date", nullable=True),
        Column("uren_per_week", "number", minimum=0, minimum_inclusive=False, maximum=40),
        Column("werkgever", "text", required=False, nullable=True),
        Column(
            "kosten_per_maand",
            "number",
            required=False,
            nullable=True,
            minimum=0,
            maximum=MAX_KOSTEN_PER_MAAND,
        ),
    ),
    end_after_start=True,
)

TRAJECTEN = TableSpec(
    "trajecten",
    (
        Column("traject_id", "text", unique=True),
        Column("persoon_id", "text"),
        Column("gemeente", "code"),
        Column("startdatum", "date"),
        Column("einddatum", "date", nullable=True),
        Column("uitkomst", "category", categories=UITKOMSTEN),
        Column("advies_aangevraagd", "date", nullable=True),
        Column("advies_uitkomst", "category", nullable=True, categories=ADVIES_UITKOMSTEN),
    ),
    end_after_start=True,
)

BEGROTING = TableSpec(
    "begroting",
    (
        Column("gemeente", "code"),
        Column("jaar", "integer", minimum=1990, maximum=2100),
        Column("post", "category", categories=POSTEN),
        Column("bedrag", "number", minimum=0, maximum=MAX_BEDRAG),
        Column("versie", "text", required=False, nullable=True),
    ),
)

UITGAVEN = TableSpec(
    "uitgaven",
    (
        Column("gemeente", "code"),
        Column("maand", "month"),
        Column("post", "category", categories=POSTEN),
        Column("bedrag", "number", minimum=-MAX_BEDRAG, maximum=MAX_BEDRAG),
    ),
)

# Optional, beyond the contract: per gemeente its name, inwoners (for figures per
# 10.000 inwoners) and arbeidsmarktregio. Stored as `gemeente_gegevens`: the name
# `gemeenten` is the view of every gemeente with data (macros.sql).
GEMEENTEN = TableSpec(
    "gemeenten",
    (
        Column("code", "code", unique=True),
        Column("naam", "text", required=False, nullable=True),
        Column(
            "inwoners",
            "integer",
            required=False,
            nullable=True,
            minimum=0,
            minimum_inclusive=False,
            maximum=MAX_INWONERS,
        ),
        Column("arbeidsmarktregio", "text", required=False, nullable=True),
    ),
    gemeente_column="code",
    stored_as="gemeente_gegevens",
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (TAAKSTELLING, PLAATSINGEN, TRAJECTEN, BEGROTING, UITGAVEN, GEMEENTEN)
}

# Load order inside one import: the same order the contract lists the files.
TABLE_ORDER = tuple(TABLES)
FILE_SUFFIXES = (".csv", ".xlsx", ".xls", ".ods")
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")
