"""Server settings: from the data directory and the environment (tests shorten the limits)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from domain.clock import OFFICE_TZ_DEFAULT, known_zone


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    office_prefix: str = field(
        default_factory=lambda: os.environ.get("DUCHA_OFFICE_PREFIX", "督改")
    )
    # The office's time zone: the calendar year of a notice number (later: org_settings).
    office_zone: str = field(
        default_factory=lambda: os.environ.get("DUCHA_OFFICE_TZ", OFFICE_TZ_DEFAULT)
    )
    token_ttl_seconds: int = field(default_factory=lambda: _int_env("DUCHA_TOKEN_TTL", 12 * 3600))
    max_failed_logins: int = field(default_factory=lambda: _int_env("DUCHA_MAX_FAILED_LOGINS", 5))
    lockout_seconds: int = field(default_factory=lambda: _int_env("DUCHA_LOCKOUT_SECONDS", 15 * 60))
    max_blob_bytes: int = field(
        default_factory=lambda: _int_env("DUCHA_MAX_BLOB_BYTES", 200 * 1024 * 1024)
    )
    max_json_bytes: int = field(
        default_factory=lambda: _int_env("DUCHA_MAX_JSON_BYTES", 8 * 1024 * 1024)
    )
    max_changes: int = 1000
    clock_skew_seconds: int = 600

    def __post_init__(self) -> None:
        if not known_zone(self.office_zone):
            raise ValueError(f"DUCHA_OFFICE_TZ: unknown time zone {self.office_zone!r}")
