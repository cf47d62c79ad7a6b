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

Cut upload of the same file (manual check, not timed here): import it on a laptop, sync through
tests/faults/proxy.py with a `cut_request` on the first PUT, as tests/server/test_media_sync.py
does with 64 MB; the upload resumes from the server's Upload-Offset.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default /tmp)")
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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
