"""What never goes into a log: passwords, tokens, Authorization values, quoted rows."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from domain.log_policy import RedactingFilter, redact


@pytest.mark.parametrize(
    ("text", "kept", "hidden"),
    [
        ('{"username": "wang", "password": "correct horse 1"}', '"username": "wang"', "horse"),
        ("{'password': 'pw-12345678', 'device_id': 'd1'}", "'device_id': 'd1'", "pw-12345678"),
        ("Authorization: Bearer eyJhbGciOi.abc.def", "Authorization: Bearer ***", "eyJhbGciOi"),
        ("{'authorization': 'Bearer tok-123456789'}", "authorization", "tok-123456789"),
        ("GET /api/v1/blobs/ab?token=s3cr3t-t0k3n&size=256", "size=256", "s3cr3t-t0k3n"),
        ('access_token: "Zm9vYmFy"', "access_token", "Zm9vYmFy"),
        ("sent Basic dXNlcjpwYXNzd29yZA== upstream", "sent Basic ***", "dXNlcjpw"),
        (
            "Input should be a valid string [type=string_type, input_value={'name': '张三', "
            "'phone': '13900000002'}, input_type=dict]",
            "type=string_type",
            "13900000002",
        ),
    ],
)
def test_secrets_and_quoted_rows_are_hidden(text: str, kept: str, hidden: str) -> None:
    out = redact(text)
    assert kept in out and hidden not in out and "***" in out


def test_plain_words_about_tokens_stay() -> None:
    text = "logged in to http://10.0.0.5:8765 as wang; token kept in the keyring"
    assert redact(text) == text


def test_the_filter_redacts_arguments_and_tracebacks_written_to_a_file(tmp_path: Path) -> None:
    handler = RotatingFileHandler(tmp_path / "t.log", encoding="utf-8")
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("test.log_policy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("request %s", {"username": "wang", "password": "hunter2-pw"})
        try:
            raise ValueError("bad header Authorization: Bearer abcdefgh12345678")
        except ValueError:
            logger.exception("refused for inspection %s", "0192a-id")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "t.log").read_text(encoding="utf-8")
    assert "'username': 'wang'" in text and "0192a-id" in text and "ValueError" in text
    assert "hunter2-pw" not in text and "abcdefgh12345678" not in text
