"""`./dev i18n`: refresh the .ts sources from the code and compile them to .qm.

zh_CN is translated by people, in the .ts file (Qt Linguist or a text editor). English is the
source language: its .ts marks every message translated with the source text, so it is complete
by construction, and stays a real file that an editor may refine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
SOURCES = ("app", "domain", "local_db")


def qt_tool(name: str) -> str:
    """The path of a PySide6 tool (lupdate, lrelease) beside this Python."""
    return str(Path(sys.executable).parent / f"pyside6-{name}")


def source_files() -> list[str]:
    return sorted(str(p) for d in SOURCES for p in (ROOT / d).rglob("*.py"))


def update(ts_file: Path) -> None:
    subprocess.run(
        [
            qt_tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *source_files(),
            "-ts",
            str(ts_file),
        ],
        check=True,
        capture_output=True,
    )


def fill_english(ts_file: Path) -> None:
    tree = ET.parse(ts_file)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.text = source
            translation.attrib.pop("type", None)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)


def unfinished(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts_file).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("unfinished", "vanished", "obsolete") or not (text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def fill(ts_file: Path, translations: dict[str, dict[str, str]]) -> int:
    """Fill unfinished messages from {context: {source: translation}}; returns how many."""
    tree = ET.parse(ts_file)
    filled = 0
    for context in tree.iter("context"):
        given = translations.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = given.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text is None or translation is None or translation.get("type") != "unfinished":
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def release(ts_file: Path) -> None:
    subprocess.run(
        [qt_tool("lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
        check=True,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Refresh both .ts files, complete English, compile. `--fill FILE.json` first fills zh_CN
    from {context: {source: translation}}."""
    args = sys.argv[1:] if argv is None else argv
    TS_DIR.mkdir(parents=True, exist_ok=True)
    zh = TS_DIR / "ducha_zh_CN.ts"
    en = TS_DIR / "ducha_en.ts"
    for ts in (zh, en):
        update(ts)
    if args[:1] == ["--fill"] and len(args) == 2:
        given = json.loads(Path(args[1]).read_text(encoding="utf-8"))
        print(f"filled {fill(zh, given)} Chinese translation(s) from {args[1]}")
    fill_english(en)
    for ts in (zh, en):
        release(ts)
    missing = unfinished(zh)
    for context, source in missing:
        print(f"untranslated zh_CN [{context}] {source}")
    print(f"{len(missing)} message(s) without a Chinese translation")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
