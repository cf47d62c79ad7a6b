"""Demo data: a county's units, zones and inspectors, and a month of inspections.

Fills a fresh store through the real APIs (template install, `Store.save`, `start_inspection`,
`record_finding`, `submit_inspection`, `amend_inspection`), so the outbox, digests and scores are
the same as for inspections recorded by hand. Plain Python: no Qt, callable from the command line
or a worker thread.

Deterministic for a given `seed` and `today`: every inspection draws from its own random stream
(seeded with the seed, the day and its number in the day), so leaving out inspections that would
lie in the future does not change the others.
"""

from __future__ import annotations

import hashlib
import json
import random
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.demo.cases import demo_cases
from app.demo.findings import (
    case_count,
    describe_problem,
    item_applies,
    item_weight,
    place_maker,
    problem_count,
    visit_summary,
)
from app.demo.imports import demo_imports
from app.demo.notices import issue_demo_notices
from app.demo.photos import DemoCamera
from app.demo.reviews import review_demo
from app.photos.importer import import_one
from app.resources import resource_path
from app.store_setup import SHIPPED_TEMPLATE
from domain.clock import OFFICE_TZ_DEFAULT, to_iso
from domain.ids import stable_id
from domain.org_settings import from_office
from domain.template import Template
from domain.workcalendar import WorkCalendar, default_calendar_path, load_calendar
from local_db.amendments import amend_inspection
from local_db.duty_checks import record_duty
from local_db.follow_up import attach_follow_up_photo
from local_db.inspections import (
    findings,
    record_finding,
    start_inspection,
    submit_inspection,
    update_inspection,
)
from local_db.org_settings import org_settings, save_org_settings
from local_db.reference import install_template, load_template, people, units, zones
from local_db.store import Store

ORG_FILE = ("demo", "org.json")

FIRST_START = 8 * 60 + 30  # 08:30, minutes after midnight, local
LAST_START = 17 * 60  # starts before 17:00
DRAFT_CHANCE = (0.6, 0.4, 0.25)  # today, yesterday, the day before: left as a draft
PARTIAL_CHANCE = 0.5  # a draft stopped part-way through the checklist
MODES = ("unannounced", "open", "covert")
MODE_WEIGHTS = (0.75, 0.15, 0.10)
TEAM_SIZES = (1, 2, 3)
TEAM_WEIGHTS = (0.2, 0.55, 0.25)
DUTY_STATES = ("on_duty", "off_duty", "unverified")  # 马路办公 (domain/duty.py)
DUTY_WEIGHTS = (0.75, 0.15, 0.10)
LOCAL_LEAD_CHANCE = 0.45  # the local user (first inspector) leads this share of inspections


class DemoError(Exception):
    """Demo data cannot be filled in; the message says why in plain words."""


@dataclass(frozen=True)
class DemoSummary:
    units: int
    zones: int
    people: int
    inspections: int
    submitted: int
    drafts: int
    findings: int
    problems: int
    notices: int = 0

    def __str__(self) -> str:
        return (
            f"{self.units} units, {self.zones} zones, {self.people} people; "
            f"{self.inspections} inspections ({self.submitted} submitted, {self.drafts} drafts), "
            f"{self.findings} findings, {self.problems} problems"
        )


# -- places along a zone ------------------------------------------------------------------------


@dataclass
class _Visit:
    day: date
    number: int  # in the day
    start: datetime  # aware, local
    rng: random.Random
    status: str = "submitted"  # or "draft"
    partial: bool = False
    id: str = ""
    lead: str = ""
    problems: list[str] = field(default_factory=list)


def _plan(
    first: date, today: date, calendar: WorkCalendar, seed: int, now: datetime
) -> list[_Visit]:
    zone = calendar.zone
    latest = min(today, now.date())  # the drafts are the last few days' work
    visits: list[_Visit] = []
    day = first
    while day <= today:
        day_rng = random.Random(f"{seed}:{day.isoformat()}")
        if calendar.is_working_day(day):
            count = day_rng.choice((2, 3, 3, 4, 4, 4, 5))
        else:  # 四不两直 does not keep office hours: now and then a weekend visit
            count = day_rng.choices((0, 1, 2), weights=(0.7, 0.25, 0.05))[0]
        minutes = sorted(day_rng.sample(range(FIRST_START, LAST_START), count))
        for number, minute in enumerate(minutes):
            start = datetime.combine(
                day, time(minute // 60, minute % 60, day_rng.randrange(60)), tzinfo=zone
            )
            if start > now:  # never an inspection in the future
                continue
            visit_rng = random.Random(f"{seed}:{day.isoformat()}:{number}")
            visit = _Visit(day, number, start, visit_rng)
            age = (latest - day).days
            if age < len(DRAFT_CHANCE) and visit_rng.random() < DRAFT_CHANCE[age]:
                visit.status = "draft"
                visit.partial = visit_rng.random() < PARTIAL_CHANCE
            visits.append(visit)
        day += timedelta(days=1)
    recent = [v for v in visits if (latest - v.day).days < len(DRAFT_CHANCE)]
    if recent and not any(v.status == "draft" for v in visits):
        recent[-1].status = "draft"  # the list should always show work in progress
        recent[-1].partial = True
    return visits


# -- reference data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    unit_ids: dict[str, str]  # org.json key → id
    zones: list[dict[str, Any]]
    inspectors: list[str]  # person ids, in file order


def _load_org(store: Store, org: dict[str, Any]) -> _Org:
    """Units (parents first), zones and people; rows already present by name are reused."""
    known_units = {r["name"]: r["id"] for r in units(store)}
    unit_ids: dict[str, str] = {}
    pending = list(org["units"])
    while pending:
        ready = [u for u in pending if not u.get("parent") or u["parent"] in unit_ids]
        if not ready:
            raise DemoError(f"demo units with unknown parents: {[u['key'] for u in pending]}")
        for unit in ready:
            pending.remove(unit)
            if unit["name"] in known_units:
                unit_ids[unit["key"]] = known_units[unit["name"]]
                continue
            row = store.save(
                "unit",
                {
                    "id": stable_id("demo", "unit", unit["name"]),
                    "name": unit["name"],
                    "kind": unit["kind"],
                    "parent_id": unit_ids.get(unit.get("parent") or ""),
                },
                outbox=False,  # the server holds the same demo organisation, same ids
            )
            unit_ids[unit["key"]] = row["id"]

    known_zones = {(r["name"], r["unit_id"]): r for r in zones(store, active_only=False)}
    org_zones = []
    for zone in org["zones"]:
        unit_id = unit_ids[zone["unit"]]
        row = known_zones.get((zone["name"], unit_id))
        if row is None:
            geometry = zone.get("geometry")
            row = store.save(
                "zone",
                {
                    "id": stable_id("demo", "zone", zone["name"]),
                    "name": zone["name"],
                    "kind": zone["kind"],
                    "unit_id": unit_id,
                    "chief_name": zone.get("chief_name"),
                    "chief_phone": zone.get("chief_phone"),
                    "geometry": None
                    if geometry is None
                    else json.dumps(geometry, ensure_ascii=False),
                },
                outbox=False,
            )
        org_zones.append(row)

    known_people = {r["name"]: r["id"] for r in people(store)}
    inspectors = []
    for person in org["people"]:
        person_id = known_people.get(person["name"])
        if person_id is None:
            person_id = store.save(
                "person",
                {
                    "id": stable_id("demo", "person", person["name"]),
                    "name": person["name"],
                    "phone": person.get("phone"),
                    "role": person["role"],
                },
                outbox=False,
            )["id"]
        if person["role"] == "inspector":
            inspectors.append(person_id)
    if not inspectors or not org_zones:
        raise DemoError("the demo organisation needs at least one zone and one inspector")
    return _Org(unit_ids, org_zones, inspectors)


def _tidiness(org: _Org, seed: int) -> dict[str, float]:
    """Per unit, 0 (untidy, many problems) … 1 (tidy): spread evenly, shuffled by the seed."""
    unit_ids = list(dict.fromkeys(org.unit_ids.values()))  # in file order
    rng = random.Random(f"{seed}:units")
    steps = max(len(unit_ids) - 1, 1)
    values = [i / steps for i in range(len(unit_ids))]
    rng.shuffle(values)
    return dict(zip(unit_ids, values, strict=True))


# -- one inspection ------------------------------------------------------------------------------

# The fictional county's centre; zones lie within a few kilometres of it.
COUNTY_CENTRE = (29.8712, 119.6248)


class _Shots:
    """The demo's photos: taken during the visit, near the zone, imported like real ones."""

    def __init__(self, data_dir: Path, camera: DemoCamera) -> None:
        self.data_dir = data_dir
        self.camera = camera

    def take(
        self, store: Store, visit: _Visit, zone: dict[str, Any], label: str, finding_id: str | None
    ) -> None:
        digest = hashlib.sha256(zone["name"].encode()).digest()
        lat = COUNTY_CENTRE[0] + (digest[0] - 128) / 128 * 0.02 + visit.rng.uniform(-3e-4, 3e-4)
        lon = COUNTY_CENTRE[1] + (digest[1] - 128) / 128 * 0.02 + visit.rng.uniform(-3e-4, 3e-4)
        taken = visit.start + timedelta(minutes=visit.rng.randint(1, 40))
        path = self.camera.shoot(label, taken, lat, lon)
        import_one(store, self.data_dir, path, inspection_id=visit.id, finding_id=finding_id)

    def after_photo(self, store: Store, calendar: WorkCalendar):
        """The unit's after-photo for a 整改回执, taken just before it was reported."""

        def take(rectification_id: str, at: datetime) -> None:
            taken = (at - timedelta(minutes=20)).astimezone(calendar.zone)
            path = self.camera.shoot("整改后", taken, *COUNTY_CENTRE)
            import_one(
                store,
                self.data_dir,
                path,
                inspection_id="",
                finding_id=None,
                attach=lambda s, meta: attach_follow_up_photo(
                    s, meta, rectification_id=rectification_id
                ),
            )

        return take


def _record_visit(
    store: Store,
    visit: _Visit,
    template_id: str,
    template: Template,
    org: _Org,
    zone: dict[str, Any],
    tidiness: float,
    shots: _Shots,
) -> None:
    rng = visit.rng
    mode = rng.choices(MODES, weights=MODE_WEIGHTS)[0]
    size = rng.choices(TEAM_SIZES, weights=TEAM_WEIGHTS)[0]
    local, others = org.inspectors[0], org.inspectors[1:]
    lead = local if not others or rng.random() < LOCAL_LEAD_CHANCE else rng.choice(others)
    rest = [p for p in org.inspectors if p != lead]
    team = [lead, *rng.sample(rest, min(size - 1, len(rest)))]
    row = start_inspection(
        store,
        template_id=template_id,
        zone_id=zone["id"],
        mode=mode,
        person_ids=team,
        lead_id=lead,
        started_at=to_iso(visit.start),
    )
    visit.id, visit.lead = row["id"], lead

    items = list(template.items())
    usable = [item for item in items if item_applies(item, zone, visit.day, rng)]
    wanted = min(problem_count(rng, tidiness), len(usable))
    weights = [item_weight(item, zone, tidiness) for item in usable]
    problem_codes: set[str] = set()
    while len(problem_codes) < wanted:
        problem_codes.add(rng.choices(usable, weights=weights)[0].code)
    usable_codes = {item.code for item in usable}
    place = place_maker(zone)
    stop = len(items)
    if visit.partial:
        stop = rng.randrange(len(items) // 5, len(items) * 4 // 5)
    texts: list[str] = []
    for item in items[:stop]:
        if item.code in problem_codes:
            cases = case_count(rng, tidiness)
            finding = record_finding(
                store,
                visit.id,
                item.code,
                "problem",
                cases=cases,
                description=describe_problem(item, cases, place, rng),
            )
            for _ in range(2 if cases >= 3 else 1):
                shots.take(store, visit, zone, item.code, finding["id"])
            visit.problems.append(item.code)
            texts.append(item.text)
        else:
            result = "ok" if item.code in usable_codes else "not_applicable"
            record_finding(store, visit.id, item.code, result)
    if visit.partial:
        return
    shots.take(store, visit, zone, "SITE", None)
    _record_duty(store, visit, zone, lead)
    current = store.row("inspection", visit.id)
    assert current is not None
    update_inspection(
        store, visit.id, summary=visit_summary(zone, mode, visit.start, current, texts or ["无"])
    )
    if visit.status == "submitted":
        finished = visit.start + timedelta(minutes=rng.randrange(20, 75))  # a visit takes a while
        submit_inspection(
            store, visit.id, actor=lead, accept_warnings=True, finished_at=to_iso(finished)
        )


def _record_duty(store: Store, visit: _Visit, zone: dict[str, Any], lead: str) -> None:
    """马路办公 on a road segment: was its chief there? Mostly yes; drawn from the visit's own
    seed (the zone and the start), so the visit's other draws do not move."""
    if zone.get("kind") != "road_segment":
        return
    rng = random.Random(f"duty:{zone['id']}:{to_iso(visit.start)}")
    status = rng.choices(DUTY_STATES, weights=DUTY_WEIGHTS)[0]
    seen = to_iso(visit.start + timedelta(minutes=rng.randrange(2, 15)))
    note = "岗亭无人，电话未接" if status == "off_duty" else ""
    record_duty(store, visit.id, status, note=note, actor=lead, at=seen)


def _amend_one(store: Store, visits: list[_Visit], template: Template, seed: int) -> None:
    """Correct one submitted inspection: one more case of one of its problems, found on review."""
    done = [v for v in visits if v.status == "submitted" and v.problems]
    if not done:
        return
    rng = random.Random(f"{seed}:amend")
    older = [v for v in done if v.day < visits[-1].day - timedelta(days=2)] or done
    visit = rng.choice(older)
    code = rng.choice(visit.problems)
    item = template.item(code)
    draft = amend_inspection(store, visit.id, actor=visit.lead)
    before = findings(store, draft["id"])[code]
    cases = before["cases"] + 1
    description = f"{before['description']}；复核照片补记1处"
    record_finding(store, draft["id"], code, "problem", cases=cases, description=description)
    summary = (
        f"{draft['summary']}【更正】复核现场照片，{item.text}由{before['cases']}处更正为{cases}处。"
    )
    update_inspection(store, draft["id"], summary=summary)
    submit_inspection(store, draft["id"], actor=visit.lead, accept_warnings=True)


# -- entry point ---------------------------------------------------------------------------------


def _read_json(parts: tuple[str, ...]) -> dict[str, Any]:
    path = resource_path(*parts)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoError(f"cannot read demo data {path}: {error}") from error


def fill_demo(
    data_dir: Path, *, today: date | None = None, seed: int = 2026, zone: str = OFFICE_TZ_DEFAULT
) -> DemoSummary:
    """Fill a fresh store with the demo county and its inspections of the month up to `today`.

    Office hours and days are those of the office's `zone`; `today` defaults to today there.
    Raises DemoError when the store already holds inspections. Everything is written in one
    transaction: all or nothing.
    """
    org_body = _read_json(ORG_FILE)
    office = from_office(org_body.get("office") or {}, zone)  # the demo county's office
    calendar = office.calendar(load_calendar(default_calendar_path(), tz=zone))
    now = datetime.now(calendar.zone)
    today = today or now.date()
    template_body = _read_json(SHIPPED_TEMPLATE)

    store = Store.open(Path(data_dir))
    workdir = tempfile.TemporaryDirectory(prefix="ducha-demo-")
    shots = _Shots(Path(data_dir), DemoCamera(Path(workdir.name), seed))
    try:
        with store.transaction():
            held = store.count("inspection")
            if held:
                raise DemoError(
                    f"{store.path} already holds {held} inspections; demo data only fills a "
                    "fresh store. Choose an empty data folder."
                )
            template_id = install_template(store, template_body, shipped=True)
            template = load_template(store, template_id)
            org = _load_org(store, org_body)
            store.set_meta("local_person_id", org.inspectors[0])
            if not org_settings(store).held:  # a synced laptop keeps its office's record
                save_org_settings(store, office, None, outbox=False)

            tidiness = _tidiness(org, seed)
            visits = _plan(today.replace(day=1), today, calendar, seed, now)
            for visit in visits:
                zone = visit.rng.choice(org.zones)
                _record_visit(
                    store, visit, template_id, template, org, zone, tidiness[zone["unit_id"]], shots
                )
            _amend_one(store, visits, template, seed)
            issue_demo_notices(store, calendar, now, seed, shots.after_photo(store, calendar))
            review_demo(store, now, seed)
            demo_cases(store, calendar, now, seed)  # 问题来源: a 12345 export, triaged
            demo_imports(store, today, seed, zone)  # the quarter's imported components
        return DemoSummary(
            units=store.count("unit"),
            zones=store.count("zone"),
            people=store.count("person"),
            inspections=store.count("inspection"),
            submitted=store.count("inspection", status="submitted"),
            drafts=store.count("inspection", status="draft"),
            findings=store.count("finding"),
            problems=store.count("finding", result="problem"),
            notices=store.count("notice"),
        )
    finally:
        store.close()
        workdir.cleanup()
