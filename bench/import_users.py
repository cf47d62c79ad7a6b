"""Benchmark: `ducha-server import` of N users (default 200), where the time is argon2's.

Each user's password is hashed once (argon2id, ~0.1 s of CPU each with argon2-cffi's defaults)
before the import takes the database's write lock (server/importer.py). Three ways, interleaved
over --runs, each into a fresh SQLite server folder, the whole command timed (read, check, hash,
write):
  serial     one hash after another (the import before issue 16: the baseline)
  threads    a thread per core (argon2-cffi releases the GIL while it hashes): what ships
  processes  a process pool of one worker per core (start-up and pickling on top)
The medians are printed with the machine's load average: on a busy machine no way can use more
cores than are free.

    ./dev bench import_users [--users N] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server import cli, importer
from server.auth import hash_password

Hasher = Callable[[Iterable[tuple[str, str]]], dict[str, str]]


def serial(accounts: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {username: hash_password(password) for username, password in accounts}


def processes(accounts: Iterable[tuple[str, str]]) -> dict[str, str]:
    pairs = list(accounts)
    workers = len(os.sched_getaffinity(0))
    with ProcessPoolExecutor(workers) as pool:
        chunk = max(1, len(pairs) // (workers * 4))
        hashed = pool.map(hash_password, [p for _, p in pairs], chunksize=chunk)
        return {u: h for (u, _), h in zip(pairs, hashed, strict=True)}


WAYS: dict[str, Hasher] = {
    "serial": serial,
    "threads": importer.hash_passwords,
    "processes": processes,
}


def one_import(users: int, hasher: Hasher, scratch: Path) -> float:
    folder = Path(tempfile.mkdtemp(dir=scratch))
    data_dir = folder / "server"
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["init", "--data-dir", str(data_dir)]) == 0
        assert cli.main(["unit", "add", "城管局", "--data-dir", str(data_dir)]) == 0
    sheet = folder / "users.csv"
    sheet.write_text(
        "用户名,姓名,角色,单位,初始密码\n"
        + "".join(f"user{i},用户{i},督查员,全部,password-{i}\n" for i in range(users)),
        encoding="utf-8",
    )
    importer.hash_passwords = hasher  # type: ignore[assignment]  # looked up at call time
    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = cli.main(["import", str(sheet), "--data-dir", str(data_dir)])
    elapsed = time.perf_counter() - started
    assert code == 0 and f"用户 {users} 个" in out.getvalue(), out.getvalue()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    shipped = importer.hash_passwords
    times: dict[str, list[float]] = {name: [] for name in WAYS}
    with tempfile.TemporaryDirectory(prefix="bench-import-users-") as scratch:
        for _ in range(args.runs):
            for name, hasher in WAYS.items():
                times[name].append(one_import(args.users, hasher, Path(scratch)))
    importer.hash_passwords = shipped
    cores = len(os.sched_getaffinity(0))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.users} users, {args.runs} run(s), {cores} cores, load average {load}")
    base = statistics.median(times["serial"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<10} {median:6.1f} s  ({base / median:.2f}× serial)")


if __name__ == "__main__":
    main()
