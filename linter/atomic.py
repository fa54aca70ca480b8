"""Replacing a file atomically: write a temporary file in the same folder, then
rename it over the target (os.replace is atomic on POSIX and Windows), so a
reader or a crash sees the old file or the new one, never a torn one."""

from __future__ import annotations

import os


def _temporary(directory: str, prefix: str) -> tuple[int, str]:
    """A new file of our own in ``directory`` (O_EXCL: never someone else's), as
    ``tempfile.mkstemp`` makes one; written here because importing tempfile pulls
    in shutil, random, bz2 and lzma, a cost on every one-file run."""
    for _ in range(100):
        tmp = os.path.join(directory, f"{prefix}{os.getpid()}-{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {directory}")


def replace_file(
    path: str, data: bytes, *, durable: bool = False, mode: int | None = None, prefix: str = ".tmp-", check=None
) -> None:
    """``durable``: fsync before the rename (a fixed article must survive a power
    cut; a cache entry need not). ``mode``: permissions for the new file.
    ``check``: called just before the rename, as late as can be; an exception
    from it leaves the file as it is (the temporary file is removed)."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = _temporary(directory, prefix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if check is not None:
            check()
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
