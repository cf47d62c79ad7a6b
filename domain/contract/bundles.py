"""USB-stick sync (issue 17): registering a device's bundle signing key (PUT /devices/key)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from domain.contract.api import ANSWER, REQUEST

KEY_PATTERN = r"^[A-Za-z0-9+/]{43}=$"  # base64 of a 32-byte Ed25519 public key


class DeviceKeyRequest(BaseModel):
    """The public half of this device's Ed25519 key; the device is the token's."""

    model_config = REQUEST

    public_key: Annotated[str, Field(pattern=KEY_PATTERN)]


class DeviceKeyAnswer(BaseModel):
    """The server's public key, which signs the answers to this device's bundles."""

    model_config = ANSWER

    server_key: Annotated[str, Field(pattern=KEY_PATTERN)]
