"""The server's schema (SQLAlchemy Core) and its engine.

Synced entities mirror the client's tables: the full row travels as JSON text in `row`, and what
the server filters on lives beside it in real, indexed columns (id, parents, status, `scope_unit`:
the unit whose jurisdiction the row falls under, NULL for reference data everyone sees).
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

metadata = sa.MetaData()

# entity → its filter columns (besides id, scope_unit and the bookkeeping columns)
ENTITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": (),
    "unit": ("parent_id",),
    "zone": ("unit_id",),
    "template": ("name", "version"),
    "inspection": ("unit_id", "zone_id", "status", "amends_id", "digest"),
    "inspection_person": ("inspection_id", "person_id"),
    "finding": ("inspection_id",),
    # a case from another source (问题来源); its notice names it by case_id (in the row's JSON)
    "problem_case": ("source", "ticket_no", "unit_id", "triage", "notice_id"),
    "photo": (
        "inspection_id",
        "finding_id",
        "rectification_id",
        "recheck_id",
        "sha256",
        "case_id",  # issue 15: a case's photos (问题来源)
    ),
    "duty_check": ("inspection_id", "zone_id", "status"),  # 马路办公 (domain/duty.py)
    "annotation": ("photo_id",),
    "notice": ("inspection_id", "unit_id", "zone_id", "number", "number_kind", "case_id"),
    "notice_event": ("notice_id", "kind", "at"),
    "rectification": ("notice_id",),
    "recheck": ("notice_id",),
    "review": ("inspection_id",),
    "org_settings": (),  # one record, the office's (domain/org_settings.py)
    "assessment_import": ("component", "period"),  # office-wide (domain/assessment_import.py)
}
_INTEGER_COLUMNS = {"version"}


def _entity_table(name: str, columns: tuple[str, ...]) -> sa.Table:
    extra = [
        sa.Column(c, sa.Integer if c in _INTEGER_COLUMNS else sa.Text, index=True) for c in columns
    ]
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        *extra,
        sa.Column("scope_unit", sa.Text, index=True),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("rev", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )


ENTITY_TABLES = {name: _entity_table(name, cols) for name, cols in ENTITY_COLUMNS.items()}

app_user = sa.Table(
    "app_user",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("username", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("all_units", sa.Boolean, nullable=False, default=False),
    # a disabled user can neither log in nor use a token (`ducha-server user disable`)
    sa.Column("enabled", sa.Boolean, nullable=False, default=True, server_default=sa.true()),
    # a one-time password (an admin's add or reset, server/admin_users.py): every call but
    # /auth/change-password and /auth/logout is refused (403 must_change_password) until changed
    sa.Column(
        "must_change_password",
        sa.Boolean,
        nullable=False,
        default=False,
        server_default=sa.false(),
    ),
)
user_unit = sa.Table(
    "user_unit",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, primary_key=True),
)
token = sa.Table(
    "token",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, nullable=False, index=True),
    sa.Column("expires_at", sa.Text, nullable=False, index=True),
    sa.Column("device_id", sa.Text),
    # set when the token stops working before it expires: logout, a password, role, units or
    # enabled change (why, in revoked_reason); purged with the expired ones
    sa.Column("revoked_at", sa.Text),
    sa.Column("revoked_reason", sa.Text),
)
# Refresh credentials (server/refresh.py): long-lived, one chain per (user, device) from a login,
# each use rotating it (the used one gets `rotated_at` and the hash of its successor); only
# their SHA-256 is stored. Revoked with the device's access tokens (auth.revoke_tokens).
refresh_token = sa.Table(
    "refresh_token",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("family", sa.Text, nullable=False, index=True),  # the chain one login began
    sa.Column("user_id", sa.Text, nullable=False, index=True),
    sa.Column("device_id", sa.Text, nullable=False, index=True),
    sa.Column("issued_at", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Text, nullable=False, index=True),
    sa.Column("rotated_at", sa.Text),  # exchanged for `replaced_by`: presented again, a theft
    sa.Column("replaced_by", sa.Text),
    sa.Column("revoked_at", sa.Text),
    sa.Column("revoked_reason", sa.Text),
)
# A device id belongs to the user who first logged in with it (server/auth.py).
device = sa.Table(
    "device",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, nullable=False, index=True),
    sa.Column("first_seen", sa.Text, nullable=False),
    sa.Column("last_seen", sa.Text, nullable=False),
)
# Failed and in-flight logins of the last window (failed: false while the password is being
# checked): the throttle per (name, address) and per address reads them (server/auth.py); a
# successful login clears its (name, address).
login_attempt = sa.Table(
    "login_attempt",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.Text, nullable=False),
    sa.Column("address", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False, index=True),
    sa.Column("failed", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempt_address_at", "address", "at"),
    sa.Index("ix_login_attempt_username_address", "username", "address"),
)
# Append-only (server/audit.py): no code path updates or deletes it, and triggers refuse to.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column(
        "seq",
        sa.BigInteger().with_variant(sa.Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("at", sa.Text, nullable=False, index=True),
    sa.Column("user_id", sa.Text, index=True),
    sa.Column("user_name", sa.Text, index=True),
    sa.Column("device_id", sa.Text),
    sa.Column("address", sa.Text),
    sa.Column("entity", sa.Text),
    sa.Column("entity_id", sa.Text),
    sa.Column("action", sa.Text, nullable=False, index=True),
    sa.Column("detail", sa.Text),
    sa.Index("ix_audit_entity_entity_id", "entity", "entity_id"),
)
change_log = sa.Table(
    "change_log",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("entity_id", sa.Text, nullable=False),
    sa.Column("op", sa.Text, nullable=False),
    sa.Column("row", sa.Text, nullable=False),
    sa.Column("scope_unit", sa.Text, index=True),
    sa.Column("device_id", sa.Text, nullable=False),
    sa.Column("received_at", sa.Text, nullable=False),
)
# Remembered per (user, device, batch): another user's batch never shadows the device's.
push_batch = sa.Table(
    "push_batch",
    metadata,
    sa.Column("user_id", sa.Text, primary_key=True),
    sa.Column("device_id", sa.Text, primary_key=True),
    sa.Column("batch_id", sa.Text, primary_key=True),
    sa.Column("answer", sa.Text, nullable=False),
    sa.Column("received_at", sa.Text, nullable=False),
)
notice_number_block = sa.Table(
    "notice_number_block",
    metadata,
    sa.Column("device_id", sa.Text, primary_key=True),
    sa.Column("prefix", sa.Text, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("first", sa.Integer, primary_key=True),
    sa.Column("last", sa.Integer, nullable=False),
)
# A reservation's request id (chosen by the device) and the block it got: the same request sent
# again after its answer was lost gets the same block (migration 0005_number_requests).
notice_number_request = sa.Table(
    "notice_number_request",
    metadata,
    sa.Column("device_id", sa.Text, primary_key=True),
    sa.Column("request_id", sa.Text, primary_key=True),
    sa.Column("prefix", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("first", sa.Integer, nullable=False),
    sa.Column("last", sa.Integer, nullable=False),
)
notice_number_counter = sa.Table(
    "notice_number_counter",
    metadata,
    sa.Column("prefix", sa.Text, primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("next", sa.Integer, nullable=False),
)
# The losing side of concurrent edits (server/conflicts.py): who lost and who won, per losing
# (user, device) so that laptop collects its own (GET /sync/conflicts), the unit it falls under
# (the office lists those of its units), and how the office resolved it.
conflict = sa.Table(
    "conflict",
    metadata,
    sa.Column(
        "seq",
        sa.BigInteger().with_variant(sa.Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("entity_id", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("scope_unit", sa.Text, index=True),
    sa.Column("losing_op", sa.Text, nullable=False),
    sa.Column("losing_row", sa.Text, nullable=False),
    sa.Column("losing_user_id", sa.Text),
    sa.Column("losing_device_id", sa.Text),
    sa.Column("winning_op", sa.Text, nullable=False),
    sa.Column("winning_row", sa.Text, nullable=False),
    sa.Column("winning_user_id", sa.Text),
    sa.Column("winning_device_id", sa.Text),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("resolved_at", sa.Text),
    sa.Column("resolved_by", sa.Text),
    sa.Column("resolution", sa.Text),
    sa.Index("ix_conflict_losing", "losing_user_id", "losing_device_id", "seq"),
)

# Visit plans (server/plans.py, domain/visit_plan.py): one per period, drawn from a secret seed
# whose SHA-256 is published at the draw; the seed stays here, handed out by no route until it
# is revealed after the period. The plan's assignments, one row per inspector of each visit: a
# laptop asks for its own (server/routes_plans.py), never through the change log.
visit_plan = sa.Table(
    "visit_plan",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("period", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("inputs", sa.Text, nullable=False),  # canonical JSON (domain/visit_plan.py)
    sa.Column("inputs_digest", sa.Text, nullable=False),
    sa.Column("seed_commitment", sa.Text, nullable=False),
    sa.Column("seed", sa.Text, nullable=False),
    sa.Column("plan_digest", sa.Text, nullable=False),
    sa.Column("drawn_at", sa.Text, nullable=False),
    sa.Column("drawn_by", sa.Text, nullable=False),
    sa.Column("revealed_at", sa.Text),
    sa.Column("revealed_by", sa.Text),
)
plan_assignment = sa.Table(
    "plan_assignment",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("plan_id", sa.Text, nullable=False, index=True),
    sa.Column("day", sa.Text, nullable=False, index=True),
    sa.Column("team", sa.Integer, nullable=False),
    sa.Column("seat", sa.Integer, nullable=False),  # the inspector's place in the team (0 leads)
    sa.Column("inspector_id", sa.Text, nullable=False, index=True),
    sa.Column("zone_id", sa.Text, nullable=False),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("template_id", sa.Text),
    sa.Column("mode", sa.Text, nullable=False),
)

# USB-stick bundles (server/bundle_keys.py, server/bundle_import.py, migration 0016): each
# device's Ed25519 public key, and the bundles imported (their ids: a replay is refused).
device_key = sa.Table(
    "device_key",
    metadata,
    sa.Column("device_id", sa.Text, primary_key=True),
    sa.Column("user_id", sa.Text, nullable=False, index=True),
    sa.Column("public_key", sa.Text, nullable=False),
    sa.Column("registered_at", sa.Text, nullable=False),
    sa.Column("revoked_at", sa.Text),
    sa.Column("revoked_reason", sa.Text),
)
bundle_import = sa.Table(
    "bundle_import",
    metadata,
    sa.Column("bundle_id", sa.Text, primary_key=True),  # the laptop's: per device
    sa.Column("user_id", sa.Text, nullable=False),
    sa.Column("device_id", sa.Text, primary_key=True),
    sa.Column("imported_at", sa.Text, nullable=False),
    sa.Column("batch_ids", sa.Text, nullable=False),
    sa.Column("blobs", sa.Integer, nullable=False),
)

# This database's lineage (server/epoch.py, migration 0015): one row; a restore gives a new epoch.
server_epoch = sa.Table(
    "server_epoch",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("epoch", sa.Text, nullable=False),
    sa.Column("restored_seq", sa.BigInteger),
    sa.Column("backup_taken_at", sa.Text),
    sa.Column("restored_at", sa.Text),
    # [{prefix, year, first, last}]: numbers skipped at the restore (server/numbers.py)
    sa.Column("number_gaps", sa.Text),
)


# Installers the server offers its laptops (issue 17, migration 0017; server/releases.py): the
# file is a blob (content-addressed, sha256); `signature` the FILE.release.json it was added with.
release = sa.Table(
    "release",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("platform", sa.Text, nullable=False),
    sa.Column("version", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("signature", sa.Text, nullable=False),
    sa.Column("added_by", sa.Text, nullable=False),
    sa.Column("added_at", sa.Text, nullable=False),
    sa.Column("withdrawn_at", sa.Text),
    sa.Column("withdrawn_by", sa.Text),
    sa.UniqueConstraint("platform", "version", name="uq_release_platform_version"),
    sa.Index("ix_release_sha256", "sha256"),
)


def default_url(data_dir: str | Path) -> str:
    return f"sqlite:///{Path(data_dir).resolve() / 'ducha.sqlite3'}"


DATABASE_URL_ENV = "DUCHA_DATABASE_URL"  # a secret (its password): kept off command lines


def resolve_url(database_url: str | None, data_dir: str | Path) -> str:
    """--database-url, else $DUCHA_DATABASE_URL, else SQLite in the data directory."""
    return database_url or os.environ.get(DATABASE_URL_ENV) or default_url(data_dir)


READ_ONLY = "ducha_read_only"  # execution option of connections that only read (see reading)


def make_engine(url: str) -> sa.Engine:
    """SQLite: WAL, a busy timeout, and every transaction BEGIN IMMEDIATE (one writer at a time,
    taken at the start, so a push holds the write lock for its whole transaction), except on
    connections from `reading`: those BEGIN DEFERRED, and a WAL reader never waits for the
    writer (a token check while a push runs)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            hide_parameters=True,  # an error's text names no row's values (the log)
        )

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute("PRAGMA busy_timeout=30000")
            dbapi_conn.execute("PRAGMA synchronous=NORMAL")

        @event.listens_for(engine, "begin")
        def _begin(conn):
            read_only = conn.get_execution_options().get(READ_ONLY)
            conn.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return sa.create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, hide_parameters=True
    )


def reading(engine: sa.Engine) -> sa.Connection:
    """A connection whose transactions only read: it never takes SQLite's write lock, so it
    neither waits for a push in progress nor holds one up (`with reading(engine) as conn:`)."""
    return engine.connect().execution_options(**{READ_ONLY: True})


WRITE_LOCK_KEY = 0x0D0C4A  # pg_advisory_xact_lock key of the push/number transactions


def write_lock(conn: sa.Connection) -> None:
    """Serialize writers for the rest of this transaction. SQLite: BEGIN IMMEDIATE already did."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})


def upgrade(url: str, revision: str = "head") -> None:
    """`alembic upgrade head` (or to `revision`: a restore loads rows at the backup's) on this
    database."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)
