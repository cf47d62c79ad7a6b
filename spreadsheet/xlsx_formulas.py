"""Formula cells of an .xlsx workbook that hold no saved result.

openpyxl reads a formula's result as Excel last saved it (`data_only`); a workbook written by a
program that does not compute formulas (openpyxl itself, some exporters) saves none, and the
cell reads as empty. Whether a result was saved is only visible in the sheet's XML: a cell with
an <f> and no <v>, or an empty <v> that is not a text result (a formula giving "" is saved as
t="str" with an empty <v>). Read from the OOXML parts directly (the format, not openpyxl's
internals).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TEXT_TYPES = ("str", "inlineStr", "s")


def _part(base: str, target: str) -> str:
    """A relationship's target as a path inside the zip."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """id → (type, target part) of a part's relationships."""
    name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    root = ElementTree.fromstring(book.read(name))
    return {
        r.get("Id", ""): (r.get("Type", ""), _part(part, r.get("Target", "")))
        for r in root.iter(f"{_PKG_REL}Relationship")
    }


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """sheet title → its worksheet part."""
    workbook = next(
        target for kind, target in _rels(book, "").values() if kind.endswith("/officeDocument")
    )
    by_id = _rels(book, workbook)
    root = ElementTree.fromstring(book.read(workbook))
    parts = {}
    for sheet in root.iter(f"{_MAIN}sheet"):
        found = by_id.get(sheet.get(f"{_DOC_REL}id", ""))
        if found is not None:
            parts[sheet.get("name", "")] = found[1]
    return parts


def _first_gap(stream: IO[bytes]) -> tuple[int, int] | None:
    """(row, column) of the sheet's first formula cell without a saved result."""
    row_number, column = 0, 0
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        if element.tag == f"{_MAIN}c":
            column += 1
            formula = element.find(f"{_MAIN}f")
            if formula is not None:
                value = element.find(f"{_MAIN}v")
                kind = element.get("t", "n")
                if value is None or (not value.text and kind not in _TEXT_TYPES):
                    where = element.get("r")
                    return coordinate_to_tuple(where) if where else (row_number + 1, column)
            element.clear()
        elif element.tag == f"{_MAIN}row":
            row_number = int(element.get("r") or row_number + 1)
            column = 0
            element.clear()
    return None


def formulas_without_value(source: Path | IO[bytes]) -> dict[str, tuple[int, int]]:
    """sheet title → (row, column) of its first formula cell with no saved result; sheets whose
    formulas all have one are left out."""
    gaps = {}
    with zipfile.ZipFile(source) as book:
        for title, part in _sheet_parts(book).items():
            with book.open(part) as stream:
                gap = _first_gap(stream)
            if gap is not None:
                gaps[title] = gap
    return gaps
