"""The composite assessment's configuration this laptop applies (domain/composite_config.py).

TODO(integration): the office's record carries it (org_settings.composite, issue 15's
"composite" part); until that is merged every laptop applies DEFAULT_CONFIG. This is the one
place that reads it: the 统计通报 view, the documents and `ducha export assessment` all ask here.
"""

from __future__ import annotations

from domain.composite_config import DEFAULT_CONFIG, CompositeConfig, parse_config
from local_db.org_settings import org_settings
from local_db.store import Store


def composite_config(store: Store) -> CompositeConfig:
    """The office's configuration (its synced record), else DEFAULT_CONFIG."""
    held = getattr(org_settings(store), "composite", None)
    if isinstance(held, CompositeConfig):
        return held
    if isinstance(held, str) and held.strip():
        return parse_config(held)
    return DEFAULT_CONFIG
