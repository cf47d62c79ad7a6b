"""`ducha-server import`: spreadsheets (xlsx, CSV in UTF-8/UTF-8-BOM/GBK) through the real CLI."""

from __future__ import annotations

import csv
import json
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import requests
import sqlalchemy as sa

from domain.ids import stable_id
from tests.server.conftest import PG_ADMIN, Server, cli, run_cli

UNITS = [
    ["名称", "类型", "上级单位"],
    ["青山县城市管理局", "部门", None],
    ["城管执法一大队", "部门", "青山县城市管理局"],
    ["城关镇人民政府", "镇", None],
]
ZONES = [
    ["名称", "类型", "责任单位", "路长", "路长电话"],
    ["人民路（解放路—中山路）", "路段", "城关镇人民政府", "张建国", 13800000001],
    ["城关镇第2网格", "网格", "城关镇人民政府", "李红", "0715-1234567"],
    ["农贸市场", "点位", "城管执法一大队", None, None],
]
USERS = [
    ["用户名", "姓名", "角色", "单位", "初始密码"],
    ["wangwu", "王五", "督查员", "城关镇人民政府、城管执法一大队", "chushi-mima-1"],
    ["zhaoliu", "赵六", "审核员", "全部", 12345678],  # a password Excel stored as a number
    ["boss", "钱七", "admin", "all", "boss password"],
]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path) -> Iterator[tuple[Path, str | None]]:
    """(data dir, database URL or None for SQLite), initialised; PostgreSQL: a fresh database."""
    data_dir = tmp_path / "server"
    if request.param == "sqlite":
        cli("init", data_dir=data_dir)
        yield data_dir, None
        return
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    name = f"ducha_import_{secrets.token_hex(4)}"
    admin.execute(f"CREATE DATABASE {name}")
    params = dict(p.split("=", 1) for p in PG_ADMIN.split())
    url = (
        f"postgresql+psycopg://{params.get('user', 'postgres')}@{params['host']}:"
        f"{params.get('port', '5432')}/{name}"
    )
    try:
        cli("init", url=url, data_dir=data_dir)
        yield data_dir, url
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


def run(*args: str, data_dir: Path, url: str | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, data_dir=data_dir, url=url)


def xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def good_book(path: Path) -> Path:
    return xlsx(path, {"单位": UNITS, "区域": ZONES, "用户": USERS, "说明": [["填写说明……"]]})


def state(data_dir: Path, url: str | None) -> dict:
    """What the database holds: rows by entity and name, users, and the change_log length."""
    from server.db import ENTITY_TABLES, app_user, change_log, default_url, make_engine, user_unit

    engine = make_engine(url or default_url(data_dir))
    with engine.connect() as conn:

        def rows(entity: str) -> dict[str, dict]:
            table = ENTITY_TABLES[entity]
            found = [json.loads(r) for (r,) in conn.execute(sa.select(table.c.row))]
            return {r["name"]: r for r in found}

        out = {
            "unit": rows("unit"),
            "zone": rows("zone"),
            "person": rows("person"),
            "users": {r.username: dict(r._mapping) for r in conn.execute(sa.select(app_user))},
            "user_unit": {tuple(r) for r in conn.execute(sa.select(user_unit))},
            "seq": conn.execute(sa.select(sa.func.count()).select_from(change_log)).scalar_one(),
        }
    engine.dispose()
    return out


def test_good_workbook_imports_all_three_kinds_and_the_users_log_in(backend, tmp_path):
    data_dir, url = backend
    book = good_book(tmp_path / "组织.xlsx")
    out = cli("import", str(book), url=url, data_dir=data_dir)
    assert "导入：单位 3 个，区域 3 个，用户 3 个" in out
    assert "「说明」" in out  # the instructions sheet is skipped with a note

    db = state(data_dir, url)
    units, zones = db["unit"], db["zone"]
    assert set(units) == {"青山县城市管理局", "城管执法一大队", "城关镇人民政府"}
    assert units["城管执法一大队"]["parent_id"] == units["青山县城市管理局"]["id"]
    assert (
        units["城关镇人民政府"]["kind"] == "town" and units["城关镇人民政府"]["parent_id"] is None
    )
    road = zones["人民路（解放路—中山路）"]
    assert road["kind"] == "road_segment" and road["unit_id"] == units["城关镇人民政府"]["id"]
    assert (road["chief_name"], road["chief_phone"]) == ("张建国", "13800000001")
    assert zones["城关镇第2网格"]["chief_phone"] == "0715-1234567"
    assert zones["农贸市场"]["kind"] == "site" and zones["农贸市场"]["chief_name"] is None
    wang = db["users"]["wangwu"]
    assert (wang["name"], wang["role"], bool(wang["all_units"])) == ("王五", "inspector", False)
    assert {u for w, u in db["user_unit"] if w == wang["id"]} == {
        units["城关镇人民政府"]["id"],
        units["城管执法一大队"]["id"],
    }
    assert db["person"]["王五"]["id"] == wang["id"]
    assert db["users"]["zhaoliu"]["role"] == "reviewer" and db["users"]["zhaoliu"]["all_units"]
    assert db["users"]["boss"]["role"] == "admin"
    assert "chushi-mima-1" not in str(db["users"])  # only the argon2 hash is stored

    server = Server(data_dir=data_dir, url=url, backend="import")
    try:
        base = server.start()
        for username, password in (("wangwu", "chushi-mima-1"), ("zhaoliu", "12345678")):
            answer = requests.post(
                f"{base}/auth/login",
                json={"username": username, "password": password, "device_id": f"dev-{username}"},
                timeout=10,
            )
            assert answer.status_code == 200, answer.text
        user = answer.json()["user"]
        assert user["role"] == "reviewer" and user["all_units"]
        token = answer.json()["token"]
        pulled = requests.get(
            f"{base}/sync/pull?limit=1000", headers={"Authorization": f"Bearer {token}"}, timeout=10
        ).json()
        pulled_zones = {c["row"]["name"] for c in pulled["changes"] if c["entity"] == "zone"}
        assert set(zones) <= pulled_zones  # the imported zones reach the laptops
        wrong = requests.post(
            f"{base}/auth/login",
            json={"username": "wangwu", "password": "not the one", "device_id": "dev-import"},
            timeout=10,
        )
        assert wrong.status_code == 401
    finally:
        server.stop()


BASE = {"单位": UNITS, "区域": ZONES, "用户": USERS}
BAD_ROWS = [
    # (sheet, the row number the bad row gets, the bad row, its bad column, what the message says)
    ("单位", 5, ["环卫公司", "合作社", None], "类型", '未知单位类型 "合作社"'),
    ("单位", 5, ["城关镇人民政府", "镇", None], "名称", "重复的单位名称"),
    ("单位", 2, ["二大队", "部门", "三大队"], "上级单位", '未知单位 "三大队"'),
    ("区域", 3, ["", "网格", "城关镇人民政府"], "名称", "必填"),
    ("区域", 5, ["农贸市场", "点位", "城关镇人民政府"], "名称", "重复的区域名称"),
    ("区域", 5, ["东门", "点位", "城管局"], "责任单位", '未知单位 "城管局"'),
    ("区域", 4, ["东门", "片区", "城关镇人民政府"], "类型", '未知区域类型 "片区"'),
    ("区域", 5, ["东门", "点位", "城关镇人民政府", "马六", "电话待定"], "路长电话", "电话"),
    ("用户", 2, ["sunba", "孙八", "督查员", "城关镇人民政府", "short"], "初始密码", "密码太短"),
    ("用户", 5, ["zhou", "周九", "督查员", "城关镇人民政府", ""], "初始密码", "必填"),
    (
        "用户",
        5,
        ["zhou", "周九", "督查员", "城关镇人民政府；不存在的局", "long enough"],
        "单位",
        '未知单位 "不存在的局"',
    ),
    ("用户", 3, ["zhou", "周九", "局长", "全部", "long enough"], "角色", '未知角色 "局长"'),
    ("用户", 5, ["wangwu", "王五二", "督查员", "全部", "long enough"], "用户名", "重复的用户名"),
    ("用户", 4, ["taken", "周九", "督查员", "全部", "long enough"], "用户名", '"taken" 已存在'),
]


@pytest.fixture(scope="module")
def with_a_user(tmp_path_factory) -> Path:
    """A SQLite server with one account, "taken"; a failed import leaves it as it was."""
    data_dir = tmp_path_factory.mktemp("import") / "server"
    cli("init", data_dir=data_dir)
    cli(
        *("user", "add", "taken", "--role", "inspector", "--all-units"),
        stdin="existing pw 1\n",
        data_dir=data_dir,
    )
    return data_dir


@pytest.mark.parametrize(("sheet", "number", "bad", "column", "message"), BAD_ROWS)
def test_one_bad_row_anywhere_imports_nothing(
    with_a_user, tmp_path, sheet, number, bad, column, message
):
    data_dir = with_a_user
    before = state(data_dir, None)
    rows = BASE[sheet]
    book = xlsx(
        tmp_path / "bad.xlsx", {**BASE, sheet: [*rows[: number - 1], bad, *rows[number - 1 :]]}
    )
    done = run("import", str(book), data_dir=data_dir)
    assert done.returncode == 1, done.stdout
    assert "未导入任何数据（1 处问题）" in done.stderr
    assert f"工作表「{sheet}」第 {number} 行，列「{column}」：" in done.stderr
    assert message in done.stderr
    assert state(data_dir, None) == before  # not one unit, zone, person or user


def test_a_bad_file_on_postgresql_imports_nothing_either(backend, tmp_path):
    data_dir, url = backend
    before = state(data_dir, url)
    users = [*USERS, ["zhou", "周九", "督查员", "城管执法一大队、城管局", "long enough"]]
    book = xlsx(tmp_path / "bad.xlsx", {"单位": UNITS, "区域": ZONES, "users": users})
    done = run("import", str(book), data_dir=data_dir, url=url)
    assert done.returncode == 1
    assert '工作表「users」第 5 行，列「单位」：未知单位 "城管局"' in done.stderr
    assert state(data_dir, url) == before


def test_every_problem_is_listed_and_missing_columns_come_first(tmp_path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    sheets = {
        "units": [["name", "kind"], ["A局", "department"], ["B局", "bureau"]],
        "zones": [["name", "kind", "chief_name", "备注"], ["Z1", "grid", "x", "?"]],
        "users": [
            ["username", "name", "role", "units", "password"],
            ["u1", "", "inspector", "A局", "12345678"],
            ["u2", "用户二", "inspector", "全部、A局", "1234"],
        ],
    }
    done = run("import", str(xlsx(tmp_path / "bad.xlsx", sheets)), data_dir=data_dir)
    assert done.returncode == 1
    assert "工作表「zones」第 1 行，列「责任单位/unit」：缺少这一列" in done.stderr
    sheets["zones"] = [["name", "kind", "unit", "chief_name"], ["Z1", "grid", "A局", "x"]]
    done = run("import", str(xlsx(tmp_path / "bad.xlsx", sheets)), data_dir=data_dir)
    assert done.returncode == 1
    err = done.stderr
    assert '工作表「units」第 3 行，列「kind」：未知单位类型 "bureau"' in err
    assert "工作表「users」第 2 行，列「name」：必填" in err
    assert "工作表「users」第 3 行，列「units」：「全部」不能与具体单位同时填写" in err
    assert "工作表「users」第 3 行，列「password」：密码太短" in err
    assert "（4 处问题）" in err
    assert state(data_dir, None)["unit"] == {}


def test_a_parent_must_come_first_and_cycles_are_refused(tmp_path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    cli("unit", "add", "老局", data_dir=data_dir)
    later = xlsx(
        tmp_path / "later.xlsx",
        {"单位": [["名称", "类型", "上级单位"], ["科", "部门", "处"], ["处", "部门", None]]},
    )
    done = run("import", str(later), data_dir=data_dir)
    assert done.returncode == 1
    assert '第 2 行，列「上级单位」：上级单位 "处" 在第 3 行才出现' in done.stderr
    cycle = xlsx(
        tmp_path / "cycle.xlsx",
        {
            "单位": [
                ["名称", "类型", "上级单位"],
                ["新局", "部门", "老局"],
                ["老局", "部门", "新局"],
            ]
        },
    )
    done = run("import", str(cycle), data_dir=data_dir)
    assert done.returncode == 1 and "上级单位形成循环" in done.stderr


def test_csv_in_gbk_utf8_bom_and_utf8_recognised_from_the_header(tmp_path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    units = write_csv(tmp_path / "单位.csv", UNITS, "gbk")
    zones = write_csv(tmp_path / "区域.csv", ZONES, "utf-8-sig")
    english = [["username", "name", "role", "units", "password"], *USERS[1:]]
    users = write_csv(tmp_path / "users.csv", english, "utf-8")
    assert units.read_bytes().decode("gbk") and not units.read_bytes().startswith(b"\xef\xbb\xbf")
    out = cli("import", str(units), str(zones), str(users), data_dir=data_dir)
    assert "导入：单位 3 个，区域 3 个，用户 3 个" in out
    db = state(data_dir, None)
    assert db["unit"]["城管执法一大队"]["parent_id"] == db["unit"]["青山县城市管理局"]["id"]
    assert db["zone"]["人民路（解放路—中山路）"]["chief_name"] == "张建国"
    assert db["users"]["wangwu"]["name"] == "王五"


def test_a_gbk_csv_with_kind_and_its_errors(tmp_path):
    data_dir = tmp_path / "server"
    cli("init", data_dir=data_dir)
    cli("unit", "add", "城关镇人民政府", "--kind", "town", data_dir=data_dir)
    rows = [
        ["名称", "类型", "单位", "路长", "路长电话"],
        ["北街", "路段", "城关镇人民政府", "郑一", "13900000000"],
    ]
    good = write_csv(tmp_path / "zones.csv", rows, "gbk")
    out = cli("import", str(good), "--kind", "zones", data_dir=data_dir)
    assert "区域 1 个" in out
    assert state(data_dir, None)["zone"]["北街"]["chief_name"] == "郑一"
    bad = write_csv(tmp_path / "bad.csv", [*rows, ["南街", "路段", "河西镇", "", ""]], "gbk")
    done = run("import", str(bad), "--kind", "zones", data_dir=data_dir)
    assert done.returncode == 1
    assert '文件「bad.csv」第 3 行，列「单位」：未知单位 "河西镇"' in done.stderr
    unknown = write_csv(tmp_path / "what.csv", [["甲", "乙"], ["1", "2"]], "gbk")
    done = run("import", str(unknown), data_dir=data_dir)
    assert done.returncode == 1 and "--kind" in done.stderr


def test_reimport_is_idempotent_and_a_changed_chief_updates_the_zone(backend, tmp_path):
    data_dir, url = backend
    book = good_book(tmp_path / "组织.xlsx")
    cli("import", str(book), url=url, data_dir=data_dir)
    first = state(data_dir, url)

    refused = run("import", str(book), data_dir=data_dir, url=url)
    assert refused.returncode == 1
    assert '工作表「用户」第 2 行，列「用户名」：用户名 "wangwu" 已存在' in refused.stderr
    assert state(data_dir, url) == first

    out = cli("import", str(book), "--skip-existing-users", url=url, data_dir=data_dir)
    assert "单位：未变 3" in out and "区域：未变 3" in out and "用户：跳过已有 3" in out
    assert "用户 wangwu 已存在，跳过" in out
    assert state(data_dir, url) == first  # not one row, not one change_log entry

    zones = [row[:] for row in ZONES]
    zones[1][3:5] = ["刘新", "13700000000"]
    changed = xlsx(tmp_path / "改.xlsx", {"单位": UNITS, "区域": zones})
    dry = cli("import", str(changed), "--dry-run", url=url, data_dir=data_dir)
    assert "未写入" in dry and "区域：更新 1，未变 2" in dry
    assert state(data_dir, url) == first
    out = cli("import", str(changed), url=url, data_dir=data_dir)
    assert "区域：更新 1，未变 2" in out
    after = state(data_dir, url)
    road = after["zone"]["人民路（解放路—中山路）"]
    assert (road["chief_name"], road["chief_phone"]) == ("刘新", "13700000000")
    assert road["id"] == first["zone"]["人民路（解放路—中山路）"]["id"] and road["rev"] == 2
    assert after["seq"] == first["seq"] + 1  # one change for the laptops to pull


def test_a_user_attaches_to_the_person_of_the_same_name(tmp_path):
    data_dir = tmp_path / "server"
    cli("init", "--demo", data_dir=data_dir)
    users = [USERS[0], ["wanglei", "王磊", "督查员", "青山县城市管理局", "long enough"]]
    cli("import", str(xlsx(tmp_path / "u.xlsx", {"用户": users})), data_dir=data_dir)
    db = state(data_dir, None)
    assert db["users"]["wanglei"]["id"] == stable_id("demo", "person", "王磊")
    # a second 王磊 (same name, another person) gets a person of their own
    users = [USERS[0], ["wanglei2", "王磊", "督查员", "全部", "long enough"]]
    cli("import", str(xlsx(tmp_path / "u2.xlsx", {"用户": users})), data_dir=data_dir)
    second = state(data_dir, None)["users"]["wanglei2"]["id"]
    assert second != stable_id("demo", "person", "王磊")
