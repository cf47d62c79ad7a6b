"""A real S3 API server on 127.0.0.1 for the tests: moto's standalone server (an EMULATOR of the
S3 HTTP API; no MinIO, Ceph or Garage installs from the package registries here), run as its own
process (`python -m moto.server`), waited for, and stopped at the end."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

# What the server processes and this one use: moto takes any key; real ones never appear here.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "ducha-test-key",
    "AWS_SECRET_ACCESS_KEY": "ducha-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@dataclass
class MotoS3:
    endpoint: str
    process: subprocess.Popen
    log: Path  # its request log: one line per request, method, path and status

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.session.Session(
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        ).client("s3", endpoint_url=self.endpoint, config=Config(s3={"addressing_style": "path"}))

    def new_bucket(self) -> str:
        name = f"ducha-{secrets.token_hex(4)}"
        self.client().create_bucket(Bucket=name)
        return name

    def spec(self, bucket: str, **options: str) -> str:
        """The --blob-store value for `bucket` on this server."""
        extra = "".join(f"&{k}={v}" for k, v in options.items())
        return f"s3://{bucket}?endpoint={self.endpoint}&addressing=path{extra}"


@contextmanager
def moto_server(port: int, log: Path) -> Iterator[MotoS3]:
    endpoint = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            env={**os.environ, **CREDENTIALS},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(f"{endpoint}/moto-api/", timeout=1).status_code < 500:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "moto's S3 server did not answer"
            time.sleep(0.1)
        yield MotoS3(endpoint, process, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
