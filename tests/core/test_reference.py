"""Reference data in the store: people by role."""

from __future__ import annotations

from local_db.reference import people, people_with_role


def test_people_of_a_role_come_in_the_order_they_were_recorded(store):
    for name, role in (("王五", "reviewer"), ("张三", "inspector"), ("李四", "reviewer")):
        store.save("person", {"name": name, "role": role})

    assert [p["name"] for p in people_with_role(store, "reviewer")] == ["王五", "李四"]
    assert [p["name"] for p in people_with_role(store, "admin")] == []
    assert [p["name"] for p in people(store)] == sorted(["王五", "张三", "李四"])
