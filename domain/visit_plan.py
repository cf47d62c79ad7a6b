"""Confidential random visit plans (抽查): the inputs, the draw, and its verification.

A plan covers a period — a month `2026-12` or an ISO week `2026-W49` — and sends inspector teams
to zones on the period's (working) days. The office commits to the SHA-256 of a secret seed
before the period; after it, the seed is revealed and anyone recomputes the draw from the seed and
the recorded inputs (`verify`). Nothing here does I/O: the caller chooses the zones (by unit,
kind or all), the days, the teams and the weights, and records `PlanInputs` as canonical JSON.

The draw (version 1, fixed: a change is a new DRAW_VERSION, never an edit of this one):

- Seed: 32 random bytes, written as 64 lowercase hex digits; commitment = SHA-256 of those 32
  bytes (hex). Inputs digest = SHA-256 of the inputs' canonical JSON (UTF-8, keys sorted, no
  spaces).
- Generator (SHA-256 counter mode, the same in every language and Python version): for attempt
  a, block i is SHA-256("ducha-plan-v1" ‖ seed bytes ‖ inputs digest bytes ‖ a as 4 bytes
  big-endian ‖ i as 8 bytes big-endian); its first 8 bytes, big-endian, are the i-th 64-bit
  number. A number below n is drawn by rejection: numbers at or above 2⁶⁴ − (2⁶⁴ mod n) are
  skipped, the rest taken mod n. A weighted choice draws r below the sum of the weights and takes
  the first candidate (in zone id order) whose running sum exceeds r.
- Slots: for each day in order, each team in order, its visits that day (per day: `visits`;
  per week: the week's k-th visit falls on the week's day ⌊k·d/visits⌋ of its d days).
- For a slot, the candidates are the zones not of a unit any team member belongs to, and not
  yet drawn in that ISO week. Zones not yet visited that month (not in `covered`, not drawn
  earlier in the plan) go first (全覆盖), and of those the ones the fewest teams may visit;
  among the candidates left the choice is weighted.
- A month plan must visit every zone at least once; when an attempt leaves a zone out (or a slot
  finds no candidate), the next attempt (a + 1) draws again, up to MAX_ATTEMPTS; then the plan
  cannot be drawn (PlanError). A week plan cannot promise the month's coverage alone: it puts the
  zones not in `covered` first.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

DRAW_VERSION = 1
MAX_ATTEMPTS = 50
MAX_WEIGHT = 10
_TAG = b"ducha-plan-v1"
_MONTH = re.compile(r"^(20\d{2})-(0[1-9]|1[0-2])$")
_WEEK = re.compile(r"^(20\d{2})-W(0[1-9]|[1-4]\d|5[0-3])$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

Per = Literal["day", "week"]


class PlanError(ValueError):
    """A plan that cannot be made as asked (its message says why, in English; `code` says it
    for a machine: the server's refusal, which the client puts in the user's words)."""

    def __init__(self, message: str, code: str = "cannot_draw") -> None:
        super().__init__(message)
        self.code = code


# -- periods -----------------------------------------------------------------------------------
def period_days(period: str) -> list[date]:
    """Every calendar day of a month `YYYY-MM` or an ISO week `YYYY-Www`."""
    month = _MONTH.match(period)
    if month:
        first = date(int(month[1]), int(month[2]), 1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return [first + timedelta(days=i) for i in range((after - first).days)]
    week = _WEEK.match(period)
    if week:
        try:
            monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:
            raise PlanError(f"{period} has no such ISO week", "bad_period") from None
        return [monday + timedelta(days=i) for i in range(7)]
    raise PlanError(
        f"a period is a month YYYY-MM or an ISO week YYYY-Www, not {period!r}", "bad_period"
    )


def period_kind(period: str) -> Literal["month", "week"]:
    period_days(period)
    return "month" if _MONTH.match(period) else "week"


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# -- weights -----------------------------------------------------------------------------------
def weight_for(score: float | None, full: float = 100.0) -> int:
    """A zone's weight from its last period's score: 1 at full marks (or no score), one more per
    tenth of the full score lost, at most MAX_WEIGHT. Worse zones are drawn more often."""
    if score is None or full <= 0:
        return 1
    lost = max(0.0, min(full, full - score))
    return min(MAX_WEIGHT, 1 + int(lost * 10 // full))


# -- inputs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanZone:
    id: str
    unit_id: str
    weight: int = 1


@dataclass(frozen=True)
class Team:
    members: tuple[str, ...]  # inspector (person) ids, the first leads
    units: tuple[str, ...] = ()  # the units the members belong to: never visited by this team


@dataclass(frozen=True)
class PlanInputs:
    period: str
    days: tuple[str, ...]  # ISO dates within the period on which visits are made
    zones: tuple[PlanZone, ...]
    teams: tuple[Team, ...]
    visits: int
    per: Per = "day"
    covered: tuple[str, ...] = ()  # zones already visited this month (a week plan)
    template_id: str | None = None
    mode: str = "unannounced"
    scope: str = "all"  # how the zones were chosen: all, unit:<id>, kind:<kind> (recorded only)

    def to_json(self) -> dict[str, Any]:
        return {
            "draw_version": DRAW_VERSION,
            "period": self.period,
            "days": sorted(self.days),
            "zones": [
                {"id": z.id, "unit_id": z.unit_id, "weight": z.weight}
                for z in sorted(self.zones, key=lambda z: z.id)
            ],
            "teams": [{"members": list(t.members), "units": sorted(t.units)} for t in self.teams],
            "visits": self.visits,
            "per": self.per,
            "covered": sorted(self.covered),
            "template_id": self.template_id,
            "mode": self.mode,
            "scope": self.scope,
        }

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> PlanInputs:
        try:
            if body.get("draw_version") != DRAW_VERSION:
                raise PlanError(f"draw version {body.get('draw_version')!r} is not known")
            inputs = cls(
                period=str(body["period"]),
                days=tuple(str(d) for d in body["days"]),
                zones=tuple(
                    PlanZone(str(z["id"]), str(z["unit_id"]), int(z["weight"]))
                    for z in body["zones"]
                ),
                teams=tuple(
                    Team(tuple(str(m) for m in t["members"]), tuple(str(u) for u in t["units"]))
                    for t in body["teams"]
                ),
                visits=int(body["visits"]),
                per=body["per"],
                covered=tuple(str(z) for z in body.get("covered", ())),
                template_id=body.get("template_id"),
                mode=str(body.get("mode", "unannounced")),
                scope=str(body.get("scope", "all")),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, PlanError):
                raise
            raise PlanError(f"the recorded inputs are not a plan's: {error}") from None
        inputs.check()
        return inputs

    def canonical(self) -> bytes:
        return canonical_json(self.to_json())

    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    def check(self) -> None:
        """Refuse inputs no plan can be drawn from (PlanError)."""
        in_period = {d.isoformat() for d in period_days(self.period)}
        if not self.days:
            raise PlanError("the plan has no day")
        if len(set(self.days)) != len(self.days) or not set(self.days) <= in_period:
            raise PlanError(f"the days must be distinct days of {self.period}")
        if not self.zones:
            raise PlanError("the plan has no zone")
        if len({z.id for z in self.zones}) != len(self.zones):
            raise PlanError("a zone is named twice")
        if any(not 1 <= z.weight <= MAX_WEIGHT for z in self.zones):
            raise PlanError(f"a weight is between 1 and {MAX_WEIGHT}")
        if not self.teams or any(not t.members for t in self.teams):
            raise PlanError("the plan needs at least one team, each of one inspector or more")
        members = [m for t in self.teams for m in t.members]
        if len(set(members)) != len(members):
            raise PlanError("an inspector is in two teams")
        if not 1 <= self.visits <= 50:
            raise PlanError("visits are between 1 and 50")
        if self.per not in ("day", "week"):
            raise PlanError("visits are per day or per week")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# -- the seed and its commitment ---------------------------------------------------------------
def new_seed() -> str:
    return secrets.token_hex(32)


def commitment(seed: str) -> str:
    """SHA-256 of the seed's 32 bytes, as hex: published before the period."""
    if not _HEX64.match(seed):
        raise PlanError("a seed is 64 lowercase hex digits")
    return hashlib.sha256(bytes.fromhex(seed)).hexdigest()


class HashStream:
    """The draw's generator: SHA-256 in counter mode (module docstring)."""

    def __init__(self, seed: str, inputs_digest: str, attempt: int = 0) -> None:
        commitment(seed)  # checks the seed's form
        self._key = _TAG + bytes.fromhex(seed) + bytes.fromhex(inputs_digest)
        self._key += attempt.to_bytes(4, "big")
        self._counter = 0

    def next_u64(self) -> int:
        block = hashlib.sha256(self._key + self._counter.to_bytes(8, "big")).digest()
        self._counter += 1
        return int.from_bytes(block[:8], "big")

    def below(self, n: int) -> int:
        if n < 1:
            raise ValueError("below(n) needs n ≥ 1")
        limit = 2**64 - (2**64 % n)
        while True:
            value = self.next_u64()
            if value < limit:
                return value % n

    def weighted(self, candidates: Sequence[PlanZone]) -> PlanZone:
        ordered = sorted(candidates, key=lambda z: z.id)
        r = self.below(sum(z.weight for z in ordered))
        for zone in ordered:
            r -= zone.weight
            if r < 0:
                return zone
        raise AssertionError("unreachable")


# -- the draw ----------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Assignment:
    """One visit: a team (its index and members) to a zone on a day."""

    day: str
    team: int
    zone_id: str
    unit_id: str
    members: tuple[str, ...] = field(compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "team": self.team,
            "zone_id": self.zone_id,
            "unit_id": self.unit_id,
            "members": list(self.members),
        }


def slots(inputs: PlanInputs) -> list[tuple[str, int]]:
    """(day, team index) of every visit, in draw order."""
    days = sorted(inputs.days)
    out: list[tuple[str, int]] = []
    if inputs.per == "day":
        for day in days:
            for team in range(len(inputs.teams)):
                out.extend((day, team) for _ in range(inputs.visits))
        return sorted(out)
    weeks: dict[str, list[str]] = {}
    for day in days:
        weeks.setdefault(week_of(date.fromisoformat(day)), []).append(day)
    for week_days in weeks.values():
        for team in range(len(inputs.teams)):
            for k in range(inputs.visits):
                out.append((week_days[k * len(week_days) // inputs.visits], team))
    return sorted(out)


def _attempt(inputs: PlanInputs, stream: HashStream) -> list[Assignment] | None:
    before = set(inputs.covered)  # visited this month before the plan
    covered: set[tuple[str, str]] = set()  # (month, zone) drawn earlier in the plan
    used_in_week: dict[str, set[str]] = {}
    reach = {z.id: sum(z.unit_id not in t.units for t in inputs.teams) for z in inputs.zones}
    drawn: list[Assignment] = []
    for day, team_index in slots(inputs):
        team = inputs.teams[team_index]
        week = week_of(date.fromisoformat(day))
        used = used_in_week.setdefault(week, set())
        month = day[:7]
        candidates = [z for z in inputs.zones if z.unit_id not in team.units and z.id not in used]
        if not candidates:
            return None
        fresh = [z for z in candidates if z.id not in before and (month, z.id) not in covered]
        if fresh:  # the zones the fewest teams may visit first: none is left for no one
            fewest = min(reach[z.id] for z in fresh)
            fresh = [z for z in fresh if reach[z.id] == fewest]
        zone = stream.weighted(fresh or candidates)
        used.add(zone.id)
        covered.add((month, zone.id))
        drawn.append(Assignment(day, team_index, zone.id, zone.unit_id, team.members))
    if period_kind(inputs.period) == "month":
        visited = {a.zone_id for a in drawn} | set(inputs.covered)
        if any(z.id not in visited for z in inputs.zones):
            return None
    return drawn


def draw(seed: str, inputs: PlanInputs) -> list[Assignment]:
    """The plan these inputs and this seed make (PlanError when none can be drawn)."""
    inputs.check()
    digest = inputs.digest()
    for attempt in range(MAX_ATTEMPTS):
        found = _attempt(inputs, HashStream(seed, digest, attempt))
        if found is not None:
            return sorted(found)
    raise PlanError(_why_not(inputs))


def _why_not(inputs: PlanInputs) -> str:
    for zone in inputs.zones:
        if all(zone.unit_id in t.units for t in inputs.teams):
            return f"zone {zone.id} belongs to a unit of every team: no team may visit it"
    if period_kind(inputs.period) == "month" and len(slots(inputs)) < len(inputs.zones):
        return (
            f"{len(slots(inputs))} visits cannot cover {len(inputs.zones)} zones in the month: "
            "add visits or teams"
        )
    return (
        f"no draw in {MAX_ATTEMPTS} attempts kept every rule: too few zones for a week's visits "
        "(no zone twice in a week), or too few visits to cover every zone in the month"
    )


def plan_digest(assignments: Iterable[Assignment]) -> str:
    """SHA-256 of the plan's canonical JSON (assignments in order)."""
    return hashlib.sha256(canonical_json([a.to_json() for a in sorted(assignments)])).hexdigest()


# -- checks ------------------------------------------------------------------------------------
def rule_breaks(inputs: PlanInputs, assignments: Sequence[Assignment]) -> list[str]:
    """Every rule a plan breaks, in words (empty: it keeps them all). A drawn plan keeps them;
    this is the check anyone can run on a plan, whoever made it."""
    problems: list[str] = []
    zones = {z.id: z for z in inputs.zones}
    seen: set[tuple[str, str]] = set()
    for a in assignments:
        zone = zones.get(a.zone_id)
        if zone is None:
            problems.append(f"{a.day}: zone {a.zone_id} is not in the plan's zones")
            continue
        if a.day not in inputs.days:
            problems.append(f"{a.day} is not a day of the plan")
        if not 0 <= a.team < len(inputs.teams):
            problems.append(f"{a.day}: no team {a.team}")
            continue
        if zone.unit_id in inputs.teams[a.team].units:
            problems.append(f"{a.day}: team {a.team} visits a zone of its own unit")
        week = (week_of(date.fromisoformat(a.day)), a.zone_id)
        if week in seen:
            problems.append(f"zone {a.zone_id} is visited twice in week {week[0]}")
        seen.add(week)
    if len(assignments) != len(slots(inputs)):
        problems.append(f"{len(assignments)} visits where the plan asks {len(slots(inputs))}")
    if period_kind(inputs.period) == "month":
        visited = {a.zone_id for a in assignments} | set(inputs.covered)
        missing = sorted(z for z in zones if z not in visited)
        if missing:
            problems.append(f"{len(missing)} zones are not visited in the month")
    return problems


@dataclass(frozen=True)
class Verdict:
    matches: bool
    reasons: tuple[str, ...]  # in words (English: the command lines print them)
    # what failed, for a screen to say in its language: commitment, inputs, draw, differs,
    # not_revealed, unreadable
    codes: tuple[str, ...] = ()


def verify(
    seed: str,
    seed_commitment: str,
    inputs: PlanInputs,
    inputs_digest: str,
    assignments: Sequence[Assignment],
) -> Verdict:
    """Does the recorded plan match what its revealed seed and recorded inputs draw?"""
    reasons: list[str] = []
    codes: list[str] = []
    try:
        if commitment(seed) != seed_commitment:
            reasons.append("the seed does not match the commitment published before the period")
            codes.append("commitment")
    except PlanError as error:
        return Verdict(False, (str(error),), ("commitment",))
    if inputs.digest() != inputs_digest:
        reasons.append("the inputs differ from those recorded at the draw")
        codes.append("inputs")
    try:
        expected = draw(seed, inputs)
    except PlanError as error:
        reasons.append(f"no plan can be drawn from the inputs: {error}")
        return Verdict(False, tuple(reasons), (*codes, "draw"))
    held = sorted(assignments)
    if [a.to_json() for a in held] != [a.to_json() for a in expected]:
        extra = sorted(set(map(_key, held)) - set(map(_key, expected)))
        lacking = sorted(set(map(_key, expected)) - set(map(_key, held)))
        reasons.append(
            f"the plan differs from the draw: {len(extra)} visits not drawn, "
            f"{len(lacking)} drawn visits missing"
            + (f" (first: {extra[0][0]} zone {extra[0][2]})" if extra else "")
        )
        codes.append("differs")
    return Verdict(not reasons, tuple(reasons), tuple(codes))


def assignments_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Assignment]:
    """A plan's visits rebuilt from its per-inspector rows ({day, team, seat, inspector_id,
    zone_id, unit_id}: the server's table and its answers), members in seat order: a row
    removed, added or changed changes the visits rebuilt."""
    grouped: dict[tuple[str, int, str, str], list[tuple[int, str]]] = {}
    for r in rows:
        key = (str(r["day"]), int(r["team"]), str(r["zone_id"]), str(r["unit_id"]))
        grouped.setdefault(key, []).append((int(r["seat"]), str(r["inspector_id"])))
    return [
        Assignment(day, team, zone, unit, tuple(m for _, m in sorted(members)))
        for (day, team, zone, unit), members in grouped.items()
    ]


def verify_record(record: Mapping[str, Any]) -> Verdict:
    """Verify a whole published plan ({seed, seed_commitment, inputs, inputs_digest,
    assignments}: what `ducha-server plan show` writes and the office's laptops receive)."""
    try:
        seed = record.get("seed")
        if not seed:
            return Verdict(False, ("the seed is not revealed yet",), ("not_revealed",))
        inputs = PlanInputs.from_json(record["inputs"])
        held = assignments_from_rows(record["assignments"])
        return verify(
            str(seed), str(record["seed_commitment"]), inputs, str(record["inputs_digest"]), held
        )
    except PlanError as error:
        return Verdict(False, (str(error),), ("unreadable",))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return Verdict(False, (f"not a published plan: {error!r}"[:300],), ("unreadable",))


def _key(a: Assignment) -> tuple[str, int, str, tuple[str, ...]]:
    return (a.day, a.team, a.zone_id, a.members)
