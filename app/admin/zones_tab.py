"""区域: the zones (责任路段, 网格, 点位) — add, edit (kind, unit, 路长 and phone, an outline
loaded from a .geojson file), retire or reinstate. A retired zone is not offered for a new
inspection; the records made on it keep it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from app.admin.api import AdminApi
from app.admin.session import AdminSession
from app.admin.tab import AdminTab, cell, fill_units
from app.admin.texts import active_label
from app.context import AppContext
from app.jobs import Job, Task
from app.labels import zone_kind_label
from app.widgets.file_dialog import open_file_name
from domain.admin_wire import MAX_GEOMETRY, geometry_problem
from domain.vocab import ZONE_KINDS

MAX_FILE_BYTES = 1 << 20  # a .geojson file larger than this is refused before it is read
OUTLINE_KIND = "outline_kind"  # beside a zone row read: its outline's GeoJSON type


def outline_kind(geometry: str | None) -> str:
    """The GeoJSON type of an outline ("" for none, or text that is not GeoJSON); parsed on the
    worker thread that reads the rows, so selecting a zone never decodes its outline."""
    if not geometry:
        return ""
    try:
        parsed = json.loads(geometry)
    except (ValueError, RecursionError):
        return ""
    kind = parsed.get("type") if isinstance(parsed, dict) else None
    return kind if isinstance(kind, str) else ""


def with_outline_kinds(zones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**z, OUTLINE_KIND: outline_kind(z.get("geometry"))} for z in zones]


def local_zones(task: Task) -> list[dict[str, Any]]:
    rows = task.store.rows(
        "SELECT id, name, kind, unit_id, chief_name, chief_phone, geometry, active FROM zone "
        "ORDER BY name"
    )
    return with_outline_kinds([{**r, "active": bool(r["active"])} for r in rows])


def local_unit_names(task: Task) -> list[dict[str, Any]]:
    return task.store.rows("SELECT * FROM unit ORDER BY name")


def read_outline(path: Path) -> tuple[str | None, str]:
    """A .geojson file's outline as compact GeoJSON text, or None and what is wrong (English
    detail; the tab says it in words). Run on a worker thread."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, "too_large"
    raw = path.read_bytes()
    try:
        parsed = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "not_json"
    if isinstance(parsed, dict) and parsed.get("type") == "FeatureCollection":
        features = parsed.get("features")
        if isinstance(features, list) and len(features) == 1:
            parsed = features[0]
        else:
            return None, "collection"
    if isinstance(parsed, dict) and parsed.get("type") == "Feature":
        parsed = parsed.get("geometry")
    text = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_GEOMETRY:
        return None, "too_large"
    if geometry_problem(text) is not None:
        return None, "bad_geometry"
    return text, ""


class ZonesTab(AdminTab):
    def __init__(self, context: AppContext, session: AdminSession) -> None:
        super().__init__(
            context,
            session,
            [
                self.tr("Zone"),
                self.tr("Kind"),
                self.tr("Unit"),
                self.tr("Road chief"),
                self.tr("Phone"),
                self.tr("Outline"),
                self.tr("State"),
            ],
        )
        self.setObjectName("zones")
        for column, width in enumerate((200, 80, 170, 80, 110, 50)):
            self.table.setColumnWidth(column, width)
        self.units: list[dict[str, Any]] = []
        self.outline_text: str | None = None  # the outline of the form (GeoJSON text)
        self.outline_job: Job | None = None
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. 人民路（解放路—建设路）"))
        self.name.textChanged.connect(lambda _t: self.update_buttons())
        self.kind = QComboBox()
        for code in ZONE_KINDS:
            self.kind.addItem(zone_kind_label(code), code)
        self.unit = QComboBox()
        self.unit.currentIndexChanged.connect(lambda _i: self.update_buttons())
        self.chief_name = QLineEdit()
        self.chief_name.setMaxLength(200)
        self.chief_phone = QLineEdit()
        self.chief_phone.setMaxLength(40)
        self.outline = QLabel(self.tr("No outline"))
        self.load_outline = QPushButton(self.tr("Load .geojson…"))
        self.load_outline.clicked.connect(self.choose_outline)
        self.clear_outline = QPushButton(self.tr("Remove outline"))
        self.clear_outline.clicked.connect(lambda: self.set_geometry(None))
        self.add_button = QPushButton(self.tr("Add zone"))
        self.add_button.clicked.connect(self.add)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save)
        self.retire_button = QPushButton(self.tr("Retire"))
        self.retire_button.setToolTip(
            self.tr("A retired zone is not offered for new inspections; old records keep it")
        )
        self.retire_button.clicked.connect(self.toggle_active)
        self.write_buttons = [self.add_button, self.save_button, self.retire_button]

        form = QFormLayout()
        first = QHBoxLayout()
        first.addWidget(self.name, 2)
        first.addWidget(self.kind)
        first.addWidget(self.unit, 1)
        form.addRow(self.tr("Name, kind, unit"), first)
        chief = QHBoxLayout()
        chief.addWidget(self.chief_name, 1)
        chief.addWidget(QLabel(self.tr("Phone")))
        chief.addWidget(self.chief_phone, 1)
        form.addRow(self.tr("Road chief"), chief)
        outline = QHBoxLayout()
        outline.addWidget(self.outline, 1)
        outline.addWidget(self.load_outline)
        outline.addWidget(self.clear_outline)
        form.addRow(self.tr("Outline"), outline)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        self.body.addLayout(form)
        self.body.addLayout(buttons)
        self.update_buttons()

    def server_rows(self, api: AdminApi) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return with_outline_kinds(sorted(api.zones(), key=lambda z: z["name"])), api.units()

    def local_rows(self, task: Task) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return local_zones(task), local_unit_names(task)

    def show_rows(self, rows: Any, online: bool) -> None:
        zones, units = rows
        self.rows, self.units = zones, units
        names = {u["id"]: u["name"] for u in units}
        self.table.setRowCount(len(zones))
        for r, zone in enumerate(zones):
            self.table.setItem(r, 0, cell(zone["name"], zone))
            self.table.setItem(r, 1, cell(zone_kind_label(zone["kind"])))
            self.table.setItem(r, 2, cell(names.get(zone["unit_id"], "")))
            self.table.setItem(r, 3, cell(zone.get("chief_name") or ""))
            self.table.setItem(r, 4, cell(zone.get("chief_phone") or ""))
            self.table.setItem(r, 5, cell(self.tr("Yes") if zone.get("geometry") else ""))
            self.table.setItem(r, 6, cell(active_label(zone.get("active"))))
        fill_units(self.unit, units)

    def selection_changed(self) -> None:
        zone = self.selected_row()
        if zone is None:
            return
        self.name.setText(zone["name"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(zone["kind"])))
        index = self.unit.findData(zone["unit_id"])
        if index < 0:  # a retired unit: shown, so the zone is not moved unawares
            name = next((u["name"] for u in self.units if u["id"] == zone["unit_id"]), "?")
            self.unit.addItem(name, zone["unit_id"])
            index = self.unit.count() - 1
        self.unit.setCurrentIndex(index)
        self.chief_name.setText(zone.get("chief_name") or "")
        self.chief_phone.setText(zone.get("chief_phone") or "")
        self.set_geometry(zone.get("geometry"), zone.get(OUTLINE_KIND, ""))

    def set_geometry(self, geometry: str | None, kind: str = "", file_name: str = "") -> None:
        """The form's outline: `kind` its GeoJSON type, read on the worker thread with it."""
        self.outline_text = geometry
        if geometry is None:
            self.outline.setText(self.tr("No outline"))
        else:
            self.outline.setText(
                self.tr("{kind} from {file}").format(kind=kind, file=file_name)
                if file_name
                else self.tr("{kind} (on the server)").format(kind=kind)
            )
        self.update_buttons()

    def update_buttons(self) -> None:
        zone = self.selected_row()
        ready = bool(self.name.text().strip()) and self.unit.currentData() is not None
        self.writable(self.add_button, ready)
        self.writable(self.save_button, zone is not None and ready)
        active = zone is None or bool(zone.get("active", True))
        self.retire_button.setText(self.tr("Retire") if active else self.tr("Reinstate"))
        self.writable(self.retire_button, zone is not None)
        self.clear_outline.setEnabled(self.outline_text is not None)

    # -- the outline ---------------------------------------------------------------------------
    def choose_outline(self) -> None:
        name, _ = open_file_name(
            self, self.tr("Zone outline"), "", self.tr("GeoJSON (*.geojson *.json)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> Job:
        """Read and check a .geojson file on a worker thread."""

        def work(_task: Task) -> tuple[str | None, str, str]:
            text, problem = read_outline(path)
            return text, problem, outline_kind(text)

        job = Job(work, name="zone outline", owner=self)

        def done(result: tuple[str | None, str, str]) -> None:
            text, problem, kind = result
            if text is None:
                self.say(self.outline_problem(path.name, problem), error=True)
                return
            self.set_geometry(text, kind, path.name)
            self.say(self.tr("Outline read from {file}.").format(file=path.name))

        job.done.connect(done)
        job.failed.connect(lambda words: self.say(words, error=True))
        self.outline_job = job.start()
        return job

    def outline_problem(self, file: str, problem: str) -> str:
        texts = {
            "too_large": self.tr("{file}: the outline is larger than 1 MB; simplify it."),
            "not_json": self.tr("{file}: this is not a GeoJSON file (not readable as JSON text)."),
            "collection": self.tr(
                "{file}: the file holds several features; save the zone's outline alone."
            ),
            "bad_geometry": self.tr(
                "{file}: the outline must be a Polygon, MultiPolygon, LineString or "
                "MultiLineString in WGS84 longitude/latitude (closed rings)."
            ),
        }
        return texts.get(problem, texts["not_json"]).format(file=file)

    # -- changes -------------------------------------------------------------------------------
    def _fields(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentData(),
            "unit_id": self.unit.currentData(),
            "chief_name": self.chief_name.text().strip() or None,
            "chief_phone": self.chief_phone.text().strip() or None,
            "geometry": self.outline_text,
        }

    def add(self) -> None:
        fields = {k: v for k, v in self._fields().items() if v is not None}
        self.write(
            "add zone",
            lambda api: api.add_zone(fields),
            lambda zone: self.tr("Zone {name} added.").format(name=zone["name"]),
        )

    def changes(self, row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in self._fields().items() if v != row.get(k)}

    def edit(self, api: AdminApi, row_id: str, changes: dict[str, Any]) -> Any:
        return api.edit_zone(row_id, **changes)

    def saved_text(self, name: str, changes: dict[str, Any]) -> str:
        if list(changes) != ["active"]:
            return self.tr("Zone {name} saved.").format(name=name)
        if changes["active"]:
            return self.tr("Zone {name} is in use again.").format(name=name)
        return self.tr("Zone {name} retired: it is no longer offered for new inspections.").format(
            name=name
        )
