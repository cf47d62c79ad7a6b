"""Real short recordings made with PyAV for tests: video (H.264 or MPEG-4 in MP4/MOV/3GP) and
audio (AAC in M4A or ADTS, PCM in WAV). No numpy: frames come from Pillow images and bytes."""

from __future__ import annotations

import math
import struct
from pathlib import Path
from typing import Any

import av
from PIL import Image


def video_encoder() -> str:
    """The H.264 encoder when the wheel carries one, else MPEG-4 part 2."""
    for name in ("libx264", "h264", "mpeg4"):
        try:
            av.codec.Codec(name, "w")
            return name
        except Exception:
            continue
    raise RuntimeError("no video encoder in this PyAV")


def make_video(
    path: Path,
    *,
    seconds: float = 2.0,
    fps: int = 10,
    size: tuple[int, int] = (320, 240),
    colours: tuple[tuple[int, int, int], ...] = ((200, 30, 30),),
    creation_time: str | None = None,
    sound: bool = False,
    codec: str | None = None,
    rotation: int = 0,
    picture: Image.Image | None = None,
) -> Path:
    """A clip of `seconds` whose frames show `colours` in turn (each for an equal share)."""
    options = {"movflags": "+faststart"} if path.suffix.lower() in (".mp4", ".mov") else {}
    with av.open(str(path), mode="w", options=options) as out:
        if creation_time:
            out.metadata["creation_time"] = creation_time
        stream = out.add_stream(codec or video_encoder(), rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        if rotation:  # as a phone held upright writes it: the display matrix, counter-clockwise
            stream.set_display_rotation(rotation)
        if path.suffix.lower() == ".3gp":
            stream.bit_rate = 200_000
        audio = out.add_stream("aac", rate=16000, layout="mono") if sound else None
        count = max(1, round(seconds * fps))
        for i in range(count):
            colour = colours[min(len(colours) - 1, i * len(colours) // count)]
            frame = av.VideoFrame.from_image(picture or Image.new("RGB", size, colour))
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
        if audio is not None:
            _write_tone(out, audio, seconds, 16000)
    return path


def _tone_frames(seconds: float, rate: int, fmt: str, layout: str) -> list[av.AudioFrame]:
    frames = []
    total = round(seconds * rate)
    chunk = 1024
    for start in range(0, total, chunk):
        n = min(chunk, total - start)
        samples = [round(8000 * math.sin(2 * math.pi * 440 * (start + k) / rate)) for k in range(n)]
        frame = av.AudioFrame(format=fmt, layout=layout, samples=n)
        frame.planes[0].update(struct.pack(f"<{n}h", *samples))
        frame.sample_rate = rate
        frame.pts = start
        frames.append(frame)
    return frames


def _write_tone(out: Any, stream: Any, seconds: float, rate: int) -> None:
    resampler = av.AudioResampler(format=stream.codec_context.format, layout="mono", rate=rate)
    for frame in _tone_frames(seconds, rate, "s16", "mono"):
        for converted in resampler.resample(frame):
            for packet in stream.encode(converted):
                out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def make_audio(path: Path, *, seconds: float = 3.0, rate: int = 16000) -> Path:
    """A 440 Hz tone: AAC in .m4a and .aac (ADTS), 16-bit PCM in .wav."""
    suffix = path.suffix.lower()
    codec = "pcm_s16le" if suffix == ".wav" else "aac"
    fmt = "adts" if suffix == ".aac" else None
    with av.open(str(path), mode="w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono")
        _write_tone(out, stream, seconds, rate)
    return path
