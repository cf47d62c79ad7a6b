"""Versioned schema of the offline store. Each step runs in one transaction with its record.

Never edit a step that has shipped: add a new one, named after the last (0007_…), at the end.
Steps are registered in the order of their names and recorded by name, so a store that an earlier
version migrated in another order (0006 before 0005) opens without change. Every synced row carries
id (UUIDv7 text), created_at, updated_at (UTC ISO text), device_id and rev.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("ducha")

_COMMON = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    rev INTEGER NOT NULL DEFAULT 1
"""


@migrations(name="0001_core")
def _core(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE person (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT, role TEXT NOT NULL,
            {_COMMON});

        CREATE TABLE unit (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
            parent_id TEXT REFERENCES unit(id),
            {_COMMON});
        CREATE UNIQUE INDEX unit_name ON unit(name);

        CREATE TABLE zone (
            id TEXT PRIMARY KEY, name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('road_segment', 'grid', 'site')),
            unit_id TEXT NOT NULL REFERENCES unit(id),
            chief_name TEXT, chief_phone TEXT, geometry TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            {_COMMON});
        CREATE INDEX zone_unit ON zone(unit_id);

        CREATE TABLE template (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,
            published_at TEXT, body TEXT NOT NULL,
            {_COMMON});
        CREATE UNIQUE INDEX template_name_version ON template(name, version);

        CREATE TABLE inspection (
            id TEXT PRIMARY KEY,
            template_id TEXT NOT NULL REFERENCES template(id),
            template_version INTEGER NOT NULL,
            zone_id TEXT NOT NULL REFERENCES zone(id),
            unit_id TEXT NOT NULL REFERENCES unit(id),
            mode TEXT NOT NULL CHECK (mode IN ('unannounced', 'open', 'covert')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            location TEXT,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
            amends_id TEXT REFERENCES inspection(id),
            digest TEXT,
            summary TEXT NOT NULL DEFAULT '',
            score REAL,
            deducted REAL NOT NULL DEFAULT 0,
            problem_count INTEGER NOT NULL DEFAULT 0,
            {_COMMON});
        CREATE INDEX inspection_started ON inspection(started_at, id);
        CREATE INDEX inspection_zone ON inspection(zone_id, started_at, id);
        CREATE INDEX inspection_unit ON inspection(unit_id, started_at, id);
        CREATE INDEX inspection_status ON inspection(status, started_at, id);
        CREATE INDEX inspection_amends ON inspection(amends_id);

        CREATE TABLE inspection_person (
            id TEXT PRIMARY KEY,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            person_id TEXT NOT NULL REFERENCES person(id),
            lead INTEGER NOT NULL DEFAULT 0,
            {_COMMON});
        CREATE UNIQUE INDEX inspection_person_pair ON inspection_person(inspection_id, person_id);
        CREATE INDEX inspection_person_person ON inspection_person(person_id, inspection_id);

        CREATE TABLE finding (
            id TEXT PRIMARY KEY,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            item_code TEXT NOT NULL,
            result TEXT NOT NULL CHECK (result IN ('ok', 'problem', 'not_applicable')),
            cases INTEGER NOT NULL DEFAULT 0 CHECK (cases >= 0),
            deduction REAL NOT NULL DEFAULT 0,
            description TEXT NOT NULL DEFAULT '',
            severity TEXT,
            location TEXT,
            {_COMMON});
        CREATE UNIQUE INDEX finding_item ON finding(inspection_id, item_code);

        -- A submitted inspection and its rows never change (docs/architecture.md, evidence
        -- rules): the store itself refuses, whatever code path tries.
        CREATE TRIGGER inspection_locked_update BEFORE UPDATE ON inspection
            WHEN OLD.status = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER inspection_locked_delete BEFORE DELETE ON inspection
            WHEN OLD.status = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER finding_locked_insert BEFORE INSERT ON finding
            WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER finding_locked_update BEFORE UPDATE ON finding
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER finding_locked_delete BEFORE DELETE ON finding
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER inspection_person_locked BEFORE INSERT ON inspection_person
            WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER inspection_person_locked_delete BEFORE DELETE ON inspection_person
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;


        -- Every local write appends its change here in the same transaction
        -- (docs/architecture.md, sync).
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
            row TEXT NOT NULL, at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent'))
        );
        CREATE INDEX outbox_pending ON outbox(state, seq);

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL, actor TEXT, device_id TEXT NOT NULL,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, action TEXT NOT NULL, digest TEXT
        );
        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
        """
    )


@migrations(name="0002_follow_up")
def _follow_up(db: Database) -> None:
    """Notices and what follows an inspection: events, rectification, recheck, review, conflicts."""
    db.executescript(
        f"""
        CREATE TABLE notice (
            id TEXT PRIMARY KEY,
            number TEXT NOT NULL,
            number_kind TEXT NOT NULL CHECK (number_kind IN ('official', 'provisional')),
            unit_id TEXT NOT NULL REFERENCES unit(id),
            zone_id TEXT REFERENCES zone(id),
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            findings TEXT NOT NULL DEFAULT '[]',
            requirements TEXT NOT NULL DEFAULT '',
            issued_by TEXT REFERENCES person(id),
            issued_at TEXT NOT NULL,
            due_at TEXT NOT NULL,
            cc_units TEXT NOT NULL DEFAULT '[]',
            {_COMMON});
        CREATE UNIQUE INDEX notice_number ON notice(number);
        CREATE INDEX notice_unit ON notice(unit_id, due_at);
        CREATE INDEX notice_inspection ON notice(inspection_id);

        CREATE TABLE notice_event (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL REFERENCES notice(id),
            at TEXT NOT NULL,
            actor TEXT,
            kind TEXT NOT NULL,
            signer TEXT, new_due_at TEXT, note TEXT,
            {_COMMON});
        CREATE INDEX notice_event_notice ON notice_event(notice_id, at);
        CREATE TRIGGER notice_event_append_only BEFORE UPDATE ON notice_event
            BEGIN SELECT RAISE(ABORT, 'notice events are append-only'); END;

        CREATE TABLE rectification (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL REFERENCES notice(id),
            reported_at TEXT NOT NULL, text TEXT NOT NULL DEFAULT '',
            {_COMMON});
        CREATE INDEX rectification_notice ON rectification(notice_id);

        CREATE TABLE recheck (
            id TEXT PRIMARY KEY,
            notice_id TEXT NOT NULL REFERENCES notice(id),
            at TEXT NOT NULL, passed INTEGER NOT NULL, note TEXT,
            {_COMMON});
        CREATE INDEX recheck_notice ON recheck(notice_id);

        CREATE TABLE review (
            id TEXT PRIMARY KEY,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
            comment TEXT, reviewer TEXT, at TEXT NOT NULL,
            {_COMMON});
        CREATE INDEX review_inspection ON review(inspection_id, at);

        CREATE TABLE conflict (
            id TEXT PRIMARY KEY,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            losing_row TEXT NOT NULL, at TEXT NOT NULL
        );
        """
    )


@migrations(name="0003_photos")
def _photos(db: Database) -> None:
    """Photos (exactly one owner each, identified by the SHA-256 of the original) and markup."""
    db.executescript(
        f"""
        CREATE TABLE photo (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL
                CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            inspection_id TEXT REFERENCES inspection(id),
            finding_id TEXT REFERENCES finding(id),
            rectification_id TEXT REFERENCES rectification(id),
            recheck_id TEXT REFERENCES recheck(id),
            role TEXT NOT NULL CHECK (role IN ('evidence', 'before', 'after')),
            taken_at_raw TEXT,
            taken_at TEXT,
            imported_at TEXT NOT NULL,
            gps_lat REAL CHECK (gps_lat BETWEEN -90 AND 90),
            gps_lon REAL CHECK (gps_lon BETWEEN -180 AND 180),
            width INTEGER,
            height INTEGER,
            orientation INTEGER CHECK (orientation BETWEEN 1 AND 8),
            camera TEXT,
            original_name TEXT NOT NULL,
            byte_size INTEGER NOT NULL CHECK (byte_size >= 0),
            format TEXT,
            caption TEXT NOT NULL DEFAULT '',
            {_COMMON},
            -- exactly one owner; a finding only inside its inspection
            CHECK ((inspection_id IS NOT NULL) + (rectification_id IS NOT NULL)
                   + (recheck_id IS NOT NULL) = 1),
            CHECK (finding_id IS NULL OR inspection_id IS NOT NULL)
        );
        CREATE INDEX photo_inspection ON photo(inspection_id, finding_id);
        CREATE INDEX photo_sha256 ON photo(sha256);
        CREATE INDEX photo_rectification ON photo(rectification_id);
        CREATE INDEX photo_recheck ON photo(recheck_id);
        -- the same original is attached to one owner once
        CREATE UNIQUE INDEX photo_owner_sha256 ON photo(
            coalesce(inspection_id, ''), coalesce(finding_id, ''),
            coalesce(rectification_id, ''), coalesce(recheck_id, ''), sha256);

        -- A photo never sits on a finding of another inspection.
        CREATE TRIGGER photo_finding_insert BEFORE INSERT ON photo
            WHEN NEW.finding_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM finding WHERE id = NEW.finding_id
                AND inspection_id IS NEW.inspection_id)
            BEGIN SELECT RAISE(ABORT, 'the finding belongs to another inspection'); END;
        CREATE TRIGGER photo_finding_update BEFORE UPDATE ON photo
            WHEN NEW.finding_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM finding WHERE id = NEW.finding_id
                AND inspection_id IS NEW.inspection_id)
            BEGIN SELECT RAISE(ABORT, 'the finding belongs to another inspection');
            END;

        -- The evidence of a submitted inspection never changes (docs/architecture.md,
        -- evidence rules).
        CREATE TRIGGER photo_locked_insert BEFORE INSERT ON photo
            WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER photo_locked_update BEFORE UPDATE ON photo
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
              OR (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER photo_locked_delete BEFORE DELETE ON photo
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;

        -- Markup drawn over a photo at display time, never into it.
        CREATE TABLE annotation (
            id TEXT PRIMARY KEY,
            photo_id TEXT NOT NULL REFERENCES photo(id),
            author TEXT,
            shapes TEXT NOT NULL DEFAULT '[]',
            {_COMMON});
        CREATE INDEX annotation_photo ON annotation(photo_id);
        """
    )


@migrations(name="0004_sync")
def _sync(db: Database) -> None:
    """Sync bookkeeping: changes the server refused (kept visible), blobs it confirmed holding."""
    db.executescript(
        """
        -- A refused change stays pending but is held back from later batches until the row
        -- changes again or the user asks to retry (local_db/sync_state.py).
        ALTER TABLE outbox ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX outbox_entity ON outbox(entity, entity_id, state);

        -- Why the server refused a row's latest push; cleared when a later push is accepted.
        CREATE TABLE sync_rejection (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            reason TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id)
        );

        -- Originals the server said it holds (answer to blobs/missing, or a completed upload).
        CREATE TABLE sync_blob (sha256 TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
        """
    )


@migrations(name="0005_receipts")
def _receipts(db: Database) -> None:
    """When the server received each row (its own clock), beside the device's times."""
    db.executescript(
        """
        -- One per synced row: the server's receipt time of the version held here, and how far
        -- the sending device's clock was ahead of the server's (its updated_at minus the receipt,
        -- in seconds; positive beyond a tolerance means a clock set wrong) or the skew the
        -- server reported for a push from this laptop. local_db/receipts.py.
        CREATE TABLE receipt (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            clock_skew_seconds REAL,
            PRIMARY KEY (entity, entity_id)
        );
        """
    )


@migrations(name="0006_follow_up_photos")
def _follow_up_photos(db: Database) -> None:
    """An after-photo (整改回执) or recheck photo names the problem it shows, so each problem's
    before and after stand side by side."""
    db.executescript(
        """
        ALTER TABLE photo ADD COLUMN about_finding_id TEXT REFERENCES finding(id);
        CREATE INDEX photo_about_finding ON photo(about_finding_id);
        """
    )


@migrations(name="0007_quarantine")
def _quarantine(db: Database) -> None:
    """Pulled changes this laptop could not apply, set aside so the rest of a sync goes on."""
    db.executescript(
        """
        -- One per row: the latest version of it the server sent that could not be applied
        -- here (local_db/sync_state.py), with why. Cleared when a later version applies.
        CREATE TABLE quarantine (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            seq INTEGER, op TEXT,
            row TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id)
        );
        """
    )


@migrations(name="0008_photo_time_source")
def _photo_time_source(db: Database) -> None:
    """Which of a photo file's fields gave its capture time: exif_original (DateTimeOriginal),
    exif_datetime (IFD0 DateTime), gps (the GPS time stamp, UTC), xmp, or none. Rows imported
    before keep NULL: not recorded."""
    db.executescript("ALTER TABLE photo ADD COLUMN taken_at_source TEXT;")


@migrations(name="0009_org_settings")
def _org_settings(db: Database) -> None:
    """The office's settings, one synced record held by the server (domain/org_settings.py).
    What each laptop kept in QSettings before is not copied here: the server's record (its seed,
    then what admins save) is the one every laptop uses; an admin's editor offers this laptop's
    old values while the server holds none (app/shell/org_dialog.py)."""
    db.executescript(
        """
        CREATE TABLE org_settings (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            device_id TEXT NOT NULL, rev INTEGER NOT NULL,
            office_name TEXT NOT NULL,
            office_phone TEXT NOT NULL DEFAULT '',
            office_address TEXT NOT NULL DEFAULT '',
            notice_prefix TEXT NOT NULL,
            office_hours TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            extra_holidays TEXT NOT NULL DEFAULT '[]',
            extra_workdays TEXT NOT NULL DEFAULT '[]',
            full_score REAL NOT NULL,
            overdue_penalty REAL NOT NULL,
            failed_recheck_penalty REAL NOT NULL,
            excellent_from REAL NOT NULL,
            good_from REAL NOT NULL,
            pass_from REAL NOT NULL,
            bulletin_title TEXT NOT NULL DEFAULT '',
            updated_by TEXT
        );
        """
    )


@migrations(name="0010_conflicts")
def _conflicts(db: Database) -> None:
    """Conflicts both ways (local_db/conflicts.py): beside the losing version, the version that
    won, what kind of clash it was, where this laptop learnt of it (a pull, the server's answer
    to its push, or the server's list of what it lost), and the server's id of the conflict."""
    db.executescript(
        """
        ALTER TABLE conflict ADD COLUMN winning_row TEXT;
        ALTER TABLE conflict ADD COLUMN kind TEXT NOT NULL DEFAULT 'concurrent_edit';
        ALTER TABLE conflict ADD COLUMN origin TEXT NOT NULL DEFAULT 'pull';
        ALTER TABLE conflict ADD COLUMN server_id TEXT;
        CREATE UNIQUE INDEX conflict_server ON conflict(server_id);
        CREATE INDEX conflict_row ON conflict(entity, entity_id);
        """
    )


@migrations(name="0011_fast_start")
def _fast_start(db: Database) -> None:
    """Indexes that keep their plans whatever ANALYZE finds. The review queue
    (local_db/queries.py) asks, for every row it shows, whether a submitted correction
    supersedes it (amends_id = ?) and what its latest review says. Nearly every amends_id is
    NULL, so once analysed SQLite counted the whole table as one value of the old index and
    scanned the table per row instead (3.2–3.8 s on 100,000 inspections). Only rows that amend
    something are indexed now, so the index stays small and is always chosen; any
    `amends_id = ?` implies the index's condition. The latest review of an inspection is read
    from an index that holds its decision. The sync status (shown at start-up) counts the
    changes waiting to be sent from an index of just those: the outbox keeps every change sent,
    and once analysed SQLite walked all of them (170–210 ms on 1.2 million)."""
    db.executescript(
        """
        CREATE INDEX outbox_waiting ON outbox(entity, entity_id)
            WHERE state = 'pending' AND rejected = 0;
        DROP INDEX inspection_amends;
        CREATE INDEX inspection_amends ON inspection(amends_id, status)
            WHERE amends_id IS NOT NULL;
        DROP INDEX review_inspection;
        CREATE INDEX review_latest ON review(inspection_id, at, id, decision);
        """
    )


@migrations(name="0012_flag_rules")
def _flag_rules(db: Database) -> None:
    """The office's lines for flags and boards (domain/assessment.py Rules): 黄旗 and 黑榜 only
    below `shame_below`; 流动红旗 only with 按期整改率 ≥ `red_on_time_from` % and 返工率 ≤
    `red_rework_up_to` %. A record kept before gets the defaults of this version."""
    db.executescript(
        """
        ALTER TABLE org_settings ADD COLUMN shame_below REAL NOT NULL DEFAULT 80;
        ALTER TABLE org_settings ADD COLUMN red_on_time_from REAL NOT NULL DEFAULT 80;
        ALTER TABLE org_settings ADD COLUMN red_rework_up_to REAL NOT NULL DEFAULT 20;
        """
    )


@migrations(name="0013_photos_waiting")
def _photos_waiting(db: Database) -> None:
    """The originals the server has not confirmed holding, kept as they change: the sync
    status (refreshed after every change and sync) counted them by looking every photo's
    original up among those confirmed (sync_blob), 50–150 ms at 150,000 photos. Triggers keep
    the list: a photo added whose original is not confirmed joins it, a confirmation removes
    it, the last photo of an original gone removes it, a confirmation withdrawn puts it back."""
    db.executescript(
        """
        CREATE TABLE photo_waiting (sha256 TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO photo_waiting
            SELECT DISTINCT sha256 FROM photo WHERE sha256 NOT IN (SELECT sha256 FROM sync_blob);

        CREATE TRIGGER photo_waiting_insert AFTER INSERT ON photo
            WHEN NOT EXISTS (SELECT 1 FROM sync_blob WHERE sha256 = NEW.sha256)
            BEGIN INSERT OR IGNORE INTO photo_waiting(sha256) VALUES (NEW.sha256); END;
        CREATE TRIGGER photo_waiting_update AFTER UPDATE OF sha256 ON photo
            BEGIN
                DELETE FROM photo_waiting WHERE sha256 = OLD.sha256
                    AND NOT EXISTS (SELECT 1 FROM photo WHERE sha256 = OLD.sha256);
                INSERT OR IGNORE INTO photo_waiting(sha256) SELECT NEW.sha256
                    WHERE NOT EXISTS (SELECT 1 FROM sync_blob WHERE sha256 = NEW.sha256);
            END;
        CREATE TRIGGER photo_waiting_delete AFTER DELETE ON photo
            BEGIN
                DELETE FROM photo_waiting WHERE sha256 = OLD.sha256
                    AND NOT EXISTS (SELECT 1 FROM photo WHERE sha256 = OLD.sha256);
            END;
        CREATE TRIGGER photo_waiting_confirmed AFTER INSERT ON sync_blob
            BEGIN DELETE FROM photo_waiting WHERE sha256 = NEW.sha256; END;
        CREATE TRIGGER photo_waiting_unconfirmed AFTER DELETE ON sync_blob
            WHEN EXISTS (SELECT 1 FROM photo WHERE sha256 = OLD.sha256)
            BEGIN INSERT OR IGNORE INTO photo_waiting(sha256) VALUES (OLD.sha256); END;
        """
    )


@migrations(name="0014_plan_assignments")
def _plan_assignments(db: Database) -> None:
    """This user's visit-plan assignments as the server last answered them
    (local_db/plan_assignments.py): only their own, only up to tomorrow; replaced whole at each
    sync, never sent back (no outbox). And, on the office's laptops, each plan whose seed was
    revealed, whole as the server published it, for `ducha verify-plan --period`."""
    db.executescript(
        """
        CREATE TABLE plan_assignment (
            id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, period TEXT NOT NULL,
            day TEXT NOT NULL, team INTEGER NOT NULL, seat INTEGER NOT NULL,
            inspector_id TEXT NOT NULL, zone_id TEXT NOT NULL, unit_id TEXT NOT NULL,
            template_id TEXT, mode TEXT NOT NULL, received_at TEXT NOT NULL);
        CREATE INDEX plan_assignment_day ON plan_assignment(day);
        CREATE TABLE revealed_plan (
            period TEXT PRIMARY KEY, seed_commitment TEXT NOT NULL, record TEXT NOT NULL,
            received_at TEXT NOT NULL);
        """
    )


@migrations(name="0015_media")
def _media(db: Database) -> None:
    """Video and audio evidence (视频曝光) ride on the photo row (docs/architecture.md, media):
    what it is, how long it runs, its codec; a still grabbed from a video names that video and
    the offset; the office's size limit for one recording (NULL: the default, 2 GB)."""
    db.executescript(
        """
        ALTER TABLE photo ADD COLUMN media_type TEXT NOT NULL DEFAULT 'image'
            CHECK (media_type IN ('image', 'video', 'audio'));
        ALTER TABLE photo ADD COLUMN duration_ms INTEGER CHECK (duration_ms >= 0);
        ALTER TABLE photo ADD COLUMN codec TEXT;
        ALTER TABLE photo ADD COLUMN source_photo_id TEXT REFERENCES photo(id);
        ALTER TABLE photo ADD COLUMN source_offset_ms INTEGER CHECK (source_offset_ms >= 0);
        CREATE INDEX photo_media_type ON photo(media_type) WHERE media_type != 'image';
        ALTER TABLE org_settings ADD COLUMN max_media_bytes INTEGER;
        """
    )


@migrations(name="0016_notice_transfer")
def _notice_transfer(db: Database) -> None:
    """改派, 推诿 and 延期申请 (domain/lifecycle.py): the unit responsible when the event happened
    and, for a transfer, the unit the notice goes to; 推诿 is counted per unit by SQL
    (kind = 'dispute_refused' GROUP BY from_unit_id)."""
    db.executescript(
        """
        ALTER TABLE notice_event ADD COLUMN from_unit_id TEXT REFERENCES unit(id);
        ALTER TABLE notice_event ADD COLUMN to_unit_id TEXT REFERENCES unit(id);
        CREATE INDEX notice_event_kind_unit ON notice_event(kind, from_unit_id)
            WHERE from_unit_id IS NOT NULL;
        """
    )


# -- 0017_cases (issue 15, 问题来源) ------------------------------------------------------------
_NOTICE_FROM_INSPECTION = "inspection_id TEXT NOT NULL REFERENCES inspection(id)"
_PHOTO_OWNERS = """CHECK ((inspection_id IS NOT NULL) + (rectification_id IS NOT NULL)
                   + (recheck_id IS NOT NULL) = 1)"""


def _loosen(db: Database, table: str, old: str, new: str) -> None:
    """Rewrite a constraint of `table` in place, as SQLite documents for changes that leave
    the stored rows as they are (sqlite.org/lang_altertable.html, section 7): the rows already
    meet the new constraint, so nothing is copied and no table is rebuilt."""
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()
    if old not in sql:
        raise RuntimeError(f"0017_cases: the {table} table is not as 0001-0016 left it")
    (version,) = db.execute("PRAGMA schema_version").fetchone()
    db.execute("PRAGMA writable_schema = ON")
    db.execute(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        [sql.replace(old, new), table],
    )
    db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    db.execute("PRAGMA writable_schema = OFF")


@migrations(name="0017_cases")
def _cases(db: Database) -> None:
    """Problems from other sources (domain/cases.py): the case, imported and triaged; a notice
    from a case (source, case_id; then no inspection); a case's photos (a fourth owner)."""
    db.executescript(
        f"""
        CREATE TABLE problem_case (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL
                CHECK (source IN ('hotline', 'snapshot', 'media', 'leader', 'third_party')),
            ticket_no TEXT NOT NULL,
            received_at TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            unit_id TEXT REFERENCES unit(id),
            zone_id TEXT REFERENCES zone(id),
            triage TEXT NOT NULL DEFAULT 'pending'
                CHECK (triage IN ('pending', 'assigned', 'merged', 'closed')),
            notice_id TEXT,
            triage_note TEXT,
            triaged_by TEXT,
            triaged_at TEXT,
            file_name TEXT,
            file_sha256 TEXT,
            {_COMMON});
        CREATE UNIQUE INDEX problem_case_ticket ON problem_case(source, ticket_no);
        CREATE INDEX problem_case_triage ON problem_case(triage, received_at);
        CREATE INDEX problem_case_notice ON problem_case(notice_id);

        ALTER TABLE notice ADD COLUMN source TEXT NOT NULL DEFAULT 'inspection'
            CHECK (source IN ('inspection', 'hotline', 'snapshot', 'media', 'leader',
                              'third_party'));
        ALTER TABLE notice ADD COLUMN case_id TEXT REFERENCES problem_case(id);
        CREATE INDEX notice_case ON notice(case_id);

        ALTER TABLE photo ADD COLUMN case_id TEXT REFERENCES problem_case(id);
        CREATE INDEX photo_case ON photo(case_id);
        -- the same original is attached to one owner once: a case is an owner too
        DROP INDEX photo_owner_sha256;
        CREATE UNIQUE INDEX photo_owner_sha256 ON photo(
            coalesce(inspection_id, ''), coalesce(finding_id, ''),
            coalesce(rectification_id, ''), coalesce(recheck_id, ''), coalesce(case_id, ''),
            sha256);
        """
    )
    _loosen(db, "notice", _NOTICE_FROM_INSPECTION, "inspection_id TEXT REFERENCES inspection(id)")
    _loosen(
        db,
        "photo",
        _PHOTO_OWNERS,
        """CHECK ((inspection_id IS NOT NULL) + (rectification_id IS NOT NULL)
                   + (recheck_id IS NOT NULL) + (case_id IS NOT NULL) = 1)""",
    )


@migrations(name="0018_duty_checks")
def _duty_checks(db: Database) -> None:
    """马路办公 (domain/duty.py): one duty check per inspection of a road segment, synced. It
    locks with its inspection like a finding: once submitted, nothing is added, changed or
    removed — except that a check recorded while the inspection was a draft (its times not
    after the inspection's finish) may still arrive from the server after the lock: it is not
    in the digest, so a pull may bring it on a later page than the submitted inspection."""
    db.executescript(
        f"""
        CREATE TABLE duty_check (
            id TEXT PRIMARY KEY,
            inspection_id TEXT NOT NULL REFERENCES inspection(id),
            zone_id TEXT NOT NULL REFERENCES zone(id),
            status TEXT NOT NULL CHECK (status IN ('on_duty', 'off_duty', 'unverified')),
            chief_name TEXT,
            checked_at TEXT NOT NULL,
            photo_id TEXT REFERENCES photo(id),
            note TEXT NOT NULL DEFAULT '',
            {_COMMON});
        CREATE UNIQUE INDEX duty_check_inspection ON duty_check(inspection_id);
        CREATE INDEX duty_check_zone ON duty_check(zone_id, checked_at);
        CREATE TRIGGER duty_check_locked_insert BEFORE INSERT ON duty_check
            WHEN (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
             AND NEW.updated_at > coalesce(
                (SELECT finished_at FROM inspection WHERE id = NEW.inspection_id), '')
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER duty_check_locked_update BEFORE UPDATE ON duty_check
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
              OR (SELECT status FROM inspection WHERE id = NEW.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        CREATE TRIGGER duty_check_locked_delete BEFORE DELETE ON duty_check
            WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id) = 'submitted'
            BEGIN SELECT RAISE(ABORT, 'submitted inspection is locked'); END;
        """
    )


@migrations(name="0019_composite")
def _composite(db: Database) -> None:
    """The composite assessment of a quarter and a year (domain/composite.py): the office's
    configuration on its settings record ("": the default), and the imported components, one
    synced row per (component, period) whose history keeps the imports it replaced
    (domain/assessment_import.py, local_db/assessment_imports.py)."""
    db.executescript(
        """
        ALTER TABLE org_settings ADD COLUMN composite TEXT NOT NULL DEFAULT '';
        CREATE TABLE assessment_import (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            device_id TEXT NOT NULL, rev INTEGER NOT NULL,
            component TEXT NOT NULL
                CHECK (component IN ('third_party', 'survey', 'special', 'professional')),
            period TEXT NOT NULL,
            scores TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            imported_by TEXT,
            imported_at TEXT NOT NULL,
            history TEXT NOT NULL DEFAULT '[]',
            UNIQUE (component, period)
        );
        """
    )


@migrations(name="0020_unit_active")
def _unit_active(db: Database) -> None:
    """A unit can be retired (issue 16, the server's `unit retire`): its zones are not offered
    for a new inspection; records made before keep showing it."""
    db.executescript("ALTER TABLE unit ADD COLUMN active INTEGER NOT NULL DEFAULT 1;")


@migrations(name="0021_template_retired")
def _template_retired(db: Database) -> None:
    """A template version the office retired (issue 16): a new inspection cannot choose it;
    the inspections made with it keep it. Pulled like any column (local_db/pulled_rows.py)."""
    db.executescript("ALTER TABLE template ADD COLUMN retired_at TEXT;")


@migrations(name="0022_bundles")
def _bundles(db: Database) -> None:
    """USB-stick sync bundles (issue 17). `bundle_batch`: outbox ranges a bundle carries, pushed
    online under the same batch ids until answered (local_db/sync_state.py next_batch), so the
    server answers a bundle that arrives after its changes went online from what it remembers.
    `bundle_export`: the bundles this laptop wrote, for their answers (app/bundle/)."""
    db.executescript(
        """
        CREATE TABLE bundle_batch (
            first_seq INTEGER PRIMARY KEY,
            last_seq INTEGER NOT NULL,
            batch_id TEXT NOT NULL UNIQUE
        );
        CREATE TABLE bundle_export (
            bundle_id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            cursor INTEGER NOT NULL,
            batches TEXT NOT NULL,
            blobs INTEGER NOT NULL,
            answered_at TEXT
        );
        """
    )


@migrations(name="0023_updates")
def _updates(db: Database) -> None:
    """Updates offered by the county's server (issue 17; local_db/updates.py): the newest
    release the server offered at the last sync (at most one row), its signed manifest, and
    where its download stands: offered, verified (the file at `path`), refused (`refusal`: the
    code of why, app/updates/core.py words it)."""
    db.executescript(
        """
        CREATE TABLE update_offer (
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            platform TEXT NOT NULL,
            file_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            signed TEXT NOT NULL,
            offered_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'offered'
                CHECK (state IN ('offered', 'verified', 'refused')),
            path TEXT,
            refusal TEXT
        );
        """
    )


@migrations(name="0024_refusal_codes")
def _refusal_codes(db: Database) -> None:
    """A refused change keeps the server's reason code beside its text (issue 16 mends): the
    laptop says it in the user's language (app/sync/refusal_reasons.py). NULL for refusals
    stored before: their text is shown."""
    db.executescript("ALTER TABLE sync_rejection ADD COLUMN code TEXT;")


def known_names() -> list[str]:
    """Every step this version of the code knows, in order."""
    return [m.name for m in migrations.pending(Database(memory=True))]
