"""The shipped deployment examples (deploy/): the systemd units pass `systemd-analyze verify`
and hold the keys a production service needs; the nginx site passes `nginx -t` (Debian's nginx,
./dev system installs nginx-light) with a throwaway certificate, and its body limits are the
server's own (server/limits.py, server/settings.py)."""

from __future__ import annotations

import configparser
import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from server.limits import Limits
from server.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = ("ducha-server.service", "ducha-backup.service", "ducha-backup.timer")
SHIPPED_EXECUTABLE = "/opt/ducha/.venv/bin/ducha-server"
MB = 1024 * 1024


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / name).read_text())
    return parser


def test_the_service_unit_has_what_production_needs():
    unit = _unit("ducha-server.service")
    service = unit["Service"]
    assert service["User"] == "ducha" and service["EnvironmentFile"].startswith("/etc/")
    assert service["Restart"] in ("on-failure", "always")
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
    }.items():
        assert service[key] == value, key
    assert "/var/lib/ducha" in service["ReadWritePaths"]
    command = service["ExecStart"]
    assert " serve " in command and "--data-dir /var/lib/ducha" in command
    assert "--database-url" not in command  # a password on a command line: every user reads it
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert _unit("ducha-backup.timer")["Timer"]["OnCalendar"]
    assert " backup " in _unit("ducha-backup.service")["Service"]["ExecStart"]


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (the keys are checked by the test above)")
    executable = Path(sys.executable).with_name("ducha-server")
    if not executable.exists():
        pytest.skip(f"no ducha-server executable beside {sys.executable} to stand in for /opt")
    for name in UNITS:
        text = (DEPLOY / name).read_text().replace(SHIPPED_EXECUTABLE, str(executable))
        (tmp_path / name).write_text(text)
    for names in (["ducha-server.service"], ["ducha-backup.service", "ducha-backup.timer"]):
        done = subprocess.run(
            [analyze, "verify", *(str(tmp_path / n) for n in names)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        # an unknown key or a bad value is only a warning (exit 0): any message fails the test
        assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def _throwaway_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.skip("neither the cryptography package nor openssl to make a certificate")
        subprocess.run(
            [
                openssl,
                *("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"),
                *("-nodes", "-days", "1", "-subj", "/CN=ducha.test"),
                *("-keyout", str(key), "-out", str(cert)),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return cert, key
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ducha.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


def _site_for_test(folder: Path) -> Path:
    """The shipped site with the throwaway certificate in place of the real one's paths."""
    cert, key = _throwaway_certificate(folder)
    text = (DEPLOY / "nginx-ducha.conf").read_text()
    text = re.sub(r"ssl_certificate \S+;", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", text)
    site = folder / "ducha-site.conf"
    site.write_text(text)
    return site


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if nginx is None:
        pytest.skip("nginx is not installed (./dev system installs Debian's nginx-light)")
    site = _site_for_test(tmp_path)
    temp = tmp_path / "temp"
    temp.mkdir()
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        "http {\n"
        f"    access_log {tmp_path / 'access.log'};\n"
        + "".join(
            f"    {kind}_temp_path {temp / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"    include {site};\n"
        "}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "test is successful" in done.stderr
    # and a broken site is caught (the check can fail)
    site.write_text(site.read_text().replace("proxy_request_buffering off;", "proxy_oops off;"))
    done = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(main)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "proxy_oops" in done.stderr


def _block(text: str, head: str) -> str:
    start = text.index(head)
    return text[start : text.index("}", start)]


def _megabytes(block: str) -> int:
    found = re.search(r"client_max_body_size (\d+)m;", block)
    assert found, block
    return int(found.group(1)) * MB


def test_the_nginx_limits_are_the_servers():
    text = (DEPLOY / "nginx-ducha.conf").read_text()
    limits = Limits()
    settings = Settings(data_dir=Path("."), database_url="sqlite://")
    server = text[text.index("listen 443") :]
    assert _megabytes(server[: server.index("location")]) == limits.max_body_bytes
    assert _megabytes(_block(text, "location = /api/v1/sync/push")) == settings.max_json_bytes
    blobs = _block(text, "location /api/v1/blobs/ {")
    assert _megabytes(blobs) == limits.max_partial_bytes  # the most one upload may hold
    assert "proxy_request_buffering off;" in blobs
    upstream = _block(text, "upstream ducha_servers")
    assert re.search(r"^\s*server 127\.0\.0\.1:8765\b", upstream, re.M)
    assert "keepalive" in upstream
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert re.search(r"listen 443 ssl", text) and "ssl_certificate " in text
