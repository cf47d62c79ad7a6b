"""Sign an installer for the county servers: writes FILE.release.json beside it.

    python build/sign_release.py FILE --version V --platform P [--key KEY.pem]

The manifest (version, platform, file name, size, SHA-256, signed_at, key id) and its Ed25519
signature (domain/release.py). The key: --key, else $DUCHA_RELEASE_KEY, else the DEVELOPMENT key
build/release-dev-key.pem, committed so that a checkout can sign its own test builds; a vendor
build replaces resources/release_keys/dev-2026.pub with its own public key and signs with its
private key, kept offline. Exit 0 signed, 2 refused (the reason on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.clock import now_iso  # noqa: E402
from domain.release import PLATFORMS, ReleaseRefused, load_private_key, sign  # noqa: E402

DEV_KEY = ROOT / "build" / "release-dev-key.pem"


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="sign_release", description=__doc__.splitlines()[0])
    top.add_argument("file", type=Path)
    top.add_argument("--version", required=True)
    top.add_argument("--platform", required=True, choices=sorted(PLATFORMS))
    top.add_argument("--key", type=Path, help="default: $DUCHA_RELEASE_KEY, else the dev key")
    args = top.parse_args(argv)
    key_path = args.key or Path(os.environ.get("DUCHA_RELEASE_KEY") or DEV_KEY)
    try:
        private = load_private_key(key_path)
    except (OSError, ValueError) as error:
        print(f"cannot read the release key {key_path}: {error}", file=sys.stderr)
        return 2
    if key_path.resolve() == DEV_KEY.resolve():
        print(
            "signing with the DEVELOPMENT release key (build/release-dev-key.pem)", file=sys.stderr
        )
    try:
        signed = sign(args.file, args.version, args.platform, private, now_iso())
    except ReleaseRefused as refused:
        print(refused.message, file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    out = args.file.with_name(args.file.name + ".release.json")
    out.write_text(signed.text(), encoding="utf-8")
    manifest = signed.manifest
    print(
        f"signed {manifest.file_name} {manifest.version} {manifest.platform} "
        f"sha256 {manifest.sha256} key {manifest.key_id}: {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
