"""The assessment rules as the office configured them (QSettings assessment/*), defaults from
domain/assessment.py. One place for the GUI, the exports and the headless commands."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QSettings

from domain.assessment import DEFAULT_RULES, Rules

PREFIX = "assessment/"


def load_rules(settings: QSettings | None = None) -> Rules:
    """The configured rules; a missing or unreadable value keeps its default."""
    settings = settings or QSettings()
    values = {}
    for f in fields(Rules):
        raw = settings.value(PREFIX + f.name)
        if raw in (None, ""):
            continue
        try:
            values[f.name] = Decimal(str(raw))
        except InvalidOperation:
            continue
    rules = replace(DEFAULT_RULES, **values)
    return rules if check_rules(rules) is None else DEFAULT_RULES


def check_rules(rules: Rules) -> str | None:
    """None when the rules make sense, else what is wrong (English; the dialog words it)."""
    if not rules.full_score > 0:
        return "full_score"
    if rules.overdue_penalty < 0 or rules.failed_recheck_penalty < 0:
        return "penalty"
    if not rules.full_score >= rules.excellent_from > rules.good_from > rules.pass_from >= 0:
        return "grades"
    return None


def save_rules(rules: Rules, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    for f in fields(Rules):
        settings.setValue(PREFIX + f.name, str(getattr(rules, f.name)))
