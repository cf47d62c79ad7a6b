"""The watermark drawn over evidence photos at display and export time (never into the file):
what field staff know from 水印相机 — time, place, zone, inspectors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.labels import local_time


def watermark_lines(photo: dict[str, Any], header: dict[str, Any]) -> list[str]:
    """`header` is the inspection's header row (zone_name, unit_name, inspectors…)."""

    if photo.get("taken_at"):
        when = QCoreApplication.translate("watermark", "Taken {time}").format(
            time=local_time(photo["taken_at"], "yyyy-MM-dd HH:mm:ss")
        )
    else:
        when = QCoreApplication.translate("watermark", "No camera time · imported {time}").format(
            time=local_time(photo.get("imported_at"), "yyyy-MM-dd HH:mm")
        )
    if photo.get("gps_lat") is not None and photo.get("gps_lon") is not None:
        place = QCoreApplication.translate("watermark", "GPS {lat:.6f}, {lon:.6f}").format(
            lat=photo["gps_lat"], lon=photo["gps_lon"]
        )
    else:
        place = QCoreApplication.translate("watermark", "No GPS position")
    return [
        when,
        place,
        QCoreApplication.translate("watermark", "{zone} · {unit}").format(
            zone=header.get("zone_name", ""), unit=header.get("unit_name", "")
        ),
        QCoreApplication.translate("watermark", "Inspectors: {names}").format(
            names=header.get("inspectors") or ""
        ),
    ]
