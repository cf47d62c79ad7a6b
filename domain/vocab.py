"""The closed vocabularies of the data model (docs/architecture.md, glossary)."""

from __future__ import annotations

MODES = ("unannounced", "open", "covert")  # 四不两直 / 明查 / 暗访
ZONE_KINDS = ("road_segment", "grid", "site")  # 责任路段 / 网格 / 点位
UNIT_KINDS = ("department", "town", "street_office", "company")
RESULTS = ("ok", "problem", "not_applicable")
SEVERITIES = ("minor", "major", "severe")  # 一般 / 较重 / 严重
INSPECTION_STATUSES = ("draft", "submitted")
ROLES = ("inspector", "reviewer", "admin")
DUTY_STATUSES = ("on_duty", "off_duty", "unverified")  # 马路办公: 在岗 / 不在岗 / 未核实
