"""What runs without a display imports no Qt: opening a store as the app does, the headless
commands (ducha demo, export bulletin/workbook/package, verify-package), the sync engine, the photo
importer and the workbook (.xlsx) writer. The .docx writers are not among them: they paint the
photos' watermarks with the PDFs' Qt painter (app/documents/notice_photos.py).

Imported in a fresh interpreter: inside pytest, pytest-qt may already have imported PySide6 (its
plugin is named "pytest-qt", so "-p no:qt" does not turn it off)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = (
    "app.store_setup",
    "app.shell.cli",
    "app.shell.export_commands",
    "app.evidence.package_command",
    "app.evidence.originals",
    "app.evidence.keep_originals",
    "local_db.kept_originals",
    "app.demo.fill",
    "app.sync.engine",
    "app.sync.client",
    "app.sync.credentials",
    "app.sync.errors",
    "app.photos.importer",
    "app.photos.visit_photos",
    "app.photos.fetch",
    "app.documents.workbook",
    "app.cases.case_file",
    "app.cases.importer",
    "app.sheet_table",
    "spreadsheet.table",
    "spreadsheet.xlsx_formulas",
    "server.import_sheets",
    "app.assessment.score_import",
    "app.standalone.org_import",
    "app.standalone.org_export",
    "domain.org_sheet",
)
# Imports them one by one and names the first after which PySide6 is loaded.
PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError as error:  # where PySide6 is not installed
        sys.exit(f"importing {name} failed: {error}")
    if "PySide6" in sys.modules:
        sys.exit(f"importing {name} imported PySide6")
"""


def test_headless_modules_do_not_import_qt():
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *QT_FREE], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_probe_sees_a_module_that_imports_qt():
    """The check above can fail: a module that loads Qt (app.labels) is named."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "app.store_setup", "app.labels"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "app.labels" in done.stderr
