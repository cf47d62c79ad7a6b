"""Pushes side by side (server/sync.py push, under server/db.write_lock): many laptops pushing
at one moment through two server processes on PostgreSQL (one process on SQLite) get the answers
one at a time would give: no edit lost without a conflict, a puller never skipping a change, one
row made once, a replayed batch applied once, and no notice number handed out twice. A narrower
lock must keep passing these (a copy without row locks lost 4 of 8 edits and gave 24 notices 9
numbers)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from domain.ids import new_id
from domain.numbering import provisional_number
from domain.wire import change
from server.db import ENTITY_TABLES, change_log, conflict
from tests.server import rows
from tests.server.rows import changes, pull_all, pull_while, push

PUSHERS = 8


def _bases(server) -> list[str]:
    """Two server processes on PostgreSQL, the one process on SQLite."""
    if server.backend == "postgresql" and len(server.bases) < 2:
        server.start()
    return server.bases if server.backend == "postgresql" else [server.base]


def _users(server, count: int) -> list[str]:
    names = [f"pl{i}" for i in range(count)]
    for name in names:
        if name not in server.users:
            server.add_user(name, "inspector", "A")
    return names


def _at_once(work: list[Callable[[], Any]]) -> list[Any]:
    """Run each callable on its own thread, all released at one moment; their results."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(30)
            results[i] = work[i]()
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    return results


def test_concurrent_edits_of_the_same_rows_each_win_or_are_kept_as_conflicts(server):
    names = _users(server, PUSHERS)
    bases = _bases(server)
    lead = server.session(names[0])
    bundle = rows.inspection(server, "A", server.users[names[0]], "dev-pl-0", findings=3)
    bundle["persons"] += [
        rows.stamp(
            "dev-pl-0", inspection_id=bundle["inspection"]["id"], person_id=server.users[n], lead=0
        )
        for n in names[1:]
    ]
    answer = push(lead, server.base, "dev-pl-0", changes(bundle))
    assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    sessions = [server.session(n, bases[i % len(bases)]) for i, n in enumerate(names)]

    def edit(i: int) -> Callable[[], dict]:
        device = f"dev-pl-{i}"
        edited = [
            dict(f, description=f"edit {i} of {f['id']}", rev=2, device_id=device)
            for f in bundle["findings"]
        ]
        items = [{**change("finding", f), "base_rev": 1} for f in edited]
        return lambda: push(sessions[i], bases[i % len(bases)], device, items)

    answers = _at_once([edit(i) for i in range(PUSHERS)])
    for answer in answers:
        assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
    engine = server.engine()
    finding = ENTITY_TABLES["finding"]
    with engine.connect() as conn:
        for f in bundle["findings"]:
            held = json.loads(
                conn.execute(sa.select(finding.c.row).where(finding.c.id == f["id"])).scalar_one()
            )
            kept = [
                json.loads(text)["description"]
                for (text,) in conn.execute(
                    sa.select(conflict.c.losing_row).where(conflict.c.entity_id == f["id"])
                )
            ]
            written = {f"edit {i} of {f['id']}" for i in range(PUSHERS)}
            # every edit is either the row held or a losing version kept for the office
            assert written <= {held["description"], *kept}, (held["description"], kept)
            # one winner, the others each kept once
            assert len(kept) == PUSHERS - 1 and held["description"] not in kept
    engine.dispose()


def test_a_puller_beside_many_pushers_misses_nothing(server):
    names = _users(server, PUSHERS)
    bases = _bases(server)
    puller = server.session("office", bases[-1])
    start = pull_all(puller, bases[-1], limit=1000)[1]
    done = threading.Event()
    seen: list[tuple[int, str]] = []
    pull_errors: list[BaseException] = []

    def pull_loop() -> None:
        try:
            pull_while(puller, bases[-1], start, done, seen, limit=9, pause=0.002)
        except BaseException as exc:
            pull_errors.append(exc)

    def pusher(i: int) -> Callable[[], None]:
        s = server.session(names[i], bases[i % len(bases)])  # logged in before the start

        def run() -> None:
            for _ in range(6):
                made = rows.inspection(server, "A", server.users[names[i]], f"dev-pl-{i}")
                answer = push(s, bases[i % len(bases)], f"dev-pl-{i}", changes(made))
                assert {r["status"] for r in answer["results"]} == {"accepted"}, answer

        return run

    reader = threading.Thread(target=pull_loop)
    reader.start()
    _at_once([pusher(i) for i in range(PUSHERS)])
    done.set()
    reader.join(120)
    assert not pull_errors, pull_errors
    engine = server.engine()
    with engine.connect() as conn:
        logged = [
            (int(s), i)
            for s, i in conn.execute(
                sa.select(change_log.c.seq, change_log.c.entity_id)
                .where(change_log.c.seq > start)
                .order_by(change_log.c.seq)
            )
        ]
    engine.dispose()
    assert len(logged) >= PUSHERS * 6 * 4
    assert seen == logged  # every change once, in seq order, none skipped


def _serial_then_concurrent(server, make: Callable[[int], list[Callable[[], dict]]]) -> None:
    """The answers of pushes made one after another, and of the same pushes (on new ids) made
    at one moment, are the same, up to which of them came first."""

    def shape(answer: dict) -> tuple:
        results = [
            (r["status"], r.get("code"), bool(r.get("conflict")), bool(r.get("lost")))
            for r in answer["results"]
        ]
        return (*results, bool(answer.get("replayed")))

    serial = sorted(shape(work()) for work in make(0))
    concurrent = sorted(shape(answer) for answer in _at_once(make(1)))
    assert concurrent == serial, (concurrent, serial)


def test_the_same_new_row_from_several_laptops_at_once_answers_as_one_at_a_time(server):
    names = _users(server, 4)
    bases = _bases(server)
    sessions = {n: server.session(n, bases[i % len(bases)]) for i, n in enumerate(names)}

    def make(round_: int) -> list[Callable[[], dict]]:
        ident = new_id()
        work = []
        for i, name in enumerate(names):
            device = f"dev-pl-{i}"
            made = rows.inspection(server, "A", server.users[name], device, findings=0)
            made["inspection"]["id"] = ident
            made["persons"][0]["inspection_id"] = ident
            base = bases[i % len(bases)]
            items = changes(made)
            work.append(lambda s=sessions[name], b=base, d=device, c=items: push(s, b, d, c))
        return work

    _serial_then_concurrent(server, make)


def test_one_batch_sent_again_at_once_is_applied_once(server):
    names = _users(server, 1)
    bases = _bases(server)
    s = server.session(names[0])

    def make(round_: int) -> list[Callable[[], dict]]:
        made = rows.inspection(server, "A", server.users[names[0]], "dev-pl-0")
        batch = new_id()
        targets = [bases[i % len(bases)] for i in range(PUSHERS)]
        return [lambda b=b: push(s, b, "dev-pl-0", changes(made), batch) for b in targets]

    _serial_then_concurrent(server, make)


def test_notice_numbers_handed_out_at_once_are_never_the_same(server):
    names = _users(server, PUSHERS)
    bases = _bases(server)

    def pusher(i: int) -> Callable[[], list[str]]:
        device = f"dev-pl-{i}"
        made = rows.inspection(server, "A", server.users[names[i]], device, findings=1)
        notices = [
            rows.stamp(
                device,
                number=provisional_number("0190-abcdef", k + 1),
                number_kind="provisional",
                unit_id=server.units["A"],
                zone_id=server.zones["A"],
                inspection_id=made["inspection"]["id"],
                findings="[]",
                requirements="限期清理",
                issued_by=server.users[names[i]],
                issued_at="2026-11-21T02:00:00.000000Z",
                due_at="2026-11-23T02:00:00.000000Z",
                cc_units="[]",
            )
            for k in range(3)
        ]
        items = changes(made) + [change("notice", n) for n in notices]
        s = server.session(names[i], bases[i % len(bases)])

        def run() -> list[str]:
            answer = push(s, bases[i % len(bases)], device, items)
            assert {r["status"] for r in answer["results"]} == {"accepted"}, answer
            return [r["number"] for r in answer["results"] if r["entity"] == "notice"]

        return run

    numbers = [n for got in _at_once([pusher(i) for i in range(PUSHERS)]) for n in got]
    assert len(numbers) == PUSHERS * 3
    assert len(set(numbers)) == len(numbers), sorted(numbers)
