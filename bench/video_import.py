"""Benchmark: import of a large video (issue 14) beside plain `sha256sum` of the same file.

Builds a real MP4 of about --megabytes (default 1024 MB): a few seconds of 1280×720 MPEG-4 intra
frames of noise (nothing compresses them), their packets muxed again and again with later time
stamps (stream copy: fast, and the file plays). Then, on the same file (in the page cache after
the first read, as for both):
- `sha256sum FILE` (coreutils), the floor for reading and hashing it once;
- the import into a fresh store (app/photos/importer.py: container check and poster with PyAV,
  copy into the blob store while hashing, fsync, thumbnail, row), as the editor runs it.

Prints MB/s for each and their ratio. The import also writes (and fsyncs) the copy, so it cannot
reach sha256sum; a ratio near 1/2 means the copy costs what the hash costs.

    ./dev bench video_import [--megabytes N] [--runs R]

With --cut-upload, the same file is then synced from a laptop to a real server process (SQLite)
through tests/faults/proxy.py, whose first PUT is cut halfway (`cut_request`), as
tests/server/test_media_sync.py does with 64 MB: prints the bytes sent against the file's size
(a resume sends about 1.5×, a restart 2×) and checks the server's copy bit for bit.

    ./dev bench video_import --megabytes 1024 --runs 1 --cut-upload
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
from PIL import Image

from app.photos.importer import import_photos

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.photo_import import fresh_store  # noqa: E402

MB = 1 << 20


def make_big_video(path: Path, megabytes: int, fps: int = 25) -> float:
    """A playable MP4 of about `megabytes`; returns seconds of video."""
    size = (1280, 720)
    packets = []
    with av.open(os.devnull, mode="w", format="mp4") as scratch:
        stream = scratch.add_stream("mpeg4", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.gop_size = 1
        stream.bit_rate = 200_000_000
        stream.codec_context.qmax = 2
        for i in range(fps * 2):
            noise = Image.effect_noise(size, 60).convert("RGB")
            frame = av.VideoFrame.from_image(noise)
            frame.pts = i
            packets.extend(bytes(p) for p in stream.encode(frame))
        packets.extend(bytes(p) for p in stream.encode())
        extradata = stream.codec_context.extradata
    per_round = sum(len(p) for p in packets)
    rounds = max(1, megabytes * MB // per_round)
    with av.open(str(path), mode="w") as out:
        stream = out.add_stream("mpeg4", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if extradata:
            stream.codec_context.extradata = extradata
        out.start_encoding()  # fixes the stream's time base (the muxer's, e.g. 1/12800)
        rescale = round(1 / (stream.time_base * fps)) if stream.time_base else 1
        n = 0
        for _ in range(rounds):
            for data in packets:
                packet = av.Packet(data)
                packet.stream = stream
                packet.pts = packet.dts = n * rescale
                packet.time_base = stream.time_base
                packet.is_keyframe = True
                out.mux(packet)
                n += 1
    return n / fps


def sha256sum(path: Path) -> float:
    began = time.perf_counter()
    subprocess.run(["sha256sum", str(path)], check=True, capture_output=True)
    return time.perf_counter() - began


def import_once(path: Path, work: Path) -> float:
    data_dir = Path(tempfile.mkdtemp(prefix="import-", dir=work))
    try:
        inspection_id = fresh_store(data_dir)
        began = time.perf_counter()
        report = import_photos(data_dir, [path], inspection_id=inspection_id, finding_id=None)
        took = time.perf_counter() - began
        assert len(report.imported) == 1, (report.refused, report.skipped)
        row = report.imported[0]
        assert row["media_type"] == "video" and row["byte_size"] == path.stat().st_size
        return took
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def cut_upload(video: Path, work: Path) -> None:
    """Sync `video` through a proxy that cuts the first upload halfway; report and check."""
    import hashlib

    from app.photos.importer import import_photos as do_import
    from app.sync.engine import sync_once
    from local_db import inspections as ops
    from tests.faults import run
    from tests.faults.proxy import FaultProxy
    from tests.server.conftest import prepared_server

    server = prepared_server(work / "server", None, "sqlite")
    try:
        cuts = {"n": 0}
        partials = server.data_dir / "blobs" / "partial"

        def plan(method: str, path: str) -> str | None:
            if method == "PUT" and "/blobs/" in path and cuts["n"] == 0:
                cuts["n"] += 1
                return "cut_request"
            if method == "HEAD" and cuts["n"] == 1:  # as a laptop that reconnects later
                cuts["n"] += 1
                deadline = time.monotonic() + 60
                while not any(partials.rglob(path.rsplit("/", 1)[-1])):
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
            return None

        with FaultProxy(run._port(server), plan) as proxy:
            folder = work / "laptop"
            store = run.login(server, folder, proxy.base, "insp_a")
            client = run.client_for(store, proxy.base, read_timeout=120)
            sync_once(store, folder, client)
            draft = ops.start_inspection(
                store,
                template_id=server.template_id,
                zone_id=server.zones["A"],
                mode="unannounced",
                person_ids=[store.meta("local_person_id")],
            )
            do_import(folder, [video], inspection_id=draft["id"], finding_id=None)
            began = time.perf_counter()
            report = sync_once(store, folder, client)
            took = time.perf_counter() - began
            size = video.stat().st_size
            sha = hashlib.sha256(video.read_bytes()).hexdigest()
            held = server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
            same = held.is_file() and hashlib.sha256(held.read_bytes()).hexdigest() == sha
            print(
                f"cut upload: {proxy.seen.get('cut_request', 0)} cut, sent "
                f"{report.bytes_uploaded / MB:.0f} MB for a {size / MB:.0f} MB file "
                f"({report.bytes_uploaded / size:.2f}×) in {took:.1f} s; "
                f"server copy bit-exact: {same}"
            )
            client.close()
            store.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default /tmp)")
    parser.add_argument("--cut-upload", action="store_true", help="then a cut upload and resume")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="video-bench-", dir=args.dir))
    try:
        video = work / "VID_20261120_161233.mp4"
        began = time.perf_counter()
        seconds = make_big_video(video, args.megabytes)
        size = video.stat().st_size
        print(
            f"made {video.name}: {size / MB:.0f} MB, {seconds:.0f} s of 1280×720 MPEG-4 "
            f"in {time.perf_counter() - began:.1f} s"
        )
        sha256sum(video)  # untimed: the file in the page cache, as for every run after
        hashes, imports = [], []
        for _ in range(args.runs):
            hashes.append(sha256sum(video))
            imports.append(import_once(video, work))
        hash_s, import_s = statistics.median(hashes), statistics.median(imports)
        print(f"sha256sum: {size / MB / hash_s:7.0f} MB/s  ({hash_s:.2f} s, median of {args.runs})")
        print(
            f"import:    {size / MB / import_s:7.0f} MB/s  ({import_s:.2f} s, median of "
            f"{args.runs}; copy + hash + fsync + poster + row)"
        )
        print(f"ratio import/sha256sum: {hash_s / import_s:.2f}")
        if args.cut_upload:
            cut_upload(video, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
