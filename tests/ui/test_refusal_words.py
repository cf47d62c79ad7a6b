"""A refusal reaches the user in words, in the user's language: never an exception's own
(English, technical) text."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.labels import refusal_text
from local_db.reviews import ReviewError, record_review
from tests.ui.conftest import type_text
from tests.ui.test_notice_story import _submitted_with_a_problem

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def test_a_due_time_in_the_past_is_refused_in_chinese(qtbot, launch, data_dir):
    window = launch(data_dir)
    inspection_id = _submitted_with_a_problem(window)
    dialog = window.open_inspection(inspection_id).issue_notice()
    dialog.set_due(dialog.due.dateTime().addDays(-30))
    type_text(dialog.due_reason, "补录")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == "整改期限必须晚于下发时间。"


def test_a_review_refusal_reads_chinese(launch, data_dir):
    window = launch(data_dir)
    store = window.context.store
    inspection_id = _submitted_with_a_problem(window)
    record_review(store, inspection_id, "accepted", reviewer=None)
    try:
        record_review(
            store,
            inspection_id,
            "returned",
            reviewer=None,
            comment="补拍",
            at="2020-01-01T00:00:00.000000Z",
        )
    except ReviewError as error:
        text = refusal_text(error)
    assert text == "审核时间不能早于该督查记录的上一次审核。"
    assert not ENGLISH.search(refusal_text(ValueError("no such table: review")))


def test_a_file_that_cannot_be_read_is_said_in_words(qapp, tmp_path):
    from app.i18n import install_translator
    from app.labels import message_text
    from app.photos.metadata import PhotoRefused, inspect_photo

    install_translator(qapp, "zh_CN")
    try:
        inspect_photo(tmp_path / "gone.jpg")
    except PhotoRefused as refused:
        text = message_text(refused.reason)
    assert text == "gone.jpg：无法读取文件（文件不存在）"  # not the system's "No such file…"


def test_a_busy_store_is_said_in_words(qapp):
    import sqlite3

    from app.i18n import install_translator
    from app.jobs import describe_error

    install_translator(qapp, "zh_CN")
    assert describe_error(sqlite3.OperationalError("database is locked")) == (
        "数据正被其他任务占用，请稍后再试。"
    )


def test_office_conflicts_say_an_unreachable_server_in_words(qtbot, launch, data_dir):
    from app.sync.client import SyncClient
    from app.sync.office_conflicts import OfficeConflictsDialog
    from app.sync.transport import Retries

    window = launch(data_dir)
    dialog = OfficeConflictsDialog(
        lambda: SyncClient("http://127.0.0.1:9", "token", retries=Retries(attempts=1)), window
    )
    qtbot.addWidget(dialog)
    job = dialog.job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running(), timeout=20000)
    text = dialog.note.text()
    assert text.startswith("无法询问服务器：无法连接服务器"), text
    assert not ENGLISH.search(text.replace("127.0.0.1", "")), text


def _server_push_codes() -> set[str]:
    """Every code a push result can carry, read from server/: `Rejected("code", …)`, the
    refusals `(code, reason)` a push keeps (`refused[…] = …`) or a rule returns
    (server/org_rules.py), a rejected result written out (`"code": "…"`), and the permission
    table's codes."""
    import ast
    from pathlib import Path

    from server import permissions

    codes = {cell.code for cell in permissions.TABLE.values()}
    root = Path(__file__).resolve().parents[2] / "server"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Rejected":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
            elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
                target, value = node.targets[0].value, node.value
                if getattr(target, "id", "") == "refused" and isinstance(value, ast.Tuple):
                    codes.add(ast.literal_eval(value.elts[0]))
            elif isinstance(node, ast.Dict):
                pairs = {
                    k.value: v.value
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                }
                if pairs.get("status") == "rejected" and isinstance(pairs.get("code"), str):
                    codes.add(pairs["code"])
            elif (
                path.name == "org_rules.py"
                and isinstance(node, ast.Return)
                and isinstance(node.value, ast.Tuple)
            ):
                codes.add(ast.literal_eval(node.value.elts[0]))
    return codes


def test_every_push_refusal_code_of_the_server_has_words():
    """A new code on the server without a sentence here fails: the user would read English."""
    from app.sync.refusal_reasons import REASONS

    codes = _server_push_codes()
    assert {"forbidden", "zone_retired", "unit_has_active_zones", "digest_mismatch"} <= codes
    assert codes - set(REASONS) == set()


def test_a_push_refusal_reads_from_its_code(qapp):
    from app.i18n import install_translator
    from app.sync.refusal_reasons import REASONS, push_refusal_text

    install_translator(qapp, "zh_CN")
    assert push_refusal_text("unit_retired", "the unit X is retired") != "the unit X is retired"
    assert push_refusal_text("unit_retired", "x") == QCoreApplication.translate(
        "refusals", REASONS["unit_retired"]
    )
    assert push_refusal_text("from_a_newer_server", "its own text") == "its own text"
    assert push_refusal_text(None, "stored before codes") == "stored before codes"
