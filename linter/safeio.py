"""Reading and writing files that someone else may have planted.

Reads: a path in a config (``extends``, ``rule_files``), a file in a linted
folder or the cache may name a FIFO (``open`` blocks until a writer comes, for
ever), a device (``/dev/zero`` never ends) or a file far larger than any config.
``read_regular`` opens without blocking, refuses anything but a regular file and
reads at most a limit.

Writes: a symlink committed into a repository (``report.sarif -> ~/.bashrc``,
``.contentlint_cache -> ../outside``) would make a write land outside the tree.
``refuse_symlink`` says so before anything is written.
"""

from __future__ import annotations

import os
import stat


class ReadRefused(OSError):
    """A file that is not read: not a regular file, or larger than the limit.
    The message says which, in words meant for the user."""


def read_regular(path, limit: int | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file (a symlink to one is fine) of
    at most ``limit`` bytes. Raises ReadRefused otherwise, OSError when it cannot
    be opened or read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)  # O_NONBLOCK: opening a FIFO returns at once
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadRefused(f"not a regular file ({_kind(st.st_mode)})")
        chunks = []
        size = 0
        while True:
            want = 1 << 20 if limit is None else min(1 << 20, limit + 1 - size)
            if want <= 0:
                break
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if limit is not None and size > limit:
            raise ReadRefused(f"file larger than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "a special file"


def is_regular(path) -> bool:
    """Whether ``path`` itself (not a symlink's target) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def refuse_symlink(path, what: str) -> str | None:
    """A one-line reason not to write ``path``: it, or a folder on the way to it
    below the current directory, is a symlink. None when it may be written."""
    p = os.fspath(path)
    if os.path.islink(p):
        return f"{what} {p} is a symbolic link; refusing to write through it (remove the link or name another file)"
    return None
