"""HTTP client for the server's v1 contract (docs/architecture.md, "HTTP contract (v1)"). No Qt.

Every failure becomes one of the exceptions in app/sync/errors.py, its message naming the call
and what went wrong. Answers are checked against the contract before anyone relies on them.

One SyncClient may serve two threads at once (the engine uploads originals on one while it pushes
records on the other): a thread inside `with client.connection():` gets a session, and so a
connection, of its own.

Access tokens are short; a client given a `Renewal` (the device's refresh credential) answers a
401 by renewing the token once (`_renewed`, POST /auth/refresh) and repeating the request, and
hands the new pair to `Renewal.keep`. When the server refuses the refresh credential, the
SyncUnauthorized raised carries its reason (app/sync/login_reasons.py words it).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import requests
from pydantic import BaseModel, ValidationError

from app.sync import errors as words
from app.sync.errors import (
    SyncCancelled,
    SyncError,
    SyncRejected,
    SyncServerError,
    SyncUnauthorized,
    SyncUnreachable,
    sync_message,
)
from app.sync.transport import (
    CHUNK,
    RETRY_ERRORS,
    RETRY_STATUSES,
    Renewal,
    Retries,
    _Adapter,
    _Body,
)
from domain.contract import (
    LoginAnswer,
    MissingAnswer,
    NumberBlock,
    PushAnswer,
    RefreshAnswer,
    error_reasons,
)
from domain.contract.api import ConflictEntry, ConflictPage, HeldAnswer
from domain.contract.bundles import DeviceKeyAnswer
from domain.contract.plans import (
    AccountList,
    PlanDetail,
    PlanDrawn,
    PlanList,
    PlanRevealed,
    ReceivedAssignments,
)
from domain.release import LatestRelease

log = logging.getLogger(__name__)
API = "/api/v1"
MISSING_CHUNK = 1000  # hashes per blobs/missing call
HELD_CHUNK = 2000  # rows per sync/held call (the server takes 5,000)
HeldVersion = tuple[int, str, str] | None  # rev, updated_at, device_id of a row the server holds
RESUME_ATTEMPTS = 8  # PUTs of one original (each resumed from the server's offset)


class SyncClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        ca_cert: str | Path | None = None,
        timeout: float | tuple[float, float] = (10.0, 120.0),
        renewal: Renewal | None = None,
        retries: Retries | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.renewal = renewal
        self.timeout = timeout
        self.retries = retries or Retries()
        # set by whoever runs the calls (the sync engine): a wait between tries ends with it
        self.cancel: threading.Event | None = None
        self.session = self._new_session(str(ca_cert) if ca_cert else True)
        self._local = threading.local()

    def _new_session(self, verify: str | bool) -> requests.Session:
        """A session that reads the environment (proxies, CA bundle) once, here, rather than
        on every request as requests does by default (~0.5 ms a call, 200 calls a sync)."""
        session = requests.Session()
        session.trust_env = False
        session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        if verify is True:
            env = os.environ
            verify = env.get("REQUESTS_CA_BUNDLE") or env.get("CURL_CA_BUNDLE") or True
        session.verify = verify
        adapter = _Adapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def close(self) -> None:
        self.session.close()

    @contextmanager
    def connection(self) -> Iterator[None]:
        """Calls made by this thread inside the block use a session (a connection) of their own,
        closed at the end: requests' sessions are not shared between threads."""
        own = self._new_session(self.session.verify)
        own.hooks = {k: list(v) for k, v in self.session.hooks.items()}
        self._local.session = own
        try:
            yield
        finally:
            self._local.session = None
            own.close()

    # -- plumbing ----------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        what: str,
        *,
        auth: bool = True,
        ok: Iterable[int] = (200,),
        renew: bool = True,
        retry: bool = True,
        **kwargs: Any,
    ) -> requests.Response:
        """One call. `retry`: the request may be sent again as it is (it changes nothing twice:
        a read, a push by batch id, a reservation by request id); a body read from a file may
        not, nor a login (the upload resumes from the server's offset instead). `renew`: a 401
        renews the login once with the device's refresh credential and repeats the call."""
        given = kwargs.get("headers")
        headers = dict(kwargs.pop("headers", None) or {})
        if auth:
            if not self.token:
                raise SyncUnauthorized(
                    words.NOT_LOGGED_IN,
                    reason="not_logged_in",
                    detail=f"{what}: not logged in to {self.base_url}",
                )
            headers["Authorization"] = f"Bearer {self.token}"
        session = getattr(self._local, "session", None) or self.session
        url = self.base_url + API + path

        def send() -> requests.Response:
            return session.request(method, url, headers=headers, timeout=self.timeout, **kwargs)

        try:
            response = self._send_with_retries(send, what, retry=retry)
        except requests.exceptions.SSLError as error:
            raise SyncUnreachable(
                words.UNTRUSTED,
                detail=f"{what}: the certificate of {self.base_url} is not trusted ({error})",
            ) from error
        except requests.exceptions.Timeout as error:
            raise SyncUnreachable(
                words.NO_ANSWER, detail=f"{what}: {self.base_url} did not answer in time ({error})"
            ) from error
        except requests.exceptions.RequestException as error:
            raise SyncUnreachable(
                words.UNREACHABLE,
                detail=f"{what}: the server at {self.base_url} cannot be reached ({error})",
            ) from error
        if response.status_code in ok:
            return response
        if auth and renew and response.status_code == 401:
            renewed = self._renewed(headers)
            if renewed is not None:
                if isinstance(kwargs.get("data"), _Body):
                    kwargs["data"].rewind()
                return self._request(  # once more; after a pair taken over, may renew again
                    method,
                    path,
                    what,
                    auth=auth,
                    ok=ok,
                    renew=renewed != "renewed",
                    retry=retry,
                    headers=given,
                    **kwargs,
                )
        raise self._failure(what, response)

    def _renewed(self, sent: dict[str, str]) -> str | None:
        """After a 401: a new access token from the device's refresh credential, under the
        renewal's lock. "renewed" (asked the server), "taken" (another thread or client renewed
        it meanwhile: its pair is used), or None (nothing to renew with): the request is
        repeated unless None. Raises SyncUnauthorized with the server's reason when it refuses
        the credential."""
        renewal = self.renewal
        if renewal is None:
            return None
        with renewal.lock:
            if sent.get("Authorization") != f"Bearer {self.token}":
                return "taken"  # another thread of this client renewed it meanwhile
            latest = renewal.latest()
            if latest is not None and latest[0] != self.token:
                self.token, renewal.refresh_token = latest  # another client renewed it first
                return "taken"
            answer = self.refresh(renewal.refresh_token, renewal.device_id)
            self.token, renewal.refresh_token = answer["token"], answer["refresh_token"]
            renewal.keep(answer)
        return "renewed"

    def refresh(self, refresh_token: str, device_id: str) -> dict[str, Any]:
        """Exchange the device's refresh credential for {token, expires_at, refresh_token,
        refresh_expires_at, user}; the credential sent is spent. SyncUnauthorized (with the
        reason) when the server refuses it."""
        what = "renewing the login"
        try:
            response = self._request(
                "POST",
                "/auth/refresh",
                what,
                auth=False,
                json={"refresh_token": refresh_token, "device_id": device_id},
            )
        except SyncRejected as error:
            if error.status == 403:  # account_disabled
                raise SyncUnauthorized(
                    words.LOGIN_NEEDED, reason=error.code, detail=error.detail
                ) from error
            raise
        return self._check(self._json(response, what), RefreshAnswer, what)

    def logout(self) -> None:
        """End this laptop's login: the server revokes the token and the device's refresh
        credential."""
        self._request("POST", "/auth/logout", "logging out")

    def _send_with_retries(
        self, send: Callable[[], requests.Response], what: str, *, retry: bool
    ) -> requests.Response:
        """`send()`, tried again while the server is busy (RETRY_STATUSES, honouring its
        Retry-After) or the connection breaks (RETRY_ERRORS), `self.retries.attempts` times in
        all. The waits end at once when `self.cancel` is set (SyncCancelled). The last answer
        or error is the caller's."""
        attempts = self.retries.attempts if retry else 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = send()
            except requests.exceptions.SSLError:
                raise
            except RETRY_ERRORS as error:
                if last:
                    raise
                delay = self.retries.delay(attempt)
                why = f"{type(error).__name__}: {error}"
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
                delay = self.retries.delay(attempt, response.headers.get("Retry-After"))
                why = f"answered {response.status_code}"
                response.close()
            log.info(
                "%s: %s; trying again in %.1f s (%d/%d)", what, why, delay, attempt + 2, attempts
            )
            if self._wait(delay):
                raise SyncCancelled(words.CANCELLED, detail=f"{what}: cancelled while waiting")
        raise AssertionError("not reached")

    def _wait(self, seconds: float) -> bool:
        """Wait `seconds` unless cancelled first (True when cancelled). Never on the GUI
        thread: the client runs in the sync job's worker."""
        if self.cancel is not None:
            return self.cancel.wait(seconds)
        time.sleep(seconds)  # no cancel to wait on (a command-line call)
        return False

    def _failure(self, what: str, response: requests.Response) -> SyncError:
        status = response.status_code
        code, message, reason = None, response.reason or "", None
        try:
            error = response.json().get("error") or {}
            code, message = error.get("code"), error.get("message") or message
            reason = error.get("reason") or code
        except (ValueError, AttributeError):
            pass
        text = f"{what}: the server answered {status}" + (f" ({message})" if message else "")
        if status == 401:
            return SyncUnauthorized(
                words.LOGIN_NEEDED,
                reason=reason if isinstance(reason, str) else None,
                detail=text,
            )
        if status in RETRY_STATUSES:
            return SyncServerError(words.BUSY, detail=text)
        if status >= 500:
            return SyncServerError(words.SERVER_FAILED, detail=text)
        said = words.REFUSALS.get(code, words.REFUSED) if isinstance(code, str) else words.REFUSED
        return SyncRejected(said, status=status, code=code, detail=text)

    @staticmethod
    def _json(response: requests.Response, what: str) -> dict[str, Any]:
        try:
            answer = response.json()
        except ValueError as error:
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the server's answer is not JSON ({error})"
            ) from error
        if not isinstance(answer, dict):
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the server's answer is not an object"
            )
        return answer

    @staticmethod
    def _check(answer: dict[str, Any], model: type[BaseModel], what: str) -> dict[str, Any]:
        """The answer, once it keeps the contract (domain/contract): else SyncServerError."""
        try:
            model.model_validate(answer)
        except ValidationError as error:
            reasons = error_reasons(error.errors(include_url=False, include_input=False))
            raise SyncServerError(
                words.BAD_ANSWER,
                detail=f"{what}: the server's answer does not keep the contract ({reasons})",
            ) from None
        return answer

    # -- calls ---------------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        return self._json(self._request("GET", "/health", "health check", auth=False), "health")

    def login(self, username: str, password: str, device_id: str) -> dict[str, Any]:
        """Log in; keeps the token for later calls and returns {token, expires_at, user}."""
        what = "login"
        try:
            response = self._request(
                "POST",
                "/auth/login",
                what,
                auth=False,
                retry=False,
                json={"username": username, "password": password, "device_id": device_id},
            )
        except SyncUnauthorized as error:
            raise SyncUnauthorized(
                sync_message(words.WRONG_LOGIN, user=username),
                detail=f"login: wrong user name or password for {username}",
            ) from error
        answer = self._check(self._json(response, what), LoginAnswer, what)
        if not answer["token"]:
            raise SyncServerError(
                words.BAD_ANSWER, detail="login: the server's answer carries no token"
            )
        self.token = answer["token"]
        if answer.get("refresh_token") and device_id:
            self.renewal = Renewal(answer["refresh_token"], device_id)
        return answer

    def missing(self, shas: Iterable[str]) -> list[str]:
        """Which of these originals the server lacks."""
        return list(self.missing_offsets(shas))

    def missing_offsets(self, shas: Iterable[str]) -> dict[str, int | None]:
        """The originals the server lacks, each with how many bytes of it the server holds from
        an upload that broke off (0: none), or None when the server does not say (a server
        before `offsets` was added beside `missing`): upload_blob then asks with HEAD."""
        shas = list(dict.fromkeys(shas))
        lacking: dict[str, int | None] = {}
        for start in range(0, len(shas), MISSING_CHUNK):
            asked = shas[start : start + MISSING_CHUNK]
            what = "asking which photos the server lacks"
            answer = self._json(
                self._request("POST", "/blobs/missing", what, json={"sha256": asked}), what
            )
            found, offsets = answer.get("missing"), answer.get("offsets")
            if not isinstance(found, list) or not set(found) <= set(asked):
                raise SyncServerError(
                    words.BAD_ANSWER, detail=f"{what}: the answer does not match the question"
                )
            self._check(answer, MissingAnswer, what)  # offsets: byte counts, when given
            for sha in found:
                lacking[sha] = offsets.get(sha) if offsets is not None else None
        return lacking

    def held_revs(self, keys: list[tuple[str, str]]) -> list[int | None]:
        """The rev the server holds of each (entity, id), None when none (POST /sync/held)."""
        return [None if v is None else v[0] for v in self.held_versions(keys)]

    def held_versions(self, keys: list[tuple[str, str]]) -> list[HeldVersion]:
        """(rev, updated_at, device_id) of the version the server holds of each (entity, id),
        None when none (POST /sync/held); updated_at and device_id "" from a server that does
        not say them."""
        revs: list[HeldVersion] = []
        what = "asking which records the server holds"
        for start in range(0, len(keys), HELD_CHUNK):
            asked = keys[start : start + HELD_CHUNK]
            rows = [{"entity": entity, "id": row_id} for entity, row_id in asked]
            answer = self._json(
                self._request("POST", "/sync/held", what, json={"rows": rows}), what
            )
            found = answer.get("revs")
            if not isinstance(found, list) or len(found) != len(asked):
                raise SyncServerError(
                    words.BAD_ANSWER, detail=f"{what}: the answer does not match the question"
                )
            self._check(answer, HeldAnswer, what)
            written = answer.get("written")
            if not isinstance(written, list) or len(written) != len(asked):
                written = [None] * len(asked)
            for rev, stamp in zip(found, written, strict=True):
                if rev is None:
                    revs.append(None)
                elif isinstance(stamp, list) and len(stamp) == 2:
                    revs.append((rev, str(stamp[0]), str(stamp[1])))
                else:
                    revs.append((rev, "", ""))
        return revs

    def blob_offset(self, sha256: str, name: str | None = None) -> int | None:
        """None when the server holds the whole blob, else how many bytes it holds (HEAD)."""
        what = f"checking photo {name or sha256}"
        response = self._request("HEAD", f"/blobs/{sha256}", what, ok=(200, 404))
        if response.status_code == 200:
            return None
        try:
            return max(0, int(response.headers.get("Upload-Offset", "0")))
        except ValueError as error:
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the Upload-Offset header is not a number"
            ) from error

    def upload_blob(
        self,
        path: Path,
        sha256: str,
        *,
        offset: int | None = None,
        on_position: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
        name: str | None = None,
    ) -> int:
        """Stream one original; resume from the server's offset after a broken connection or
        a busy server (502/503/504/429: after a wait, as `_send_with_retries` waits).

        `offset`: the bytes the server holds, as `missing_offsets` said; None asks it (HEAD).
        `name`: the photo's file name, for the messages (the path is named by its hash).
        Returns the bytes sent. `on_position` gets how far into the file the upload stands
        (0..size). Raises SyncCancelled between chunks; the server keeps what it received.
        """
        size = path.stat().st_size
        name = name or path.name
        report = on_position or (lambda _position: None)
        sent = 0
        if offset is None:
            offset = self.blob_offset(sha256, name)
        for attempt in range(RESUME_ATTEMPTS):
            if offset is None:  # the server holds it all
                report(size)
                return sent
            if offset >= size:
                offset = 0  # bytes held but no blob made of them: start over rather than guess
            position = offset
            report(position)

            def advance(n: int) -> None:
                nonlocal position, sent
                position += n
                sent += n
                report(position)

            last = attempt == RESUME_ATTEMPTS - 1
            try:
                if self._put(path, sha256, name, offset, size, advance, cancel):
                    return sent
            except SyncUnreachable:
                if last:
                    raise
                if attempt:  # a first cut resumes at once (as a stale connection's would)
                    self._pause(attempt - 1, f"uploading photo {name}", cancel)
            except SyncServerError as error:
                if last or error.message.text != words.BUSY:
                    raise
                self._pause(attempt, f"uploading photo {name}", cancel)
            except SyncRejected as error:
                # 409: the server holds another amount than we were told (an upload moved on
                # since): ask how far, as after a cut
                if error.status != 409 or last:
                    raise
            # 202 (held but not complete), a cut or a busy server: ask how far it got
            offset = self.blob_offset(sha256, name)  # itself tried again while the server is away
        raise AssertionError("not reached")

    def _pause(self, attempt: int, what: str, cancel: threading.Event | None) -> None:
        delay = self.retries.delay(attempt)
        log.info("%s: broken off; resuming in %.1f s", what, delay)
        event = cancel or self.cancel
        if event.wait(delay) if event is not None else self._wait(delay):
            raise SyncCancelled(words.CANCELLED, detail=f"{what}: cancelled while waiting")

    def _put(
        self,
        path: Path,
        sha256: str,
        name: str,
        offset: int,
        size: int,
        on_bytes: Callable[[int], None],
        cancel: threading.Event | None,
    ) -> bool:
        """One PUT of the rest of the file from `offset`; True when the server has it whole."""
        what = f"uploading photo {name} ({sha256})"
        headers = {"Content-Type": "application/octet-stream"}
        if offset:
            headers["Content-Range"] = f"bytes {offset}-{size - 1}/{size}"
        with open(path, "rb") as file:
            file.seek(offset)
            body = _Body(file, size - offset, on_bytes, cancel)
            try:
                response = self._request(
                    "PUT",
                    f"/blobs/{sha256}",
                    what,
                    ok=(200, 201, 202),
                    retry=False,  # the body is read from the file: resumed by upload_blob
                    data=body,
                    headers=headers,
                )
                return response.status_code != 202
            except SyncRejected as error:
                if error.status == 422:
                    raise SyncRejected(
                        sync_message(words.PHOTO_DAMAGED, name=name),
                        status=422,
                        code=error.code,
                        detail=f"{what}: the server found its bytes differ ({error.detail})",
                    ) from error
                raise

    def push(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Send one batch {batch_id, device_id, changes}; returns {batch_id, results, ...}."""
        what = f"sending {len(batch['changes'])} changes"
        answer = self._check(
            self._json(self._request("POST", "/sync/push", what, json=batch), what),
            PushAnswer,
            what,
        )
        if answer["batch_id"] != batch["batch_id"]:
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the answer is for another batch"
            )
        for result in answer["results"]:
            if not isinstance(result["id"], str):
                raise SyncServerError(
                    words.BAD_ANSWER, detail=f"{what}: a result in the answer names no change"
                )
        return answer

    def register_device_key(self, public_key: str) -> str | None:
        """Register this device's bundle signing key (base64, PUT /devices/key); the server's
        public key that signs the answers to its bundles, None from a server without bundles."""
        what = "registering this laptop's key for USB-stick sync"
        response = self._request(
            "PUT", "/devices/key", what, json={"public_key": public_key}, ok=(200, 404, 405)
        )
        if response.status_code in (404, 405):
            return None
        return str(self._check(self._json(response, what), DeviceKeyAnswer, what)["server_key"])

    def relay_bundle(
        self, body: BinaryIO, sizes: list[int], cancel: threading.Event | None = None
    ) -> tuple[bytes | None, dict[str, Any]]:
        """An office laptop relays a field laptop's USB-stick bundle (POST /bundles): `body`
        reads its files one after the other, of `sizes`. (the answer file's bytes, {}), or
        (None, the server's error {code, message, reason}) when it refused the bundle whole."""
        what = "relaying a field laptop's bundle"
        response = self._request(
            "POST",
            "/bundles",
            what,
            ok=(200, 422),
            retry=False,
            data=_Body(body, sum(sizes), None, cancel),
            headers={
                "X-Bundle-Sizes": ",".join(str(n) for n in sizes),
                "Content-Type": "application/octet-stream",
            },
        )
        if response.status_code == 200:
            return response.content, {}
        error = self._json(response, what).get("error")
        if not isinstance(error, dict) or error.get("code") != "bundle_refused":
            raise self._failure(what, response)
        return None, error

    def reserve_numbers(
        self, device_id: str, year: int, count: int, *, request_id: str | None = None
    ) -> dict[str, Any]:
        """A block of official notice numbers for this device: {prefix, year, first, last}.
        The same `request_id` sent again gets the same block (its answer was lost)."""
        what = "notice numbers"
        body: dict[str, Any] = {"device_id": device_id, "year": year, "count": count}
        if request_id is not None:
            body["request_id"] = request_id
        response = self._request("POST", "/numbers/reserve", what, json=body)
        return self._check(self._json(response, what), NumberBlock, what)

    def pull(self, cursor: int, limit: int) -> dict[str, Any]:
        """Changes above `cursor`: {changes: [{seq, entity, id, op, row}], cursor, more}."""
        what = "receiving changes"
        answer = self._json(
            self._request("GET", "/sync/pull", what, params={"cursor": cursor, "limit": limit}),
            what,
        )
        changes, new_cursor, more = answer.get("changes"), answer.get("cursor"), answer.get("more")
        if (
            not isinstance(changes, list)
            or not isinstance(new_cursor, int)
            or isinstance(new_cursor, bool)
            or not isinstance(more, bool)
            or new_cursor < cursor
            or not all(isinstance(c, dict) for c in changes)
        ):
            raise SyncServerError(
                words.BAD_ANSWER, detail=f"{what}: the answer does not match the contract"
            )
        return answer

    # -- conflicts (server/conflicts.py) ---------------------------------------------------------
    def own_conflicts(self, after: int, limit: int = 100) -> dict[str, Any]:
        """The versions this device lost above `after`: {conflicts, cursor, more} (none from a
        server before conflicts were listed)."""
        what = "receiving the versions this laptop lost"
        response = self._request(
            "GET", "/sync/conflicts", what, ok=(200, 404), params={"after": after, "limit": limit}
        )
        if response.status_code == 404:
            return {"conflicts": [], "cursor": after, "more": False}
        return self._check(self._json(response, what), ConflictPage, what)

    def office_conflicts(self, state: str = "open", after: int = 0) -> dict[str, Any]:
        """Conflicts on rows of the user's units (reviewers, admins)."""
        what = "reading the conflicts"
        response = self._request(
            "GET", "/conflicts", what, params={"state": state, "after": after, "limit": 500}
        )
        return self._check(self._json(response, what), ConflictPage, what)

    def resolve_conflict(self, conflict_id: str, take: str) -> dict[str, Any]:
        """Take the `losing` or the `winning` version; the conflict as resolved."""
        what = "resolving the conflict"
        response = self._request(
            "POST", f"/conflicts/{conflict_id}/resolve", what, json={"take": take}
        )
        return self._check(self._json(response, what), ConflictEntry, what)

    # -- visit plans (server/routes_plans.py) ---------------------------------------------------
    def own_assignments(self) -> dict[str, Any] | None:
        """This user's visits of the plans up to tomorrow: {assignments, today, until}; None
        from a server without plans (its answer is 404)."""
        what = "receiving the visit plan"
        response = self._request("GET", "/plans/assignments", what, ok=(200, 404))
        if response.status_code == 404:
            return None
        return self._check(self._json(response, what), ReceivedAssignments, what)

    def plan_list(self) -> list[dict[str, Any]] | None:
        """The plans' commitments and digests (the office only); None from a server without
        plans."""
        what = "receiving the visit plans' commitments"
        response = self._request("GET", "/plans", what, ok=(200, 404))
        if response.status_code == 404:
            return None
        return list(self._check(self._json(response, what), PlanList, what)["plans"])

    def plan_detail(self, period: str) -> dict[str, Any]:
        """A whole plan (the office only): inputs, assignments, the seed once revealed."""
        what = "receiving a visit plan"
        response = self._request("GET", f"/plans/{period}", what)
        return self._check(self._json(response, what), PlanDetail, what)

    def draw_plan(self, asked: dict[str, Any]) -> dict[str, Any]:
        """Draw a period's plan (admins; `asked`: a DrawRequest's fields): its summary with the
        seed's commitment. The seed is made on the server. Not sent twice: a second draw of
        the period is refused (409 `plan_exists`)."""
        what = "drawing a visit plan"
        response = self._request("POST", "/plans", what, json=asked, retry=False)
        return self._check(self._json(response, what), PlanDrawn, what)

    def reveal_plan(self, period: str) -> dict[str, Any]:
        """Reveal the seed of a period's plan after the period (admins): {period, seed}."""
        what = "revealing a visit plan's seed"
        response = self._request("POST", f"/plans/{period}/reveal", what)
        return self._check(self._json(response, what), PlanRevealed, what)

    def plan_accounts(self) -> list[dict[str, Any]]:
        """The enabled accounts a plan's team may hold, with their units (admins)."""
        what = "receiving the accounts"
        response = self._request("GET", "/plans/accounts", what)
        return list(self._check(self._json(response, what), AccountList, what)["accounts"])

    # -- downloads (reviewers' replicas: originals and thumbnails on demand) -------------------
    def fetch_blob(
        self,
        sha256: str,
        dest: Path,
        *,
        size: int | None = None,
        max_bytes: int | None = None,
        cancel: threading.Event | None = None,
    ) -> tuple[str, int]:
        """Stream the original (or with `size` the server's JPEG thumbnail) into `dest`.

        Returns (SHA-256 hex of the bytes written, byte count); the caller verifies the hash.
        On any failure `dest` is removed and a SyncError raised: SyncRejected (404 when the
        server lacks it, 413 when it exceeds `max_bytes`), SyncUnreachable, SyncCancelled.
        """
        what = f"downloading {'a thumbnail of ' if size else ''}photo {sha256[:12]}"
        params = {"size": size} if size is not None else None
        digest = hashlib.sha256()
        total = 0
        try:
            with (
                self._request(
                    "GET", f"/blobs/{sha256}", what, params=params, stream=True
                ) as response,
                open(dest, "wb") as out,
            ):
                for chunk in response.iter_content(CHUNK):
                    if cancel is not None and cancel.is_set():
                        raise SyncCancelled(words.CANCELLED, detail=f"{what}: cancelled")
                    total += len(chunk)
                    if max_bytes is not None and total > max_bytes:
                        raise SyncRejected(
                            f"{what}: the server sends more than the {max_bytes} bytes expected",
                            status=413,
                        )
                    digest.update(chunk)
                    out.write(chunk)
        except requests.exceptions.RequestException as error:
            dest.unlink(missing_ok=True)
            raise SyncUnreachable(
                words.UNREACHABLE,
                detail=f"{what}: the connection to {self.base_url} broke ({error})",
            ) from error
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return digest.hexdigest(), total

    # -- updates the county's server offers (server/routes_releases.py) -------------------------
    def latest_release(self, platform: str, current: str) -> dict[str, Any] | None:
        """The newest release of `platform` newer than `current` (a ReleaseOffer's fields), or
        None: none, or a server that offers no updates (404)."""
        what = "asking for updates"
        response = self._request(
            "GET",
            "/releases/latest",
            what,
            params={"platform": platform, "current": current},
            ok=(200, 404),
        )
        if response.status_code == 404:
            return None
        answer = self._check(self._json(response, what), LatestRelease, what)
        return answer["release"]

    def fetch_release(
        self,
        release_id: str,
        dest: Path,
        size: int,
        *,
        cancel: threading.Event | None = None,
        on_bytes: Callable[[int], None] | None = None,
    ) -> int:
        """Download a release's installer into `dest`, resuming from the bytes it holds
        (`Range: bytes=N-`); returns the bytes it holds at the end. A broken connection leaves
        the part already written for the next call (SyncUnreachable); more than `size` bytes
        is refused (SyncRejected 413) and `dest` removed. The caller verifies the file."""
        what = f"downloading the update {release_id}"
        held = dest.stat().st_size if dest.is_file() else 0
        if held > size:
            dest.unlink()
            held = 0
        if held == size:
            return held
        headers = {"Range": f"bytes={held}-"} if held else {}
        try:
            with self._request(
                "GET",
                f"/releases/{release_id}/file",
                what,
                headers=headers,
                stream=True,
                ok=(200, 206),
            ) as response:
                if response.status_code == 200:  # the whole file: start again
                    held = 0
                mode = "ab" if held else "wb"
                with open(dest, mode) as out:
                    for chunk in response.iter_content(CHUNK):
                        if cancel is not None and cancel.is_set():
                            raise SyncCancelled(words.CANCELLED, detail=f"{what}: cancelled")
                        held += len(chunk)
                        if held > size:
                            raise SyncRejected(
                                f"{what}: the server sends more than the {size} bytes expected",
                                status=413,
                            )
                        out.write(chunk)
                        if on_bytes is not None:
                            on_bytes(held)
        except requests.exceptions.RequestException as error:
            raise SyncUnreachable(
                words.UNREACHABLE,
                detail=f"{what}: the connection to {self.base_url} broke ({error})",
            ) from error
        except SyncRejected:
            dest.unlink(missing_ok=True)
            raise
        return held
