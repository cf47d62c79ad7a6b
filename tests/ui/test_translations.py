"""Every user-facing text has a finished translation in both shipped languages.

The texts are found in the code's syntax tree, not by lupdate, so a tr() that lupdate cannot
see (one inside an f-string, or a context given as a variable) fails here too.
"""

from __future__ import annotations

import ast
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.i18n_tools import ROOT, SOURCES, TS_DIR, qt_tool

_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP"}


def _class_of(tree: ast.Module) -> dict[ast.AST, str]:
    owners: dict[ast.AST, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for inner in ast.walk(node):
                owners.setdefault(inner, node.name)
    return owners


def texts_in_code() -> set[tuple[str, str]]:
    """(context, source text) of every tr / translate / QT_TRANSLATE_NOOP call."""
    found: set[tuple[str, str]] = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            owners = _class_of(tree)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name not in _CALLS or not node.args:
                    continue
                args = node.args
                assert not (name == "tr" and isinstance(func, ast.Name)), (
                    f"{path.name}:{node.lineno}: a bare tr(...) hides its text from lupdate; "
                    "write self.tr(...) or QCoreApplication.translate(context, text)"
                )
                if name == "tr":
                    assert isinstance(args[0], ast.Constant), (
                        f"{path.name}:{node.lineno} tr(non-literal)"
                    )
                    found.add((owners.get(node, ""), args[0].value))
                elif name == "translate" and not isinstance(args[0], ast.Constant):
                    continue  # a runtime lookup of texts marked elsewhere (app.labels)
                else:
                    where = f"{path.name}:{node.lineno}"
                    assert isinstance(args[0], ast.Constant), f"{where}: context must be a literal"
                    assert isinstance(args[1], ast.Constant), f"{where}: text must be a literal"
                    found.add((args[0].value, args[1].value))
    return found


def finished(ts: Path) -> dict[tuple[str, str], str]:
    done = {}
    for context in ET.parse(ts).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in (
                "unfinished",
                "vanished",
                "obsolete",
            ):
                continue
            if (translation.text or "").strip():
                done[(name, message.findtext("source") or "")] = translation.text or ""
    return done


def test_the_code_has_texts_to_translate() -> None:
    assert len(texts_in_code()) > 100


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_text_is_translated(language: str) -> None:
    done = finished(TS_DIR / f"ducha_{language}.ts")
    missing = sorted(texts_in_code() - done.keys())
    assert not missing, f"untranslated in {language} (run ./dev i18n): {missing[:10]}"


def test_chinese_translations_are_chinese_and_keep_placeholders() -> None:
    import re

    for (context, source), text in finished(TS_DIR / "ducha_zh_CN.ts").items():
        if not re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", source)):
            continue  # nothing but placeholders and punctuation
        assert re.search(r"[\u4e00-\u9fff]", text) or source in ("OK",), (context, source, text)
        assert set(re.findall(r"\{\w+[^}]*\}", source)) == set(re.findall(r"\{\w+[^}]*\}", text)), (
            context,
            source,
        )


def test_compiled_translations_are_current(tmp_path: Path) -> None:
    for language in ("zh_CN", "en"):
        ts = TS_DIR / f"ducha_{language}.ts"
        fresh = tmp_path / f"{language}.qm"
        subprocess.run(
            [qt_tool("lrelease"), str(ts), "-qm", str(fresh)], check=True, capture_output=True
        )
        assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run ./dev i18n"
