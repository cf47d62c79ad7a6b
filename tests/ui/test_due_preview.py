"""The item panel shows when a notice issued now would fall due, and warns past the calendar."""

from __future__ import annotations

import json

from app.evidence.thumbnail_loader import ThumbnailLoader
from app.i18n import install_translator
from app.inspections.item_panel import ItemPanel
from app.resources import resource_path
from domain.clock import utc_now
from domain.template import parse_template
from domain.workcalendar import calendar_from_dict, default_calendar_path, load_calendar

TEMPLATE = parse_template(
    json.loads(resource_path("templates", "city_fine_management_v1.json").read_text("utf-8"))
)


def _panel(calendar, tmp_path) -> ItemPanel:
    return ItemPanel(calendar, ThumbnailLoader(tmp_path))


def _problem(panel: ItemPanel, qtbot, code: str) -> None:
    panel.show_item(TEMPLATE.item(code), {"result": "problem", "cases": 1})
    qtbot.addWidget(panel)
    panel.show()


def test_due_time_preview_on_the_shipped_calendar(qtbot, qapp, tmp_path) -> None:
    install_translator(qapp, "zh_CN")
    panel = _panel(load_calendar(default_calendar_path()), tmp_path)
    _problem(panel, qtbot, "DL-01")
    text = panel.due_preview.text()
    assert text.startswith("若现在下发通知：")
    year = utc_now().year
    if year in (2025, 2026):
        assert "⚠" not in text
    assert str(year) in text


def test_warning_when_the_calendar_does_not_cover_the_year(qtbot, qapp, tmp_path) -> None:
    install_translator(qapp, "zh_CN")
    data = json.loads(default_calendar_path().read_text("utf-8"))
    this_year = str(utc_now().year)
    data["years"] = {y: v for y, v in data["years"].items() if y != this_year}
    if not data["years"]:
        data["years"] = {"2000": {"holidays": [], "workdays": []}}
    panel = _panel(calendar_from_dict(data), tmp_path)
    _problem(panel, qtbot, "DL-01")
    text = panel.due_preview.text()
    assert "⚠" in text and this_year in text and "cn_workdays.json" in text
