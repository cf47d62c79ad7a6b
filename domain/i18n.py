"""Marks user-facing text in the Qt-free core so Qt's lupdate can collect it.

The core never imports Qt. It keeps its messages as English source text marked with
QT_TRANSLATE_NOOP(context, text); the client translates them with
QCoreApplication.translate(context, text) before formatting in the values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    return text


@dataclass(frozen=True)
class Message:
    """A translatable message: context and source text, with values to format in."""

    context: str
    text: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text.format(**self.values)


class Refusal(Exception):
    """An error whose reason is a Message: the client shows it in the user's language
    (app/labels.py refusal_text); str() gives the English source, for logs and tests."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))
