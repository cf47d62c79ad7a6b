"""Reading a hotline or 随手拍 export (.xlsx, or CSV in UTF-8 with or without BOM, or GBK) into
checked cases, with every problem named by sheet, row and column. No Qt, no writes: the import
(app/cases/importer.py) applies a file only when this finds nothing wrong.

Columns are recognised by their header, in Chinese or English: 工单号 (id), 时间/受理时间 (time),
地址 (address), 问题描述 (description) and, optionally, 照片 (photos: file names separated by
；, ;, ， or ,, found in the photo folder). Times are the office's local time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.clock import to_iso
from domain.contract.fields import MAX_NAME, MAX_TEXT
from domain.i18n import QT_TRANSLATE_NOOP, Message
from spreadsheet.table import (
    HEADER_ROWS,
    MAX_BYTES,
    MAX_CELL,
    MAX_ROWS,
    Sheet,
    TableError,
    header_index,
    read_tables,
)

_CTX = "case_file"
MAX_TICKET = 64


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # as a problem names a missing column
    aliases: tuple[str, ...]
    required: bool = True


COLUMNS = (
    Column("ticket", "工单号", ("工单号", "工单编号", "编号", "id", "ticket", "ticketno")),
    Column("time", "时间", ("时间", "受理时间", "接收时间", "反映时间", "time", "receivedat")),
    Column("address", "地址", ("地址", "问题地址", "发生地址", "address")),
    Column("description", "问题描述", ("问题描述", "描述", "诉求内容", "内容", "description")),
    Column("photos", "照片", ("照片", "图片", "附件", "photos", "photo"), required=False),
)
_PHOTO_SEPARATORS = re.compile(r"[；;，,、\n]+")
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y年%m月%d日",
)


def norm(text: str) -> str:
    """A header as compared: no spaces, _, - or * and no trailing (hint); lower case."""
    text = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text.strip())
    return re.sub(r"[\s_\-*＊]", "", text).lower()


_ALIASES = {norm(a): c for c in COLUMNS for a in c.aliases}


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: `place` is the sheet or file (工作表「Sheet1」 / 文件「a.csv」)."""

    place: Message
    row: int | None
    column: str | None
    message: Message


@dataclass(frozen=True)
class CaseLine:
    """One checked row of the file: a case to be, its photo files found."""

    place: Message
    row: int
    ticket_no: str
    received_at: str  # UTC ISO
    address: str
    description: str
    photos: tuple[Path, ...]
    photo_column: str


@dataclass
class CaseFile:
    lines: list[CaseLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _msg(text: str, **values: Any) -> Message:
    return Message(_CTX, text, dict(values))


def _file_place(path: Path) -> Message:
    return _msg(QT_TRANSLATE_NOOP("case_file", "file “{name}”"), name=path.name)


def _sheet_place(title: str) -> Message:
    return _msg(QT_TRANSLATE_NOOP("case_file", "sheet “{name}”"), name=title)


def parse_time(text: str, zone: ZoneInfo) -> str | None:
    """A local time as written in an export, as UTC ISO (None: not a time)."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    for fmt in _TIME_FORMATS:
        try:
            moment = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        if not 2000 <= moment.year <= 2099:
            return None
        return to_iso(moment.replace(tzinfo=zone))
    return None


_TABLE_PROBLEMS = {
    "too_big": QT_TRANSLATE_NOOP("case_file", "too large: more than {rows} rows or {mb} MB"),
    "encoding": QT_TRANSLATE_NOOP("case_file", "neither UTF-8, GBK nor UTF-16 text"),
    "not_xlsx": QT_TRANSLATE_NOOP("case_file", "not a readable .xlsx file"),
    "old_xls": QT_TRANSLATE_NOOP("case_file", "an old .xls file: save it as .xlsx or CSV"),
    "encrypted": QT_TRANSLATE_NOOP(
        "case_file", "the workbook has a password: remove it in Excel or WPS and save it again"
    ),
    "unknown_type": QT_TRANSLATE_NOOP("case_file", "only .xlsx, .csv and .txt files are read"),
    "empty": QT_TRANSLATE_NOOP("case_file", "empty: the file holds nothing"),
    "not_found": QT_TRANSLATE_NOOP("case_file", "not found"),
    "directory": QT_TRANSLATE_NOOP("case_file", "a folder, not a file"),
    "not_file": QT_TRANSLATE_NOOP("case_file", "not a regular file (a pipe or a device)"),
    "permission": QT_TRANSLATE_NOOP("case_file", "cannot be read: no permission"),
    "unreadable": QT_TRANSLATE_NOOP("case_file", "cannot be read ({reason})"),
    "cell_too_long": QT_TRANSLATE_NOOP(
        "case_file",
        'longer than {cell} characters, the most a cell holds (in a CSV file, a stray quote " '
        "joins the lines after it into one cell)",
    ),
    "unclosed_quote": QT_TRANSLATE_NOOP(
        "case_file",
        'the quote " that opens this cell is never closed: the {reason} line(s) after it were '
        "read into the cell",
    ),
    "control_char": QT_TRANSLATE_NOOP(
        "case_file",
        "a control character ({reason}) that cannot be kept: delete it and import again",
    ),
    "formula_no_value": QT_TRANSLATE_NOOP(
        "case_file", "the formula has no saved value: open the file in Excel or WPS and save it"
    ),
}


def table_problem(path: Path, error: TableError) -> Problem:
    """Why the file cannot be read as a table (spreadsheet/table.py), where it is known."""
    text = _TABLE_PROBLEMS.get(error.kind, _TABLE_PROBLEMS["unknown_type"])
    why = _msg(text, rows=MAX_ROWS, mb=MAX_BYTES >> 20, cell=MAX_CELL, reason=error.detail)
    place = _file_place(path)
    if error.sheet is not None:
        place = _msg(
            QT_TRANSLATE_NOOP("case_file", "file “{name}”, sheet “{sheet}”"),
            name=path.name,
            sheet=error.sheet,
        )
    return Problem(place, error.row, error.column_letter or None, why)


def _tables(path: Path) -> tuple[list[tuple[Message, list[tuple[int, list[str]]]]], list[Problem]]:
    """(place, [(row number, cells)]) per sheet of the file (spreadsheet/table.py, the reader
    the score import and the server's import use too), or the reason it cannot be read."""
    try:
        sheets = read_tables(path)
    except TableError as error:
        return [], [table_problem(path, error)]
    place = _file_place(path)
    return [(place if s.is_csv else _sheet_place(s.name), s.rows) for s in sheets], []


def _header_score(cells: Sequence[str]) -> int:
    """How many of the case columns a row names."""
    return len({c.key for text in cells if text and (c := _ALIASES.get(norm(text))) is not None})


def read_case_file(path: Path, photo_folder: Path | None, zone: ZoneInfo) -> CaseFile:
    """Every case line of the file, checked; `problems` lists all that is wrong."""
    result = CaseFile()
    tables, result.problems = _tables(path)
    folder = photo_folder if photo_folder is not None else path.parent
    seen: dict[str, tuple[Message, int]] = {}
    read_any = False
    for place, table in tables:
        if not table:
            continue
        at = header_index(Sheet("", table), _header_score)
        if at is None:
            continue  # no row among the first names a case column: said below
        number, header = table[at]
        index: dict[str, int] = {}
        for i, text in enumerate(header):
            column = _ALIASES.get(norm(text)) if text else None
            if column is not None and column.key not in index:
                index[column.key] = i
        read_any = True
        names = {key: header[i] for key, i in index.items()}
        missing = [c for c in COLUMNS if c.required and c.key not in index]
        for column in missing:
            gone = _msg(QT_TRANSLATE_NOOP("case_file", "the column is missing"))
            result.problems.append(Problem(place, number, column.label, gone))
        if missing:
            continue
        for number, texts in table[at + 1 :]:
            values = {k: (texts[i] if i < len(texts) else "") for k, i in index.items()}
            line = _line(place, number, values, names, folder, zone, seen, result.problems)
            if line is not None:
                result.lines.append(line)
    if not result.problems and not read_any:
        none = QT_TRANSLATE_NOOP(
            "case_file",
            "no row among the first {n} of any sheet names the columns 工单号 时间 地址 问题描述",
        )
        result.problems.append(Problem(_file_place(path), None, None, _msg(none, n=HEADER_ROWS)))
    elif not result.problems and not result.lines:
        empty = QT_TRANSLATE_NOOP("case_file", "no cases in the file")
        result.problems.append(Problem(_file_place(path), None, None, _msg(empty)))
    return result


def _line(
    place: Message,
    number: int,
    values: dict[str, str],
    names: dict[str, str],
    folder: Path,
    zone: ZoneInfo,
    seen: dict[str, tuple[Message, int]],
    problems: list[Problem],
) -> CaseLine | None:
    found: list[Problem] = []

    def wrong(key: str, text: str, **extra: Any) -> None:
        found.append(Problem(place, number, names.get(key, key), _msg(text, **extra)))

    ticket = values["ticket"]
    if not ticket:
        wrong("ticket", QT_TRANSLATE_NOOP("case_file", "empty"))
    elif len(ticket) > MAX_TICKET:
        wrong("ticket", QT_TRANSLATE_NOOP("case_file", "longer than {n} characters"), n=MAX_TICKET)
    elif ticket in seen:
        wrong(
            "ticket",
            QT_TRANSLATE_NOOP("case_file", "'{value}' appears again (first in row {row})"),
            value=ticket,
            row=seen[ticket][1],
        )
    else:
        seen[ticket] = (place, number)
    received = parse_time(values["time"], zone) if values["time"] else None
    if not values["time"]:
        wrong("time", QT_TRANSLATE_NOOP("case_file", "empty"))
    elif received is None:
        not_date = QT_TRANSLATE_NOOP("case_file", "'{value}' is not a date")
        wrong("time", not_date, value=values["time"])
    if len(values["address"]) > MAX_NAME:
        wrong("address", QT_TRANSLATE_NOOP("case_file", "longer than {n} characters"), n=MAX_NAME)
    if not values["description"]:
        wrong("description", QT_TRANSLATE_NOOP("case_file", "empty"))
    elif len(values["description"]) > MAX_TEXT:
        wrong(
            "description", QT_TRANSLATE_NOOP("case_file", "longer than {n} characters"), n=MAX_TEXT
        )
    photos: list[Path] = []
    for name in _photo_names(values.get("photos", "")):
        candidate = folder / name
        if Path(name).name != name or not candidate.is_file():
            wrong(
                "photos",
                QT_TRANSLATE_NOOP("case_file", "photo '{name}' is not in {folder}"),
                name=name,
                folder=str(folder),
            )
        elif candidate not in photos:
            photos.append(candidate)
    problems += found
    if found or received is None:
        return None
    return CaseLine(
        place,
        number,
        ticket,
        received,
        values["address"],
        values["description"],
        tuple(photos),
        names.get("photos", "照片"),
    )


def _photo_names(text: str) -> Iterable[str]:
    return [n.strip() for n in _PHOTO_SEPARATORS.split(text) if n.strip()]
