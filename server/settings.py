"""Server settings: from the data directory and the environment (tests shorten the limits)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from domain.clock import OFFICE_TZ_DEFAULT, known_zone
from domain.org_settings import MAX_MEDIA_BYTES


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _float_env(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _flag_env(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


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
    # Access tokens are short (an hour); a laptop renews them with its device's refresh
    # credential (server/refresh.py), valid `refresh_ttl_seconds` after its last use (sliding)
    token_ttl_seconds: int = field(default_factory=lambda: _int_env("DUCHA_TOKEN_TTL", 3600))
    refresh_ttl_seconds: int = field(
        default_factory=lambda: _int_env("DUCHA_REFRESH_TTL", 90 * 24 * 3600)
    )
    # a rotated-out refresh credential presented again within this many seconds, its successor
    # never used, is a retry after a lost answer (rotated again); later, a theft (chain revoked)
    refresh_grace_seconds: int = field(default_factory=lambda: _int_env("DUCHA_REFRESH_GRACE", 600))
    # Login throttling (server/auth.py), never an account lockout. Per (name, address): the
    # first `login_free_failures` failures answer at once, then each further try waits
    # login_delay × 2^k seconds after the last failure (capped at login_delay_max). Per address:
    # at most `login_ip_failures` failures in `login_window` seconds, across names.
    login_free_failures: int = field(
        default_factory=lambda: _int_env("DUCHA_LOGIN_FREE_FAILURES", 3)
    )
    login_delay: float = field(default_factory=lambda: _float_env("DUCHA_LOGIN_DELAY", 1.0))
    login_delay_max: float = field(
        default_factory=lambda: _float_env("DUCHA_LOGIN_DELAY_MAX", 60.0)
    )
    login_ip_failures: int = field(default_factory=lambda: _int_env("DUCHA_LOGIN_IP_FAILURES", 20))
    login_window: int = field(default_factory=lambda: _int_env("DUCHA_LOGIN_WINDOW", 600))
    # logins whose password is being checked at once from one address (a burst of guesses)
    login_ip_pending: int = field(default_factory=lambda: _int_env("DUCHA_LOGIN_IP_PENDING", 50))
    # password hashes (argon2, ~0.3 s of one core each) checked at once per server process:
    # half the cores by default, so logins never starve pushes of CPU
    hash_concurrency: int = field(
        default_factory=lambda: _int_env(
            "DUCHA_HASH_CONCURRENCY", max(1, (os.cpu_count() or 2) // 2)
        )
    )
    # behind a reverse proxy (nginx): the client address is the last X-Forwarded-For entry
    trust_proxy: bool = field(default_factory=lambda: _flag_env("DUCHA_TRUST_PROXY"))
    # official notice numbers a device may hold unused (in blocks whose last number no notice
    # carries yet), per year
    max_outstanding_numbers: int = field(
        default_factory=lambda: _int_env("DUCHA_MAX_OUTSTANDING_NUMBERS", 200)
    )
    # identical API refusals (401/403/429 from one address) are audited once per window, with
    # how many were folded into the entry; 0 audits each one
    audit_refusal_window: float = field(
        default_factory=lambda: _float_env("DUCHA_AUDIT_REFUSAL_WINDOW", 10.0)
    )
    # The server's ceiling for one original; below it the office's record sets the limit for a
    # recording (org_settings.max_media_bytes, default 2 GB: server/org.py blob_limit).
    max_blob_bytes: int = field(
        default_factory=lambda: _int_env("DUCHA_MAX_BLOB_BYTES", MAX_MEDIA_BYTES)
    )
    max_json_bytes: int = field(
        default_factory=lambda: _int_env("DUCHA_MAX_JSON_BYTES", 8 * 1024 * 1024)
    )
    # Where the blobs are: "" or "disk", data_dir/blobs (the default); s3://BUCKET?endpoint=URL,
    # an S3-compatible object store (server/blobs_s3.py; credentials from AWS_* variables).
    # `serve --blob-store` sets it for the processes it starts; `verify` takes it the same way.
    blob_store: str = field(default_factory=lambda: os.environ.get("DUCHA_BLOB_STORE", ""))
    max_changes: int = 1000
    clock_skew_seconds: int = 600

    def __post_init__(self) -> None:
        if not known_zone(self.office_zone):
            raise ValueError(f"DUCHA_OFFICE_TZ: unknown time zone {self.office_zone!r}")
