"""Problems found in input files, worded in Dutch for the person who sent them."""

from __future__ import annotations

from dataclasses import dataclass

WHOLE_ROW = "(hele regel)"
WHOLE_FILE = "(hele bestand)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a line (header = line 1) and column."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, regel {self.line}, kolom {self.column}: {self.message}"


class InputError(Exception):
    """Raised when input files are refused; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} probleem/problemen in de invoer")
        self.problems = sorted(problems)
