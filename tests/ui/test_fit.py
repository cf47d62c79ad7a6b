"""Every main window and dialog fits the logical screens an office buys: 1366×728 (1366×768
less a taskbar), 1280×680, 1093×574 (1366×768 at 125 %) and 1920×1020 at QT_SCALE_FACTOR 1.5.

tests/ui/fit.py opens each window on the demo store, one process per screen (the offscreen
platform has one screen per process), and reports every enabled button and progress bar that
is off the screen, clipped or squeezed; each (screen, window) is one test here. English, whose
texts are longer, runs once on the narrowest screen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from app.demo.fill import fill_demo
from tests.ui.fit import CHECKED, SCREENS, screen_config

ROOT = Path(__file__).resolve().parents[2]


# Each run: a screen and the language (English is longer: once, on the narrowest screen).
RUNS = {screen: (screen, "zh_CN") for screen in SCREENS} | {"1093x574-en": ("1093x574", "en")}


def _run(run: str, demo: Path, folder: Path) -> dict[str, Any]:
    """The harness on a copy of the demo store, on one screen, in one language: its report."""
    screen, language = RUNS[run]
    data = folder / "data"
    shutil.copytree(demo, data)
    config = folder / "screen.json"
    config.write_text(json.dumps(screen_config(screen)), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env.pop("QT_SCALE_FACTOR", None)
    if SCREENS[screen]["scale"]:
        env["QT_SCALE_FACTOR"] = str(SCREENS[screen]["scale"])
    out = folder / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit", str(data), str(out), "--lang", language],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    if done.returncode != 0 or not out.exists():
        return {"": {"error": f"the harness failed ({done.returncode}):\n{done.stderr[-3000:]}"}}
    return dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    demo = tmp_path_factory.mktemp("demo")
    fill_demo(demo)
    folders = {run: tmp_path_factory.mktemp("screen") for run in RUNS}
    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores
        found = pool.map(lambda run: _run(run, demo, folders[run]), RUNS)
        return dict(zip(RUNS, found, strict=True))


CASES = [pytest.param(run, case, id=f"{case}@{run}") for run in RUNS for case in CHECKED]


@pytest.mark.parametrize(("screen", "case"), CASES)
def test_window_fits(reports: dict[str, dict[str, Any]], screen: str, case: str) -> None:
    report = reports[screen]
    assert "" not in report, report.get("", {}).get("error")
    key = case if case in report else case.split("-")[0]  # a case that failed to open
    result = report.get(key)
    assert result is not None, f"{case} at {screen}: not opened (known: {sorted(report)})"
    assert not result.get("error"), f"{case} at {screen} did not open:\n{result['error']}"
    where = f"«{result['title']}» ({case}) at {screen}"
    assert not result["problems"], f"{where} does not fit:\n" + "\n".join(result["problems"])


def test_the_check_sees_a_clipped_and_a_scrolled_away_button(qtbot) -> None:
    """fit_problems itself: a button half outside its parent is clipped; one a scroll area can
    reach is not, unless it is a dialog's button."""
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

    from tests.ui.fit import fit_problems

    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(100, 100, 300, 200)
    box = QWidget(window)
    box.setGeometry(0, 0, 100, 50)
    QPushButton("下发", box).setGeometry(60, 10, 80, 24)  # 40 px outside its parent
    area = QScrollArea(window)
    area.setGeometry(0, 60, 300, 100)
    content = QWidget()
    column = QVBoxLayout(content)
    column.addSpacing(400)
    column.addWidget(QPushButton("浏览…"))  # below the fold: reachable by scrolling
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
    column.addWidget(buttons)  # a dialog's button below the fold: not allowed
    area.setWidget(content)
    window.show()
    qtbot.waitExposed(window)
    found = fit_problems(window)
    assert any("«下发» is clipped by QWidget" in p for p in found), found
    assert any("«确定» is clipped by QWidget" in p for p in found), found
    assert not any("浏览" in p for p in found), found


def test_fit_to_screen_shrinks_and_places_a_window_inside(qtbot) -> None:
    """A dialog asked for more than the screen opens at the screen's size less a title bar,
    inside it; a small one opens centred over its parent."""
    from PySide6.QtWidgets import QDialog, QMainWindow

    from app.widgets.screen_fit import TITLE_BAR, fit_to_screen

    main = QMainWindow()
    qtbot.addWidget(main)
    fit_to_screen(main, 5000, 5000)
    main.show()
    qtbot.waitExposed(main)
    area = main.screen().availableGeometry()
    assert area.contains(main.frameGeometry()) and main.geometry().top() >= TITLE_BAR
    big, small = QDialog(main), QDialog(main)
    fit_to_screen(big, 5000, 3000)
    fit_to_screen(small, 200, 100)
    for dialog in (big, small):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert area.contains(dialog.frameGeometry()), dialog.frameGeometry()
        assert dialog.geometry().top() >= area.top() + TITLE_BAR
    assert big.height() <= area.height() - TITLE_BAR
    centre = main.frameGeometry().center() - small.frameGeometry().center()
    assert abs(centre.x()) <= 2 and abs(centre.y()) <= 2
