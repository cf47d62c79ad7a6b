"""The composite assessment's configuration this laptop applies: the office's synced record
(org_settings.composite, domain/composite_config.py), else DEFAULT_CONFIG. The one place that
reads it: the 统计通报 view, the documents and `ducha export assessment` all ask here.
"""

from __future__ import annotations

from domain.composite_config import CompositeConfig
from local_db.org_settings import org_settings
from local_db.store import Store


def composite_config(store: Store) -> CompositeConfig:
    """The office's configuration (its synced record; DEFAULT_CONFIG without one)."""
    return org_settings(store).composite
