"""What an imported USB-stick answer says (app/bundle/texts.py answer_text) reads in the user's
language: a refused change by its kind and its reason's words, as the sync status bar's list
shows it (app/sync/refusal_reasons.py), never the server's English text."""

from __future__ import annotations

import re

from app.bundle.answer import AnswerReport
from app.bundle.texts import answer_text
from app.i18n import install_translator
from app.sync.refusal_reasons import push_refusal_text

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def test_an_answer_s_refusals_read_chinese(qapp):
    install_translator(qapp, "zh_CN")
    try:
        report = AnswerReport(
            refused_batches=[{"code": "invalid", "message": "changes.0.at: field required"}],
            refusals=[
                {
                    "entity": "inspection",
                    "entity_id": "0190a3b4-1234-7567-8901-234567890123",
                    "reason": "template version 3 is retired",
                    "code": "template_retired",
                    "at": "2026-12-06T10:00:00.000000Z",
                }
            ],
        )
        text = answer_text(report)
        assert push_refusal_text("template_retired", "") in text
        assert "督查记录" in text
        assert not ENGLISH.search(text), text
    finally:
        install_translator(qapp, "en")
