"""A spreadsheet the office received, as a table of text cells: an `.xlsx` workbook's sheets or
a CSV/text export (comma- or tab-separated; UTF-8, with or without BOM, or GBK). Qt-free; no
rules of any import here. The one reader of both imports of received files: the hotline / 随手拍
cases (app/cases/case_file.py) and the composite assessment's scores
(app/assessment/score_import.py), each naming what `TableError.kind` means in its own words.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

MAX_BYTES = 50 << 20  # an export of rows of text is small: anything larger is not one
MAX_ROWS = 100_000
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OLD_SUFFIXES = (".xls", ".et")
HEADER_ROWS = 10  # a header is one of a sheet's first rows (a title may come before it)


class TableError(ValueError):
    """The file cannot be read as a table; `kind`: too_big, encoding, not_xlsx, old_xls,
    unknown_type. (A file that cannot be opened at all raises OSError.)"""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; for a CSV file, the file's name
    rows: list[tuple[int, list[str]]]  # (row number as shown, 1-based; its cells as text)
    is_csv: bool = False


def cell_text(value: object) -> str:
    """A cell as the office typed it: 92.5 not 92.500000001, integers (a 工单号 stored as a
    number) without .0, times to the second."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        number = Decimal(repr(value))
        return f"{number.normalize():f}" if number.is_finite() else repr(value)
    if isinstance(value, datetime):
        if value.microsecond >= 500_000:  # Excel keeps milliseconds: to the nearest second
            value += timedelta(seconds=1)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value).strip()


def header_index(sheet: Sheet, score: Callable[[Sequence[str]], int]) -> int | None:
    """Which of the sheet's first rows is its header: the one `score` (how many known column
    names a row has) rates highest; None when no row has any."""
    best, at = 0, None
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_ROWS]):
        found = score(cells)
        if found > best:
            best, at = found, index
    return at


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("encoding")


def _text_sheet(path: Path, data: bytes) -> Sheet:
    text = _decoded(data)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    rows = []
    for number, cells in enumerate(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1
    ):
        if number > MAX_ROWS:
            raise TableError("too_big")
        texts = [cell_text(c) for c in cells]
        if any(texts):
            rows.append((number, texts))
    return Sheet(path.name, rows, is_csv=True)


def _workbook_sheets(path: Path) -> list[Sheet]:
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
    except TableError:
        raise
    except Exception as error:  # a damaged sheet inside the zip
        raise TableError("not_xlsx") from error
    finally:
        book.close()


def read_tables(path: Path) -> list[Sheet]:
    """Every sheet of the file (one for a CSV or text file), blank rows left out. What the file
    is comes from its first bytes, then its name: a workbook renamed .csv is still read."""
    if path.stat().st_size > MAX_BYTES:
        raise TableError("too_big")
    with path.open("rb") as f:
        magic = f.read(8)
    suffix = path.suffix.lower()
    if magic.startswith(b"\xd0\xcf\x11\xe0") or suffix in OLD_SUFFIXES:
        raise TableError("old_xls")
    if magic.startswith(b"PK") or suffix in XLSX_SUFFIXES:
        return _workbook_sheets(path)
    if suffix in TEXT_SUFFIXES:
        return [_text_sheet(path, path.read_bytes())]
    raise TableError("unknown_type")
