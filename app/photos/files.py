"""Opening a file the import may read: regular files only, never waiting at open().

A FIFO opened for reading waits at open() until a writer comes, a device may wait for ever, and
either hung the import for good. The file is opened without blocking and checked on its own
descriptor (so it cannot be swapped for a pipe between a check and the open), then read
normally.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFile(OSError):
    """A FIFO, socket, device or folder: the import never reads it."""


def is_regular(path: Path) -> bool:
    """Whether `path` is a regular file (symbolic links followed); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def open_regular(path: Path, *, buffering: int = -1) -> BinaryIO:
    """Open a regular file for reading in binary, or raise NotRegularFile (or OSError)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=buffering)
    except BaseException:
        os.close(fd)
        raise


def os_reason(error: OSError) -> str:
    """What went wrong with a file, as one of the words refusals are written for: "missing",
    "denied" or "failed" (the system's own text, English whatever the user reads, is logged,
    never shown)."""
    if isinstance(error, FileNotFoundError) or error.errno == errno.ENOENT:
        return "missing"
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return "denied"
    return "failed"
