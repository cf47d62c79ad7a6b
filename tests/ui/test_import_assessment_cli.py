"""`ducha import assessment` as a user runs it (a real process on a real store): a file with a
problem imports nothing and says where (exit 2), a good one says what it imported, what it
replaced and which units it leaves unscored; an inspector's laptop is refused."""

from __future__ import annotations

from pathlib import Path

from local_db.assessment_imports import imports
from local_db.store import Store
from tests.ui.test_cli import ducha


def _store(data: Path, role: str = "reviewer") -> None:
    store = Store.open(data)
    for name in ("城关镇人民政府", "开发区管委会"):
        store.save("unit", {"name": name, "kind": "town"})
    person = store.save("person", {"name": "陈志强", "role": role})
    store.set_meta("local_person_id", person["id"])
    store.close()


def _held(data: Path) -> list[dict]:
    store = Store.open(data)
    try:
        return imports(store)
    finally:
        store.close()


def test_a_bad_file_imports_nothing_and_a_good_one_is_imported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data)
    bad = tmp_path / "民调.csv"
    bad.write_text("单位,民调\n城关镇人民政府,88\n开发区管委会,九十\n", encoding="utf-8")
    args = ("import", "assessment", "--data-dir", str(data), "--period", "2026-Q3")
    done = ducha("--lang", "en", *args, str(bad))
    assert done.returncode == 2
    assert "Row 3, column 民调: '九十' is not a number." in done.stderr
    assert _held(data) == []

    done = ducha("--lang", "zh_CN", *args, str(bad))  # in the user's language
    assert done.returncode == 2 and "九十" in done.stderr

    bad.write_text("单位,民调\n城关镇人民政府,88\n", encoding="utf-8")
    done = ducha("--lang", "en", *args, str(bad))
    assert done.returncode == 0, done.stderr
    assert "民调 2026-Q3: 1 units imported from 民调.csv" in done.stdout
    assert "开发区管委会" in done.stdout  # not scored: stays missing

    bad.write_text("单位,得分\n城关镇人民政府,90\n开发区管委会,91\n", encoding="utf-8")
    done = ducha("--lang", "en", *args, "--component", "survey", str(bad))
    assert done.returncode == 0, done.stderr
    assert "replacing the import of" in done.stdout
    (row,) = _held(data)
    assert len(row["history"]) == 1 and len(row["scores"]) == 2


def test_an_inspectors_laptop_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data, role="inspector")
    path = tmp_path / "s.csv"
    path.write_text("单位,民调\n城关镇人民政府,88\n", encoding="utf-8")
    done = ducha(
        "--lang", "en", "import", "assessment", str(path), "--data-dir", str(data),
        "--period", "2026-Q3",
    )  # fmt: skip
    assert done.returncode == 2 and "only the office" in done.stderr
    assert _held(data) == []
