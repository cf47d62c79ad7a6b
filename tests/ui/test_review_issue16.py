"""Review of issue 16 (client): defects found by trying the new code (no server needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.client.standalone_org import workbook

ROOT = Path(__file__).resolve().parents[2]


def ducha(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.shell.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_org_import_names_where_a_template_json_is_broken_in_chinese(tmp_path: Path) -> None:
    """A --template file that is not valid JSON: said in the user's language with the line and
    column, not Python's English exception text ("Expecting ',' delimiter: line 2 …")."""
    book = workbook(tmp_path / "org.xlsx")
    broken = tmp_path / "checklist.json"
    broken.write_text('{"name": "督查表",\n "version": 1 "categories": []}', encoding="utf-8")
    laptop = tmp_path / "laptop"
    done = ducha(
        "--lang", "zh_CN", "org", "import", str(book), "--user", "zhaoliu",
        "--data-dir", str(laptop), "--template", str(broken),
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "checklist.json" in done.stderr
    assert "Expecting" not in done.stderr and "delimiter" not in done.stderr, done.stderr
    assert "第 2 行" in done.stderr or "行 2" in done.stderr, done.stderr


def test_template_problems_are_in_chinese(qtbot, launch, data_dir: Path, tmp_path: Path) -> None:
    from tests.core.test_template_file import row
    from tests.core.test_template_file import workbook as template_workbook
    from tests.ui.test_admin_offline import make_admin

    make_admin(data_dir)
    window = launch(data_dir)
    admin = window.open_admin()
    qtbot.waitExposed(admin)
    templates = admin.templates
    admin.tabs.setCurrentWidget(templates)
    bad = template_workbook(
        tmp_path / "bad.xlsx",
        [row("DL-01"), row("DL-02", 每处扣分=5), row("DL-03", 严重程度="很严重")],
    )
    job = templates.load_file(bad)
    qtbot.waitUntil(lambda: not job.running(), timeout=30000)
    problems = [templates.problems.item(i).text() for i in range(templates.problems.count())]
    Path("/tmp/rev-client-shots").mkdir(exist_ok=True)
    admin.grab().save("/tmp/rev-client-shots/template-problems-zh.png")
    assert len(problems) == 2
    for text in problems:
        assert "is not one of" not in text and "column" not in text, text
