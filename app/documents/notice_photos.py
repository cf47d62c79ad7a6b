"""A notice's photos: the original read untouched, oriented, scaled, with the markup and the
watermark painted over a copy (PDF and .docx alike)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
)

from app.documents.model import NoticePhoto
from app.evidence.markup_paint import paint_markup_on_copy
from app.photos.metadata import PhotoRefused, open_image, orientation_of
from app.photos.thumbnails import upright_image

PHOTO_MAX_SIDE = 1600


class PhotoNotDrawable(ValueError):
    """An original on this laptop that cannot be decoded: the document is not written (an
    official document never carries a placeholder in place of its evidence)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QCoreApplication.translate(
                "documents",
                "The original photo {name} cannot be read, so the document was not written.",
            ).format(name=name)
        )
        self.name = name


def photo_size(path: Path, name: str) -> tuple[int, int]:
    """upright_size, or PhotoNotDrawable naming the photo."""
    size = upright_size(path)
    if size is None:
        raise PhotoNotDrawable(name or path.name)
    return size


def upright_size(path: Path) -> tuple[int, int] | None:
    """The photo's size as seen (orientation applied), from its header; None if unreadable."""
    try:
        with open_image(path) as image:
            width, height = image.size
            if orientation_of(image) in (5, 6, 7, 8):
                width, height = height, width
            return width, height
    except PhotoRefused as refused:
        if refused.kind != "not_image":
            return None
    try:  # a video or audio recording: printed as its poster (frame, duration)
        return upright_image(path, PHOTO_MAX_SIDE).size
    except PhotoRefused:
        return None


def to_qimage(image: Image.Image) -> QImage:
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes()
    width, height = rgb.size
    return QImage(data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def paint_watermark(painter: QPainter, rect: QRectF, lines: Sequence[str], family: str) -> None:
    """The 水印相机 box: the lines in white on a dark translucent box in the bottom-left corner
    of `rect` (the photo as drawn), sized to the photo so it reads the same at any scale."""
    lines = [line for line in lines if line]
    if not lines or rect.width() < 20:
        return
    base = (rect.width() + rect.height()) / 58  # one size for landscape and portrait alike
    margin = base * 0.6
    limit = rect.width() - 2 * margin

    def fonts(size: float) -> tuple[QFont, QFont]:
        first, rest = QFont(family), QFont(family)
        first.setPixelSize(max(1, round(size * 1.15)))
        first.setBold(True)
        rest.setPixelSize(max(1, round(size)))
        return first, rest

    device = painter.device()
    for scale in (1.0, 0.9, 0.8, 0.7):
        first, rest = fonts(base * scale)
        padding = base * scale * 0.45
        widths = [
            QFontMetricsF(first if n == 0 else rest, device).horizontalAdvance(line)
            for n, line in enumerate(lines)
        ]
        if max(widths) + 2 * padding <= limit:
            break
    rows: list[tuple[QFont, str, float]] = []
    for n, line in enumerate(lines):
        font = first if n == 0 else rest
        metrics = QFontMetricsF(font, device)
        text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, limit - 2 * padding)
        rows.append((font, text, metrics.height()))
    width = max(QFontMetricsF(f, device).horizontalAdvance(t) for f, t, _ in rows)
    height = sum(h for _, _, h in rows)
    box = QRectF(
        rect.left() + margin,
        rect.bottom() - margin - height - 2 * padding,
        width + 2 * padding,
        height + 2 * padding,
    )
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 140))
    painter.drawRoundedRect(box, padding * 0.6, padding * 0.6)
    painter.setPen(QColor("white"))
    y = box.top() + padding
    for font, text, h in rows:
        painter.setFont(font)
        painter.drawText(
            QRectF(box.left() + padding, y, width + padding, h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        y += h
    painter.restore()


def watermarked_photo(photo: NoticePhoto, family: str, max_side: int = PHOTO_MAX_SIDE) -> QImage:
    """A watermarked copy of the photo (upright, at most `max_side`); the file is only read.
    Raises PhotoNotDrawable."""
    try:
        image = to_qimage(upright_image(photo.path, max_side)).convertToFormat(
            QImage.Format.Format_RGB32
        )
    except PhotoRefused as error:
        raise PhotoNotDrawable(photo.name or photo.path.name) from error
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if photo.markup:
        original = photo_size(photo.path, photo.name)
        paint_markup_on_copy(
            painter, photo.markup, original, (image.width(), image.height()), family
        )
    paint_watermark(painter, QRectF(image.rect()), photo.watermark, family)
    painter.end()
    return image
