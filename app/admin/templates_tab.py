"""模板: the checklist templates' versions (how many inspections use each); import a new version
from .xlsx or JSON (every problem listed by item), preview its categories, items, weights and
caps, publish it (the laptops receive it at their next sync), retire a version (new inspections
can no longer use it; those made with it keep it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.admin.api import AdminApi, AdminRefused
from app.admin.session import AdminSession
from app.admin.tab import ERROR_STYLE, AdminTab, cell
from app.admin.template_file import TemplateFile, read_template_file
from app.context import AppContext
from app.jobs import Job, Task
from app.labels import local_time, message_text
from app.widgets.file_dialog import open_file_name
from domain.i18n import Message


def local_templates(task: Task) -> list[dict[str, Any]]:
    store = task.store
    used = dict(
        store.db.execute("SELECT template_id, count(*) FROM inspection GROUP BY template_id")
    )
    rows = store.rows("SELECT * FROM template ORDER BY name, version DESC")
    from domain.template import parse_template

    found = []
    for row in rows:
        import json

        try:
            items = parse_template(json.loads(row["body"])).item_count
        except Exception:  # a body this version cannot read: shown without a count
            items = 0
        found.append(
            {
                "id": row["id"],
                "name": row["name"],
                "version": row["version"],
                "published_at": row.get("published_at"),
                "retired_at": row.get("retired_at"),
                "items": items,
                "inspections": used.get(row["id"], 0),
            }
        )
    return found


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


class TemplatesTab(AdminTab):
    def __init__(self, context: AppContext, session: AdminSession) -> None:
        super().__init__(
            context,
            session,
            [
                self.tr("Template"),
                self.tr("Version"),
                self.tr("Published"),
                self.tr("Retired"),
                self.tr("Items"),
                self.tr("Inspections"),
            ],
        )
        self.setObjectName("templates")
        for column, width in enumerate((260, 60, 140, 140, 60)):
            self.table.setColumnWidth(column, width)
        self.loaded_file: TemplateFile | None = None
        self.file_job: Job | None = None
        self.import_button = QPushButton(self.tr("Import a file…"))
        self.import_button.setToolTip(
            self.tr("A template in .xlsx or JSON: checked, then previewed")
        )
        self.import_button.clicked.connect(self.choose_file)
        self.publish_button = QPushButton(self.tr("Publish as a new version"))
        self.publish_button.clicked.connect(self.publish)
        self.retire_button = QPushButton(self.tr("Retire this version"))
        self.retire_button.setToolTip(
            self.tr("New inspections can no longer use it; those made with it keep it")
        )
        self.retire_button.clicked.connect(self.retire)
        self.write_buttons = [self.publish_button, self.retire_button]

        self.file_label = QLabel(self.tr("No file imported."))
        self.file_label.setWordWrap(True)
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels(
            [
                self.tr("Category / item"),
                self.tr("Weight"),
                self.tr("Cap"),
                self.tr("Per case"),
            ]
        )
        self.preview.setColumnWidth(0, 330)
        for column in (1, 2, 3):
            self.preview.setColumnWidth(column, 60)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.setSpacing(2)
        self.problems_label = QLabel(self.tr("Problems"))
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems, 1)
        split = QSplitter()
        split.addWidget(self.preview)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.publish_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retire_button)
        self.body.addWidget(self.file_label)
        self.body.addWidget(split, 1)
        self.body.addLayout(buttons)
        # the versions list and the preview share the height
        self.layout().setStretchFactor(self.table, 2)  # type: ignore[union-attr]
        self.layout().setStretchFactor(self.body, 3)  # type: ignore[union-attr]
        self.update_buttons()

    def server_rows(self, api: AdminApi) -> list[dict[str, Any]]:
        return sorted(api.templates(), key=lambda t: (t["name"], -t["version"]))

    def local_rows(self, task: Task) -> list[dict[str, Any]]:
        return local_templates(task)

    def show_rows(self, rows: list[dict[str, Any]], online: bool) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, template in enumerate(rows):
            self.table.setItem(r, 0, cell(template["name"], template))
            self.table.setItem(r, 1, cell(template["version"]))
            self.table.setItem(r, 2, cell(local_time(template.get("published_at"))))
            self.table.setItem(r, 3, cell(local_time(template.get("retired_at"))))
            self.table.setItem(r, 4, cell(template.get("items", "")))
            self.table.setItem(r, 5, cell(template.get("inspections", "")))

    def update_buttons(self) -> None:
        template = self.selected_row()
        ready = self.loaded_file is not None and self.loaded_file.body is not None
        self.writable(self.publish_button, ready)
        self.writable(self.retire_button, template is not None and not template.get("retired_at"))
        self.import_button.setEnabled(not (self.file_job and self.file_job.running()))

    # -- a file --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = open_file_name(
            self, self.tr("Template file"), "", self.tr("Templates (*.xlsx *.csv *.json)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> Job:
        """Read and check the file on a worker thread; then preview it or list its problems."""
        job = Job(lambda _task: read_template_file(path), name="template file", owner=self)
        job.done.connect(self.show_file)
        job.failed.connect(lambda words: self.say(words, error=True))
        job.ended.connect(self.update_buttons)
        self.say(self.tr("Reading {file}…").format(file=path.name))
        self.file_job = job.start()
        self.update_buttons()
        return job

    def show_file(self, loaded: TemplateFile) -> None:
        self.loaded_file = loaded
        self.preview.clear()
        self.problems.clear()
        if loaded.template is None:
            self.file_label.setText(
                self.tr(
                    "{file}: {n} problem(s); nothing can be published until they are fixed."
                ).format(file=loaded.path.name, n=len(loaded.problems))
            )
            self.file_label.setStyleSheet(ERROR_STYLE)
            self.show_problems([self.problem_text(p) for p in loaded.problems])
            self.say("")
        else:
            template = loaded.template
            self.file_label.setStyleSheet("")
            self.file_label.setText(
                self.tr("{file}: {name}, version {version}, {n} items, full score {score}.").format(
                    file=loaded.path.name,
                    name=template.name,
                    version=template.version,
                    n=template.item_count,
                    score=number(template.full_score),
                )
            )
            self.show_preview(loaded)
            self.show_problems([])
            self.say(self.tr("The file is correct: check the preview, then publish it."))
        self.update_buttons()

    @staticmethod
    def problem_text(problem: Message) -> str:
        return message_text(problem)

    def show_problems(self, lines: list[str]) -> None:
        self.problems.clear()
        self.problems.addItems(lines)
        self.problems_label.setText(
            self.tr("Problems ({n})").format(n=len(lines)) if lines else self.tr("No problems")
        )

    def show_preview(self, loaded: TemplateFile) -> None:
        template = loaded.template
        assert template is not None
        for category in template.categories:
            head = QTreeWidgetItem(
                [
                    f"{category.code} {category.name}",
                    number(getattr(category, "weight", None)),
                    number(getattr(category, "max_deduction", None)),
                    "",
                ]
            )
            for item in category.items:
                head.addChild(
                    QTreeWidgetItem(
                        [
                            f"{item.code} {item.text}",
                            number(getattr(item, "weight", None)),
                            number(item.max_deduction),
                            number(item.deduction_per_case),
                        ]
                    )
                )
            self.preview.addTopLevelItem(head)
            head.setExpanded(True)
            rows = [head] + [head.child(i) for i in range(head.childCount())]
            for row in rows:
                for column in (1, 2, 3):
                    if row is not None:
                        row.setTextAlignment(column, RIGHT)
        for column in (1, 2, 3):
            self.preview.headerItem().setTextAlignment(column, RIGHT)

    # -- changes -------------------------------------------------------------------------------
    def publish(self) -> None:
        loaded = self.loaded_file
        if loaded is None or loaded.body is None:
            return
        body = loaded.body
        self.write(
            "publish template",
            lambda api: api.publish_template(body),
            lambda info: self.tr(
                "{name} version {version} published: the laptops receive it at their next sync."
            ).format(name=info["name"], version=info["version"]),
        )

    def refused(self, error: BaseException | None, words: str) -> None:
        super().refused(error, words)
        if isinstance(error, AdminRefused) and error.problems:
            self.show_problems(
                [f"{p.item}: {p.message}" if p.item else p.message for p in error.problems]
            )

    def retire(self) -> None:
        template = self.selected_row()
        if template is None:
            return
        self.write(
            "retire template",
            lambda api: api.retire_template(template["id"]),
            lambda info: self.tr(
                "{name} version {version} retired: new inspections can no longer use it."
            ).format(name=info["name"], version=info["version"]),
        )
