"""A checklist template read from a file (.xlsx or JSON) for the 模板 tab, on a worker thread:
the body with its parsed Template for the preview, or every problem, each naming its item or
category (domain/template.py's Messages). No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from domain.i18n import QT_TRANSLATE_NOOP, Message
from domain.template import Template, TemplateError, parse_template


@dataclass(frozen=True)
class TemplateFile:
    path: Path
    body: dict[str, Any] | None
    template: Template | None
    problems: list[Message | str] = field(default_factory=list)


def _load(path: Path) -> tuple[dict[str, Any] | None, list[Any]]:
    """The templates helper's reader (every problem by item, .xlsx and JSON)."""
    import importlib

    reader = importlib.import_module("domain.template_file")
    body, problems = reader.load_template_file(path)
    return body, list(problems)


def read_template_file(path: Path) -> TemplateFile:
    try:
        body, problems = _load(path)
    except ImportError:  # before the reader is merged: JSON only
        body, problems = _load_json(path)
    if body is None or problems:
        return TemplateFile(path, None, None, problems)
    try:
        template = parse_template(body)
    except TemplateError as error:
        return TemplateFile(path, None, None, list(error.problems))
    return TemplateFile(path, body, template)


def _load_json(path: Path) -> tuple[dict[str, Any] | None, list[Any]]:
    import json

    try:
        body = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None, [
            Message(
                "template",
                QT_TRANSLATE_NOOP("template", "{file}: not a template file (JSON or .xlsx)"),
                {"file": path.name},
            )
        ]
    return (body if isinstance(body, dict) else None), (
        [] if isinstance(body, dict) else [Message("template", "A template must be a JSON object")]
    )
