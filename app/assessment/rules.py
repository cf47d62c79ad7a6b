"""The assessment rules as the office configured them (the RULES settings), defaults from
domain/assessment.py. One place for the GUI, the exports and the headless commands."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QSettings

from app.settings import RULES
from app.settings_qt import read, write
from domain.assessment import DEFAULT_RULES, Rules


def load_rules(settings: QSettings | None = None) -> Rules:
    """The configured rules; a missing or unreadable value keeps its default."""
    rules = Rules(**{name: read(setting, settings) for name, setting in RULES.items()})
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
    for f in fields(Rules):
        write(RULES[f.name], getattr(rules, f.name), settings)
