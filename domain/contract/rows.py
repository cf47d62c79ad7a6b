"""Every synced entity's row as a model, and the change that carries it (docs/architecture.md,
glossary).

A row carries the data model's field names, as the client's store holds them
(local_db/migrations.py): a field the store requires (NOT NULL without a default) is required
here, a nullable or defaulted one may be left out. Unknown fields are refused
(`extra="forbid"`): a row is stored and handed to every laptop as it was sent, so nothing the
contract does not know may ride along. Types are strict: no "5" for 5, no 5.5 for an integer,
no NaN or infinity.

References (a zone that exists, a finding of the same inspection …) are the server's to check
(server/sync.py, Push.check_references): they need its database.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from domain.assessment import DEFAULT_RULES
from domain.assessment_import import (
    check_history,
    check_period,
    check_scores,
    import_id,
)
from domain.cases import CaseSource, NoticeSource, Triage, triage_problem
from domain.composite_config import IMPORTED, check_config
from domain.contract.fields import (
    MAX_COUNT,
    MAX_NAME,
    MAX_REV,
    CameraTime,
    Code,
    Deadline,
    Decision,
    DutyStatus,
    EventKind,
    Flag,
    Id,
    IdListText,
    InspectionStatus,
    JsonListText,
    JsonObjectText,
    Location,
    MediaType,
    Mode,
    Moment,
    Name,
    NumberKind,
    Phone,
    PhotoRole,
    Result,
    Rev,
    Role,
    Severity,
    Sha256,
    Text,
    TimeSource,
    UnitKind,
    ZoneKind,
    text,
)
from domain.lifecycle import UNIT_EVENTS
from domain.org_settings import (
    MAX_PENALTY,
    MAX_SCORE,
    check_days,
    check_media_limit,
    check_office_hours,
    check_prefix,
    check_title,
    check_zone,
)
from domain.org_settings import check_row as check_org_row
from domain.template import TemplateError, parse_template

STRICT = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


class Row(BaseModel):
    """What every synced row carries (every row: id, created_at, updated_at, device_id, rev)."""

    model_config = STRICT

    id: Id
    created_at: Moment
    updated_at: Moment
    device_id: Annotated[str, text(200, 1), Field(description="the device that wrote the row")]
    rev: Rev


class PersonRow(Row):
    name: Name
    phone: Phone | None = None
    role: Role


class UnitRow(Row):
    name: Name
    kind: UnitKind
    parent_id: Id | None = None
    active: Flag = 1  # 0: retired (its zones are not offered for a new inspection)


class ZoneRow(Row):
    name: Name
    kind: ZoneKind
    unit_id: Id
    chief_name: Name | None = None
    chief_phone: Phone | None = None
    geometry: JsonObjectText | None = Field(None, description="GeoJSON text")
    active: Flag = 1


def _template_body(value: str) -> str:
    try:
        parse_template(json.loads(value))
    except (ValueError, TemplateError) as error:
        raise ValueError(f"not a template: {str(error)[:200]}") from None
    return value


class TemplateRow(Row):
    name: Name
    version: Annotated[int, Field(ge=1, le=1_000_000)]
    published_at: Moment | None = None
    retired_at: Moment | None = Field(
        None, description="set when the version is retired: no new inspection may use it"
    )
    body: Annotated[
        str,
        text(1_000_000, 2),
        AfterValidator(_template_body),
        Field(description="the template as JSON text (domain/template.py checks it)"),
    ]

    @model_validator(mode="after")
    def _names_itself(self) -> TemplateRow:
        body = json.loads(self.body)
        if body.get("name") != self.name or body.get("version") != self.version:
            raise ValueError("the body's name and version differ from the row's")
        return self


class InspectionRow(Row):
    template_id: Id
    template_version: Annotated[int, Field(ge=1, le=1_000_000)]
    zone_id: Id
    unit_id: Id
    mode: Mode
    started_at: Moment
    finished_at: Moment | None = None
    location: Location | None = None
    status: InspectionStatus = "draft"
    amends_id: Id | None = None
    digest: Sha256 | None = None
    summary: Text = ""
    score: Annotated[float, Field(ge=0, le=10_000)] | None = None
    deducted: Annotated[float, Field(ge=0, le=100_000)] = 0
    problem_count: Annotated[int, Field(ge=0, le=100_000)] = 0

    @model_validator(mode="after")
    def _submitted_has_digest(self) -> InspectionRow:
        if self.status == "submitted" and self.digest is None:
            raise ValueError("a submitted inspection carries its digest")
        return self


class InspectionPersonRow(Row):
    inspection_id: Id
    person_id: Id
    lead: Flag = 0


class FindingRow(Row):
    inspection_id: Id
    item_code: Code
    result: Result
    cases: Annotated[int, Field(ge=0, le=9_999)] = 0
    deduction: Annotated[float, Field(ge=0, le=1_000)] = 0
    description: Text = ""
    severity: Severity | None = None
    location: Location | None = None


class ProblemCaseRow(Row):
    """A problem from another source (问题来源, domain/cases.py): imported by the office, then
    triaged once. `notice_id` names the notice it became (交办) or joined (合并); who triaged
    it comes from the token (server/permissions.py IDENTITY)."""

    source: CaseSource
    ticket_no: Annotated[Code, Field(description="工单号: unique per source")]
    received_at: Moment
    address: Annotated[str, text(MAX_NAME)] = ""
    description: Text = ""
    unit_id: Id | None = None
    zone_id: Id | None = None
    triage: Triage = "pending"
    notice_id: Id | None = None
    triage_note: Text | None = None
    triaged_by: Id | None = None
    triaged_at: Moment | None = None
    file_name: Annotated[str, text(255)] | None = None
    file_sha256: Sha256 | None = None

    @model_validator(mode="after")
    def _triage(self) -> ProblemCaseRow:
        if problem := triage_problem(self.triage, self.unit_id, self.notice_id, self.triage_note):
            raise ValueError(problem)
        if (self.triage == "pending") != (self.triaged_at is None):
            raise ValueError("a triaged case carries triaged_at, a pending one none")
        if self.zone_id is not None and self.unit_id is None:
            raise ValueError("a case in a zone names the zone's unit")
        return self


class NoticeRow(Row):
    number: Code
    number_kind: NumberKind
    unit_id: Id
    zone_id: Id | None = None
    # a notice comes from an inspection, or from a case (问题来源): exactly one of the two
    inspection_id: Id | None = None
    findings: IdListText = "[]"
    requirements: Text = ""
    issued_by: Id | None = None
    issued_at: Moment
    due_at: Deadline
    cc_units: IdListText = "[]"
    source: NoticeSource = "inspection"
    case_id: Id | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> NoticeRow:
        if (self.inspection_id is None) == (self.case_id is None):
            raise ValueError("a notice comes from exactly one inspection or one case")
        if (self.source == "inspection") != (self.inspection_id is not None):
            raise ValueError("an inspection's notice has source inspection, a case's its source")
        if self.case_id is not None and self.findings != "[]":
            raise ValueError("a case's notice names no findings")
        return self


class NoticeEventRow(Row):
    notice_id: Id
    at: Moment
    actor: Id | None = None
    kind: EventKind
    signer: Name | None = None
    new_due_at: Deadline | None = None
    note: Text | None = None
    # the unit responsible when it happened (推诿 counted per unit) and, for 改派, the new one
    from_unit_id: Id | None = None
    to_unit_id: Id | None = None

    @model_validator(mode="after")
    def _names_its_units(self) -> NoticeEventRow:
        if self.kind in UNIT_EVENTS and self.from_unit_id is None:
            raise ValueError(f"a {self.kind} event names the unit responsible (from_unit_id)")
        if self.kind not in UNIT_EVENTS and self.from_unit_id is not None:
            raise ValueError(f"a {self.kind} event names no unit (from_unit_id)")
        if (self.kind == "transferred") != (self.to_unit_id is not None):
            raise ValueError("to_unit_id is given for a transferred event, and only for it")
        if self.to_unit_id is not None and self.to_unit_id == self.from_unit_id:
            raise ValueError("a notice is transferred to another unit (to_unit_id)")
        return self


class RectificationRow(Row):
    notice_id: Id
    reported_at: Moment
    text: Text = ""


class RecheckRow(Row):
    notice_id: Id
    at: Moment
    passed: Flag
    note: Text | None = None


OWNERS = ("inspection_id", "rectification_id", "recheck_id", "case_id")


class PhotoRow(Row):
    sha256: Sha256
    inspection_id: Id | None = None
    finding_id: Id | None = None
    rectification_id: Id | None = None
    recheck_id: Id | None = None
    case_id: Id | None = None  # a photo of a problem case (问题来源)
    about_finding_id: Id | None = None
    role: PhotoRole
    taken_at_raw: Annotated[str, text(64)] | None = None
    taken_at: CameraTime | None = None
    # Which of the file's fields gave taken_at; None on rows from before it was recorded.
    taken_at_source: TimeSource | None = None
    imported_at: Moment
    gps_lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    gps_lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    width: Annotated[int, Field(ge=1, le=100_000)] | None = None
    height: Annotated[int, Field(ge=1, le=100_000)] | None = None
    orientation: Annotated[int, Field(ge=1, le=8)] | None = None
    camera: Name | None = None
    original_name: Annotated[str, text(255, 1)]
    byte_size: Annotated[int, Field(ge=0, le=MAX_COUNT)]
    format: Annotated[str, text(20)] | None = None
    caption: Text = ""
    # Video and audio (视频曝光): what the original is, how long it runs (ms), its main codec.
    media_type: MediaType = "image"
    duration_ms: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    codec: Annotated[str, text(40)] | None = None
    # A still grabbed from a video names that video's row and the time offset (ms) into it.
    source_photo_id: Id | None = None
    source_offset_ms: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None

    @model_validator(mode="after")
    def _one_owner(self) -> PhotoRow:
        owners = [k for k in OWNERS if getattr(self, k) is not None]
        if len(owners) != 1:
            raise ValueError(
                "a photo has exactly one owner: an inspection, a rectification, a recheck or a case"
            )
        if self.finding_id is not None and self.inspection_id is None:
            raise ValueError("a photo on a finding belongs to that finding's inspection")
        if (self.source_photo_id is None) != (self.source_offset_ms is None):
            raise ValueError("a still grabbed from a video names both the video and the offset")
        if self.source_photo_id is not None and self.media_type != "image":
            raise ValueError("a still grabbed from a video is an image")
        return self


class DutyCheckRow(Row):
    """马路办公: whether the segment's road chief was on duty, recorded during an inspection of it
    (domain/duty.py). At most one per inspection; the zone is the inspection's, the photo one of
    the inspection's own (the server checks both)."""

    inspection_id: Id
    zone_id: Id
    status: DutyStatus
    chief_name: Name | None = None
    checked_at: Moment
    photo_id: Id | None = None
    note: Text = ""


class AnnotationRow(Row):
    photo_id: Id
    author: Id | None = None
    shapes: JsonListText = "[]"


class ReviewRow(Row):
    inspection_id: Id
    decision: Decision
    comment: Text | None = None
    reviewer: Id | None = None
    at: Moment


Score = Annotated[float, Field(ge=0, le=MAX_SCORE)]
Penalty = Annotated[float, Field(ge=0, le=MAX_PENALTY)]
Percent = Annotated[float, Field(ge=0, le=100)]
DaysText = Annotated[
    str,
    text(10_000),
    AfterValidator(check_days),
    Field(description="JSON text of a list of dates YYYY-MM-DD (2000–2099), at most 400"),
]


class OrgSettingsRow(Row):
    """The office's settings (domain/org_settings.py): one record, id ORG_SETTINGS_ID, written
    by admins; `updated_by` is the pushing user (the server checks it against the token)."""

    office_name: Name
    office_phone: Phone = ""
    office_address: Annotated[str, text(MAX_NAME)] = ""
    notice_prefix: Annotated[str, text(20, 1), AfterValidator(check_prefix)]
    office_hours: Annotated[
        str,
        text(200, 1),
        AfterValidator(check_office_hours),
        Field(description="daily office intervals, e.g. 08:30-12:00,13:30-17:30"),
    ]
    time_zone: Annotated[
        str, text(64, 1), AfterValidator(check_zone), Field(description="an IANA time zone")
    ]
    extra_holidays: DaysText = "[]"
    extra_workdays: DaysText = "[]"
    full_score: Score
    overdue_penalty: Penalty
    failed_recheck_penalty: Penalty
    excellent_from: Score
    good_from: Score
    pass_from: Score
    # The flag lines (domain/assessment.py); a laptop older than them sends none: the defaults.
    shame_below: Score = float(DEFAULT_RULES.shame_below)
    red_on_time_from: Percent = float(DEFAULT_RULES.red_on_time_from)
    red_rework_up_to: Percent = float(DEFAULT_RULES.red_rework_up_to)
    bulletin_title: Annotated[str, text(MAX_NAME), AfterValidator(check_title)] = ""
    # One video or audio recording at most (bytes); None: the default, 2 GB.
    max_media_bytes: Annotated[int, AfterValidator(check_media_limit)] | None = None
    updated_by: Id | None = None
    # The composite assessment (domain/composite_config.py); "" (and a row from a laptop older
    # than it): the default configuration.
    composite: Annotated[str, text(20_000), AfterValidator(check_config)] = ""

    @model_validator(mode="after")
    def _whole(self) -> OrgSettingsRow:
        check_org_row(self)
        return self


ImportedComponent = Literal["third_party", "survey", "special", "professional"]
assert get_args(ImportedComponent) == IMPORTED


class AssessmentImportRow(Row):
    """An imported component's scores for a period (domain/assessment_import.py): one row per
    (component, period), its id derived from them; `imported_by` is the pushing user."""

    component: ImportedComponent
    period: Annotated[
        str,
        text(7, 4),
        AfterValidator(check_period),
        Field(description="a quarter YYYY-Qn or a year YYYY"),
    ]
    scores: Annotated[
        str,
        text(400_000, 2),
        AfterValidator(check_scores),
        Field(description="JSON text of an object: unit id → score (0–1000)"),
    ]
    file_name: Annotated[str, text(255, 1)]
    file_sha256: Sha256
    imported_by: Id | None = None
    imported_at: Moment
    history: Annotated[
        str,
        text(100_000),
        AfterValidator(check_history),
        Field(description="JSON text of a list: the earlier imports this one replaced"),
    ] = "[]"

    @model_validator(mode="after")
    def _one_per_period(self) -> AssessmentImportRow:
        if self.id != import_id(self.component, self.period):
            raise ValueError("an import's id is derived from its component and period")
        return self


# In the order of domain.wire.ENTITIES (parents before children).
ROW_MODELS: dict[str, type[Row]] = {
    "person": PersonRow,
    "unit": UnitRow,
    "zone": ZoneRow,
    "template": TemplateRow,
    "inspection": InspectionRow,
    "inspection_person": InspectionPersonRow,
    "finding": FindingRow,
    "problem_case": ProblemCaseRow,
    "notice": NoticeRow,
    "notice_event": NoticeEventRow,
    "rectification": RectificationRow,
    "recheck": RecheckRow,
    "photo": PhotoRow,
    "duty_check": DutyCheckRow,
    "annotation": AnnotationRow,
    "review": ReviewRow,
    "org_settings": OrgSettingsRow,
    "assessment_import": AssessmentImportRow,
}
Entity = Literal[
    "person",
    "unit",
    "zone",
    "template",
    "inspection",
    "inspection_person",
    "finding",
    "problem_case",
    "notice",
    "notice_event",
    "rectification",
    "recheck",
    "photo",
    "duty_check",
    "annotation",
    "review",
    "org_settings",
    "assessment_import",
]


# -- changes -------------------------------------------------------------------------------------
class _Change(BaseModel):
    model_config = STRICT

    id: Id
    base_rev: Annotated[int, Field(ge=0, le=MAX_REV)] | None = Field(
        None,
        description="the rev of the row as this laptop last had it from the server (0: a new "
        "row). When the server holds another rev, the change is a concurrent edit: decided by "
        "domain/sync_decision.py judge_push, the loser kept in `conflict`. Absent: judged by rev "
        "alone (older clients).",
    )

    @model_validator(mode="after")
    def _same_id(self) -> Any:
        if self.row.id != self.id:  # type: ignore[attr-defined]
            raise ValueError("the row's id differs from the change's id")
        return self


class RowRef(BaseModel):
    """The row of a delete: only its id is read (the rest, the device's last snapshot, is
    neither checked nor stored)."""

    model_config = ConfigDict(strict=True, extra="allow")

    id: Id


class DeleteChange(_Change):
    entity: Entity
    op: Literal["delete"]
    row: RowRef


def _upsert(entity: str, model: type[Row]) -> type[_Change]:
    name = "".join(part.title() for part in entity.split("_")) + "Upsert"
    return type(
        name,
        (_Change,),
        {
            "__annotations__": {
                "entity": Literal[entity],
                "op": Literal["upsert"],
                "row": model,
            },
            "__module__": __name__,
            "__doc__": f"An upsert of a {entity} row.",
        },
    )


UPSERTS: dict[str, type[_Change]] = {e: _upsert(e, m) for e, m in ROW_MODELS.items()}


if TYPE_CHECKING:  # built from UPSERTS at run time: no static type to spell
    Upsert = Any
else:
    Upsert = Annotated[Union[tuple(UPSERTS.values())], Field(discriminator="entity")]  # noqa: UP007


def _op(value: Any) -> Any:
    """The tag of a change: its op. (A callable rather than `discriminator="op"`: pydantic
    writes a nested union's mapping into the JSON schema as a schema, which OpenAPI refuses.)"""
    return value.get("op") if isinstance(value, dict) else getattr(value, "op", None)


Change = Annotated[
    Annotated[Upsert, Tag("upsert")] | Annotated[DeleteChange, Tag("delete")],
    Discriminator(
        _op,
        custom_error_type="change_op",
        custom_error_message="a change is an object whose op is upsert or delete",
    ),
    Field(description="{entity, id, op, row}: an upsert carries the whole row of its entity"),
]
# What a loc of a validation error may hold besides field names: the unions' tags.
TAGS = frozenset({"upsert", "delete", *ROW_MODELS})


# -- what a pull hands out -----------------------------------------------------------------------
class _Pulled(BaseModel):
    model_config = STRICT

    seq: Annotated[int, Field(ge=1, le=2**63 - 1)]
    id: Id
    received_at: str | None = Field(None, description="the server's receipt time (UTC ISO-8601)")


class _PulledUpsert(_Pulled):
    @model_validator(mode="after")
    def _same_id(self) -> Any:
        if self.row.id != self.id:  # type: ignore[attr-defined]
            raise ValueError("the row's id differs from the change's id")
        return self


class PulledDelete(_Pulled):
    """A delete from the log: its row is the last one the server held (not read)."""

    entity: Entity
    op: Literal["delete"]
    row: dict[str, Any]


def _pulled(entity: str, model: type[Row]) -> type[_Pulled]:
    name = "Pulled" + "".join(part.title() for part in entity.split("_"))
    return type(
        name,
        (_PulledUpsert,),
        {
            "__annotations__": {
                "entity": Literal[entity],
                "op": Literal["upsert"],
                "row": model,
            },
            "__module__": __name__,
            "__doc__": f"An upsert of a {entity} row from the log: the row as stored.",
        },
    )


PULLED: dict[str, type[_Pulled]] = {e: _pulled(e, m) for e, m in ROW_MODELS.items()}
if TYPE_CHECKING:
    PulledUpsert = Any
else:
    PulledUpsert = Annotated[Union[tuple(PULLED.values())], Field(discriminator="entity")]  # noqa: UP007
PulledChange = Annotated[
    Annotated[PulledUpsert, Tag("upsert")] | Annotated[PulledDelete, Tag("delete")],
    Discriminator(
        _op,
        custom_error_type="change_op",
        custom_error_message="a change is an object whose op is upsert or delete",
    ),
]
