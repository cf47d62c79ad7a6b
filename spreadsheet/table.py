"""A received spreadsheet as sheets of text cells with their row numbers: an `.xlsx`/`.xlsm`
workbook's sheets, or a CSV/text export (comma- or tab-separated; UTF-8 with or without BOM,
GBK/GB18030, or Excel's "Unicode text": UTF-16 with a BOM, tab-separated). What the file is comes
from its first bytes, then its name: a workbook renamed .csv is still read.

Every way a file can fail to be a table is a `TableError` whose `kind` the imports name in their
own words, with the sheet, row and column where there is one: nothing here ends in a traceback,
and no cell that cannot be stored (a control character such as NUL) is ever handed on.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

MAX_BYTES = 50 << 20  # an export of rows of text is small: anything larger is not one
MAX_ROWS = 100_000
MAX_CELL = 32_767  # Excel's limit on a cell's characters: a longer one came from a stray quote
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
OLD_SUFFIXES = (".xls", ".et")
HEADER_ROWS = 10  # a header is one of a sheet's first rows (titles may come before it)
_OLE = b"\xd0\xcf\x11\xe0"  # the compound file of .xls/.et, and of a password-protected .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# C0 controls but tab, newline and carriage return; DEL; C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

KINDS = (
    "too_big",  # more than MAX_BYTES or MAX_ROWS
    "encoding",  # text in none of the encodings read (detail: the encoding asked for, if any)
    "not_xlsx",  # a damaged workbook, or a zip that is no workbook
    "old_xls",  # an .xls/.et compound file
    "encrypted",  # a workbook with a password to open it
    "unknown_type",  # not .xlsx/.xlsm/.csv/.tsv/.txt
    "empty",  # no cell holds anything
    "not_found",
    "directory",  # a folder, not a file
    "not_file",  # a pipe, socket or device
    "permission",  # no right to read it
    "unreadable",  # another error of the system (detail: its words)
    "cell_too_long",  # a cell over MAX_CELL characters (row, column)
    "unclosed_quote",  # a CSV cell opened by a quote never closed (row, column; detail: lines)
    "control_char",  # a control character in a cell (row, column; detail: U+0000)
    "formula_no_value",  # a formula whose result was never saved (sheet, row, column)
)


class TableError(ValueError):
    """The file cannot be read as a table: `kind` is one of KINDS; `sheet` (a workbook's sheet
    title), `row` (as the spreadsheet shows it, 1-based) and `column` (1-based) say where, when
    the problem is in one cell."""

    def __init__(
        self,
        kind: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(kind)
        self.kind = kind
        self.sheet = sheet
        self.row = row
        self.column = column
        self.detail = detail

    @property
    def column_letter(self) -> str:
        """The column as Excel and WPS label it (A, B, …, AA); "" when none."""
        return column_letter(self.column) if self.column else ""


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; for a CSV file, the file's name
    rows: list[tuple[int, list[str]]]  # (row number as shown, 1-based; its cells as text)
    is_csv: bool = False


def column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
    """Which of the sheet's first HEADER_ROWS rows is its header: the one `score` (how many
    known column names a row has) rates highest; None when no row has any."""
    best, at = 0, None
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_ROWS]):
        found = score(cells)
        if found > best:
            best, at = found, index
    return at


def _checked_row(number: int, values: Sequence[object], sheet: str | None) -> list[str]:
    """A row's cells as text, or TableError naming the first cell that cannot be kept."""
    texts = []
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            bad = _CONTROL.search(value)
            if bad is not None:
                code = f"U+{ord(bad.group()):04X}"
                raise TableError(
                    "control_char", sheet=sheet, row=number, column=column, detail=code
                )
            if len(value) > MAX_CELL:
                raise TableError("cell_too_long", sheet=sheet, row=number, column=column)
        texts.append(cell_text(value))
    return texts


# -- text files -------------------------------------------------------------------------------
def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM (rare: Excel writes one): "utf-16-le"/"-be" when every other byte
    of the start is NUL, as in Chinese or Latin text of that encoding."""
    head = data[:400]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decoded(data: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeDecodeError, LookupError) as error:
            raise TableError("encoding", detail=encoding) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    elif (utf16 := _looks_utf16(data)) is not None:
        candidates = (utf16,)
    else:
        candidates = ("utf-8-sig", "gb18030")  # GB18030: a superset of GBK and GB2312
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    raise TableError("encoding")


def _open_quote(record: str, delimiter: str) -> int | None:
    """The column (1-based) of the record's quoted cell still open at its end, as Python's csv
    reads it (a quote opens a cell only at its start; "" inside is one quote)."""
    column, at, quoted, start = 1, 0, False, True
    while at < len(record):
        if quoted:
            close = record.find('"', at)
            if close < 0:
                return column
            if record.startswith('""', close):
                at = close + 2
                continue
            quoted, start, at = False, False, close + 1
            continue
        char = record[at]
        if char == '"' and start:
            quoted = True
        elif char == delimiter:
            column += 1
            start = True
            at += 1
            continue
        start = False
        at += 1
    return None


def _text_sheet(path: Path, data: bytes, encoding: str | None) -> Sheet:
    text = _decoded(data, encoding)
    first = text.split("\n", 1)[0]
    tabbed = path.suffix.lower() == ".tsv" or first.count("\t") > first.count(",")
    delimiter = "\t" if tabbed else ","
    # The file is at most MAX_BYTES: no cell can exceed that; MAX_CELL is checked per cell, so
    # a long cell is named by row and column instead of csv's bare "field larger than field
    # limit (131072)". The limit is the process's: only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))
    start, end = 0, 0  # where the record being read begins in the text; where reading is

    def lines() -> Iterator[str]:
        nonlocal end
        for line in io.StringIO(text, newline=""):
            end += len(line)
            yield line

    rows = []
    number = 0
    reader = csv.reader(lines(), delimiter=delimiter)
    while True:
        start = end
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # not expected with the limit raised: named all the same
            raise TableError("unreadable", row=number + 1, detail=str(error)) from error
        number += 1
        if number > MAX_ROWS:
            raise TableError("too_big")
        if end >= len(text) and cells and '"' in text[start:end]:
            record = text[start:end].rstrip("\r\n")
            column = _open_quote(record, delimiter)
            if column is not None and column <= len(cells) and "\n" in cells[column - 1]:
                swallowed = record.count("\n")
                raise TableError("unclosed_quote", row=number, column=column, detail=str(swallowed))
        texts = _checked_row(number, cells, None)
        if any(texts):
            rows.append((number, texts))
    return Sheet(path.name, rows, is_csv=True)


# -- workbooks --------------------------------------------------------------------------------
def _workbook_sheets(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    from spreadsheet.xlsx_formulas import formulas_without_value

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, KeyError, InvalidFileException …: not a workbook
        raise TableError("not_xlsx") from error
    try:
        sheets = []
        for ws in book.worksheets:
            rows = []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise TableError("too_big")
                texts = _checked_row(number, values, ws.title)
                if any(texts):
                    rows.append((number, texts))
            sheets.append(Sheet(ws.title, rows))
    except TableError:
        raise
    except Exception as error:  # a damaged sheet inside the zip
        raise TableError("not_xlsx") from error
    finally:
        book.close()
    try:
        gaps = formulas_without_value(io.BytesIO(data))
    except Exception as error:  # read by openpyxl, but its parts are not as the format says
        raise TableError("not_xlsx") from error
    for sheet in sheets:
        if sheet.name in gaps:
            row, column = gaps[sheet.name]
            raise TableError("formula_no_value", sheet=sheet.name, row=row, column=column)
    return sheets


def _os_error(error: OSError) -> TableError:
    if isinstance(error, FileNotFoundError):
        return TableError("not_found")
    if isinstance(error, IsADirectoryError):
        return TableError("directory")
    if isinstance(error, PermissionError):
        return TableError("permission")
    words = error.strerror or errno.errorcode.get(error.errno or 0, "") or str(error)
    return TableError("unreadable", detail=words)


def read_tables(path: Path, encoding: str | None = None) -> list[Sheet]:
    """Every sheet of the file (one for a CSV or text file), blank rows left out, or TableError
    (also for a file that is missing, a folder or not readable). `encoding` forces a text
    file's encoding."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise TableError("directory")
        if not stat.S_ISREG(status.st_mode):
            raise TableError("not_file")  # opening a pipe would wait for a writer for ever
        if status.st_size > MAX_BYTES:
            raise TableError("too_big")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as error:
        raise _os_error(error) from error
    if len(data) > MAX_BYTES:
        raise TableError("too_big")  # grew since stat
    suffix = path.suffix.lower()
    if not data.strip():
        raise TableError("empty")
    if data.startswith(_OLE) or suffix in OLD_SUFFIXES:
        if _ENCRYPTED in data:
            raise TableError("encrypted")
        raise TableError("old_xls")
    if data.startswith(b"PK") or suffix in XLSX_SUFFIXES:
        sheets = _workbook_sheets(data)
    elif suffix in TEXT_SUFFIXES:
        sheets = [_text_sheet(path, data, encoding)]
    else:
        raise TableError("unknown_type")
    if not any(sheet.rows for sheet in sheets):
        raise TableError("empty")
    return sheets
