"""Two server processes on one PostgreSQL, two pushers at once and a puller: the puller ends
with every change exactly once — its cursor never skips a change committed later."""

from __future__ import annotations

import threading

import pytest

from tests.server import rows
from tests.server.rows import changes, push


@pytest.mark.slow
def test_two_servers_two_pushers_one_puller(server):
    if server.backend != "postgresql":
        pytest.skip("several server processes need PostgreSQL")
    if len(server.bases) < 2:
        server.start()
    base_a, base_b = server.bases[0], server.bases[1]
    puller = server.session("office", base_b)
    cursor = rows.pull_all(puller, base_b, limit=1000)[1]
    pushed: list[str] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def pusher(user: str, device: str, base: str) -> None:
        try:
            s = server.session(user, base)
            for _ in range(15):
                bundle = rows.inspection(server, "A", server.users[user], device, findings=3)
                answer = push(s, base, device, changes(bundle))
                assert all(r["status"] == "accepted" for r in answer["results"]), answer
                pushed.extend(c["id"] for c in changes(bundle))
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)

    seen: list[tuple[int, str]] = []

    def pull_loop() -> None:
        rows.pull_while(puller, base_b, cursor, done, seen, limit=7, pause=0.005)

    threads = [
        threading.Thread(target=pusher, args=("insp_a", "dev-p1", base_a)),
        threading.Thread(target=pusher, args=("insp_a2", "dev-p2", base_b)),
    ]
    reader = threading.Thread(target=pull_loop)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join(60)
    assert not errors, errors
    ids = [i for _, i in seen]
    assert len(pushed) == 2 * 15 * 5
    assert sorted(ids) == sorted(pushed)  # every change exactly once
    seqs = [s for s, _ in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
