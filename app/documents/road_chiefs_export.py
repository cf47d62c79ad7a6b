"""路长公示 from the store to a file: the board as an A4 or A2-poster PDF, or a workbook — the one
call the `ducha export road-chiefs` command and the app's 导出 → 路长公示… job both make."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.documents.road_chiefs_model import SIZES, RoadChiefBoard, build_board
from local_db.store import Store

FORMATS = (".pdf", ".xlsx")


class NoOfficePhone(Exception):
    """The office's supervision phone (监督电话) is not set: a public board without it is not
    written (it would print a note to the office where the public expects a number)."""


def export_road_chiefs(
    store: Store, out: Path, issued_on: date, *, unit: str | None = None, size: str = "a4"
) -> tuple[Path, RoadChiefBoard]:
    """Write the board (of `unit`, else every road segment) to `out` (.pdf in `size`, or .xlsx).
    Raises NoOfficePhone, UnknownUnit, ValueError (a format or size not known), NoChineseFont or
    OSError."""
    suffix = Path(out).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{out}: the board is written as .pdf or .xlsx")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}: a4 or poster")
    board = build_board(store, issued_on, unit)
    if not board.office_phone:
        raise NoOfficePhone()
    if suffix == ".xlsx":
        from app.documents.road_chiefs_xlsx import write_board_workbook

        return write_board_workbook(board, out), board
    from app.documents.road_chiefs_pdf import write_board_pdf

    return write_board_pdf(board, out, size), board
