"""Reading photos: EXIF time, place, camera and orientation from real camera files; refusing bad
files with a reason that names them; never crashing on a broken EXIF block. Thumbnails."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from tests.testdata import PHOTOS as TESTDATA_PHOTOS

pytest.importorskip("PIL", reason="the photo pipeline needs Pillow (the app extra)")
pytest.importorskip("pillow_heif", reason="the photo pipeline needs pillow-heif (the app extra)")

from PIL import ExifTags, Image

from app.photos.metadata import PhotoInfo, PhotoRefused, read_metadata
from app.photos.thumbnails import make_thumbnail, thumbnail_path, upright_image

PHOTOS = TESTDATA_PHOTOS


def refusal(path: Path) -> PhotoRefused:
    with pytest.raises(PhotoRefused) as refused:
        read_metadata(path)
    assert refused.value.path == path
    assert str(refused.value.reason).startswith(f"{path.name}: ")  # the message names the file
    assert refused.value.reason.values["name"] == path.name
    return refused.value


# -- gps/ ------------------------------------------------------------------------------------------


def test_gps_position_and_time_are_read():
    info = read_metadata(PHOTOS / "gps" / "DSCN0010.jpg")

    # N 43° 28' 2.814", E 11° 53' 6.456" — written by the camera as degrees, minutes, seconds.
    assert info.gps_lat == pytest.approx(43 + 28 / 60 + 2.814 / 3600, abs=1e-6)
    assert info.gps_lon == pytest.approx(11 + 53 / 60 + 6.456 / 3600, abs=1e-6)
    assert info.taken_at_raw == "2008:10:22 16:28:39"
    assert info.taken_at == "2008-10-22T08:28:39.000000Z"  # read as Asia/Shanghai time
    assert info.camera == "NIKON COOLPIX P6000"
    assert (info.format, info.width, info.height, info.orientation) == ("JPEG", 640, 480, 1)
    assert info.has_exif


@pytest.mark.parametrize("path", sorted((PHOTOS / "gps").glob("*.jpg")), ids=lambda p: p.name)
def test_every_gps_photo_has_its_place_and_time(path: Path):
    info = read_metadata(path)

    assert 43.46 < info.gps_lat < 43.47 and 11.88 < info.gps_lon < 11.89
    assert info.taken_at_raw.startswith("2008:10:22 16:")
    assert info.taken_at.startswith("2008-10-22T08:")


def test_the_raw_time_is_read_in_the_zone_given():
    info = read_metadata(PHOTOS / "gps" / "DSCN0010.jpg", zone="Europe/Rome")

    assert info.taken_at_raw == "2008:10:22 16:28:39"
    assert info.taken_at == "2008-10-22T14:28:39.000000Z"  # CEST, +02:00


# -- cameras/ --------------------------------------------------------------------------------------

CAMERAS = {
    "Canon_40D.jpg": ("Canon EOS 40D", "2008:05:30 15:56:01", (100, 68)),
    "Kodak_CX7530.jpg": ("KODAK CX7530 ZOOM DIGITAL CAMERA", "2005:08:13 09:47:23", (100, 78)),
    "Nikon_D70.jpg": ("NIKON D70", "2008:03:15 09:52:01", (100, 66)),
    "Pentax_K10D.jpg": ("PENTAX K10D", "2008:05:04 16:47:24", (100, 72)),
    "jolla.jpg": ("Jolla", "2014:09:21 16:00:56", (3264, 2448)),
}


@pytest.mark.parametrize("name", sorted(CAMERAS))
def test_camera_and_time_are_read(name: str):
    camera, raw, size = CAMERAS[name]
    info = read_metadata(PHOTOS / "cameras" / name)

    assert info.camera == camera
    assert info.taken_at_raw == raw
    assert info.taken_at is not None
    assert (info.width, info.height) == size
    assert info.format == "JPEG" and info.has_exif


def test_every_camera_file_is_listed():
    assert sorted(p.name for p in (PHOTOS / "cameras").iterdir()) == sorted(CAMERAS)


def test_the_phone_photo_is_read_at_full_size():
    info = read_metadata(PHOTOS / "cameras" / "jolla.jpg")

    assert (info.width, info.height) == (3264, 2448)
    assert upright_image(PHOTOS / "cameras" / "jolla.jpg").size == (3264, 2448)


def test_a_position_south_of_the_equator_is_negative():
    info = read_metadata(PHOTOS / "cameras" / "Kodak_CX7530.jpg")

    assert info.gps_lat == pytest.approx(-(22.278 / 60), abs=1e-6)
    assert info.gps_lon == pytest.approx(36 + 3.385 / 60, abs=1e-6)


# -- orientation/ ----------------------------------------------------------------------------------


def _signature(image: Image.Image) -> list[float]:
    """A 16×16 grayscale print with its mean removed (the _1 files are a little brighter)."""
    pixels = list(image.convert("L").resize((16, 16), Image.Resampling.BOX).tobytes())
    mean = sum(pixels) / len(pixels)
    return [p - mean for p in pixels]


def _distance(a: list[float], b: list[float]) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


@pytest.mark.parametrize("kind", ["landscape", "portrait"])
@pytest.mark.parametrize("n", range(1, 9))
def test_every_orientation_displays_upright(kind: str, n: int):
    path = PHOTOS / "orientation" / f"{kind}_{n}.jpg"
    reference = _signature(upright_image(PHOTOS / "orientation" / f"{kind}_1.jpg"))

    info = read_metadata(path)
    full = upright_image(path)
    review = upright_image(path, max_side=200)

    assert info.orientation == n
    wide = full.width > full.height
    assert wide == (kind == "landscape")
    assert (review.width > review.height) == wide and max(review.size) == 200
    assert full.mode == review.mode == "RGB"
    assert _distance(reference, _signature(full)) < 8
    assert _distance(reference, _signature(review)) < 8
    if n != 1:  # the stored pixels alone are not upright: the test can tell
        assert _distance(reference, _signature(Image.open(path))) > 20


# -- broken/ ---------------------------------------------------------------------------------------

# These crashed other EXIF readers. Pillow decodes all four completely: they import, with what
# their EXIF gives.
BROKEN = {
    "35-empty.jpg": ("CASIO COMPUTER CO.,LTD EX-Z750", "2005:07:19 18:25:29", (2164, 1626)),
    "36-memory_error.jpg": ("CASIO COMPUTER CO.,LTD. EX-M2", "2002:04:21 00:30:33", (1600, 1200)),
    "87_OSError.jpg": ("NIKON D70s", "2005:12:14 14:39:47", (1488, 2240)),
    "corrupted.jpg": ("OLYMPUS IMAGING CORP. u1020,S1020", "2015:09:08 11:02:17", (3648, 2736)),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_files_that_crashed_exif_readers_are_read_cleanly(name: str):
    camera, raw, size = BROKEN[name]
    info = read_metadata(PHOTOS / "broken" / name)  # anything but PhotoRefused fails here

    assert (info.camera, info.taken_at_raw, (info.width, info.height)) == (camera, raw, size)
    assert info.orientation == 1 and info.format == "JPEG"


def test_every_broken_file_is_listed():
    assert sorted(p.name for p in (PHOTOS / "broken").iterdir()) == sorted(BROKEN)


# -- formats/ --------------------------------------------------------------------------------------


def test_an_iphone_heic_is_read():
    info = read_metadata(PHOTOS / "formats" / "IMG_5195.HEIC")

    assert (info.format, info.width, info.height) == ("HEIF", 2566, 3313)
    assert info.camera == "Apple iPhone 11 Pro Max"
    assert info.taken_at_raw == "2021:04:11 15:47:53"
    # OffsetTimeOriginal (-05:00) is written: it wins over the zone.
    assert info.taken_at == "2021-04-11T20:47:53.054000Z"
    assert info.gps_lat == pytest.approx(39.0513444, abs=1e-6)
    assert info.gps_lon == pytest.approx(-94.2887722, abs=1e-6)  # W is negative
    assert upright_image(PHOTOS / "formats" / "IMG_5195.HEIC", max_side=400).size == (310, 400)


def test_an_lzw_tiff_is_read():
    info = read_metadata(PHOTOS / "formats" / "BSG1.tiff")

    assert (info.format, info.width, info.height) == ("TIFF", 635, 348)
    assert info.has_exif is False and info.taken_at is None and info.camera is None


def test_a_jpeg_without_capture_exif_is_read_with_its_ifd0_time():
    """No DateTimeOriginal, camera or position; only IFD0's DateTime, which is now the fallback
    for the capture time (issue 12, finding 7), and says so."""
    info = read_metadata(PHOTOS / "formats" / "no_exif.jpg")

    assert (info.format, info.width, info.height, info.orientation) == ("JPEG", 322, 466, 1)
    assert info == PhotoInfo(
        "JPEG",
        322,
        466,
        1,
        "2014:09:22 10:56:35",
        "2014-09-22T02:56:35.000000Z",
        "exif_datetime",
        None,
        None,
        None,
        True,
    )


# -- bad inputs, made here -------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bilevel_png(path: Path, width: int, height: int, rows: int | None = None) -> None:
    """A 1-bit PNG declaring width×height; `rows` of them actually stored (all when None)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + bytes((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height if rows is None else rows))
    data += packer.flush()
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def test_a_text_file_named_jpg_is_not_an_image(tmp_path: Path):
    path = tmp_path / "IMG_0001.jpg"
    path.write_text("这不是照片 / not a photo\n" * 50, encoding="utf-8")

    assert refusal(path).kind == "not_image"


def test_an_empty_file_is_refused(tmp_path: Path):
    path = tmp_path / "IMG_0002.jpg"
    path.write_bytes(b"")

    assert refusal(path).kind == "empty"


def test_a_missing_file_is_unreadable(tmp_path: Path):
    assert refusal(tmp_path / "gone.jpg").kind == "unreadable"


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_jpeg_is_refused(tmp_path: Path, keep: float):
    original = (PHOTOS / "cameras" / "jolla.jpg").read_bytes()
    path = tmp_path / "jolla_cut.jpg"
    path.write_bytes(original[: int(len(original) * keep)])

    error = refusal(path)
    assert error.kind == "damaged"
    assert str(error.reason) == "jolla_cut.jpg: the file is truncated or damaged"


def test_a_truncated_heic_is_refused(tmp_path: Path):
    """libheif decodes a cut HEIC without complaint (missing tiles come out green): the file's
    boxes must be checked against its length."""
    original = (PHOTOS / "formats" / "IMG_5195.HEIC").read_bytes()
    path = tmp_path / "IMG_5195.HEIC"
    path.write_bytes(original[: len(original) // 2])

    assert refusal(path).kind == "damaged"


@pytest.mark.parametrize(
    ("compression", "kind"),
    [
        (None, "damaged"),  # directory first, strips after it: the last strips are missing
        ("tiff_lzw", "not_image"),  # libtiff writes the directory last: it is gone
    ],
)
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")
def test_a_truncated_tiff_is_refused(tmp_path: Path, compression: str | None, kind: str):
    whole = tmp_path / "whole.tiff"
    Image.effect_noise((300, 200), 50).convert("RGB").save(whole, compression=compression)
    path = tmp_path / "scan.tiff"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size * 3 // 4])

    assert refusal(path).kind == kind


def test_a_decompression_bomb_is_refused(tmp_path: Path):
    """A real one: 112 MB of pixels (30000×30000, 1 bit) in a file of about 100 KB."""
    path = tmp_path / "bomb.png"
    _bilevel_png(path, 30_000, 30_000)
    assert path.stat().st_size < 200_000

    error = refusal(path)
    assert error.kind == "too_large"
    assert str(error.reason) == "bomb.png: the image is too large to open safely"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_above_the_pixel_limit_is_refused_even_when_pillow_only_warns(tmp_path: Path):
    path = tmp_path / "huge.png"
    _bilevel_png(path, 17_000, 17_000, rows=10)  # 289 megapixels: Pillow warns, we refuse

    assert refusal(path).kind == "too_large"


@pytest.mark.parametrize("fmt", ["BMP", "GIF", "WEBP"])
def test_an_unsupported_format_is_refused(tmp_path: Path, fmt: str):
    path = tmp_path / f"scan.{fmt.lower()}"
    Image.new("RGB", (40, 30), "red").save(path, fmt)

    error = refusal(path)
    assert error.kind == "unsupported"
    assert fmt in str(error.reason) and "not supported" in str(error.reason)


def _jpeg(path: Path, exif: bytes | Image.Exif | None = None) -> None:
    image = Image.new("RGB", (64, 48), (30, 120, 200))
    if exif is None:
        image.save(path, "JPEG")
    else:
        image.save(path, "JPEG", exif=exif)


@pytest.mark.parametrize(
    "block",
    [
        b"Exif\x00\x00II*\x00\x08\x00\x00\x00\xff\xff" + b"\x00" * 12,  # 65535 entries promised
        b"Exif\x00\x00MM\x00*\xff\xff\xff\xf0",  # IFD offset past the end
        b"Exif\x00\x00garbage, not TIFF at all",
        b"Exif\x00\x00",
    ],
    ids=["endless-ifd", "offset-past-end", "not-tiff", "empty"],
)
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # Pillow says so, rightly
def test_a_broken_exif_block_does_not_refuse_good_pixels(tmp_path: Path, block: bytes):
    path = tmp_path / "broken_exif.jpg"
    _jpeg(path, block)

    info = read_metadata(path)

    assert (info.format, info.width, info.height, info.orientation) == ("JPEG", 64, 48, 1)
    assert not info.has_exif
    assert (info.taken_at_raw, info.gps_lat, info.camera) == (None, None, None)


def test_placeholder_time_and_impossible_position_are_not_believed(tmp_path: Path):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Huawei\x00"
    exif[ExifTags.Base.Orientation] = 9  # no such orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "0000:00:00 00:00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (95.0, 0.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 9.0, 30.0)
    path = tmp_path / "odd.jpg"
    _jpeg(path, exif)

    info = read_metadata(path)

    assert info.taken_at_raw == "0000:00:00 00:00:00" and info.taken_at is None
    assert (info.gps_lat, info.gps_lon) == (None, None)
    assert info.orientation == 1
    assert info.camera == "Huawei" and info.has_exif


def test_a_position_without_its_hemisphere_is_not_guessed(tmp_path: Path):
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitude] = (30.0, 15.0, 0.0)
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 9.0, 30.0)
    path = tmp_path / "noref.jpg"
    _jpeg(path, exif)

    assert (read_metadata(path).gps_lat, read_metadata(path).gps_lon) == (None, None)


def test_a_png_is_accepted(tmp_path: Path):
    path = tmp_path / "screen.png"
    Image.new("RGBA", (50, 20), (255, 0, 0, 128)).save(path)

    info = read_metadata(path)

    assert (info.format, info.width, info.height, info.has_exif) == ("PNG", 50, 20, False)
    assert upright_image(path).mode == "RGB"


# -- thumbnails ------------------------------------------------------------------------------------


def test_thumbnail_path_layout(tmp_path: Path):
    sha = "ab" + "0" * 62
    assert thumbnail_path(tmp_path, sha) == tmp_path / "thumbs" / "ab" / f"{sha}.jpg"


@pytest.mark.parametrize(
    ("source", "size"),
    [
        ("orientation/portrait_6.jpg", (240, 320)),  # stored 600×450, shown upright
        ("orientation/landscape_8.jpg", (320, 240)),  # stored 450×600
        ("cameras/jolla.jpg", (320, 240)),
        ("formats/IMG_5195.HEIC", (248, 320)),
        ("formats/BSG1.tiff", (320, 175)),
        ("cameras/Canon_40D.jpg", (100, 68)),  # never enlarged
    ],
)
def test_thumbnails_are_upright_jpegs_within_the_size(tmp_path: Path, source: str, size):
    dest = tmp_path / "thumbs" / "x.jpg"

    make_thumbnail(PHOTOS / source, dest)

    with Image.open(dest) as thumb:
        assert thumb.format == "JPEG" and thumb.size == size
    assert list(dest.parent.iterdir()) == [dest]  # no temporary file left beside it


def test_a_thumbnail_of_a_bad_file_is_refused_and_leaves_nothing(tmp_path: Path):
    path = tmp_path / "bad.jpg"
    path.write_bytes((PHOTOS / "cameras" / "jolla.jpg").read_bytes()[:50_000])
    dest = tmp_path / "thumbs" / "bad.jpg"

    with pytest.raises(PhotoRefused):
        make_thumbnail(path, dest)

    assert not dest.exists()
    assert not dest.parent.exists() or list(dest.parent.iterdir()) == []


def test_the_original_is_never_changed(tmp_path: Path):
    source = PHOTOS / "orientation" / "landscape_6.jpg"
    before = source.read_bytes()

    read_metadata(source)
    make_thumbnail(source, tmp_path / "t.jpg")
    upright_image(source, max_side=100)

    assert source.read_bytes() == before


def test_reading_does_not_depend_on_the_file_name(tmp_path: Path):
    path = tmp_path / "photo.png"  # a JPEG under a PNG name
    path.write_bytes((PHOTOS / "gps" / "DSCN0010.jpg").read_bytes())

    assert read_metadata(path).format == "JPEG"


def test_a_phone_jpeg_with_a_second_picture_is_a_jpeg(tmp_path: Path):
    """Phones write a second picture (depth map, preview) after the first: Pillow says MPO."""
    path = tmp_path / "IMG_MPF.jpg"
    first, second = Image.new("RGB", (80, 60), "red"), Image.new("RGB", (80, 60), "blue")
    first.save(path, "MPO", save_all=True, append_images=[second])
    assert Image.open(path).format == "MPO"

    info = read_metadata(path)

    assert (info.format, info.width, info.height) == ("JPEG", 80, 60)
    assert upright_image(path).getpixel((40, 30))[0] > 200  # the first picture, red


# -- where the capture time comes from (issue 12, finding 7) ---------------------------------------
def _phone_photo(path: Path, *, tags: dict | None = None, xmp: str | None = None) -> Path:
    """A small JPEG carrying only the given time field(s), as some phones write them.
    `tags`: {"ifd0": {tag: value}, "exif": {…}, "gps": {…}}."""
    exif = Image.Exif()
    for tag, value in (tags or {}).get("ifd0", {}).items():
        exif[tag] = value
    for ifd, key in ((ExifTags.IFD.Exif, "exif"), (ExifTags.IFD.GPSInfo, "gps")):
        for tag, value in (tags or {}).get(key, {}).items():
            exif.get_ifd(ifd)[tag] = value
    extra = {"xmp": xmp.encode()} if xmp is not None else {}
    Image.new("RGB", (64, 48), (90, 120, 160)).save(path, "JPEG", exif=exif, **extra)
    return path


_XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
 exif:DateTimeOriginal="{value}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


@pytest.mark.parametrize(
    ("tags", "xmp", "source", "raw", "taken"),
    [
        (  # DateTimeOriginal (with its own offset)
            {"exif": {0x9003: "2026:11:20 10:05:00", 0x9011: "+08:00"}},
            None,
            "exif_original",
            "2026:11:20 10:05:00",
            "2026-11-20T02:05:00.000000Z",
        ),
        (  # only IFD0 DateTime: read in the office's zone (Beijing)
            {"ifd0": {0x0132: "2026:11:20 10:06:00"}},
            None,
            "exif_datetime",
            "2026:11:20 10:06:00",
            "2026-11-20T02:06:00.000000Z",
        ),
        (  # only the GPS date and time stamp: UTC by definition
            {"gps": {29: "2026:11:20", 7: (2.0, 7.0, 30.0)}},
            None,
            "gps",
            "2026:11:20 02:07:30 UTC",
            "2026-11-20T02:07:30.000000Z",
        ),
        (  # only XMP's exif:DateTimeOriginal, with its offset
            None,
            _XMP.format(value="2026-11-20T10:08:00+08:00"),
            "xmp",
            "2026-11-20T10:08:00+08:00",
            "2026-11-20T02:08:00.000000Z",
        ),
        (None, None, "none", None, None),
    ],
    ids=["exif_original", "exif_datetime", "gps", "xmp", "none"],
)
def test_the_capture_time_falls_back_and_says_where_it_came_from(
    tmp_path: Path, tags, xmp, source, raw, taken
):
    """Old code: only DateTimeOriginal was read; the other phones' photos had no time."""
    info = read_metadata(_phone_photo(tmp_path / "phone.jpg", tags=tags, xmp=xmp))
    assert (info.taken_at_source, info.taken_at_raw, info.taken_at) == (source, raw, taken)


def test_dateTimeOriginal_wins_over_the_other_fields(tmp_path: Path):
    tags = {
        "ifd0": {0x0132: "2026:11:21 09:00:00"},
        "exif": {0x9003: "2026:11:20 10:05:00"},
        "gps": {29: "2026:11:19", 7: (1.0, 0.0, 0.0)},
    }
    xmp = _XMP.format(value="2026-11-18T10:00:00")
    info = read_metadata(_phone_photo(tmp_path / "all.jpg", tags=tags, xmp=xmp))
    assert info.taken_at_source == "exif_original"
    assert info.taken_at == "2026-11-20T02:05:00.000000Z"


def test_an_xmp_time_without_offset_is_read_in_the_zone(tmp_path: Path):
    xmp = _XMP.format(value="2026-11-20T10:08:00").replace(
        'exif:DateTimeOriginal="2026-11-20T10:08:00"',
        'photoshop:DateCreated="2026-11-20T10:08:00"',
    )
    info = read_metadata(_phone_photo(tmp_path / "ps.jpg", xmp=xmp), zone="Europe/Berlin")
    assert (info.taken_at_source, info.taken_at) == ("xmp", "2026-11-20T09:08:00.000000Z")


def test_a_placeholder_time_falls_back_to_the_next_field(tmp_path: Path):
    tags = {"exif": {0x9003: "0000:00:00 00:00:00"}, "ifd0": {0x0132: "2026:11:20 10:06:00"}}
    info = read_metadata(_phone_photo(tmp_path / "zero.jpg", tags=tags))
    assert (info.taken_at_source, info.taken_at) == ("exif_datetime", "2026-11-20T02:06:00.000000Z")
