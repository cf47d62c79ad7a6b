"""Markup over photos in the store: one annotation row per photo and author (domain/markup.py).

Markup is not evidence: it may be drawn on the photos of a submitted inspection (the photo row and
its original stay untouched; the store's locks are on `photo`, not here). Each author edits only
their own row; the author is a person id, the row keeps its times (created_at, updated_at), each
shape the time it was drawn. Rows travel by sync like any other (the outbox gets each save).

Who may draw (the server's table says the same, server/permissions.py): office staff (reviewers,
admins) on any photo; an inspector on the photos of a draft they are on — their own evidence,
pointed out before they submit — and no longer once it is submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.markup import dump_shapes, parse_shapes
from local_db.store import Store

ANNOTATING_ROLES = ("reviewer", "admin")


def may_annotate(store: Store, person_id: str | None, inspection_id: str | None = None) -> bool:
    """Office staff mark any photo up; an inspector the photos of `inspection_id` while it is a
    draft they are on."""
    if not person_id:
        return False
    person = store.row("person", person_id)
    if person is None:
        return False
    if person.get("role") in ANNOTATING_ROLES:
        return True
    if not inspection_id:
        return False
    inspection = store.row("inspection", inspection_id)
    if inspection is None or inspection.get("status") != "draft":
        return False
    on_it = store.rows(
        "SELECT 1 FROM inspection_person WHERE inspection_id = ? AND person_id = ?",
        [inspection_id, person_id],
    )
    return bool(on_it)


def may_annotate_photo(store: Store, person_id: str | None, photo_id: str) -> bool:
    photo = store.row("photo", photo_id)
    return photo is not None and may_annotate(store, person_id, photo.get("inspection_id"))


def has_markup(store: Store, photo_ids: list[str]) -> bool:
    """Whether any of the photos carries someone's (non-empty) markup."""
    if not photo_ids:
        return False
    marks = ",".join("?" * len(photo_ids))
    found = store.rows(
        f"SELECT 1 FROM annotation WHERE photo_id IN ({marks}) AND shapes <> '[]' LIMIT 1",
        photo_ids,
    )
    return bool(found)


def annotations_of(store: Store, photo_id: str) -> list[dict[str, Any]]:
    """Every author's markup of a photo, oldest first: the row with `shapes` parsed to a list
    and `author_name` (the person's name, else the author as stored)."""
    rows = store.rows(
        "SELECT a.*, coalesce(p.name, a.author) AS author_name FROM annotation a "
        "LEFT JOIN person p ON p.id = a.author WHERE a.photo_id = ? ORDER BY a.created_at, a.id",
        [photo_id],
    )
    for row in rows:
        row["shapes"] = parse_shapes(row["shapes"])
    return rows


def own_annotation(store: Store, photo_id: str, author: str) -> dict[str, Any] | None:
    found = store.rows(
        "SELECT * FROM annotation WHERE photo_id = ? AND author = ? ORDER BY created_at, id "
        "LIMIT 1",
        [photo_id, author],
    )
    if not found:
        return None
    row = found[0]
    row["shapes"] = parse_shapes(row["shapes"])
    return row


def save_shapes(
    store: Store, photo_id: str, author: str, shapes: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """Replace this author's markup of the photo (an empty list clears it, the row stays so the
    clearing travels like any edit). Raises KeyError for an unknown photo, PermissionError when
    the author may not mark this photo up."""
    with store.transaction():
        if store.row("photo", photo_id) is None:
            raise KeyError(f"no photo {photo_id}")
        if not may_annotate_photo(store, author, photo_id):
            raise PermissionError(
                "office staff mark photos up; an inspector only those of a draft they are on"
            )
        current = own_annotation(store, photo_id, author)
        row: dict[str, Any] = {
            "photo_id": photo_id,
            "author": author,
            "shapes": dump_shapes(shapes),
        }
        if current is not None:
            if current["shapes"] == [dict(s) for s in shapes]:
                return {**current}
            row["id"] = current["id"]
        saved = store.save("annotation", row)
        store.audit(author, "annotation", saved["id"], "markup", None)
    saved = dict(saved)
    saved["shapes"] = parse_shapes(saved["shapes"])
    return saved
