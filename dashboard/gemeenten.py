"""Gemeente codes: normalising what exports write, and the CBS list of real codes."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pandas as pd

CODE_PATTERN = re.compile(r"^(?:GM)?0*(\d{1,4})$")


def normalise_code(value: object) -> str | None:
    """`GM0935`, `0935`, `935` and 935.0 → `GM0935`; None when it is no code at all."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper().replace(" ", "")
    match = CODE_PATTERN.match(text)
    if not match or int(match.group(1)) == 0:
        return None
    return f"GM{int(match.group(1)):04d}"


@cache
def reference() -> pd.DataFrame:
    """Every gemeente that existed from 2015 on: code, naam, van, tot (CBS indeling)."""
    source = resources.files("dashboard").joinpath("reference/gemeenten.csv")
    with source.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype={"code": str, "naam": str}).astype(
            {"van": "Int64", "tot": "Int64"}
        )


@cache
def known_codes() -> frozenset[str]:
    return frozenset(reference()["code"])
