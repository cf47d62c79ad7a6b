"""Run in a child process on an offscreen screen of a given size (QPA configfile): open the
main window maximised on a store, show each list tab, and print as JSON where each list's
columns lie against its viewport. Used by tests/ui/test_lists_show_state.py.

    python -m tests.ui.screen_probe DATA_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.shell.startup import open_main_window


def columns(table: QTableView) -> dict:
    """Per column (by its header): [left edge in the viewport, width, width its widest cell's
    text needs]."""
    header, model = table.horizontalHeader(), table.model()
    metrics = table.fontMetrics()
    padding = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 1)

    def needs(column: int) -> int:
        texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
        return max((metrics.horizontalAdvance(t) + padding for t in texts), default=0)

    return {
        "viewport": table.viewport().width(),
        "columns": {
            model.headerData(c, Qt.Orientation.Horizontal): [
                header.sectionViewportPosition(c),
                header.sectionSize(c),
                needs(c),
            ]
            for c in range(header.count())
        },
    }


def main() -> int:
    app = QApplication([])
    window = open_main_window(app, Path(sys.argv[1]), "zh_CN")
    window.showMaximized()
    app.processEvents()
    screen = window.screen().availableGeometry()
    found = {"screen": [screen.width(), screen.height()], "window": [window.width()]}
    for name in ("inspections", "notices", "review"):
        page = window if name == "inspections" else getattr(window, name)
        window.tabs.setCurrentWidget(window.tabs.widget(0) if name == "inspections" else page)
        app.processEvents()
        found[name] = columns(page.table)
        found[name]["rows"] = page.table.model().rowCount()
    print(json.dumps(found, ensure_ascii=False))
    store = window.context.store
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
