"""Import units, zones (with their road chiefs) and users from a spreadsheet.

    ducha-server import FILE [FILE ...] --data-dir DIR [--database-url URL]
                  [--kind units|zones|users] [--encoding ENC] [--skip-existing-users] [--dry-run]

Files
  .xlsx   one workbook may hold three sheets, named 单位 (units), 区域 (zones) and 用户 (users);
          a sheet with another name is recognised from its header row, or skipped with a note
          (e.g. a 说明 sheet). Formulas are read as the values Excel last saved.
  .csv    one kind per file, chosen by --kind or recognised from the header row. Encodings:
          UTF-8 with or without BOM, and GBK/GB18030 (what Chinese Excel saves as "CSV (逗号分隔)");
          --encoding forces one. Comma-separated (a header with tabs and no commas: tab-separated).
  Several files are imported together in one transaction (e.g. units.csv zones.csv users.csv).

Sheets (row 1 is the header; headers in Chinese or English, in any order; a * or a (hint) in a
header is ignored; unknown columns are ignored with a note; blank rows are skipped)
  单位 units   名称/name*  类型/kind*  上级单位/parent
               kind: 部门/department, 镇/town, 街道/street_office, 企业/company
               parent: the name of a unit on an earlier row or already in the database
  区域 zones   名称/name*  类型/kind*  责任单位/unit*  路长/chief_name  路长电话/chief_phone
               kind: 路段/road_segment, 网格/grid, 点位/site
               unit: the name of a unit in the file or already in the database
  用户 users   用户名/username*  姓名/name*  角色/role*  单位/units*  初始密码/password*
               role: 督查员/inspector, 审核员/reviewer, 管理员/admin
               units: unit names separated by 、 or ; (or ；), or 全部/all for every unit
               password: at least 8 characters (spaces around it are dropped)
  (* required)

Rules
  - All or nothing: every row of every sheet is checked first; if any is bad, every problem is
    listed with its sheet, row number (as the spreadsheet shows it, header = row 1) and column,
    and nothing is imported (exit status 1). The writes run in one transaction.
  - Units and zones are matched by name, so importing the same file again changes nothing. A
    unit or zone that exists takes the file's kind, parent/unit and road chief (a changed chief
    updates the zone; a blank chief cell clears it; a column left out of the sheet keeps what
    the database holds). Nothing is deleted, and a deactivated zone stays deactivated.
  - Users: a username that exists already is an error ("用户名已存在"), so a file cannot
    silently overwrite an account. With --skip-existing-users such rows are skipped with a
    note and the account is left as it is (password, role and units untouched): that makes a
    whole workbook re-importable. A new account attaches to the person of the same name when
    that person has no account yet (as `user add` does); otherwise a new person is made.
  - --dry-run checks everything and reports what would happen, writing nothing.
  - The summary reads e.g. "导入：单位 3 个，区域 12 个，用户 4 个" (rows imported per kind),
    followed by how many were new, updated, unchanged or skipped.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain.clock import now_iso
from domain.vocab import UNIT_KINDS, ZONE_KINDS
from server.auth import ROLES, hash_password
from server.db import ENTITY_TABLES, app_user, make_engine, user_unit
from server.import_sheets import (
    KIND_ZH,
    KINDS,
    ImportFailed,
    Problem,
    Row,
    Sheet,
    norm,
    read_files,
)
from server.seed import Seeder, new_row
from server.settings import Settings

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
class Existing:
    units: dict[str, list[dict]]  # name → rows (more than one: the name is ambiguous)
    zones: dict[str, list[dict]]
    unit_parent: dict[str, str | None]  # unit id → parent id
    usernames: set[str]
    persons: dict[str, list[str]]  # name → person ids
    account_ids: set[str]

    @classmethod
    def load(cls, conn: sa.Connection) -> Existing:
        def by_name(entity: str) -> dict[str, list[dict]]:
            table = ENTITY_TABLES[entity]
            out: dict[str, list[dict]] = {}
            for (text,) in conn.execute(sa.select(table.c.row).order_by(table.c.id)):
                row = json.loads(text)
                out.setdefault(str(row.get("name") or "").strip(), []).append(row)
            return out

        units = by_name("unit")
        persons = {name: [r["id"] for r in rows] for name, rows in by_name("person").items()}
        users = conn.execute(sa.select(app_user.c.id, app_user.c.username)).all()
        return cls(
            units=units,
            zones=by_name("zone"),
            unit_parent={r["id"]: r.get("parent_id") for rows in units.values() for r in rows},
            usernames={u for _, u in users},
            persons=persons,
            account_ids={i for i, _ in users},
        )


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


def check(sheets: list[Sheet], db: Existing, skip_existing_users: bool = False) -> Plan:
    """Every row of every sheet against each other and the database: a Plan, or ImportFailed."""
    plan = Plan()
    problems: list[Problem] = []
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
    if problems:
        raise ImportFailed(problems)
    return plan


# -- writing ----------------------------------------------------------------------------------
@dataclass
class Report:
    counts: dict[str, dict[str, int]] = field(default_factory=lambda: {k: {} for k in KINDS})
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] = self.counts[kind].get(outcome, 0) + 1

    def summary(self, dry_run: bool = False) -> str:
        done = {k: sum(v for o, v in c.items() if o != "skipped") for k, c in self.counts.items()}
        head = "检查通过，未写入（--dry-run）。将导入" if dry_run else "导入"
        lines = [
            f"{head}：单位 {done['units']} 个，区域 {done['zones']} 个，用户 {done['users']} 个"
        ]
        words = {"new": "新增", "updated": "更新", "unchanged": "未变", "skipped": "跳过已有"}
        for kind in KINDS:
            parts = [
                f"{w} {self.counts[kind][o]}" for o, w in words.items() if self.counts[kind].get(o)
            ]
            if parts:
                lines.append(f"  {KIND_ZH[kind]}：" + "，".join(parts))
        return "\n".join(lines)


def _update(seeder: Seeder, entity: str, row: dict, changes: dict) -> bool:
    if all(row.get(k) == v for k, v in changes.items()):
        return False
    updated = {
        **row,
        **changes,
        "updated_at": now_iso(),
        "device_id": "server",
        "rev": int(row.get("rev") or 0) + 1,
    }
    seeder.push.write(entity, updated, None, exists=True)  # units and zones are reference data
    return True


def apply(seeder: Seeder, plan: Plan, db: Existing, hashes: dict[str, str], report: Report) -> None:
    unit_ids = {name: rows[0]["id"] for name, rows in db.units.items() if len(rows) == 1}
    for unit in plan.units:
        parent_id = unit_ids[unit.parent] if unit.parent else None
        found = db.units.get(unit.name)
        if found:
            changes: dict[str, Any] = {"kind": unit.kind}
            if unit.parent_given:
                changes["parent_id"] = parent_id
            updated = _update(seeder, "unit", found[0], changes)
            report.count("units", "updated" if updated else "unchanged")
            unit_ids[unit.name] = found[0]["id"]
        else:
            row = new_row(name=unit.name, kind=unit.kind, parent_id=parent_id)
            unit_ids[unit.name] = seeder.add("unit", row)
            report.count("units", "new")
    for zone in plan.zones:
        found = db.zones.get(zone.name)
        fields = {"kind": zone.kind, "unit_id": unit_ids[zone.unit], **zone.chief}
        if found:
            updated = _update(seeder, "zone", found[0], fields)
            report.count("zones", "updated" if updated else "unchanged")
        else:
            row = new_row(
                name=zone.name,
                **{"chief_name": None, "chief_phone": None, **fields},
                geometry=None,
                active=1,
            )
            seeder.add("zone", row)
            report.count("zones", "new")
    taken = set(db.account_ids)
    for user in plan.users:
        if user.skip:
            report.count("users", "skipped")
            continue
        free = [p for p in db.persons.get(user.name, []) if p not in taken]
        if free:  # the person is known (demo, an earlier import): the account attaches to them
            person_id = free[0]
        else:
            person_id = seeder.add("person", new_row(name=user.name, phone=None, role=user.role))
        taken.add(person_id)
        seeder.conn.execute(
            sa.insert(app_user).values(
                id=person_id,
                username=user.username,
                name=user.name,
                role=user.role,
                password_hash=hashes.get(user.username) or hash_password(user.password),
                all_units=user.all_units,
            )
        )
        for name in user.units:
            seeder.conn.execute(
                sa.insert(user_unit).values(user_id=person_id, unit_id=unit_ids[name])
            )
        report.count("users", "new")


def import_files(
    engine: sa.Engine,
    settings: Settings,
    paths: list[Path],
    kind: str | None = None,
    encoding: str | None = None,
    skip_existing_users: bool = False,
    dry_run: bool = False,
) -> Report:
    """Read, check everything, then write it all in one transaction. ImportFailed: nothing kept."""
    sheets, notes = read_files(paths, kind, encoding)
    with engine.connect() as conn:  # a first check, so a bad file costs no password hashing
        first = check(sheets, Existing.load(conn), skip_existing_users)
        conn.rollback()
    # argon2 is slow on purpose: hash before taking the write lock that blocks every push
    hashes = {u.username: hash_password(u.password) for u in first.users if not u.skip}
    report = Report(notes=notes)
    with engine.connect() as conn, conn.begin() as transaction:
        seeder = Seeder(conn, settings)  # takes the write lock
        db = Existing.load(conn)
        plan = check(sheets, db, skip_existing_users)  # again: the database may have moved on
        apply(seeder, plan, db, hashes, report)
        report.notes += plan.notes
        if dry_run:
            transaction.rollback()
    return report


def run(args: Any) -> int:
    """`ducha-server import` (args from server.cli)."""
    from server.db import resolve_url

    url = resolve_url(args.database_url, args.data_dir)
    settings = Settings(data_dir=Path(args.data_dir), database_url=url)
    engine = make_engine(url)
    try:
        report = import_files(
            engine,
            settings,
            [Path(p) for p in args.files],
            kind=args.kind,
            encoding=args.encoding,
            skip_existing_users=args.skip_existing_users,
            dry_run=args.dry_run,
        )
    except ImportFailed as failed:
        print(f"导入失败，未导入任何数据（{len(failed.problems)} 处问题）：", file=sys.stderr)
        for problem in failed.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for note in report.notes:
        print(f"注意：{note}")
    print(report.summary(args.dry_run))
    return 0
