"""Generated JPEG 'photos' for the demo store, with the EXIF a phone writes (time, GPS, camera).

They are drawn scenes, clearly marked DEMO, so nobody mistakes them for evidence.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.ExifTags import IFD

SIZE = (1024, 768)
CAMERAS = (("HUAWEI", "Mate 60"), ("Xiaomi", "14"), ("OPPO", "Find X7"), ("vivo", "X100"))


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 3)
    return (float(degrees), float(minutes), seconds)


def demo_exif(taken_local: datetime, lat: float, lon: float, camera: tuple[str, str]) -> Image.Exif:
    """EXIF as phones write it: local time without a zone (plus its offset), GPS in DMS."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = camera  # Make, Model
    exif[0x0112] = 1  # orientation
    exif[0x0132] = taken_local.strftime("%Y:%m:%d %H:%M:%S")
    sub = exif.get_ifd(IFD.Exif)
    sub[0x9003] = taken_local.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    sub[0x9011] = taken_local.strftime("%z")[:3] + ":" + taken_local.strftime("%z")[3:]
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[1], gps[2] = ("N" if lat >= 0 else "S"), _dms(lat)
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), _dms(lon)
    return exif


def _scene(rng: random.Random) -> Image.Image:
    """A street-like scene: sky, buildings, and litter, cones or bins on the ground."""
    width, height = SIZE
    horizon = rng.randint(height // 3, height // 2)
    sky = (rng.randint(150, 200), rng.randint(180, 220), rng.randint(210, 245))
    ground = (rng.randint(90, 130), rng.randint(90, 120), rng.randint(80, 110))
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, horizon, width, height), fill=ground)
    for _ in range(rng.randint(3, 6)):  # buildings
        x = rng.randint(0, width - 120)
        w, h = rng.randint(80, 220), rng.randint(120, horizon)
        shade = rng.randint(120, 200)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=(shade, shade - 10, shade - 20))
    for _ in range(rng.randint(4, 10)):  # the "problem"
        x, y = rng.randint(0, width - 60), rng.randint(horizon + 20, height - 60)
        size = rng.randint(15, 60)
        color = rng.choice([(200, 60, 40), (230, 200, 40), (40, 120, 60), (240, 240, 240)])
        draw.ellipse((x, y, x + size, y + size * 0.7), fill=color)
    texture = Image.effect_noise(SIZE, 24).convert("RGB")
    return Image.blend(image, texture, 0.12)


def _save(
    scene: Image.Image,
    dest: Path,
    label: str,
    taken_local: datetime,
    lat: float,
    lon: float,
    camera: tuple[str, str],
) -> Path:
    image = scene.copy()
    width, height = SIZE
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 56, width, height), fill=(0, 0, 0))
    draw.text((16, height - 50), f"DEMO  {label}", fill=(255, 255, 255), font=_font())
    dest.parent.mkdir(parents=True, exist_ok=True)
    image.save(dest, "JPEG", quality=85, exif=demo_exif(taken_local, lat, lon, camera))
    return dest


def _font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=34)


def make_demo_photo(
    dest: Path, *, taken_local: datetime, lat: float, lon: float, label: str, seed: str
) -> Path:
    """Draw a street-like scene and save it as a JPEG with EXIF at `dest`."""
    rng = random.Random(seed)
    camera = CAMERAS[rng.randrange(len(CAMERAS))]
    return _save(_scene(rng), dest, label, taken_local, lat, lon, camera)


class DemoCamera:
    """Takes the demo's photos: a few scenes drawn once, each shot labelled and time-stamped."""

    def __init__(self, workdir: Path, seed: int, scenes: int = 8) -> None:
        self.workdir = workdir
        self.rng = random.Random(f"{seed}:camera")
        self.scenes = [_scene(self.rng) for _ in range(scenes)]
        self.count = 0

    def shoot(self, label: str, taken_local: datetime, lat: float, lon: float) -> Path:
        self.count += 1
        camera = CAMERAS[self.rng.randrange(len(CAMERAS))]
        scene = self.scenes[self.rng.randrange(len(self.scenes))]
        dest = self.workdir / f"IMG_{taken_local:%Y%m%d_%H%M%S}_{self.count:04d}.jpg"
        return _save(scene, dest, label, taken_local, lat, lon, camera)
