"""Import units, zones (with their road chiefs) and users from a spreadsheet.

    ducha-server import FILE [FILE ...] --data-dir DIR [--database-url URL]
                  [--kind units|zones|users] [--encoding ENC] [--skip-existing-users] [--dry-run]

Files
  .xlsx   one workbook may hold three sheets, named 单位 (units), 区域 (zones) and 用户 (users);
          a sheet with another name is recognised from its header row, or skipped with a note
          (e.g. a 说明 sheet). Formulas are read as the values Excel last saved.
  .csv    one kind per file, chosen by --kind or recognised from the header row (also .tsv and
  .txt)   .txt). Encodings: UTF-8 with or without BOM, GBK/GB18030 (what Chinese Excel saves as
          "CSV (逗号分隔)") and UTF-16 (Excel's "Unicode 文本"); --encoding forces one.
          Comma-separated; tab-separated when the first line has more tabs than commas.
  Several files are imported together in one transaction (e.g. units.csv zones.csv users.csv).
  A file that cannot be read is named with what is wrong (and its row and column where there is
  one): damaged or password-protected workbooks, old .xls/.et, a formula whose result was never
  saved (open the file in Excel/WPS and save it), a CSV quote never closed, a cell over 32,767
  characters, a control character such as NUL in a cell (never imported), an empty file.

Sheets (the header is the row among the first 10 that names the most columns: title rows above
it are passed over; headers in Chinese or English, in any order; a * or a (hint) in a header is
ignored; unknown columns are ignored with a note; blank rows are skipped)
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
  - The rules are domain/org_sheet.py's, shared with `ducha org import` (a laptop without a
    server set up from the same workbook, app/standalone/org_import.py).
  - --dry-run checks everything and reports what would happen, writing nothing.
  - The summary reads e.g. "导入：单位 3 个，区域 12 个，用户 4 个" (rows imported per kind),
    followed by how many were new, updated, unchanged or skipped.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from domain import org_sheet
from domain.clock import now_iso
from domain.org_sheet import KINDS, Known, Plan
from server.auth import hash_password
from server.db import ENTITY_TABLES, app_user, make_engine, user_unit
from server.import_sheets import (
    KIND_ZH,
    ImportFailed,
    Sheet,
    read_files,
)
from server.seed import Seeder, new_row
from server.settings import Settings


@dataclass
class Existing(Known):
    """What the database holds: the rules' facts (domain/org_sheet.py) and the people and
    accounts the writing attaches new accounts to."""

    persons: dict[str, list[str]] = field(default_factory=dict)  # name → person ids
    account_ids: set[str] = field(default_factory=set)

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


def check(sheets: list[Sheet], db: Existing, skip_existing_users: bool = False) -> Plan:
    """Every row of every sheet against each other and the database (domain/org_sheet.py's
    rules): a Plan, or ImportFailed naming every problem."""
    plan, problems = org_sheet.check(sheets, db, skip_existing_users)
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


def hash_passwords(accounts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """username → argon2 hash, computed on every core: argon2-cffi releases the GIL while it
    hashes, so threads run in parallel. Measured on 2 cores (bench/import_users.py, 200 users,
    the machine busy with other work): serial 73.0 s, threads 50.6 s, a process pool 64.2 s
    (it pays for starting its workers and pickling)."""
    pairs = list(accounts)
    workers = min(len(pairs), len(os.sched_getaffinity(0))) or 1
    with ThreadPoolExecutor(workers, thread_name_prefix="argon2") as pool:
        hashed = pool.map(hash_password, [password for _, password in pairs])
        return {username: digest for (username, _), digest in zip(pairs, hashed, strict=True)}


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
    hashes = hash_passwords((u.username, u.password) for u in first.users if not u.skip)
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
