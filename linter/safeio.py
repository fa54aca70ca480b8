"""Reading and writing files that someone else may have planted.

Reads: a path in a config (``extends``, ``rule_files``), a file in a linted
folder or the cache may name a FIFO (``open`` blocks until a writer comes, for
ever), a device (``/dev/zero`` never ends) or a file far larger than any config.
``read_regular`` opens without blocking, refuses anything but a regular file and
reads at most a limit.

Writes: a symlink committed into a repository (``report.sarif -> ~/.bashrc``,
``.contentlint_cache -> ../outside``) would make a write land outside the tree.
``open_for_writing`` refuses a link (``refuse_symlink`` checks before the run;
the cache checks its own folders).
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


# Links that name the process's own streams (/dev/stdout -> /proc/self/fd/1):
# written through, as a user who names them means.
_SYSTEM_LINKS = ("/dev/", "/proc/")


def open_for_writing(path, what: str):
    """``path`` opened for writing text (UTF-8, newlines as written, characters
    UTF-8 cannot hold as backslash escapes), truncated.
    A symbolic link is refused (O_NOFOLLOW: no race between a check and the open)
    unless it is one of the system's own under /dev or /proc; the refusal and any
    other failure are a one-line UserError naming the option and the file."""
    import errno

    from .errors import UserError

    p = os.fspath(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    if not os.path.abspath(p).startswith(_SYSTEM_LINKS):
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        if os.path.islink(p) and flags & getattr(os, "O_NOFOLLOW", 0):
            raise OSError(errno.ELOOP, "symbolic link")
        fd = os.open(p, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserError(_link_message(what, p)) from None
        raise UserError(f"{what} {p}: cannot write: {exc.strerror or exc}") from None
    # errors: a file name that is not valid UTF-8 (surrogate escapes in Python)
    # is written as \udcXX, which is also a valid JSON string escape for the same
    # character: JSON, SARIF and baselines stay valid and read back the same name
    return os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="")


def refuse_symlink(path, what: str) -> None:
    """Raise the UserError ``open_for_writing`` would for a symlink, before any
    work is done."""
    from .errors import UserError

    p = os.fspath(path)
    if os.path.islink(p) and not os.path.abspath(p).startswith(_SYSTEM_LINKS):
        raise UserError(_link_message(what, p))


def _link_message(what: str, path: str) -> str:
    return f"{what} {path} is a symbolic link; refusing to write through it (remove the link or name another file)"
