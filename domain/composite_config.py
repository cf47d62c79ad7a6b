"""The composite assessment's configuration (domain/composite.py explains the components): which
components count, their weights and full marks, and the rules of the computed ones. Held in the
office's settings record as JSON text (`org_settings.composite`, domain/org_settings.py);
"" means DEFAULT_CONFIG.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from domain.i18n import QT_TRANSLATE_NOOP

COMPUTED = ("inspection", "handling", "video", "road_duty")
IMPORTED = ("third_party", "survey", "special", "professional")
KEYS = COMPUTED + IMPORTED
# The standard names (Chinese first: the documents print them; the app translates them).
NAMES_ZH = {
    "inspection": "督查",
    "handling": "问题办理",
    "video": "视频曝光",
    "road_duty": "马路办公",
    "third_party": "第三方评估",
    "survey": "民调",
    "special": "专项工作",
    "professional": "专业检查",
}
NAMES = {
    "inspection": QT_TRANSLATE_NOOP("composite", "Inspections"),
    "handling": QT_TRANSLATE_NOOP("composite", "Problem handling"),
    "video": QT_TRANSLATE_NOOP("composite", "Video exposure"),
    "road_duty": QT_TRANSLATE_NOOP("composite", "Road chiefs on duty"),
    "third_party": QT_TRANSLATE_NOOP("composite", "Third-party evaluation"),
    "survey": QT_TRANSLATE_NOOP("composite", "Public survey"),
    "special": QT_TRANSLATE_NOOP("composite", "Special work"),
    "professional": QT_TRANSLATE_NOOP("composite", "Professional inspection"),
}
TOTAL = Decimal(100)  # the weights sum to this
SOURCES = ("inspection", "hotline", "snapshot", "media", "leader", "third_party")
DUTY_STATES = ("on_duty", "off_duty", "unverified")
MAX_POINTS = Decimal(1000)  # any full marks or per-item deduction, at most


@dataclass(frozen=True)
class Component:
    key: str  # one of KEYS
    weight: Decimal  # points of the total
    full_marks: Decimal  # the scale the component is scored on

    @property
    def imported(self) -> bool:
        return self.key in IMPORTED


@dataclass(frozen=True)
class HandlingRules:
    on_time_line: Decimal = Decimal(70)  # 按期整改率 (%) at or above: nothing off
    per_point_on_time: Decimal = Decimal(1)
    close_line: Decimal = Decimal(90)  # 销号率 (%) at or above: nothing off
    per_point_close: Decimal = Decimal(1)
    per_rework: Decimal = Decimal("0.2")  # each failed recheck (返工)
    per_overdue: Decimal = Decimal("0.5")  # each notice overdue or rectified late
    per_refused_dispute: Decimal = Decimal(1)  # each 推诿
    doubled_sources: tuple[str, ...] = ("leader", "media")


@dataclass(frozen=True)
class CompositeConfig:
    components: tuple[Component, ...]
    handling: HandlingRules = HandlingRules()
    per_exposure: Decimal = Decimal(1)  # 视频曝光: each problem on video
    per_absence: Decimal = Decimal(2)  # 马路办公: each 不在岗

    def component(self, key: str) -> Component | None:
        return next((c for c in self.components if c.key == key), None)


DEFAULT_CONFIG = CompositeConfig(
    components=tuple(
        Component(key, Decimal(weight), Decimal(100))
        for key, weight in (
            ("inspection", 30),
            ("handling", 20),
            ("video", 10),
            ("road_duty", 10),
            ("third_party", 10),
            ("survey", 10),
            ("special", 5),
            ("professional", 5),
        )
    )
)


# -- the record's text ------------------------------------------------------------------------
def _number(value: object, where: str, low: Decimal, high: Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{where}: not a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{where}: not a number") from None
    if not number.is_finite() or not low <= number <= high:
        raise ValueError(f"{where}: between {low} and {high}")
    return number


def parse_config(text: str) -> CompositeConfig:
    """The configuration a record's JSON text says; "" is DEFAULT_CONFIG. ValueError naming
    what is wrong."""
    if not text.strip():
        return DEFAULT_CONFIG
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError("the composite assessment is not JSON text") from None
    if not isinstance(data, dict) or not isinstance(data.get("components"), list):
        raise ValueError("the composite assessment lists its components")
    unknown = set(data) - {"components", "handling", "per_exposure", "per_absence"}
    if unknown:
        raise ValueError(f"unknown setting {sorted(unknown)[0]!r}")
    components = []
    for index, item in enumerate(data["components"], start=1):
        if not isinstance(item, dict) or set(item) != {"key", "weight", "full_marks"}:
            raise ValueError(f"component {index}: key, weight and full_marks")
        if item["key"] not in KEYS:
            raise ValueError(f"component {index}: unknown component {item['key']!r}")
        components.append(
            Component(
                item["key"],
                _number(item["weight"], f"{item['key']} weight", Decimal(0), TOTAL),
                _number(
                    item["full_marks"], f"{item['key']} full marks", Decimal("0.01"), MAX_POINTS
                ),
            )
        )
    keys = [c.key for c in components]
    if len(set(keys)) != len(keys):
        raise ValueError("a component is listed twice")
    if "inspection" not in keys:
        raise ValueError("the inspections (督查) are always a component")
    if sum((c.weight for c in components), Decimal(0)) != TOTAL:
        raise ValueError(f"the weights add up to {TOTAL}")
    handling = data.get("handling", {})
    if not isinstance(handling, dict):
        raise ValueError("handling: an object")
    values: dict[str, object] = {}
    for name, _default in vars(HandlingRules()).items():
        if name not in handling:
            continue
        if name == "doubled_sources":
            listed = handling[name]
            if not isinstance(listed, list) or not set(listed) <= set(SOURCES):
                raise ValueError("handling doubled_sources: a list of sources")
            values[name] = tuple(dict.fromkeys(listed))
        else:
            high = TOTAL if name.endswith("_line") else MAX_POINTS
            values[name] = _number(handling[name], f"handling {name}", Decimal(0), high)
    if set(handling) - set(vars(HandlingRules())):
        raise ValueError(f"handling: unknown rule {sorted(set(handling) - set(values))[0]!r}")
    return CompositeConfig(
        components=tuple(components),
        handling=replace(HandlingRules(), **values),  # type: ignore[arg-type]
        per_exposure=_number(data.get("per_exposure", 1), "per_exposure", Decimal(0), MAX_POINTS),
        per_absence=_number(data.get("per_absence", 2), "per_absence", Decimal(0), MAX_POINTS),
    )


def check_config(text: str) -> str:
    """The contract's check of the record's field."""
    parse_config(text)
    return text


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def config_text(config: CompositeConfig) -> str:
    """The record's JSON text of a configuration (parse_config reads it back)."""
    h = config.handling
    return json.dumps(
        {
            "components": [
                {"key": c.key, "weight": _plain(c.weight), "full_marks": _plain(c.full_marks)}
                for c in config.components
            ],
            "handling": {
                **{
                    name: _plain(value)
                    for name, value in vars(h).items()
                    if isinstance(value, Decimal)
                },
                "doubled_sources": list(h.doubled_sources),
            },
            "per_exposure": _plain(config.per_exposure),
            "per_absence": _plain(config.per_absence),
        },
        ensure_ascii=False,
    )
