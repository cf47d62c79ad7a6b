"""The sync's decision on one pulled change (domain/sync_decision.py), rule by rule: one row per
case, read as "pulled …, here …, waiting …: outcome"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from domain.sync_decision import ACCEPT, Decision, Outcome, Pending, decide, judge_push

EARLY, LATE = "2026-11-20T02:00:00.000000Z", "2026-11-20T03:00:00.000000Z"


def version(rev: int = 2, at: str = EARLY, device: str = "dev-a", **fields: Any) -> dict:
    """A version of the row r-1 as the store and the wire carry it."""
    return {
        "id": "r-1",
        "rev": rev,
        "updated_at": at,
        "device_id": device,
        "name": "人民路",
        **fields,
    }


def upsert(entity: str = "zone", **fields: Any) -> dict:
    return {"entity": entity, "id": "r-1", "op": "upsert", "row": version(**fields)}


def delete(entity: str = "zone", row: dict | None = None) -> dict:
    """A delete: bare (no rev) unless it carries the row it deletes."""
    return {"entity": entity, "id": "r-1", "op": "delete", "row": row or {}}


def waiting(row: dict, op: str = "upsert") -> Pending:
    return Pending(op, row)


@dataclass(frozen=True)
class Case:
    title: str
    change: dict
    local: dict | None
    pending: Pending | None
    expected: Decision
    echo: bool = False


INSPECTION_HERE = version(status="draft", digest=None)
CASES = [
    # 1. nothing new
    Case("pulled upsert equal to the row here", upsert(), version(), None, Decision(Outcome.SAME)),
    Case(
        "pulled upsert equal to the row here, a column this store lacks aside",
        upsert(server_note="x"),
        version(),
        None,
        Decision(Outcome.SAME),
    ),
    Case(
        "pulled photo equal to the one here: the server holds its original",
        upsert("photo", sha256="ab" * 32),
        version(sha256="ab" * 32),
        None,
        Decision(Outcome.SAME, confirms_blob=True),
    ),
    Case(
        "equal, even with local edits waiting (they made the same row)",
        upsert(),
        version(),
        waiting(version()),
        Decision(Outcome.SAME),
    ),
    Case("pulled delete of a row not here", delete(), None, None, Decision(Outcome.GONE)),
    Case(
        "pulled delete of a row deleted here, the delete still waiting",
        delete(),
        None,
        waiting(version(), "delete"),
        Decision(Outcome.GONE),
    ),
    # 2. no local edits, the row here is newer: an older snapshot from the log
    Case(
        "here a higher rev",
        upsert(rev=2, name="旧名"),
        version(rev=3),
        None,
        Decision(Outcome.OLDER),
    ),
    Case(
        "same rev, here the later updated_at",
        upsert(at=EARLY, name="旧名"),
        version(at=LATE),
        None,
        Decision(Outcome.OLDER),
    ),
    Case(
        "same rev and time, here the larger device id",
        upsert(device="dev-a", name="旧名"),
        version(device="dev-b"),
        None,
        Decision(Outcome.OLDER),
    ),
    Case(
        "a delete carrying an older version of the row here",
        delete(row=version(rev=1)),
        version(rev=2),
        None,
        Decision(Outcome.OLDER),
    ),
    Case(
        "an older photo: skipped, nothing said about its original",
        upsert("photo", rev=1, sha256="cd" * 32),
        version(rev=2, sha256="ab" * 32),
        None,
        Decision(Outcome.OLDER),
    ),
    # 3. local edits waiting: a concurrent edit
    Case(
        "our own snapshot coming back",
        upsert(rev=2, name="旧名"),
        version(rev=3),
        waiting(version(rev=3)),
        Decision(Outcome.ECHO),
        echo=True,
    ),
    Case(
        "ours wins by rev: the pulled version is kept as the loser",
        upsert(rev=2, name="他们的"),
        version(rev=3),
        waiting(version(rev=3)),
        Decision(Outcome.KEEP_LOCAL, losing={**version(rev=2, name="他们的"), "_op": "upsert"}),
    ),
    Case(
        "ours wins by updated_at",
        upsert(at=EARLY, name="他们的"),
        version(at=LATE),
        waiting(version(at=LATE)),
        Decision(Outcome.KEEP_LOCAL, losing={**version(at=EARLY, name="他们的"), "_op": "upsert"}),
    ),
    Case(
        "ours wins the device id tie-break",
        upsert(device="dev-a", name="他们的"),
        version(device="dev-b"),
        waiting(version(device="dev-b")),
        Decision(
            Outcome.KEEP_LOCAL, losing={**version(device="dev-a", name="他们的"), "_op": "upsert"}
        ),
    ),
    Case(
        "our waiting delete (the row gone here) wins against an older upsert",
        upsert(rev=2, name="他们的"),
        None,
        waiting(version(rev=3), "delete"),
        Decision(Outcome.KEEP_LOCAL, losing={**version(rev=2, name="他们的"), "_op": "upsert"}),
    ),
    Case(
        "a photo we keep: nothing said about the pulled one's original",
        upsert("photo", rev=2, sha256="cd" * 32),
        version(rev=3, sha256="ab" * 32),
        waiting(version(rev=3, sha256="ab" * 32)),
        Decision(
            Outcome.KEEP_LOCAL,
            losing={**version(rev=2, sha256="cd" * 32), "_op": "upsert"},
        ),
    ),
    Case(
        "theirs wins by rev: applied, ours kept as the loser",
        upsert(rev=4, name="他们的"),
        version(rev=3),
        waiting(version(rev=3)),
        Decision(Outcome.TAKE_PULLED, losing={**version(rev=3), "_op": "upsert"}),
    ),
    Case(
        "theirs wins by updated_at",
        upsert(at=LATE, name="他们的"),
        version(at=EARLY),
        waiting(version(at=EARLY)),
        Decision(Outcome.TAKE_PULLED, losing={**version(at=EARLY), "_op": "upsert"}),
    ),
    Case(
        "theirs wins the device id tie-break",
        upsert(device="dev-b", name="他们的"),
        version(device="dev-a"),
        waiting(version(device="dev-a")),
        Decision(Outcome.TAKE_PULLED, losing={**version(device="dev-a"), "_op": "upsert"}),
    ),
    Case(
        "a bare delete from the server wins against our edit",
        delete(),
        version(rev=5),
        waiting(version(rev=5)),
        Decision(Outcome.TAKE_PULLED, losing={**version(rev=5), "_op": "upsert"}),
    ),
    Case(
        "a bare delete is never taken for our own snapshot",
        delete(),
        version(rev=5),
        waiting(version(rev=5)),
        Decision(Outcome.TAKE_PULLED, losing={**version(rev=5), "_op": "upsert"}),
        echo=True,
    ),
    Case(
        "a newer upsert against our waiting delete: our deleted version is the loser",
        upsert(rev=4, name="他们的"),
        None,
        waiting(version(rev=3), "delete"),
        Decision(Outcome.TAKE_PULLED, losing={**version(rev=3), "_op": "delete"}),
    ),
    # 4. new to this laptop
    Case("a row not here", upsert(), None, None, Decision(Outcome.APPLY)),
    Case(
        "here an older rev",
        upsert(rev=3, name="新名"),
        version(rev=2),
        None,
        Decision(Outcome.APPLY),
    ),
    Case(
        "same rev, pulled the later updated_at",
        upsert(at=LATE, name="新名"),
        version(at=EARLY),
        None,
        Decision(Outcome.APPLY),
    ),
    Case(
        "same rev and time, pulled the larger device id",
        upsert(device="dev-b", name="新名"),
        version(device="dev-a"),
        None,
        Decision(Outcome.APPLY),
    ),
    Case("a bare delete of a row here", delete(), version(), None, Decision(Outcome.APPLY)),
    Case(
        "a new photo: the server holds its original",
        upsert("photo", sha256="ab" * 32),
        None,
        None,
        Decision(Outcome.APPLY, confirms_blob=True),
    ),
    Case("a photo deleted", delete("photo"), version(), None, Decision(Outcome.APPLY)),
    # submitted inspections: written as drafts, locked once their rows are in
    Case(
        "a submitted inspection new here",
        upsert("inspection", status="submitted", digest="d1"),
        None,
        None,
        Decision(Outcome.APPLY, lock=True),
    ),
    Case(
        "a draft here arrives submitted",
        upsert("inspection", rev=3, status="submitted", digest="d1"),
        INSPECTION_HERE,
        None,
        Decision(Outcome.APPLY, lock=True),
    ),
    Case(
        "a draft with our edits waiting arrives submitted and wins",
        upsert("inspection", rev=3, status="submitted", digest="d1"),
        INSPECTION_HERE,
        waiting(INSPECTION_HERE),
        Decision(Outcome.TAKE_PULLED, losing={**INSPECTION_HERE, "_op": "upsert"}, lock=True),
    ),
    Case(
        "submitted here already: written as it is, no second lock",
        upsert("inspection", rev=3, status="submitted", digest="d2"),
        version(status="submitted", digest="d1"),
        None,
        Decision(Outcome.APPLY),
    ),
    Case(
        "a draft inspection is not locked",
        upsert("inspection", rev=3, status="draft", digest=None, name="新名"),
        INSPECTION_HERE,
        None,
        Decision(Outcome.APPLY),
    ),
    Case(
        "a submitted inspection deleted: no lock",
        delete("inspection", row=version(rev=3, status="submitted")),
        INSPECTION_HERE,
        None,
        Decision(Outcome.APPLY),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_decide(case: Case) -> None:
    assert decide(case.change, case.local, case.pending, echo=case.echo) == case.expected


def test_every_outcome_has_its_case() -> None:
    assert {c.expected.outcome for c in CASES} == set(Outcome)


def test_skips_write_nothing_and_keep_nothing() -> None:
    for outcome in Outcome:
        assert outcome.skips == (not outcome.writes and outcome is not Outcome.KEEP_LOCAL)


# -- the server's side: judge_push ---------------------------------------------------------------
def _row(rev: int, at: str = "2026-11-21T09:00:00.000000Z", device: str = "d1") -> dict:
    return {"id": "r", "rev": rev, "updated_at": at, "device_id": device}


def test_a_change_made_on_the_version_held_is_accepted():
    assert judge_push("upsert", _row(3), 2, _row(2)) == ACCEPT
    assert judge_push("upsert", _row(1), 0, None) == ACCEPT
    assert judge_push("delete", _row(2), 2, _row(2)) == ACCEPT


def test_a_lower_rev_made_on_an_older_base_is_still_a_concurrent_edit():
    """Twice on A (rev 3), once on B (rev 2), B first: comparing revs alone let A overwrite
    B silently; the base (1) says A never saw B's edit."""
    judged = judge_push("upsert", _row(3), 1, _row(2, device="d2"))
    assert judged.concurrent and judged.incoming_wins
    judged = judge_push("upsert", _row(2, device="d2"), 1, _row(3))
    assert judged.concurrent and not judged.incoming_wins


def test_delete_against_edit_the_delete_wins_both_ways():
    judged = judge_push("delete", _row(1), 1, _row(2, device="d2"))
    assert judged.concurrent and judged.incoming_wins
    judged = judge_push("upsert", _row(2), 1, None, deleted=True)
    assert judged.concurrent and not judged.incoming_wins
    assert not judge_push("upsert", _row(1), 0, None, deleted=True).concurrent  # a new row


def test_without_a_base_the_rev_alone_decides():
    assert not judge_push("upsert", _row(3), None, _row(2)).concurrent
    judged = judge_push("upsert", _row(2, at="2000-01-01T00:00:00.000000Z"), None, _row(2))
    assert judged.concurrent and not judged.incoming_wins
