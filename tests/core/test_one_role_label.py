"""A role's words are written once (app/labels.py role_label): the 组织管理 users tab and the plan
dialog show the same words as everywhere else, translated in one place."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_role_label_is_defined_once_in_the_client() -> None:
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") == "role_label":
                found.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert found == ["app/labels.py:role_label"]
