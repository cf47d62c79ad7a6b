"""A spreadsheet the office received, as a table of text cells: an `.xlsx` workbook's sheets or
a CSV file (UTF-8, with or without BOM, or GBK). Qt-free; no rules of any import here
(app/assessment/score_import.py reads scores from it).

TODO(integration): the hotline import (worktree `cases`) reads .xlsx/CSV too; one reader should
serve both. This one is general: `read_tables(path)` → sheets of rows of text, row numbers as
the spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

MAX_BYTES = 50 << 20  # a score sheet is small: anything larger is not one
MAX_ROWS = 20_000


class TableError(ValueError):
    """The file cannot be read as a table; `kind`: too_big, encoding, not_xlsx, unknown_type."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; for a CSV file, the file's name
    rows: list[tuple[int, list[str]]]  # (row number as shown, 1-based; its cells as text)
    is_csv: bool = False


def cell_text(value: object) -> str:
    """A cell as the office typed it: 92.5 not 92.500000001, integers without .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        number = Decimal(repr(value))
        return f"{number.normalize():f}" if number.is_finite() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("encoding")


def read_tables(path: Path) -> list[Sheet]:
    """Every sheet of the file (one for a CSV), blank rows left out."""
    if path.stat().st_size > MAX_BYTES:
        raise TableError("too_big")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = _decoded(path.read_bytes())
        rows = []
        for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
            if number > MAX_ROWS:
                raise TableError("too_big")
            texts = [cell_text(c) for c in cells]
            if any(texts):
                rows.append((number, texts))
        return [Sheet(path.name, rows, is_csv=True)]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # zipfile, KeyError, InvalidFileException …: not a workbook
            raise TableError("not_xlsx") from error
        try:
            sheets = []
            for ws in book.worksheets:
                rows = []
                for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    if number > MAX_ROWS:
                        raise TableError("too_big")
                    texts = [cell_text(v) for v in values]
                    if any(texts):
                        rows.append((number, texts))
                sheets.append(Sheet(ws.title, rows))
            return sheets
        finally:
            book.close()
    raise TableError("unknown_type")
