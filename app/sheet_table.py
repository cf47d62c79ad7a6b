"""The client's name for the one spreadsheet reader (spreadsheet/table.py), kept so that the
imports written against it (app/cases/case_file.py, app/assessment/score_import.py, …) read on."""

from spreadsheet.table import (
    HEADER_ROWS,
    MAX_BYTES,
    MAX_CELL,
    MAX_ROWS,
    Sheet,
    TableError,
    cell_text,
    header_index,
    read_tables,
)

__all__ = [
    "HEADER_ROWS",
    "MAX_BYTES",
    "MAX_CELL",
    "MAX_ROWS",
    "Sheet",
    "TableError",
    "cell_text",
    "header_index",
    "read_tables",
]
