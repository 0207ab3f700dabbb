"""The validation kernel every import and file reader shares.

- `problems`: one Problem type (row and column, or JSON path) and the collector.
- `tabular`: the one reader of CSV (every dialect the HR import reads) and .xlsx, with
  the size limits that keep untrusted files harmless.
- `columns`: finding columns by name or alias and reading a row's cells.
- `json_document`: the one JSON document reader (finite numbers only).
- `pipeline`: `run_import()`, read → validate → dry run or write → result.
"""

from fagkraft.core.validation.columns import ColumnSpec, RowReader, locate_columns
from fagkraft.core.validation.json_document import (
    join_path,
    non_finite_problems,
    read_json_document,
)
from fagkraft.core.validation.pipeline import ImportRun, read_or_report, run_import
from fagkraft.core.validation.problems import HEADER_ROW, Problem, ProblemCollector
from fagkraft.core.validation.tabular import (
    Limits,
    Table,
    UnreadableFile,
    fold_header,
    parse_birth,
    parse_date,
    parse_decimal,
    read_table,
)

__all__ = [
    "HEADER_ROW", "ColumnSpec", "ImportRun", "Limits", "Problem", "ProblemCollector",
    "RowReader", "Table", "UnreadableFile", "fold_header", "join_path", "locate_columns",
    "non_finite_problems", "parse_birth", "parse_date", "parse_decimal", "read_json_document",
    "read_or_report", "read_table", "run_import",
]
