"""The font every document is drawn with: one that writes Chinese, and writes it extractably.

Qt silently drops Chinese characters from a PDF when no font has them, and with Noto Sans CJK
(OpenType/CFF) its PDF writer maps shared glyphs to Kangxi radicals, so 城关镇人民政府 is extracted
as 城关镇⼈⺠政府. So the documents choose explicitly, in this order:

1. a font shipped in resources/fonts (.ttf/.ttc/.otf; the bundle ships WenQuanYi Micro Hei there);
2. the system's WenQuanYi Micro Hei (Debian: fonts-wqy-microhei), by family, then by its file;
3. any family that Qt says writes Simplified Chinese, except Noto CJK / Source Han;

and refuse (NoChineseFont, with a message for the user) when there is none. That font (a 黑体,
sans) draws headings, tables and watermarks, and stands in for every other role.

Official documents (GB/T 9704-2012) want 小标宋 for the 发文机关标志 and the title and 仿宋 for the
body. Neither is free; the nearest free font that covers all of GB 2312 and extracts exactly is
AR PL SungtiL GB (文鼎ＰＬ简报宋, Debian fonts-arphic-gbsn00lp, 5 MB, Arphic Public License): a
light 宋体, printed bold for the 版头 and the title, regular for the body. cwTeX 仿宋
(fonts-cwtex-fs) was measured and refused: it is a traditional-character font and lacks 1,203 of
GB 2312's first-level characters (单问题县镇区为应该 among them). AR PL UMing CN
(fonts-arphic-uming) is the same design in a 21 MB file, taken only when SungtiL is absent.
song_font_family() finds it in resources/fonts (the bundle ships it there), then on the system,
and falls back to the sans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

from app.resources import resource_path

PREFERRED_FAMILY = "WenQuanYi Micro Hei"
SYSTEM_FONT_FILES = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),)
# The 宋 (Song/Ming) fonts for the official layout, best first: (file name, family).
SONG_FONTS = (
    ("gbsn00lp.ttf", "AR PL SungtiL GB"),
    ("uming.ttc", "AR PL UMing CN"),
)
SONG_SYSTEM_FILES = (
    Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
# Same glyph set, same Kangxi mapping in Qt's PDFs: never chosen as a fallback.
_EXCLUDED = ("noto sans cjk", "noto serif cjk", "source han", "思源")


class NoChineseFont(RuntimeError):
    """No font that writes Chinese is available: documents are refused, not drawn blank."""

    def __init__(self) -> None:
        super().__init__(
            QCoreApplication.translate(
                "documents",
                "No Chinese font is installed, so the document cannot be made (its Chinese text "
                "would be missing). Install the WenQuanYi Micro Hei font (Debian/Ubuntu package "
                "fonts-wqy-microhei), or put a Chinese TrueType font (.ttf/.ttc) in the "
                "resources/fonts folder of the application, then try again.",
            )
        )


@dataclass(frozen=True)
class DocumentFont:
    family: str
    path: Path | None  # the file, when known (a family found by name alone has none)


def writes_chinese(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return QFontDatabase.WritingSystem.SimplifiedChinese in systems


def _excluded(family: str) -> bool:
    name = family.lower()
    return any(word in name for word in _EXCLUDED)


def _register(path: Path) -> str | None:
    """Register a font file with Qt; its first family that writes Chinese, preferring WQY's
    proportional face over its Mono twin."""
    if not path.is_file():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    families = [f for f in QFontDatabase.applicationFontFamilies(font_id) if writes_chinese(f)]
    families.sort(key=lambda f: ("mono" in f.lower(), f != PREFERRED_FAMILY))
    return families[0] if families else None


def shipped_font_files(folder: Path | None = None) -> list[Path]:
    folder = folder if folder is not None else resource_path("fonts")
    if not folder.is_dir():
        return []
    song = {name for name, _ in SONG_FONTS}  # the 宋 role's, never the base font
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.name not in song
    )


def find_document_font(
    shipped: Iterable[Path],
    families: Sequence[str],
    system_files: Iterable[Path] = (),
) -> DocumentFont:
    """The first usable font in the documented order, registered with Qt. Raises NoChineseFont.

    `families` are the names Qt knows (QFontDatabase.families()); `system_files` where the
    preferred font lives on the system.
    """
    for path in shipped:
        family = _register(path)
        if family:
            return DocumentFont(family, path)
    system_files = list(system_files)
    if PREFERRED_FAMILY in families and writes_chinese(PREFERRED_FAMILY):
        known = next((p for p in system_files if p.is_file()), None)
        return DocumentFont(PREFERRED_FAMILY, known)
    for path in system_files:
        family = _register(path)
        if family:
            return DocumentFont(family, path)
    for family in families:
        if not _excluded(family) and writes_chinese(family):
            return DocumentFont(family, None)
    raise NoChineseFont()


_chosen: DocumentFont | None = None


def document_font() -> DocumentFont:
    """The font of the documents, chosen once per process (a refusal is not remembered: a font
    put in resources/fonts is found on the next try). Needs a QGuiApplication."""
    global _chosen
    if _chosen is None:
        _chosen = find_document_font(
            shipped_font_files(), QFontDatabase.families(), SYSTEM_FONT_FILES
        )
    return _chosen


def document_font_family() -> str:
    """The family to set on every painter and document. Raises NoChineseFont."""
    return document_font().family


def font_file() -> Path | None:
    """The file of the document font when known (for python-docx or Pillow). Raises
    NoChineseFont."""
    return document_font().path


def find_song_font(files: Iterable[Path]) -> str | None:
    """The family of the first 宋 font among `files` (known by name) that registers and writes
    Chinese; None when there is none."""
    wanted = dict(SONG_FONTS)
    for path in files:
        family = wanted.get(path.name)
        if family is None or not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        registered = font_id >= 0 and family in QFontDatabase.applicationFontFamilies(font_id)
        if registered and writes_chinese(family):
            return family
    return None


_song: str | None = None


def song_font_family() -> str:
    """The family of the 版头, the title and the body (宋, standing in for 小标宋 and 仿宋):
    shipped in resources/fonts, else the system's, else the document font. Raises NoChineseFont
    when there is no Chinese font at all."""
    global _song
    base = document_font_family()
    if _song is None:
        folder = resource_path("fonts")
        shipped = [folder / name for name, _ in SONG_FONTS]
        _song = find_song_font([*shipped, *SONG_SYSTEM_FILES]) or base
    return _song
