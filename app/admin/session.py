"""How the 组织管理 window talks to the server: each admin call runs as a job (app/jobs.py) on
its own thread, over the laptop's saved login (app/sync/session.py: the token renewed by itself),
and its outcome comes back on the GUI thread. The session remembers whether the server answered
last time: offline (no login, no server) the tabs say so and their write buttons are disabled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.admin.api import AdminApi
from app.admin.texts import failure_text
from app.jobs import Job, Task
from app.sync.client import SyncClient
from app.sync.errors import SyncUnauthorized, SyncUnreachable
from app.sync.transport import Retries

MakeClient = Callable[[], SyncClient | None]


def offline_error(error: BaseException | None) -> bool:
    """A failure that means: no server to change anything on (not logged in, server away)."""
    return isinstance(error, SyncUnreachable | SyncUnauthorized)


class AdminSession(QObject):
    """Runs admin calls for one window; `online` is None until the first answer."""

    online_changed = Signal(bool)

    def __init__(self, make_client: MakeClient | None, owner: QObject) -> None:
        super().__init__(owner)
        self.make_client = make_client
        self.owner = owner
        self.online: bool | None = None if make_client is not None else False

    def logged_in(self) -> bool:
        return self.make_client is not None

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def call(
        self,
        name: str,
        work: Callable[[AdminApi], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException | None, str], None],
    ) -> Job | None:
        """Run `work(api)` on a worker thread; `done(result)` or `failed(error, words)` on the
        GUI thread. None (and `failed` at once) when this laptop is not logged in."""
        make_client = self.make_client
        if make_client is None:
            self._set_online(False)
            failed(None, failure_text(SyncUnauthorized("", reason="not_logged_in")))
            return None

        def run(_task: Task) -> Any:
            client = make_client()
            if client is None:
                raise SyncUnauthorized("", reason="not_logged_in")
            api = AdminApi(client)
            try:
                return work(api)
            finally:
                api.close()

        job = Job(run, name=f"admin {name}", owner=self.owner, describe=failure_text)

        def on_done(result: Any) -> None:
            self._set_online(True)
            done(result)

        def on_failed(words: str) -> None:
            if offline_error(job.error):
                self._set_online(False)
            elif job.error is not None:
                self._set_online(True)  # the server answered, and refused
            failed(job.error, words)

        job.done.connect(on_done)
        job.failed.connect(on_failed)
        return job.start()


def read_local(data_dir: Path, name: str, work: Callable[[Task], Any], owner: QObject) -> Job:
    """What this laptop's store knows (units, zones, templates), read by a job: shown while
    the server cannot be asked."""
    return Job(work, name=f"admin local {name}", owner=owner, data_dir=data_dir)


def interactive(make_client: MakeClient | None) -> MakeClient | None:
    """The admin's calls are waited for by a person: a server that is away is said after two
    tries, not after the sync's five."""
    if make_client is None:
        return None
    factory = make_client

    def make() -> SyncClient | None:
        client = factory()
        if client is not None:
            client.retries = Retries(attempts=2, first=0.3, cap=2.0)
        return client

    return make
