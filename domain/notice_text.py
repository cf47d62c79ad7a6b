"""The wording a notice is prefilled with (Chinese: it is an official document's text)."""

from __future__ import annotations

from domain.template import Template


def requirements_text(template: Template, codes: list[str]) -> str:
    """The default 整改要求: one numbered line per problem, from its item's criteria."""
    lines = []
    for n, code in enumerate(codes, start=1):
        item = template.item(code)
        lines.append(f"{n}. {item.text}：针对“{item.criteria}”的问题立即整改，整改到位后拍照留存。")
    return "\n".join(lines)
