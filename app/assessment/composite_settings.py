"""综合考核 in 单位设置 (app/shell/org_dialog.py): the office's composite assessment configuration
(domain/composite_config.py) — each component counted or not, its weight and full marks, the
问题办理 rules, the points of 视频曝光 and 马路办公 — with the sum of the weights shown as it is
typed (refused in words unless it is 100) and the rules in words. Admins edit; everyone else
reads."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.labels import component_name
from domain.composite_config import (
    DEFAULT_CONFIG,
    IMPORTED,
    KEYS,
    MAX_POINTS,
    SOURCES,
    TOTAL,
    Component,
    CompositeConfig,
    HandlingRules,
)
from domain.i18n import QT_TRANSLATE_NOOP

_CTX = "CompositeSettings"  # texts marked with QT_TRANSLATE_NOOP in this context

SOURCE_NAMES = {
    "inspection": QT_TRANSLATE_NOOP("CompositeSettings", "Inspection (督查)"),
    "hotline": QT_TRANSLATE_NOOP("CompositeSettings", "12345 hotline"),
    "snapshot": QT_TRANSLATE_NOOP("CompositeSettings", "Citizen snapshot (随手拍)"),
    "media": QT_TRANSLATE_NOOP("CompositeSettings", "Media exposure"),
    "leader": QT_TRANSLATE_NOOP("CompositeSettings", "Assigned by leaders"),
    "third_party": QT_TRANSLATE_NOOP("CompositeSettings", "Third party"),
}
# 问题办理's numbers: field of HandlingRules → (label, a percentage line?)
HANDLING = {
    "on_time_line": (QT_TRANSLATE_NOOP("CompositeSettings", "On-time rate line"), True),
    "per_point_on_time": (
        QT_TRANSLATE_NOOP("CompositeSettings", "Points off per point below it"),
        False,
    ),
    "close_line": (QT_TRANSLATE_NOOP("CompositeSettings", "Close-out rate line"), True),
    "per_point_close": (
        QT_TRANSLATE_NOOP("CompositeSettings", "Points off per point below it"),
        False,
    ),
    "per_rework": (QT_TRANSLATE_NOOP("CompositeSettings", "Points off per failed recheck"), False),
    "per_overdue": (
        QT_TRANSLATE_NOOP("CompositeSettings", "Points off per notice overdue or late"),
        False,
    ),
    "per_refused_dispute": (
        QT_TRANSLATE_NOOP("CompositeSettings", "Points off per refused dispute (推诿)"),
        False,
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _box(high: Decimal, value: Decimal, step: float = 1) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, float(high))
    box.setDecimals(2)
    box.setSingleStep(step)
    box.setValue(float(value))
    return box


def _decimal(box: QDoubleSpinBox) -> Decimal:
    return Decimal(str(round(box.value(), 2))).normalize()


def composite_in_words(config: CompositeConfig) -> str:
    """How a unit's quarter and year are scored, as the office reads it."""
    h = config.handling
    parts = "、".join(f"{component_name(c.key)} {_plain(c.weight)}" for c in config.components)
    doubled = "、".join(_tr(SOURCE_NAMES[s]) for s in h.doubled_sources) or "—"
    lines = [
        QCoreApplication.translate(
            "CompositeSettings",
            "Total = Σ weight × score ÷ full marks, out of 100: {parts}. A unit not inspected "
            "in the period is not ranked; a missing imported score leaves its total incomplete.",
        ).format(parts=parts),
        QCoreApplication.translate(
            "CompositeSettings",
            "Problem handling: full marks, less {on_time} per point the on-time rate falls "
            "below {on_time_line}%, {close} per point the close-out rate falls below "
            "{close_line}%, {rework} per failed recheck, {overdue} per notice overdue or "
            "rectified late, {dispute} per refused dispute; notices from {doubled} count twice.",
        ).format(
            on_time=_plain(h.per_point_on_time),
            on_time_line=_plain(h.on_time_line),
            close=_plain(h.per_point_close),
            close_line=_plain(h.close_line),
            rework=_plain(h.per_rework),
            overdue=_plain(h.per_overdue),
            dispute=_plain(h.per_refused_dispute),
            doubled=doubled,
        ),
        QCoreApplication.translate(
            "CompositeSettings",
            "Video exposure: full marks, less {exposure} per problem exposed on video. Road "
            "chiefs on duty: full marks, less {absence} per check that found the road chief "
            "not on duty.",
        ).format(exposure=_plain(config.per_exposure), absence=_plain(config.per_absence)),
    ]
    return "\n".join(lines)


class CompositeSettings(QWidget):
    """The configuration's editor: `config()` what is typed, `problem()` why it cannot be saved
    (None: it can)."""

    def __init__(self, config: CompositeConfig, editable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.counted: dict[str, QCheckBox] = {}
        self.weights: dict[str, QDoubleSpinBox] = {}
        self.full_marks: dict[str, QDoubleSpinBox] = {}
        components = QGroupBox(QCoreApplication.translate("CompositeSettings", "Components"))
        grid = QGridLayout(components)
        for column, title in enumerate(
            (
                QCoreApplication.translate("CompositeSettings", "Component"),
                QCoreApplication.translate("CompositeSettings", "Weight"),
                QCoreApplication.translate("CompositeSettings", "Full marks"),
                QCoreApplication.translate("CompositeSettings", "Source"),
            )
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, key in enumerate(KEYS, start=1):
            held = config.component(key) or DEFAULT_CONFIG.component(key)
            assert held is not None
            check = QCheckBox(component_name(key))
            check.setChecked(config.component(key) is not None)
            if key == "inspection":  # always counted
                check.setEnabled(False)
            weight = _box(TOTAL, held.weight)
            weight.setSuffix(QCoreApplication.translate("CompositeSettings", " points"))
            full = _box(MAX_POINTS, held.full_marks)
            full.setMinimum(0.01)
            source = (
                QCoreApplication.translate("CompositeSettings", "imported")
                if key in IMPORTED
                else QCoreApplication.translate("CompositeSettings", "computed")
            )
            grid.addWidget(check, row, 0)
            grid.addWidget(weight, row, 1)
            grid.addWidget(full, row, 2)
            grid.addWidget(QLabel(source), row, 3)
            check.toggled.connect(self._changed)
            weight.valueChanged.connect(self._changed)
            full.valueChanged.connect(self._changed)
            self.counted[key], self.weights[key], self.full_marks[key] = check, weight, full
        self.total = QLabel()
        grid.addWidget(self.total, len(KEYS) + 1, 0, 1, 4)

        handling = QGroupBox(component_name("handling"))
        form = QFormLayout(handling)
        self.handling: dict[str, QDoubleSpinBox] = {}
        for name, (label, percent) in HANDLING.items():
            box = _box(TOTAL if percent else MAX_POINTS, getattr(config.handling, name), 0.1)
            if percent:
                box.setSuffix(" %")
            box.valueChanged.connect(self._changed)
            self.handling[name] = box
            form.addRow(_tr(label), box)
        self.doubled: dict[str, QCheckBox] = {}
        sources = QWidget()
        row_layout = QGridLayout(sources)
        row_layout.setContentsMargins(0, 0, 0, 0)
        for i, source in enumerate(SOURCES):
            check = QCheckBox(_tr(SOURCE_NAMES[source]))
            check.setChecked(source in config.handling.doubled_sources)
            check.toggled.connect(self._changed)
            self.doubled[source] = check
            row_layout.addWidget(check, i // 3, i % 3)
        form.addRow(
            QLabel(QCoreApplication.translate("CompositeSettings", "Counted twice, notices from:"))
        )
        form.addRow(sources)

        others = QGroupBox(
            QCoreApplication.translate("CompositeSettings", "Video exposure and road chiefs")
        )
        others_form = QFormLayout(others)
        self.per_exposure = _box(MAX_POINTS, config.per_exposure, 0.5)
        self.per_absence = _box(MAX_POINTS, config.per_absence, 0.5)
        for box in (self.per_exposure, self.per_absence):
            box.valueChanged.connect(self._changed)
        others_form.addRow(
            QCoreApplication.translate("CompositeSettings", "Points off per problem on video"),
            self.per_exposure,
        )
        others_form.addRow(
            QCoreApplication.translate(
                "CompositeSettings", "Points off per road chief not on duty"
            ),
            self.per_absence,
        )

        self.words = QLabel()
        self.words.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(components)
        layout.addWidget(handling)
        layout.addWidget(others)
        layout.addWidget(self.words)
        layout.addStretch(1)
        if not editable:
            for widget in (*self.counted.values(), *self.doubled.values()):
                widget.setEnabled(False)
            for box in (
                *self.weights.values(),
                *self.full_marks.values(),
                *self.handling.values(),
                self.per_exposure,
                self.per_absence,
            ):
                box.setReadOnly(True)
        self._changed()

    def weight_sum(self) -> Decimal:
        return sum(
            (_decimal(self.weights[k]) for k, c in self.counted.items() if c.isChecked()),
            Decimal(0),
        )

    def config(self) -> CompositeConfig:
        """What is typed (the weights may not add up: problem() says so)."""
        components = tuple(
            Component(key, _decimal(self.weights[key]), _decimal(self.full_marks[key]))
            for key in KEYS
            if self.counted[key].isChecked()
        )
        handling = replace(
            HandlingRules(),
            **{name: _decimal(box) for name, box in self.handling.items()},
            doubled_sources=tuple(s for s in SOURCES if self.doubled[s].isChecked()),
        )
        return CompositeConfig(
            components,
            handling,
            per_exposure=_decimal(self.per_exposure),
            per_absence=_decimal(self.per_absence),
        )

    def problem(self) -> str | None:
        total = self.weight_sum()
        if total != TOTAL:
            return QCoreApplication.translate(
                "CompositeSettings",
                "综合考核: the weights of the counted components add up to {total}; they must add "
                "up to 100.",
            ).format(total=_plain(total))
        return None

    def _changed(self) -> None:
        for key, check in self.counted.items():
            self.weights[key].setEnabled(check.isChecked())
            self.full_marks[key].setEnabled(check.isChecked())
        total = self.weight_sum()
        if total == TOTAL:
            self.total.setText(
                QCoreApplication.translate("CompositeSettings", "Weights add up to 100.")
            )
            self.total.setStyleSheet("")
        else:
            self.total.setText(
                QCoreApplication.translate(
                    "CompositeSettings", "Weights add up to {total}: they must add up to 100."
                ).format(total=_plain(total))
            )
            self.total.setStyleSheet("color: #b91c1c;")
        self.words.setText(composite_in_words(self.config()))
