"""Checklist templates: the shipped one parses; a bad one is refused naming every bad item."""

import pytest

from domain.template import TemplateError, parse_template


def item(code: str, **changes) -> dict:
    raw = {
        "code": code,
        "gb_code": "06012",
        "text": "道路不洁",
        "criteria": "路面有明显垃圾",
        "deduction_per_case": 0.5,
        "max_deduction": 3,
        "severity": "minor",
        "due_amount": 4,
        "due_unit": "work_hours",
        "photo_required": True,
    }
    raw.update(changes)
    return raw


def body(*items: dict) -> dict:
    return {
        "name": "测试细则",
        "version": 1,
        "full_score": 100,
        "categories": [{"code": "DL", "name": "道路", "items": list(items)}],
    }


def problems_of(error: pytest.ExceptionInfo[TemplateError]) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_shipped_template_parses(template_body):
    template = parse_template(template_body)

    assert template.name == "城市精细化管理督查考核细则"
    assert template.version == 1
    assert template.full_score == 100.0
    assert template.item_count >= 40
    codes = [i.code for i in template.items()]
    assert len(codes) == len(set(codes)) == template.item_count


def test_shipped_template_items_carry_their_rule(template_body):
    dl01 = parse_template(template_body).item("DL-01")

    assert (dl01.deduction_per_case, dl01.max_deduction) == (0.5, 3.0)
    assert (dl01.due_amount, dl01.due_unit) == (4, "work_hours")
    assert (dl01.category_code, dl01.category_name) == ("DL", "道路")
    assert dl01.photo_required is True


def test_unknown_item_code_is_a_key_error(template_body):
    with pytest.raises(KeyError):
        parse_template(template_body).item("XX-99")


def test_a_small_valid_template_parses():
    template = parse_template(body(item("A-01"), item("A-02", gb_code="06012")))

    assert [i.code for i in template.items()] == ["A-01", "A-02"]


def test_duplicate_code_is_refused():
    with pytest.raises(TemplateError) as error:
        parse_template(body(item("A-01"), item("A-01", text="另一项")))

    assert problems_of(error) == ["Item A-01: duplicate code"]


def test_missing_rule_is_refused():
    raw = item("A-01")
    del raw["max_deduction"]

    with pytest.raises(TemplateError) as error:
        parse_template(body(raw))

    assert problems_of(error) == ["Item A-01: missing 'max_deduction'"]


def test_bad_due_unit_is_refused():
    with pytest.raises(TemplateError) as error:
        parse_template(body(item("A-01", due_unit="weeks")))

    assert len(error.value.problems) == 1
    assert problems_of(error)[0].startswith("Item A-01: unknown time-limit unit 'weeks'")


@pytest.mark.parametrize("gb_code", ["6012", "060120", "0601A", "", 6012, None])
def test_bad_gb_code_is_refused(gb_code):
    with pytest.raises(TemplateError) as error:
        parse_template(body(item("A-01", gb_code=gb_code)))

    assert problems_of(error) == [f"Item A-01: GB/T 47678.5 code {gb_code!r} is not 5 digits"]


def test_deduction_per_case_above_the_cap_is_refused():
    with pytest.raises(TemplateError) as error:
        parse_template(body(item("A-01", deduction_per_case=5, max_deduction=3)))

    assert problems_of(error) == ["Item A-01: deduction per case 5.0 exceeds the cap 3.0"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"deduction_per_case": 0}, "Item A-01: deduction per case must be a number above 0"),
        ({"deduction_per_case": "1"}, "Item A-01: deduction per case must be a number above 0"),
        ({"max_deduction": "3"}, "Item A-01: the cap must be a number above 0"),
        ({"severity": "fatal"}, "Item A-01: unknown severity 'fatal'"),
        ({"due_amount": 0}, "Item A-01: the time limit must be above 0"),
        ({"due_amount": 1.5, "due_unit": "work_days"}, "Item A-01: days must be whole"),
        ({"photo_required": "yes"}, "Item A-01: photo_required must be true or false"),
        ({"text": "  "}, "Item A-01: 'text' is empty"),
    ],
)
def test_other_bad_rules_are_refused_naming_the_item(changes, expected):
    with pytest.raises(TemplateError) as error:
        parse_template(body(item("A-01", **changes)))

    assert problems_of(error) == [expected]


def test_fractional_hours_are_allowed():
    template = parse_template(body(item("A-01", due_amount=1.5, due_unit="hours")))

    assert template.item("A-01").due_amount == 1.5


def test_every_problem_is_reported_at_once():
    no_cap = item("A-03")
    del no_cap["max_deduction"]
    items = [
        item("A-01", gb_code="123"),
        item("A-02", due_unit="weeks"),
        no_cap,
        item("A-04", deduction_per_case=4, max_deduction=2),
        item("A-01"),
        item("A-05"),
    ]

    with pytest.raises(TemplateError) as error:
        parse_template(body(*items))

    named = [p.values.get("item") for p in error.value.problems]
    assert named == ["A-01", "A-02", "A-03", "A-04", "A-01"]
    message = str(error.value)
    assert message.count("\n") == 4
    assert "A-05" not in message


def test_a_broken_item_in_the_shipped_template_is_named(template_body):
    template_body["categories"][3]["items"][2]["due_unit"] = "months"
    code = template_body["categories"][3]["items"][2]["code"]

    with pytest.raises(TemplateError) as error:
        parse_template(template_body)

    assert [p.values["item"] for p in error.value.problems] == [code]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, "The template has no name"),
        ({"version": 0}, "The template version must be a whole number ≥ 1"),
        ({"version": True}, "The template version must be a whole number ≥ 1"),
        ({"full_score": 0}, "The full score must be a number above 0"),
        ({"categories": []}, "The template has no categories"),
    ],
)
def test_bad_template_header_is_refused(changes, expected):
    raw = body(item("A-01"))
    raw.update(changes)

    with pytest.raises(TemplateError) as error:
        parse_template(raw)

    assert problems_of(error) == [expected]


def test_a_template_without_items_is_refused():
    with pytest.raises(TemplateError) as error:
        parse_template(body())

    assert problems_of(error) == ["The template has no items"]
