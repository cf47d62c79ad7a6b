"""Markup drawn over a photo (arrows, ellipses, text): an annotation row's `shapes` JSON.

Coordinates are pixels of the upright original (EXIF orientation applied), so the markup stays
on the same spot whatever the zoom, the window size, or the resolution of the copy shown. It is
drawn at display and export time over the untouched original, never into it.

    {"kind": "arrow",   "x1": …, "y1": …, "x2": …, "y2": …, "at": "<UTC ISO>"}   (tip at x2, y2)
    {"kind": "ellipse", "x": …, "y": …, "w": …, "h": …, "at": …}                  (bounding box)
    {"kind": "text",    "x": …, "y": …, "text": "…", "size": <px>, "at": …}        (top left)

Shapes this version does not know (a newer client's) are kept as they are, never dropped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

KINDS = ("arrow", "ellipse", "text")
MAX_TEXT = 200
_NUMBERS = {
    "arrow": ("x1", "y1", "x2", "y2"),
    "ellipse": ("x", "y", "w", "h"),
    "text": ("x", "y", "size"),
}


def parse_shapes(text: str | None) -> list[dict[str, Any]]:
    """The shapes of an annotation row; anything that is not a list of objects gives []."""
    try:
        value = json.loads(text or "[]")
    except (TypeError, ValueError):
        return []
    if not isinstance(value, list):
        return []
    return [dict(s) for s in value if isinstance(s, dict)]


def dump_shapes(shapes: list[Mapping[str, Any]]) -> str:
    return json.dumps([dict(s) for s in shapes], ensure_ascii=False, separators=(",", ":"))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def drawable(shape: Mapping[str, Any]) -> bool:
    """A shape of a known kind with finite coordinates (what the viewer draws)."""
    kind = shape.get("kind")
    if kind not in _NUMBERS or not all(_number(shape.get(k)) for k in _NUMBERS[kind]):
        return False
    if kind == "text":
        return isinstance(shape.get("text"), str) and bool(shape["text"].strip())
    return True


def _px(value: float) -> float:
    return round(float(value), 1)


def arrow(x1: float, y1: float, x2: float, y2: float, at: str) -> dict[str, Any]:
    return {"kind": "arrow", "x1": _px(x1), "y1": _px(y1), "x2": _px(x2), "y2": _px(y2), "at": at}


def ellipse(x1: float, y1: float, x2: float, y2: float, at: str) -> dict[str, Any]:
    """The ellipse inside the box spanned by two corners (in any order)."""
    return {
        "kind": "ellipse",
        "x": _px(min(x1, x2)),
        "y": _px(min(y1, y2)),
        "w": _px(abs(x2 - x1)),
        "h": _px(abs(y2 - y1)),
        "at": at,
    }


def text(x: float, y: float, words: str, size: float, at: str) -> dict[str, Any]:
    words = " ".join(words.split())[:MAX_TEXT]
    if not words:
        raise ValueError("a text mark needs some text")
    return {"kind": "text", "x": _px(x), "y": _px(y), "text": words, "size": _px(size), "at": at}


def upright_size(width: Any, height: Any, orientation: Any) -> tuple[int, int] | None:
    """The original's size as shown upright (EXIF 5–8 swap the sides), or None if unknown."""
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        return None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)
