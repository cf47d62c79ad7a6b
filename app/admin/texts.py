"""What the 组织管理 window says: the server's refusals (their `code`) in the user's words, and
the names of kinds and roles. The server's own text goes to the log only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.admin.api import AdminRefused
from app.labels import message_text
from app.sync.errors import SyncError, SyncUnauthorized, SyncUnreachable
from app.sync.login_reasons import login_needed_text


def offline_text() -> str:
    return QCoreApplication.translate(
        "admin", "Not connected to the server: changes to the organisation need the server."
    )


def refusal_text(code: str | None) -> str:
    """One refusal of the admin API in words, by its code."""
    texts = {
        "name_taken": QCoreApplication.translate(
            "admin", "That name is already taken: choose another."
        ),
        "parent_cycle": QCoreApplication.translate(
            "admin", "A unit cannot be placed under itself or under one of its own sub-units."
        ),
        "unit_has_active_zones": QCoreApplication.translate(
            "admin",
            "The unit still has zones in use: retire them or give them to another unit first.",
        ),
        "bad_geometry": QCoreApplication.translate(
            "admin",
            "The outline is not usable: it must be a GeoJSON Polygon, MultiPolygon, LineString or "
            "MultiLineString in WGS84 longitude/latitude, at most 1 MB.",
        ),
        "self": QCoreApplication.translate(
            "admin", "You cannot disable your own account or take away your own admin role."
        ),
        "version_exists": QCoreApplication.translate(
            "admin",
            "This template version already exists, or is not above the highest published "
            "version of that name: raise the version number.",
        ),
        "template_invalid": QCoreApplication.translate(
            "admin", "The server found problems in the template:"
        ),
        "forbidden": QCoreApplication.translate(
            "admin", "Only an administrator may do this; your account is not one."
        ),
        "must_change_password": QCoreApplication.translate(
            "admin", "You must change your password first: log in again to set a new one."
        ),
        "not_found": QCoreApplication.translate(
            "admin", "It is no longer on the server (removed meanwhile): the list is read again."
        ),
        "username_taken": QCoreApplication.translate(
            "admin", "That user name is already taken: choose another."
        ),
        "unit_retired": QCoreApplication.translate(
            "admin", "That unit is retired: choose a unit in use."
        ),
        "unknown_parent": QCoreApplication.translate(
            "admin", "The parent unit chosen no longer exists on the server: read the lists again."
        ),
        "unknown_unit": QCoreApplication.translate(
            "admin", "A unit chosen no longer exists on the server: read the lists again."
        ),
        "password_too_short": QCoreApplication.translate(
            "admin", "The new password is too short: use at least 8 characters."
        ),
        "bad_credentials": QCoreApplication.translate("admin", "The current password is wrong."),
        "password_unchanged": QCoreApplication.translate(
            "admin", "Choose a password other than the one-time password."
        ),
        "too_large": QCoreApplication.translate(
            "admin", "It is larger than the server accepts: make it smaller (a simpler outline)."
        ),
        "invalid": QCoreApplication.translate(
            "admin", "The server did not accept a field: check what you entered."
        ),
        "malformed": QCoreApplication.translate(
            "admin", "The server did not accept a field: check what you entered."
        ),
    }
    return texts.get(
        code or "",
        QCoreApplication.translate(
            "admin", "The server refused the change; the details are in the log file."
        ),
    )


def failure_text(error: BaseException) -> str:
    """Why an admin call failed, in words (never the exception's own text)."""
    if isinstance(error, AdminRefused):
        if error.status == 404 and error.code in (None, "not_found", "unknown"):
            return refusal_text("not_found")
        return refusal_text(error.code)
    if isinstance(error, SyncUnreachable):
        return offline_text()
    if isinstance(error, SyncUnauthorized):
        return login_needed_text(error.reason)
    if isinstance(error, SyncError):
        return message_text(error.message)
    return QCoreApplication.translate(
        "admin", "Something went wrong; the details are in the log file."
    )


def unit_kind_label(code: str) -> str:
    return {
        "department": QCoreApplication.translate("admin", "Department"),
        "town": QCoreApplication.translate("admin", "Town"),
        "street_office": QCoreApplication.translate("admin", "Street office"),
        "company": QCoreApplication.translate("admin", "Company"),
    }.get(code, code)


def device_state_label(code: str) -> str:
    return {
        "active": QCoreApplication.translate("admin", "In use"),
        "revoked": QCoreApplication.translate("admin", "Revoked"),
        "released": QCoreApplication.translate("admin", "Released"),
    }.get(code, code)


def active_label(active: object) -> str:
    if active in (None, True, 1):
        return QCoreApplication.translate("admin", "In use")
    return QCoreApplication.translate("admin", "Retired")


def enabled_label(enabled: bool) -> str:
    if enabled:
        return QCoreApplication.translate("admin", "Enabled")
    return QCoreApplication.translate("admin", "Disabled")
