"""The login routes: POST /auth/login and /auth/logout (server/auth.py) and /auth/refresh
(server/refresh.py). Added to the app by `add_auth_routes` from create_app (server/app.py),
declared in /openapi.json like the others. Both throttled steps audit a throttled try the same
way (`_throttled`)."""

from __future__ import annotations

import asyncio
import functools
import logging

from fastapi import Depends, FastAPI, Request
from starlette.concurrency import run_in_threadpool

from domain.contract import (
    LoginAnswer,
    LoginRequest,
    RefreshAnswer,
    RefreshRequest,
)
from domain.contract.api import LoggedOut
from server import audit, auth, refresh
from server.auth import User
from server.errors import ApiError, parse, read_json
from server.settings import Settings

log = logging.getLogger("ducha.server")
SMALL_BODY = 64 * 1024


def add_auth_routes(
    app: FastAPI, settings: Settings, refusals: audit.Refusals, hashing: asyncio.Semaphore
) -> None:
    """`hashing`: how many password hashes run at once (settings.hash_concurrency)."""
    from server.app import API, current_user, errors, json_body  # it imports this module

    engine = app.state.engine
    logged_in = Depends(current_user)  # the caller, from the token (server/app.py)

    async def _throttled(
        request: Request,
        exc: auth.Throttled,
        user_name: str,
        user_id: str | None,
        device_id: str | None,
        address: str,
    ) -> None:
        """A throttled try, audited here and folded like other refusals."""
        request.state.audited = True
        await run_in_threadpool(
            functools.partial(
                refusals.throttled,
                engine,
                user_name=user_name,
                user_id=user_id,
                device_id=device_id,
                address=address,
                retry_after=exc.seconds,
                by=exc.by,
            )
        )

    @app.post(
        f"{API}/auth/login",
        response_model=LoginAnswer,
        responses=errors(
            400,
            401,
            403,
            413,
            422,
            429,
            s403="the account is disabled, or the device belongs to another user",
        ),
        openapi_extra=json_body(LoginRequest, "credentials"),
    )
    async def do_login(request: Request) -> dict:
        """Throttled per (name, address) and per address (429 with Retry-After), never a
        lockout; argon2 runs in the threadpool, outside any transaction, `hash_concurrency`
        at a time (server/auth.py)."""
        credentials = parse(LoginRequest, await read_json(request, SMALL_BODY))
        username, password = credentials.username, credentials.password
        device_id = credentials.device_id or ""
        address = auth.client_address(request, settings)
        try:
            attempt = await run_in_threadpool(
                auth.begin_login, engine, settings, username, address, device_id
            )
            async with hashing:
                verified = await run_in_threadpool(auth.verify, attempt, password)
            answer = await run_in_threadpool(auth.finish_login, engine, settings, attempt, verified)
        except auth.Throttled as exc:
            log.warning("login refused: %s (%s)", username, exc.code)
            await _throttled(request, exc, username, exc.user_id, device_id or None, address)
            raise
        except ApiError as refused:
            log.warning("login refused: %s (%s)", username, refused.code)
            request.state.audited = True  # the login steps audit their own outcomes
            raise
        log.info("login: %s (user %s), device %s", username, answer["user"]["id"], device_id or "-")
        return answer

    @app.post(f"{API}/auth/logout", response_model=LoggedOut, responses=errors(401, 403))
    def do_logout(request: Request, current: User = logged_in) -> dict:
        """Revokes the token presented with this call (other devices stay logged in)."""
        auth.logout(engine, request, current)
        return {"status": "logged_out"}

    @app.post(
        f"{API}/auth/refresh",
        response_model=RefreshAnswer,
        responses=errors(
            400,
            401,
            403,
            413,
            422,
            429,
            s401="the refresh credential is unknown, expired, revoked (with `reason`), already "
            "used (the device's chain is revoked), or was issued for another device",
            s403="the account is disabled",
            s429="too many refused refreshes from this device or address: wait (Retry-After)",
        ),
        openapi_extra=json_body(RefreshRequest, "the device's refresh credential"),
    )
    async def do_refresh(request: Request) -> dict:
        """A new access token for the device's refresh credential, and the credential's
        successor (the one sent stops working). No password: a laptop back from weeks
        offline syncs at once. Throttled and audited like logins."""
        asked = parse(RefreshRequest, await read_json(request, SMALL_BODY))
        address = auth.client_address(request, settings)
        try:
            answer = await run_in_threadpool(
                refresh.exchange, engine, settings, asked.refresh_token, asked.device_id, address
            )
        except auth.Throttled as exc:
            log.warning("refresh refused: device %s (%s)", asked.device_id, exc.code)
            name = refresh.throttle_name(asked.device_id)
            await _throttled(request, exc, name, None, asked.device_id, address)
            raise
        except ApiError as refused:
            log.warning("refresh refused: device %s (%s)", asked.device_id, refused.code)
            request.state.audited = True  # the exchange audited its outcome
            raise
        log.info("refresh: user %s, device %s", answer["user"]["id"], asked.device_id)
        return answer
