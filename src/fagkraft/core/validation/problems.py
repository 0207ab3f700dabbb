"""One Problem type for every file Fagkraft reads, and the collector that gathers them.

Validation never stops at the first problem (pandera's lazy validation): each check adds a
Problem and carries on, so the user fixes the whole file in one go. A problem in a table
(CSV, .xlsx) says where by file row and column; a problem in a JSON document by its JSON
path. The message is already in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER_ROW = 1  # the header is row 1, as the user sees it in Excel


@dataclass(frozen=True, order=True)
class Problem:
    """Where (row and column, or JSON path) and what, in the user's language.

    A table problem has `path` None; a JSON problem has a path ("" for the whole file)
    and row 0.
    """

    row: int = 0
    column: str = ""  # our column name or the file's header; "" for the whole row or file
    message: str = ""
    path: str | None = None

    @classmethod
    def at_path(cls, path: str, message: str) -> Problem:
        return cls(0, "", str(message), path)

    @property
    def in_document(self) -> bool:
        return self.path is not None

    def as_dict(self) -> dict[str, object]:
        if self.in_document:
            return {"path": self.path, "message": self.message}
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        if self.in_document:
            return f"{self.path or '(file)'}: {self.message}"
        where = f"{self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ProblemCollector:
    """Every problem found, in the order found; bad rows remembered for the row rules."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._bad_rows: set[int] = set()

    def add(self, row: int, column: str, message: str) -> None:
        self._problems.append(Problem(row, column, str(message)))
        self._bad_rows.add(row)

    def add_at(self, path: str, message: str) -> None:
        self._problems.append(Problem.at_path(path, message))

    def extend(self, problems: list[Problem]) -> None:
        for problem in problems:
            self._problems.append(problem)
            if not problem.in_document:
                self._bad_rows.add(problem.row)

    def row_is_bad(self, row: int) -> bool:
        return row in self._bad_rows

    @property
    def problems(self) -> list[Problem]:
        """In file order: by row (then as found); document problems as found."""
        return sorted(self._problems, key=lambda problem: problem.row)

    @property
    def as_found(self) -> list[Problem]:
        """Every problem in the order found (a copy)."""
        return list(self._problems)

    @property
    def found(self) -> list[Problem]:
        """As found, each problem once (a document's readers may meet a value twice)."""
        return sorted(set(self._problems), key=self._problems.index)

    def __bool__(self) -> bool:
        return bool(self._problems)

    def __len__(self) -> int:
        return len(self._problems)
