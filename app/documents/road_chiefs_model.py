"""路长公示: the public board of the road segments' chiefs, as the office posts it — for the whole
county or one responsible unit: each road segment with its unit, its road chief (路长) and the
chief's phone, and the office's supervision phone (监督电话) for complaints.

A public Chinese notice whatever language the app shows: its wording is Chinese here, not
translated (like the bulletin). The office's phone is never invented: when the office's record
(domain/org_settings.py office_phone) has none, the export refuses (road_chiefs_export.py
NoOfficePhone) and says where to fill it in; supervision_missing is only a writer's fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.documents.notice_wording import chinese_date
from local_db.org_settings import org_settings
from local_db.road_chiefs import road_segments
from local_db.store import Store

DOCUMENT_CREATOR = "Ducha 督查"
SIZES = ("a4", "poster")
POSTER_NAME = "A2"  # the poster's paper: 420 × 594 mm, portrait
_PLACE = re.compile(r"^(.{1,12}?(?:自治县|县|市|区|旗))")

COLUMNS = ("序号", "责任路段", "责任单位", "路长", "联系电话")
WORDS: dict[str, str] = {
    "title_place": "{place}城市管理路长公示牌",
    "title": "责任路段路长公示",
    "unit_line": "责任单位：{unit}",
    "intro": (
        "为落实城市管理责任路段“路长制”，推动各责任路段“一把手”每天在责任路段现场办公"
        "不少于1小时（马路办公），现将{scope}责任路段路长予以公示，接受社会监督。"
    ),
    "scope_all": "全{kind}",  # 全县, 全市, 全区
    "scope_area": "本辖区",
    "scope_unit": "{unit}",
    "no_chief": "未明确",
    "no_phone": "未登记",
    "supervision": "监督电话：{phone}（{office}）",
    "supervision_missing": (
        "监督电话：尚未设置。请在督查软件“设置 → 单位设置”中填写办公室电话后重新导出本公示。"
    ),
    "footer": "如发现路长未在岗履职或责任路段存在问题，请拨打监督电话反映。",
    "none": "暂无责任路段。",
    "count": "共{n}条责任路段",
}


@dataclass(frozen=True)
class BoardRow:
    number: int
    zone: str
    unit: str
    chief: str | None
    phone: str | None


@dataclass(frozen=True)
class RoadChiefBoard:
    title: str
    office_name: str
    office_phone: str  # "" when the office's record has none: the board says where to fill it
    unit: str | None  # None: the whole county
    issued_on: date
    rows: tuple[BoardRow, ...]

    @property
    def missing_chiefs(self) -> list[str]:
        return [r.zone for r in self.rows if not r.chief]

    @property
    def missing_phones(self) -> list[str]:
        return [r.zone for r in self.rows if r.chief and not r.phone]


def place_of(office_name: str) -> str | None:
    """青山县 from 青山县城市管理督查办公室: the county, city or district the office's name starts
    with, or None."""
    found = _PLACE.match(office_name.strip())
    return found.group(1) if found else None


def board_title(office_name: str) -> str:
    """青山县城市管理路长公示牌; 责任路段路长公示 when the office's name names no place first."""
    place = place_of(office_name)
    return WORDS["title_place"].format(place=place) if place else WORDS["title"]


def build_board(store: Store, issued_on: date, unit: str | None = None) -> RoadChiefBoard:
    """The board from the store: the office's record, the road segments (of `unit` when given).
    Raises local_db.road_chiefs.UnknownUnit for a unit name the store does not hold."""
    office = org_settings(store)
    segments = road_segments(store, unit)
    rows = tuple(
        BoardRow(
            n,
            s["zone"],
            s["unit"],
            (s["chief_name"] or "").strip() or None,
            (s["chief_phone"] or "").strip() or None,
        )
        for n, s in enumerate(segments, start=1)
    )
    return RoadChiefBoard(
        title=board_title(office.office_name),
        office_name=office.office_name,
        office_phone=(office.office_phone or "").strip(),
        unit=unit.strip() if unit else None,
        issued_on=issued_on,
        rows=rows,
    )


def intro_text(board: RoadChiefBoard) -> str:
    place = place_of(board.office_name)
    scope = WORDS["scope_all"].format(kind=place[-1]) if place else WORDS["scope_area"]
    if board.unit:
        scope = WORDS["scope_unit"].format(unit=board.unit)
    return WORDS["intro"].format(scope=scope)


def supervision_text(board: RoadChiefBoard) -> str:
    if not board.office_phone:
        return WORDS["supervision_missing"]
    return WORDS["supervision"].format(phone=board.office_phone, office=board.office_name)


def row_cells(row: BoardRow) -> tuple[str, str, str, str, str]:
    return (
        str(row.number),
        row.zone,
        row.unit,
        row.chief or WORDS["no_chief"],
        row.phone or WORDS["no_phone"],
    )


def date_text(board: RoadChiefBoard) -> str:
    return chinese_date(board.issued_on)  # type: ignore[arg-type]  # a date has year/month/day


def count_text(board: RoadChiefBoard) -> str:
    return WORDS["count"].format(n=len(board.rows))
