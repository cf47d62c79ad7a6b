"""The client's and the server's log files: how big they grow, what a line looks like, and what
never goes into them — passwords, tokens, Authorization headers, and the values a validation
error quotes (a row). Both put RedactingFilter on their handlers. No I/O here.
"""

from __future__ import annotations

import logging
import re

MAX_BYTES = 2 * 1024 * 1024  # a log file is rotated at 2 MB …
BACKUP_COUNT = 4  # … and 5 files are kept: the current one and 4 older ones
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
LOG_FOLDER = "logs"  # inside the data folder

HIDDEN = "***"

# A key naming a secret (password, token, Authorization — alone or inside a longer name such as
# access_token or X-Auth-Token), quoted or not, then ':' or '=', then its value.
_SECRET_VALUE = re.compile(
    r"""(?ix)
    (?P<key>["']?[\w-]*(?:password|passwd|token|authorization)[\w-]*["']?\s*[:=]\s*)
    (?P<value>
        (?:bearer|basic)\s+[^\s"',;&}\]]+   # an Authorization value: scheme and credentials
      | "(?:[^"\\]|\\.)*"                   # a double-quoted string
      | '(?:[^'\\]|\\.)*'                   # a single-quoted string
      | [^\s"',;&}\]]+                      # a bare word, up to a separator
    )
    """
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
# pydantic quotes the offending input: a whole row, or a password typed into the wrong field.
_INPUT_VALUE = re.compile(r"input_value=.*?(?=, input_type=|$)", re.MULTILINE)


def _hide(match: re.Match[str]) -> str:
    value = match["value"]
    if value[:1] in "\"'":
        return f"{match['key']}{value[0]}{HIDDEN}{value[0]}"
    scheme = value.split(None, 1)[0] if value.lower().startswith(("bearer", "basic")) else ""
    return f"{match['key']}{scheme + ' ' if scheme else ''}{HIDDEN}"


def redact(text: str) -> str:
    """`text` with secrets and quoted input replaced by ***."""
    text = _SECRET_VALUE.sub(_hide, text)
    text = _BEARER.sub(lambda m: f"{m[1]} {HIDDEN}", text)
    return _INPUT_VALUE.sub(f"input_value={HIDDEN}", text)


class RedactingFilter(logging.Filter):
    """Put on a handler: every record it writes has its message and traceback redacted (the
    message formatted first, so a secret passed as an argument is caught too)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
