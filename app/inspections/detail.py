"""The detail pane beside the list: one inspection at a glance."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.context import AppContext
from app.inspections.duty_control import duty_label
from app.labels import (
    local_time,
    mode_label,
    number,
    review_label,
    severity_label,
    status_label,
)
from domain.duty import applies_to
from local_db import inspections as ops
from local_db.duty_checks import duty_check
from local_db.queries import inspection_header
from local_db.reference import load_template
from local_db.reviews import version_chain


def _note(text: str) -> str:
    return f"<p style='color:#b45309'>{escape(text)}</p>"


class InspectionDetail(QTextBrowser):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.inspection_id: str | None = None
        self.setOpenLinks(False)

    def show_inspection(self, inspection_id: str | None) -> None:
        self.inspection_id = inspection_id
        if inspection_id is None:
            hint = self.tr("Select an inspection.")
            self.setHtml(f"<p style='color:#6b7280'>{escape(hint)}</p>")
            return
        store = self.context.store
        h = inspection_header(store, inspection_id)
        if h is None:
            self.clear()
            return
        template = load_template(store, h["template_id"])
        found = ops.findings(store, inspection_id)
        persons = "、".join(p["name"] for p in ops.inspection_persons(store, inspection_id))
        rows = [
            (self.tr("Responsible unit"), h["unit_name"]),
            (self.tr("Road chief"), f"{h['chief_name'] or '—'} {h['chief_phone'] or ''}"),
            (self.tr("Mode"), mode_label(h["mode"])),
            (self.tr("Started"), local_time(h["started_at"])),
            (self.tr("Finished"), local_time(h["finished_at"]) or "—"),
            (self.tr("Inspectors"), persons),
            (self.tr("Checklist"), h["template_name"]),
            (self.tr("Status"), status_label(h["status"])),
            (self.tr("Checked"), f"{len(found)}/{template.item_count}"),
        ]
        if applies_to(h["zone_kind"]):  # 马路办公: none recorded reads 未核实
            duty = duty_check(store, inspection_id)
            state = duty_label(duty["status"] if duty else None)
            if duty:
                state += " · " + local_time(duty["checked_at"])
                if duty["photo_id"]:
                    state += " · " + self.tr("with a photo")
                if duty["note"]:
                    state += " · " + duty["note"]
            rows.append((self.tr("Road chief on duty (马路办公)"), state))
        if h["digest"]:
            rows.append((self.tr("Digest"), h["digest"]))
        score = self.tr("Score {score}").format(score=number(h["score"] or 0))
        problem_count = self.tr("{n} problem(s)").format(n=h["problem_count"])
        html = [
            f"<h3>{escape(h['zone_name'])}</h3>",
            f"<p style='font-size:18px'><b>{escape(score)}</b> &nbsp; {escape(problem_count)}</p>",
        ]
        if h["amends_id"]:
            html.append(_note(self.tr("Corrects an earlier inspection.")))
        if h["amended_by"]:
            html.append(_note(self.tr("Corrected by a later version.")))
        html.append("<table cellspacing='2'>")
        html += [
            f"<tr><td style='color:#6b7280'>{escape(k)}</td><td>{escape(str(v))}</td></tr>"
            for k, v in rows
        ]
        html.append("</table>")
        if h["summary"]:
            html.append(f"<p>{escape(h['summary'])}</p>")
        problems = [f for f in found.values() if f["result"] == "problem"]
        problems_title = self.tr("Problems")
        if problems:
            html.append(f"<h4>{escape(problems_title)}</h4><ol>")
            for f in sorted(problems, key=lambda f: f["item_code"]):
                item = template.item(f["item_code"])
                deduction = number(f["deduction"], 2)
                cases = self.tr("{n} case(s)").format(n=f["cases"])
                html.append(
                    f"<li><b>{escape(item.code)} {escape(item.text)}</b> "
                    f"({escape(cases)}, "
                    f"{escape(severity_label(f['severity']))}, −{escape(deduction)})"
                    f"<br>{escape(f['description'])}</li>"
                )
            html.append("</ol>")
        html += self._chain(inspection_id)
        self.setHtml("".join(html))

    def _chain(self, inspection_id: str) -> list[str]:
        """The versions of the correction chain and the reviews each received."""
        chain = version_chain(self.context.store, inspection_id)
        if len(chain) == 1 and not chain[0].reviews:
            return []
        title = self.tr("Versions and reviews")
        html = [f"<h4>{escape(title)}</h4><ol>"]
        for n, step in enumerate(chain, start=1):
            row = step.inspection
            version = self.tr("Version {n}").format(n=n) if n > 1 else self.tr("Original")
            here = " ◀" if row["id"] == inspection_id else ""
            status = status_label(row["status"])
            score = self.tr("score {score}").format(score=number(row["score"] or 0))
            html.append(f"<li><b>{escape(version)}</b>{here} · {escape(status)} · {escape(score)}")
            for r in step.reviews:
                colour = "#b91c1c" if r["decision"] == "returned" else "#15803d"
                who = r["reviewer_name"] or "—"
                line = f"{review_label(r['decision'])} · {who} · {local_time(r['at'])}"
                comment = f"：{escape(r['comment'])}" if r["comment"] else ""
                html.append(f"<br><span style='color:{colour}'>{escape(line)}</span>{comment}")
            html.append("</li>")
        html.append("</ol>")
        return html
