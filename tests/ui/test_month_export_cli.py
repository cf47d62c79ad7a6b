"""`ducha export bulletin` and `ducha export workbook` as a user runs them: a real process on a
store holding the hand-worked November 2026, and a clear message with a non-zero exit for each
way it can go wrong."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from domain.assessment import Period, points
from local_db.assessment_data import assess_period
from local_db.store import Store
from tests.core.fixture_month import build, stand_in_originals

TITLE = "2026年11月城市精细化管理督查通报（第11期）"


def ducha(*args: str | Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ducha", path=str(Path(sys.executable).parent))
    assert exe, "the ducha entry point is installed in the environment"
    return subprocess.run(
        [exe, *(str(a) for a in args)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("month")
    store = Store.open(folder)
    build(store)
    stand_in_originals(store)  # the bulletin's photos have their originals here
    store.close()
    return folder


def ranked(data_dir: Path) -> list[tuple[str, int, str]]:
    store = Store.open(data_dir)
    try:
        result = assess_period(store, Period.month(2026, 11))  # as of now, like the command
    finally:
        store.close()
    return [(u.unit_name, u.rank, points(u.score)) for u in result.ranked]


def test_bulletin_pdf_and_docx(data_dir: Path, tmp_path: Path) -> None:
    pdf, word = tmp_path / "通报.pdf", tmp_path / "通报.docx"
    for out in (pdf, word):
        done = ducha(
            "export", "bulletin", "--month", "2026-11", "--data-dir", data_dir, "--out", out
        )
        assert done.returncode == 0, done.stderr
        assert str(out) in done.stdout and out.stat().st_size > 0
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not re.findall("[\u2e80-\u2fdf]", text)
    text = re.sub(r"\s+", "", text)
    assert TITLE in text
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert TITLE in [p.replace("\n", "") for p in paragraphs] and "七、督查点评" in paragraphs
    for name, rank, score in ranked(data_dir):
        assert f"{rank}{name}{score}" in text


def test_bulletin_with_its_own_issue_number(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    done = ducha(
        "export", "bulletin", "--month", "2026-11", "--issue", "7", "--data-dir", data_dir,
        "--out", out,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        docx.Document(str(out)).core_properties.title == "2026年11月城市精细化管理督查通报（第7期）"
    )


def test_workbook(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "工作簿.xlsx"
    done = ducha("export", "workbook", "--month", "2026-11", "--data-dir", data_dir, "--out", out)
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["排名"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = ranked(data_dir)
    assert [(r[1], r[0], f"{r[2]:.2f}") for r in rows[: len(expected)]] == expected


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--month", "2026-13"), 2, "not a month (YYYY-MM): '2026-13'"),
        (("--month", "November"), 2, "not a month (YYYY-MM): 'November'"),
        (("--month", "2026-11", "--data-dir", "{missing}"), 2, "no store in"),
        (("--month", "2026-11", "--out", "{tmp}/nowhere/b.pdf"), 2, "does not exist"),
        (("--month", "2026-11", "--out", "{tmp}/b.txt"), 2, "written as .pdf or .docx"),
        (("--month", "2026-11", "--out", "{tmp}/taken.pdf"), 1, "cannot write"),
        (("--month", "2026-11", "--issue", "0"), 2, "issue number must be 1 or more"),
    ],
)
def test_bulletin_refusals_say_what_went_wrong(
    data_dir: Path, tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    (tmp_path / "taken.pdf").mkdir()  # a folder where the file should go
    values = {"missing": str(tmp_path / "missing"), "tmp": str(tmp_path)}
    given = [a.format(**values) for a in args]
    if "--data-dir" not in given:
        given += ["--data-dir", str(data_dir)]
    if "--out" not in given:
        given += ["--out", str(tmp_path / "b.pdf")]
    done = ducha("export", "bulletin", *given)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("ducha export: ") and message in done.stderr, done.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_workbook_refusals(data_dir: Path, tmp_path: Path) -> None:
    bad = ducha(
        "export", "workbook", "--month", "2026-00", "--data-dir", data_dir, "--out", "x.xlsx"
    )
    assert bad.returncode == 2 and "not a month" in bad.stderr
    wrong = ducha(
        "export", "workbook", "--month", "2026-11", "--data-dir", data_dir,
        "--out", tmp_path / "x.pdf",
    )  # fmt: skip
    assert wrong.returncode == 2 and "written as .xlsx" in wrong.stderr
    assert not list(tmp_path.iterdir())
