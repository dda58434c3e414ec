"""Gemeente codes: normalising what exports write, and the CBS list of real codes."""

from __future__ import annotations

import io
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

CODE_PATTERN = re.compile(r"^(?:GM)?0*([0-9]{1,4})$")


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
def reference_text() -> str:
    """The CBS list as shipped (`reference/gemeenten.csv`)."""
    source = resources.files("dashboard").joinpath("reference/gemeenten.csv")
    return source.read_text(encoding="utf-8")


@cache
def reference() -> pd.DataFrame:
    """Every gemeente that existed from 2015 on: code, naam, van, tot (CBS indeling)."""
    import pandas as pd  # here: opening a database needs only the text (db.schema_hash)

    frame = pd.read_csv(io.StringIO(reference_text()), dtype={"code": str, "naam": str})
    return frame.astype({"van": "Int64", "tot": "Int64"})


@cache
def known_codes() -> frozenset[str]:
    return frozenset(reference()["code"])
