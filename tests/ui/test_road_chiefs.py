"""路长公示 as a user gets it: `ducha export road-chiefs` in a real process on a store of 34 road
segments in three units — the A4 PDF paginated with its header on every page, the A2 poster,
the workbook read back — and its refusals; the app's 导出 → 路长公示… running in a job."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app.store_setup import open_store
from local_db.org_settings import org_settings, save_org_settings
from local_db.store import Store

UNITS = ("青山县城市管理局", "青山县交通运输局", "青山县城关镇人民政府")
OFFICE = "青山县城市管理督查办公室"
PHONE = "0719-8123456"
SEGMENTS = 34


def segment(n: int) -> tuple[str, str, str, str | None]:
    """zone, unit, chief, phone: the 34th has no phone (its cell says 未登记)."""
    phone = None if n == SEGMENTS - 1 else f"1390000{n:04d}"
    return f"测试路{n:02d}段（东街—西街）", UNITS[n % 3], f"路长{n:02d}", phone


def ducha(*args: str | Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ducha", path=str(Path(sys.executable).parent))
    assert exe, "the ducha entry point is installed in the environment"
    return subprocess.run(
        [exe, *(str(a) for a in args)], capture_output=True, text=True, timeout=120
    )


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f") if page.strip()]


def fill(store: Store, phone: str = PHONE) -> None:
    with store.transaction():
        units = {name: store.save("unit", {"name": name, "kind": "department"}) for name in UNITS}
        for n in range(SEGMENTS):
            zone, unit, chief, chief_phone = segment(n)
            store.save(
                "zone",
                {
                    "name": zone,
                    "kind": "road_segment",
                    "unit_id": units[unit]["id"],
                    "chief_name": chief,
                    "chief_phone": chief_phone,
                },
            )
        store.save("zone", {"name": "一号网格", "kind": "grid", "unit_id": units[UNITS[0]]["id"]})
        record = replace(org_settings(store), office_name=OFFICE, office_phone=phone)
        save_org_settings(store, record, None)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("chiefs")
    store = open_store(folder)
    fill(store)
    store.close()
    return folder


def test_a4_paginates_with_its_header_on_every_page(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "路长公示.pdf"
    done = ducha("export", "road-chiefs", "--data-dir", data_dir, "--out", out)
    assert done.returncode == 0, done.stderr
    assert f"{SEGMENTS} segments" in done.stdout and str(out) in done.stdout
    assert "1 segment(s) with no phone: 测试路33段" in done.stderr  # said, not hidden

    pages = pdf_pages(out)
    assert len(pages) >= 2
    for page in pages:  # the table's header repeated where it continues
        assert "序号责任路段责任单位路长联系电话" in page
    whole = "".join(pages)
    assert whole.startswith("青山县城市管理路长公示牌")
    for n in range(SEGMENTS):
        zone, unit, chief, phone = segment(n)
        assert f"{zone}{unit}{chief}{phone or '未登记'}" in whole, zone
    assert "一号网格" not in whole
    assert f"监督电话：{PHONE}（{OFFICE}）" in whole
    assert f"共{SEGMENTS}条责任路段" in whole
    assert "— 1 —" not in whole and "—1—" in pages[0]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(png)], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == len(pages)


def test_the_poster_is_a2_and_one_units_board(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "海报.pdf"
    unit = UNITS[1]
    done = ducha(
        "export", "road-chiefs", "--data-dir", data_dir, "--out", out,
        "--size", "poster", "--unit", unit,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "(A2)" in info and "Pages:           1" in info
    [page] = pdf_pages(out)
    assert f"责任单位：{unit}" in page
    mine = [segment(n) for n in range(SEGMENTS) if segment(n)[1] == unit]
    for zone, _, chief, phone in mine:
        assert f"{zone}{unit}{chief}{phone or '未登记'}" in page
    others = [segment(n)[0] for n in range(SEGMENTS) if segment(n)[1] != unit]
    assert not any(zone in page for zone in others)
    assert f"共{len(mine)}条责任路段" in page


def test_the_workbook_reads_back(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "路长公示.xlsx"
    done = ducha("export", "road-chiefs", "--data-dir", data_dir, "--out", out)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["路长公示"]
    assert sheet["A1"].value == "青山县城市管理路长公示牌"
    assert sheet["A3"].value == f"监督电话：{PHONE}（{OFFICE}）"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0] == ("序号", "责任路段", "责任单位", "路长", "联系电话")
    expected = sorted((segment(n) for n in range(SEGMENTS)), key=lambda s: (s[1], s[0]))
    assert [r[1:] for r in rows[1:]] == [(z, u, c, p or "未登记") for z, u, c, p in expected]
    assert [r[0] for r in rows[1:]] == list(range(1, SEGMENTS + 1))
    assert sheet.freeze_panes == "A5" and sheet.print_title_rows == "$4:$4"


def test_without_the_office_phone_no_board_is_written(tmp_path: Path) -> None:
    """A public board never prints a note to the office where the public expects the number."""
    folder = tmp_path / "data"
    store = open_store(folder)
    fill(store, phone="")
    store.close()
    out = tmp_path / "b.pdf"
    done = ducha("export", "road-chiefs", "--data-dir", folder, "--out", out)
    assert done.returncode == 2, done.stderr
    assert "supervision phone (监督电话) is not set" in done.stderr
    assert "Office settings" in done.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--unit", "不存在局"], "no unit named '不存在局'"),
        (["--out-suffix", ".docx"], "the board is written as .pdf or .xlsx"),
        (["--out-suffix", ".xlsx", "--size", "poster"], "--size is for the PDF"),
        (["--size", "huge"], "invalid choice: 'huge'"),
    ],
)
def test_refusals_name_what_is_wrong(data_dir, tmp_path, args, words) -> None:
    suffix = ".pdf"
    if "--out-suffix" in args:
        at = args.index("--out-suffix")
        suffix = args[at + 1]
        args = args[:at] + args[at + 2 :]
    out = tmp_path / f"x{suffix}"
    done = ducha("export", "road-chiefs", "--data-dir", data_dir, "--out", out, *args)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr
    assert not out.exists()
    if "不存在局" in args:
        assert all(unit in done.stderr for unit in UNITS)  # the units it could have been


def test_no_store_and_no_folder(tmp_path: Path) -> None:
    done = ducha("export", "road-chiefs", "--data-dir", tmp_path, "--out", tmp_path / "x.pdf")
    assert done.returncode == 2 and "no store in" in done.stderr
    data = tmp_path / "d"
    open_store(data).close()
    gone = tmp_path / "nowhere" / "x.pdf"
    done = ducha("export", "road-chiefs", "--data-dir", data, "--out", gone)
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_the_apps_export_menu_writes_the_board_in_a_job(qtbot, launch, tmp_path) -> None:
    from tests.ui.conftest import seed

    folder = tmp_path / "app"
    seed(folder)
    window = launch(folder)
    actions = {
        a.text(): a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()
    }
    assert window.road_chiefs_action in actions.values()
    dialog = window.open_road_chiefs()
    qtbot.waitExposed(dialog)
    units = [dialog.unit.itemData(i) for i in range(dialog.unit.count())]
    assert units == [None, "青山县城市管理局"]  # the whole county, then the seeded unit
    dialog.format.setCurrentIndex(1)  # the workbook: no paper size to choose
    assert not dialog.paper.isEnabled()
    out = tmp_path / "board.xlsx"
    job = dialog.export(out)  # the seed's office has no phone: refused, in words
    assert job is not None
    with qtbot.waitSignal(job.ended, timeout=20000):
        pass
    assert dialog.export_button.isEnabled()
    shown = dialog.status.text()
    assert "监督电话" in shown and ("Office settings" in shown or "单位设置" in shown), shown
    assert not out.exists()
    store = window.context.store
    save_org_settings(store, replace(org_settings(store), office_phone=PHONE), None)
    job = dialog.export(out)
    assert job is not None
    with qtbot.waitSignal(job.ended, timeout=20000):
        pass
    shown = dialog.status.text()
    assert str(out) in shown and "1" in shown
    sheet = openpyxl.load_workbook(out)["路长公示"]
    assert [r[1] for r in sheet.iter_rows(min_row=5, values_only=True)] == [
        "人民路（解放路—建设路）"
    ]
