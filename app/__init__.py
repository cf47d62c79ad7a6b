"""Ducha (督查): the desktop client."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ducha")
except PackageNotFoundError:  # running from a bundle or a bare checkout
    __version__ = "0.1.0"
