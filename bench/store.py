"""Benchmark: the main list on a large store.

A store with 100,000 inspections and 1,000,000 findings. Times (a) opening the app's main window
to its first painted screen, beside a bare QTableView over a minimal model showing the same first
page (same process, interleaved), and (b) applying search filters, each beside the same query run
bare on SQLite, and prints their ratios. Targets: first screen < 1 s and within 1.5x the bare
view, filter < 100 ms.

    ./dev bench store [--inspections N] [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.context import AppContext
from app.i18n import install_translator
from app.inspections.list_model import PAGE
from app.shell.main_window import MainWindow
from app.store_setup import open_store
from domain.clock import to_iso
from domain.ids import new_id
from local_db.queries import InspectionFilter, list_query
from local_db.store import Store

FINDINGS_PER_INSPECTION = 10
WINDOW_SIZE = QSize(1320, 740)  # what MainWindow opens at


def build(data_dir: Path, inspections: int) -> None:
    """Fill a store fast: raw executemany in big transactions (the outbox is left empty)."""
    store = open_store(data_dir)
    rng = random.Random(7)
    template_id = store.rows("SELECT id FROM template")[0]["id"]
    now = to_iso(datetime.now(UTC))
    dev = store.device_id
    common = (now, now, dev, 1)
    with store.transaction():
        units = [
            store.save("unit", {"name": f"单位{i:02d}", "kind": "department"}) for i in range(12)
        ]
        zones = [
            store.save(
                "zone",
                {
                    "name": f"路段{i:03d}（甲路—乙路）",
                    "kind": "road_segment",
                    "unit_id": units[i % 12]["id"],
                    "chief_name": f"路长{i:03d}",
                },
            )
            for i in range(200)
        ]
        people = [
            store.save("person", {"name": f"督查员{i:02d}", "role": "inspector"}) for i in range(40)
        ]
    codes = [f"DL-{i:02d}" for i in range(1, 11)]
    start = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    db = store.db.conn
    batch = 10_000
    for offset in range(0, inspections, batch):
        ins_rows, person_rows, finding_rows = [], [], []
        for n in range(offset, min(offset + batch, inspections)):
            iid = new_id()
            zone = zones[rng.randrange(len(zones))]
            started = to_iso(start - timedelta(minutes=5 * n + rng.randrange(5)))
            problems = rng.randrange(4)
            ins_rows.append(
                (
                    iid,
                    template_id,
                    1,
                    zone["id"],
                    zone["unit_id"],
                    "unannounced",
                    started,
                    "draft",
                    f"小结{n}",
                    100 - problems,
                    problems,
                    problems,
                    *common,
                )
            )
            person = people[rng.randrange(len(people))]
            person_rows.append((new_id(), iid, person["id"], 1, *common))
            for k, code in enumerate(codes):
                bad = k < problems
                finding_rows.append(
                    (
                        new_id(),
                        iid,
                        code,
                        "problem" if bad else "ok",
                        int(bad),
                        float(bad),
                        "描述" if bad else "",
                        *common,
                    )
                )
        with store.transaction():
            db.executemany(
                "INSERT INTO inspection (id, template_id, template_version, zone_id, unit_id, "
                "mode, started_at, status, summary, score, deducted, problem_count, created_at, "
                "updated_at, device_id, rev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                ins_rows,
            )
            db.executemany(
                "INSERT INTO inspection_person (id, inspection_id, person_id, lead, created_at, "
                "updated_at, device_id, rev) VALUES (?,?,?,?,?,?,?,?)",
                person_rows,
            )
            db.executemany(
                "INSERT INTO finding (id, inspection_id, item_code, result, cases, deduction, "
                "description, created_at, updated_at, device_id, rev) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                finding_rows,
            )
            db.execute("UPDATE inspection SET status = 'submitted' WHERE status = 'draft'")
    store.db.execute("ANALYZE")
    store.close()


def bare(path: Path, flt: InspectionFilter, store: Store) -> float:
    """The same first-page query, run bare on a fresh sqlite3 connection."""
    sql, params = list_query(store, flt, limit=PAGE + 1)
    t = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute(sql, params).fetchall()
    conn.close()
    return time.perf_counter() - t


class FirstPage(QAbstractTableModel):
    """The least a table needs: the first page's rows as they come from SQLite, as text."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self.rows = rows
        self.columns = list(rows[0]) if rows else []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.rows[index.row()][self.columns[index.column()]])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None


def open_bare_view(app: QApplication, data: Path) -> tuple[float, QTableView, Store]:
    """A bare QTableView, the main window's size, over the same first page: the yardstick."""
    t = time.perf_counter()
    store = open_store(data)
    view = QTableView()
    view.setModel(FirstPage(store.rows(*list_query(store, InspectionFilter(), limit=PAGE + 1))))
    view.resize(WINDOW_SIZE)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - t, view, store


def open_main_window(app: QApplication, data: Path) -> tuple[float, MainWindow]:
    t = time.perf_counter()
    store = open_store(data)
    window = MainWindow(AppContext(store))
    window.show()
    window.table.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - t, window


def median(runs: list[float]) -> float:
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="build the store in DIR once and reuse it on later runs (same --inspections)",
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    install_translator(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        data = args.keep or Path(tmp)
        marker = data / f"bench-store-{args.inspections}"
        if marker.exists():
            print(f"reusing the store in {data} ({args.inspections:,} inspections)")
        else:
            if args.keep and any(data.glob("ducha.sqlite3*")):
                print(f"{data} holds another store: give --keep an empty folder", file=sys.stderr)
                return 2
            data.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            build(data, args.inspections)
            marker.touch()
            print(
                f"built {args.inspections:,} inspections, "
                f"{args.inspections * FINDINGS_PER_INSPECTION:,} findings "
                f"in {time.perf_counter() - t:.1f} s"
            )
        path = data / "ducha.sqlite3"

        open_store(data).close()  # migrate a kept store once, untimed
        opens, bares, windows, views = [], [], [], []
        for run in range(args.runs):
            # In pairs, alternating which goes first, so both see the same machine (it is
            # shared) and neither always finds the other's warm caches.
            for which in ("main", "bare") if run % 2 == 0 else ("bare", "main"):
                if which == "main":
                    seconds, window = open_main_window(app, data)
                    opens.append(seconds)
                    windows.append(window)
                else:
                    seconds, view, bare_store = open_bare_view(app, data)
                    bares.append(seconds)
                    views.append((view, bare_store))
            for w in windows[:-1]:  # one of each open at a time: the last main window stays
                w.close()
                w.context.store.close()
            for view, bare_store in views[:-1]:
                view.close()
                bare_store.close()
            del windows[:-1], views[:-1]
        window = windows[-1]
        store = window.context.store
        base_open = median([bare(path, InspectionFilter(), store) for _ in range(args.runs)])
        first, bare_view = median(opens), median(bares)
        ratio = median([o / b for o, b in zip(opens, bares, strict=True)])  # of each pair
        print(f"open to first screen: {first * 1000:7.1f} ms  (target < 1000 ms)")
        print(
            f"  bare QTableView, same first page: {bare_view * 1000:7.1f} ms"
            f"  ratio {ratio:4.2f} (median of {args.runs} pairs; target <= 1.5)"
        )
        print(f"  bare SQL first page: {base_open * 1000:7.1f} ms  ratio {first / base_open:5.1f}")

        unit_id = store.rows("SELECT id FROM unit ORDER BY name LIMIT 1 OFFSET 3")[0]["id"]
        filters = {
            "search zone name '路段042'": InspectionFilter(text="路段042"),
            "search inspector '督查员17'": InspectionFilter(text="督查员17"),
            "search summary '小结99999' (rare)": InspectionFilter(text="小结99999"),
            "unit + status + November": InspectionFilter(
                unit_id=unit_id,
                status="submitted",
                started_from="2026-11-01T00:00:00.000000Z",
                started_before="2026-12-01T00:00:00.000000Z",
            ),
        }
        worst = 0.0
        for name, flt in filters.items():
            runs = []
            for _ in range(args.runs):
                window.model.set_filter(InspectionFilter())
                t = time.perf_counter()
                window.model.set_filter(flt)
                window.table.viewport().repaint()
                app.processEvents()
                runs.append(time.perf_counter() - t)
            ui = median(runs)
            base = median([bare(path, flt, store) for _ in range(args.runs)])
            worst = max(worst, ui)
            print(
                f"filter {name:36s}: {ui * 1000:7.1f} ms  bare SQL {base * 1000:7.1f} ms"
                f"  ratio {ui / base:5.1f}  rows {window.model.rowCount()}"
            )
        print(f"worst filter: {worst * 1000:.1f} ms (target < 100 ms)")
        for w in windows:
            w.context.store.close()
            w.close()
        for view, bare_store in views:
            view.close()
            bare_store.close()
    return 0 if first < 1.0 and ratio <= 1.5 and worst < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
