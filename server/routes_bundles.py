"""USB-stick sync routes (issue 17): PUT /devices/key (a laptop registers its bundle signing key,
server/bundle_keys.py) and POST /bundles (an office laptop relays a field laptop's bundle:
server/bundle_import.py, answering the answer file)."""

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from domain.bundle_format import b64, public_key
from domain.contract.bundles import DeviceKeyAnswer, DeviceKeyRequest
from server import bundle_keys
from server.auth import User
from server.errors import parse, read_json
from server.settings import Settings

SMALL_BODY = 4 * 1024


def router(engine: Any, settings: Settings, current: Any, errors: Any, json_body: Any) -> APIRouter:
    routes = APIRouter(prefix="/api/v1")
    server_key = b64(public_key(bundle_keys.server_private_key(Path(settings.data_dir))))

    @routes.put(
        "/devices/key",
        response_model=DeviceKeyAnswer,
        responses=errors(400, 401, 403, 422),
        openapi_extra=json_body(DeviceKeyRequest, "this device's public key"),
    )
    async def device_key(request: Request, user: Annotated[User, current]) -> dict:
        """Keep the public half of the token's device's bundle signing key; answer the server's
        (which signs the answers to its bundles)."""
        asked = parse(DeviceKeyRequest, await read_json(request, SMALL_BODY))

        def keep() -> None:
            with engine.begin() as conn:
                bundle_keys.register(conn, user, asked.public_key)

        await run_in_threadpool(keep)
        return {"server_key": server_key}

    return routes
