"""Replacing a file atomically: write a temporary file in the same folder, then
rename it over the target (os.replace is atomic on POSIX and Windows), so a
reader or a crash sees the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import tempfile


def replace_file(path: str, data: bytes, *, durable: bool = False, mode: int | None = None, prefix: str = ".tmp-") -> None:
    """``durable``: fsync before the rename (a fixed article must survive a power
    cut; a cache entry need not). ``mode``: permissions for the new file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
