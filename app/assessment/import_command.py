"""`ducha import assessment FILE --data-dir DIR --period 2026-Q3 [--component survey]`: an
imported component of the composite assessment (第三方评估, 民调, 专项工作, 专业检查) from an
.xlsx or CSV file, checked whole first (app/assessment/score_import.py).

Standard output: what was imported and what it replaced, then the warnings (units the file does
not score). Exit 0 when imported; 2 when nothing was (no such store, an inspector's laptop, or
any problem in the file, each named by sheet, row and column on standard error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from local_db.store import STORE_FILE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.xlsx|FILE.csv")
    parser.add_argument("--data-dir", type=Path, required=True, dest="import_dir")
    parser.add_argument("--period", required=True, help="a quarter 2026-Q3 or a year 2026")
    parser.add_argument(
        "--component",
        help="third_party|survey|special|professional (or 第三方评估, 民调, 专项工作, 专业检查): "
        "what a file with one 得分 column scores",
    )


def _refused(lines: list[str]) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    return 2


def import_assessment_command(
    data_dir: Path, file: Path, period: str, component: str | None, language: str | None
) -> int:
    from app.assessment.score_import import applied_lines, apply_scores, read_scores, render
    from app.i18n import chosen_language, install_translator
    from app.labels import local_time
    from local_db.assessment_data import units
    from local_db.org_settings import org_settings
    from local_db.reference import local_person_id, local_role
    from local_db.store import Store

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, language or chosen_language())

    if not (data_dir / STORE_FILE).exists():
        return _refused(
            [
                QCoreApplication.translate(
                    "import_assessment", "ducha import assessment: no store in {folder}"
                ).format(folder=data_dir)
            ]
        )
    store = Store.open(data_dir)
    try:
        if local_role(store) == "inspector":
            return _refused(
                [
                    QCoreApplication.translate(
                        "import_assessment",
                        "ducha import assessment: only the office (reviewers, administrators) "
                        "imports scores",
                    )
                ]
            )
        org = org_settings(store)
        plan = read_scores(
            file,
            period=period,
            component=component,
            units=units(store),
            config=org.composite,
            tz=org.time_zone,
        )
        if not plan.ok:
            head = QCoreApplication.translate(
                "import_assessment", "ducha import assessment: nothing imported from {file}:"
            ).format(file=file.name)
            return _refused([head, *(render(p, QCoreApplication.translate) for p in plan.problems)])
        done = apply_scores(store, plan, local_person_id(store))
    finally:
        store.close()
    for line in applied_lines(done, QCoreApplication.translate, local_time):
        print(line)
    for warning in plan.warnings:
        print(
            QCoreApplication.translate("import_assessment", "warning: {text}").format(
                text=render(warning, QCoreApplication.translate)
            )
        )
    return 0
