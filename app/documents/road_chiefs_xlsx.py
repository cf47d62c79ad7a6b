"""路长公示 as a workbook (.xlsx, openpyxl): one sheet 路长公示 — the title and the office's
supervision phone above the list (序号, 责任路段, 责任单位, 路长, 联系电话), the header row frozen
and repeated on every printed page, A4 portrait. Chinese headings, like the month's workbook."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.road_chiefs_model import COLUMNS as COLUMN_TITLES
from app.documents.road_chiefs_model import (
    DOCUMENT_CREATOR,
    WORDS,
    RoadChiefBoard,
    date_text,
    row_cells,
    supervision_text,
)
from app.documents.workbook import HEADER_FILL, HEADER_FONT, _clean

SHEET = "路长公示"
WIDTHS = (6, 34, 26, 10, 16)
HEADER_ROW = 4  # title, office and date, supervision phone, then the list


def build_board_workbook(board: RoadChiefBoard) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = SHEET
    last = "E"
    sheet.append([board.title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=16, color="C00000")
    sheet["A1"].alignment = Alignment(horizontal="center")
    unit = f"{WORDS['unit_line'].format(unit=board.unit)}　" if board.unit else ""
    sheet.append([f"{unit}{board.office_name}　{date_text(board)}"])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append([supervision_text(board)])
    sheet.merge_cells(f"A3:{last}3")
    sheet["A3"].font = Font(bold=True, color=None if board.office_phone else "C00000")
    sheet.append(list(COLUMN_TITLES))
    for cell in sheet[HEADER_ROW]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in board.rows:
        number, *rest = row_cells(row)
        sheet.append([int(number), *(_clean(v) for v in rest)])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "n" if isinstance(cell.value, int) else "s"  # text, never a formula
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(HEADER_ROW, sheet.max_row)}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    if sheet.oddFooter is not None and sheet.oddFooter.center is not None:
        sheet.oddFooter.center.text = "&A — &P / &N"
    props = book.properties
    props.title = board.title
    props.creator = board.office_name
    props.description = DOCUMENT_CREATOR
    return book


def write_board_workbook(board: RoadChiefBoard, out: Path) -> Path:
    """The workbook at `out`, written whole or not at all. Raises OSError."""
    out = Path(out)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    try:
        build_board_workbook(board).save(temp)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return out
