"""The client's tests: nothing a test started may still run after it (tests/leftovers.py)."""

from tests.leftovers import no_leftovers  # noqa: F401 (autouse)
