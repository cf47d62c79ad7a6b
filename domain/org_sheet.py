"""The rules of an organisation workbook (sheets 单位, 区域, 用户): every row checked against the
others and against what the store already holds, with every problem named by sheet, row and
column. One set of rules for `ducha-server import` (server/importer.py, the server's database)
and `ducha org import` (app/standalone/org_import.py, a laptop without a server). Pure: no I/O;
the sheets come already read (server/import_sheets.py) and the store's facts as `Known`. The
format and the rules are described in server/importer.py's docstring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.vocab import ROLES, UNIT_KINDS, ZONE_KINDS

KINDS = ("units", "zones", "users")


def norm(text: str) -> str:
    """A header or vocabulary word as compared: no spaces, _, -, * or trailing (hint); lower."""
    text = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text.strip())
    return re.sub(r"[\s_\-*＊]", "", text).lower()


class Row(Protocol):
    number: int  # as the spreadsheet shows it, header = 1
    values: dict[str, str]  # column key → text ("" when blank)


class Sheet(Protocol):
    where: str  # 工作表「单位」 / 文件「units.csv」
    kind: str  # units, zones or users
    headers: dict[str, str]  # column key → the header as written

    @property
    def rows(self) -> Sequence[Row]: ...

    def problem(self, row: Any, key: str | None, message: str) -> Any: ...


UNIT_KIND_WORDS = {
    "部门": "department",
    "镇": "town",
    "乡镇": "town",
    "乡": "town",
    "街道": "street_office",
    "街道办": "street_office",
    "街道办事处": "street_office",
    "企业": "company",
    "公司": "company",
    **{k: k for k in UNIT_KINDS},
}
ZONE_KIND_WORDS = {
    "路段": "road_segment",
    "责任路段": "road_segment",
    "网格": "grid",
    "点位": "site",
    **{k: k for k in ZONE_KINDS},
}
ROLE_WORDS = {
    "督查员": "inspector",
    "督查人员": "inspector",
    "审核员": "reviewer",
    "管理员": "admin",
    **{k: k for k in ROLES},
}
ALL_UNITS = {"全部", "all", "所有单位", "全部单位"}
UNIT_SEPARATORS = re.compile(r"[、;；]")
PHONE = re.compile(r"[0-9+\-()（） ]{5,24}")
MIN_PASSWORD = 8


@dataclass
class Known:
    """What the store already holds, as the rules need it (the server's database, or a laptop's
    store): units and zones by name, each unit's parent, the usernames taken."""

    units: dict[str, list[dict]]  # name → rows (more than one: the name is ambiguous)
    zones: dict[str, list[dict]]
    unit_parent: dict[str, str | None]  # unit id → parent id
    usernames: set[str]


# -- checking ---------------------------------------------------------------------------------
@dataclass
class UnitPlan:
    name: str
    kind: str
    parent: str | None
    parent_given: bool  # the sheet has a parent column
    sheet: Sheet
    row: Row


@dataclass
class ZonePlan:
    name: str
    kind: str
    unit: str
    chief: dict[str, str | None]  # only the chief columns the sheet has


@dataclass
class UserPlan:
    username: str
    name: str
    role: str
    all_units: bool
    units: list[str]
    password: str
    skip: bool


@dataclass
class Plan:
    units: list[UnitPlan] = field(default_factory=list)
    zones: list[ZonePlan] = field(default_factory=list)
    users: list[UserPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _word(value: str, words: dict[str, str]) -> str | None:
    return {norm(k): v for k, v in words.items()}.get(norm(value))


def _choices(words: dict[str, str]) -> str:
    """部门、镇、街道、企业 (或 department, town, …): the first Chinese word of each value."""
    first: dict[str, str] = {}
    for word, value in words.items():
        if not word.isascii():
            first.setdefault(value, word)
    return "、".join(first.values()) + "（或 " + ", ".join(first) + "）"


def check(
    sheets: Sequence[Sheet], db: Known, skip_existing_users: bool = False
) -> tuple[Plan, list[Any]]:
    """Every row of every sheet against each other and what the store holds: the plan and
    every problem found (the sheets' own Problem objects; none: the plan may be applied)."""
    plan = Plan()
    problems: list[Any] = []
    of = {kind: [s for s in sheets if s.kind == kind] for kind in KINDS}

    def required(sheet: Sheet, row: Row, key: str) -> str:
        value = row.values.get(key, "")
        if not value:
            problems.append(sheet.problem(row, key, "必填，不能为空"))
        return value

    def ambiguous(sheet: Sheet, row: Row, key: str, what: str, name: str) -> bool:
        rows = (db.units if what == "单位" else db.zones).get(name, [])
        if len(rows) > 1:
            problems.append(
                sheet.problem(
                    row, key, f'数据库中有 {len(rows)} 个名为 "{name}" 的{what}，无法按名称对应'
                )
            )
            return True
        return False

    # units: parents on an earlier row or in the database
    seen_units: dict[str, int] = {}
    later: dict[str, int] = {}
    for sheet in of["units"]:
        for row in sheet.rows:
            later.setdefault(row.values.get("name", ""), row.number)
    for sheet in of["units"]:
        for row in sheet.rows:
            name = required(sheet, row, "name")
            kind_text = required(sheet, row, "kind")
            parent = row.values.get("parent", "")
            kind = _word(kind_text, UNIT_KIND_WORDS) if kind_text else None
            if kind_text and kind is None:
                problems.append(
                    sheet.problem(
                        row, "kind", f'未知单位类型 "{kind_text}"，应为 {_choices(UNIT_KIND_WORDS)}'
                    )
                )
            if name and name in seen_units:
                problems.append(
                    sheet.problem(
                        row, "name", f'重复的单位名称 "{name}"（第 {seen_units[name]} 行已有）'
                    )
                )
            elif name:
                ambiguous(sheet, row, "name", "单位", name)
            if parent:
                if parent == name:
                    problems.append(sheet.problem(row, "parent", "上级单位不能是自己"))
                elif parent in seen_units:
                    pass
                elif parent in db.units:
                    ambiguous(sheet, row, "parent", "单位", parent)
                elif parent in later:
                    problems.append(
                        sheet.problem(
                            row,
                            "parent",
                            f'上级单位 "{parent}" 在第 {later[parent]} 行才出现：'
                            "请把上级单位放在前面",
                        )
                    )
                else:
                    problems.append(sheet.problem(row, "parent", f'未知单位 "{parent}"'))
            if name and name not in seen_units:
                seen_units[name] = row.number
                if kind:
                    plan.units.append(
                        UnitPlan(name, kind, parent or None, "parent" in sheet.headers, sheet, row)
                    )
    # a file may re-parent units that exist: no cycle through the database either
    node = {name: rows[0]["id"] for name, rows in db.units.items() if len(rows) == 1}
    for unit in plan.units:
        node.setdefault(unit.name, "new:" + unit.name)
    parent_of = dict(db.unit_parent)
    for unit in plan.units:
        if unit.parent_given:
            parent_of[node[unit.name]] = node.get(unit.parent) if unit.parent else None
    for unit in plan.units:
        start = node[unit.name]
        at, passed = parent_of.get(start), set()
        while at is not None and at != start and at not in passed:
            passed.add(at)
            at = parent_of.get(at)
        if at == start:
            problems.append(
                unit.sheet.problem(
                    unit.row, "parent", f'上级单位形成循环（"{unit.name}" 最终又是自己的上级）'
                )
            )
    known_units = set(seen_units) | set(db.units)

    def unit_ref(sheet: Sheet, row: Row, key: str, name: str) -> None:
        if name not in known_units:
            problems.append(sheet.problem(row, key, f'未知单位 "{name}"'))
        elif name not in seen_units:
            ambiguous(sheet, row, key, "单位", name)

    # zones
    seen_zones: dict[str, int] = {}
    for sheet in of["zones"]:
        for row in sheet.rows:
            name = required(sheet, row, "name")
            kind_text = required(sheet, row, "kind")
            unit_name = required(sheet, row, "unit")
            kind = _word(kind_text, ZONE_KIND_WORDS) if kind_text else None
            if kind_text and kind is None:
                problems.append(
                    sheet.problem(
                        row, "kind", f'未知区域类型 "{kind_text}"，应为 {_choices(ZONE_KIND_WORDS)}'
                    )
                )
            if name and name in seen_zones:
                problems.append(
                    sheet.problem(
                        row, "name", f'重复的区域名称 "{name}"（第 {seen_zones[name]} 行已有）'
                    )
                )
                name = ""  # checked, but not planned
            elif name:
                seen_zones[name] = row.number
                ambiguous(sheet, row, "name", "区域", name)
            if unit_name:
                unit_ref(sheet, row, "unit", unit_name)
            phone = row.values.get("chief_phone", "")
            if phone and not (PHONE.fullmatch(phone) and sum(c.isdigit() for c in phone) >= 5):
                problems.append(sheet.problem(row, "chief_phone", f'电话号码格式不对："{phone}"'))
            chief: dict[str, str | None] = {
                k: (row.values.get(k) or None)
                for k in ("chief_name", "chief_phone")
                if k in sheet.headers
            }
            if name and kind and unit_name:
                plan.zones.append(ZonePlan(name, kind, unit_name, chief))

    # users
    seen_users: dict[str, int] = {}
    for sheet in of["users"]:
        for row in sheet.rows:
            username = required(sheet, row, "username")
            name = required(sheet, row, "name")
            role_text = required(sheet, row, "role")
            units_text = required(sheet, row, "units")
            password = required(sheet, row, "password")
            role = _word(role_text, ROLE_WORDS) if role_text else None
            if role_text and role is None:
                problems.append(
                    sheet.problem(
                        row, "role", f'未知角色 "{role_text}"，应为 {_choices(ROLE_WORDS)}'
                    )
                )
            skip = False
            if username and re.search(r"\s", username):
                problems.append(sheet.problem(row, "username", "用户名不能含空格"))
            elif username in seen_users:
                problems.append(
                    sheet.problem(
                        row,
                        "username",
                        f'重复的用户名 "{username}"（第 {seen_users[username]} 行已有）',
                    )
                )
            elif username in db.usernames:
                if skip_existing_users:
                    skip = True
                    plan.notes.append(
                        f"{sheet.where}第 {row.number} 行：用户 {username} 已存在，跳过（未修改）"
                    )
                else:
                    problems.append(
                        sheet.problem(
                            row,
                            "username",
                            f'用户名 "{username}" 已存在'
                            "（要跳过已有用户，加 --skip-existing-users）",
                        )
                    )
            if username:
                seen_users.setdefault(username, row.number)
            if password and len(password) < MIN_PASSWORD:
                problems.append(
                    sheet.problem(row, "password", f"密码太短：至少 {MIN_PASSWORD} 个字符")
                )
            parts = [p.strip() for p in UNIT_SEPARATORS.split(units_text) if p.strip()]
            all_units = any(norm(p) in {norm(a) for a in ALL_UNITS} for p in parts)
            if all_units and len(parts) > 1:
                problems.append(sheet.problem(row, "units", "「全部」不能与具体单位同时填写"))
            elif not all_units:
                for part in parts:
                    unit_ref(sheet, row, "units", part)
            if units_text and not parts:
                problems.append(sheet.problem(row, "units", "必填，不能为空"))
            if username and name and role and password:
                plan.users.append(
                    UserPlan(
                        username,
                        name,
                        role,
                        all_units,
                        [] if all_units else list(dict.fromkeys(parts)),
                        password,
                        skip,
                    )
                )
    return plan, problems
