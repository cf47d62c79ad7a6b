"""A checklist template read from a file (.xlsx, CSV or JSON) for the 模板 tab, on a worker
thread: the body with its parsed Template for the preview, or every problem, each naming its
item or category (app/template_file.py reads the file; domain/template.py judges it). No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.template_file import load_template_file
from domain.i18n import Message
from domain.template import Template, TemplateError, parse_template


@dataclass(frozen=True)
class TemplateFile:
    path: Path
    body: dict[str, Any] | None
    template: Template | None
    problems: list[Message] = field(default_factory=list)


def read_template_file(path: Path) -> TemplateFile:
    body, problems = load_template_file(path)
    if body is None or problems:
        return TemplateFile(path, None, None, list(problems))
    try:
        template = parse_template(body)
    except TemplateError as error:
        return TemplateFile(path, None, None, list(error.problems))
    return TemplateFile(path, body, template)
