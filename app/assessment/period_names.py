"""The periods of a year in a combo box, named as people write them: "December 2026" /
"2026年12月", "Q4 2026" / "2026年第4季度". Shared by 统计通报 and 覆盖情况."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QComboBox


def fill_periods(combo: QComboBox, year: int, kind: str = "month") -> None:
    """Fill `combo` with the months (or quarters) of `year`, each with its number as data; the
    one chosen stays chosen, and no signal is sent while filling."""
    chosen = combo.currentIndex()
    combo.blockSignals(True)
    combo.clear()
    if kind == "quarter":
        for q in range(1, 5):
            name = QCoreApplication.translate("periods", "Q{n} {year}").format(n=q, year=year)
            combo.addItem(name, q)
    else:
        # A Qt date format: month name and year in English, 2026年12月 in Chinese.
        month_format = QCoreApplication.translate("periods", "MMMM yyyy")
        for m in range(1, 13):
            combo.addItem(QLocale().toString(QDate(year, m, 1), month_format), m)
    if 0 <= chosen < combo.count():
        combo.setCurrentIndex(chosen)
    combo.blockSignals(False)
