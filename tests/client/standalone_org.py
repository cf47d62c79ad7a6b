"""An organisation workbook written as a county office fills it in (.xlsx, sheets 单位, 区域,
用户), for the tests of a laptop without a server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

UNITS: list[list[Any]] = [
    ["名称", "类型", "上级单位"],
    ["青山县城市管理局", "部门", None],
    ["城关镇人民政府", "镇", "青山县城市管理局"],
    ["东城街道办事处", "街道", None],
]
ZONES: list[list[Any]] = [
    ["名称", "类型", "责任单位", "路长", "路长电话"],
    ["人民路（解放路—中山路）", "路段", "城关镇人民政府", "张建国", 13800000001],
    ["东城第1网格", "网格", "东城街道办事处", "李红", "0715-1234567"],
    ["农贸市场", "点位", "青山县城市管理局", None, None],
]
USERS: list[list[Any]] = [
    ["用户名", "姓名", "角色", "单位", "初始密码"],
    ["wangwu", "王五", "督查员", "城关镇人民政府", "chushi-mima-1"],
    ["zhaoliu", "赵六", "审核员", "全部", 12345678],
    ["boss", "钱七", "管理员", "all", "boss password"],
]


def workbook(path: Path, sheets: dict[str, list[list[Any]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for title, rows in (sheets or {"单位": UNITS, "区域": ZONES, "用户": USERS}).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
