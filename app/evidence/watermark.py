"""The watermark drawn over evidence photos at display and export time (never into the file):
what field staff know from 水印相机 — time, place, zone, inspectors.

On screen it speaks the user's language; on an official document it is always Chinese.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.labels import local_time

# The document wording (official Chinese, whatever the app's language).
_CHINESE = {
    "taken": "拍摄于 {time}",
    "no_time": "无拍摄时间 · 导入于 {time}",
    "gps": "定位 {lat:.6f}, {lon:.6f}",
    "no_gps": "无定位信息",
    "zone": "{zone} · {unit}",
    "inspectors": "督查人员：{names}",
}


def _screen_words() -> dict[str, str]:
    return {
        "taken": QCoreApplication.translate("watermark", "Taken {time}"),
        "no_time": QCoreApplication.translate("watermark", "No camera time · imported {time}"),
        "gps": QCoreApplication.translate("watermark", "GPS {lat:.6f}, {lon:.6f}"),
        "no_gps": QCoreApplication.translate("watermark", "No GPS position"),
        "zone": QCoreApplication.translate("watermark", "{zone} · {unit}"),
        "inspectors": QCoreApplication.translate("watermark", "Inspectors: {names}"),
    }


def _lines(photo: dict[str, Any], header: dict[str, Any], words: dict[str, str]) -> list[str]:
    if photo.get("taken_at"):
        when = words["taken"].format(time=local_time(photo["taken_at"], "yyyy-MM-dd HH:mm:ss"))
    else:
        when = words["no_time"].format(
            time=local_time(photo.get("imported_at"), "yyyy-MM-dd HH:mm")
        )
    if photo.get("gps_lat") is not None and photo.get("gps_lon") is not None:
        place = words["gps"].format(lat=photo["gps_lat"], lon=photo["gps_lon"])
    else:
        place = words["no_gps"]
    return [
        when,
        place,
        words["zone"].format(zone=header.get("zone_name", ""), unit=header.get("unit_name", "")),
        words["inspectors"].format(names=header.get("inspectors") or ""),
    ]


def watermark_lines(photo: dict[str, Any], header: dict[str, Any]) -> list[str]:
    """For the screen, in the user's language. `header` is the inspection's header row."""
    return _lines(photo, header, _screen_words())


def document_watermark_lines(photo: dict[str, Any], header: dict[str, Any]) -> list[str]:
    """For notices and bulletins: official Chinese."""
    return _lines(photo, header, _CHINESE)
