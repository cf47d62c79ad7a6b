"""Routes of the login's second half: POST /auth/refresh (server/refresh.py). Added to the app by
`add_auth_routes` from create_app (server/app.py), declared in /openapi.json like the others."""

from __future__ import annotations

import functools
import logging

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool

from domain.contract import RefreshAnswer, RefreshRequest
from server import audit, auth, refresh
from server.errors import ApiError, parse, read_json
from server.settings import Settings

log = logging.getLogger("ducha.server")
SMALL_BODY = 64 * 1024


def add_auth_routes(app: FastAPI, settings: Settings, refusals: audit.Refusals) -> None:
    from server.app import API, errors, json_body  # the app's helpers (it imports this module)

    engine = app.state.engine

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
            request.state.audited = True
            await run_in_threadpool(
                functools.partial(
                    refusals.throttled,
                    engine,
                    user_name=refresh.throttle_name(asked.device_id),
                    user_id=None,
                    device_id=asked.device_id,
                    address=address,
                    retry_after=exc.seconds,
                    by=exc.by,
                )
            )
            raise
        except ApiError as refused:
            log.warning("refresh refused: device %s (%s)", asked.device_id, refused.code)
            request.state.audited = True  # the exchange audited its outcome
            raise
        log.info("refresh: user %s, device %s", answer["user"]["id"], asked.device_id)
        return answer
