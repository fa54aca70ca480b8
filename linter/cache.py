"""The on-disk cache in ``.contentlint_cache/`` (``--no-cache`` to skip it).

Everything is data (never pickle: the folder sits in a working tree that a pull
request could write to, and loading it must not run code): JSON, and one binary
entry, the built-in claim model in ``marshal`` form (below). Each entry is stored
under a key that changes whenever anything that could change the answer changes:

- ``results/``: a file's findings, keyed by the file's bytes, the encoding, the
  resolved setup (config and rule files' bytes, the rules active for that path)
  and the code version. A warm run over an unchanged site reads and hashes each
  file and does nothing else: no Markdown parsing, no rule compiling.
- ``yaml/``: a rule or config file's parsed content, keyed by its bytes, stored
  once it validated (so a warm start skips ruamel.yaml altogether).
- ``anchors/``: the first words of each claim phrase pattern.
- ``regex/``: which big patterns compiled on this interpreter (see
  ``matching/regex.py``: those compile when first used).
- ``trie/``: lexicon alternations built from rule word lists.
- ``model/``: the built-in claim model in ``marshal`` form (``claim_model.load_builtin``),
  a binary entry (``get_blob``): data only, written by this code after it
  validated the JSON, and read back only when its keyed digest says it is what
  was written.

The last four are what building a rule set costs; they reach it through a
``store.Store`` handed to it. A one-file pre-commit run would read dozens of
small entries, so they are also gathered into one
``bundle/`` file per code version, read once at the start of a run and rewritten
at its end when the run added to it.

Every write goes to a temporary file in the same folder and is renamed into
place, so processes that write at once (pre-commit runs several) never leave a
torn entry; a reader treats any unreadable entry as a miss. The folder holds a
``.gitignore`` of ``*`` and a CACHEDIR.TAG so that git and backup tools skip it.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

CACHE_DIR_NAME = ".contentlint_cache"


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version plus the size and mtime of its sources and rule packs,
    so a changed checkout never reads an old answer."""
    from . import __version__

    return tree_fingerprint(__version__, os.path.dirname(os.path.abspath(__file__)))


def tree_fingerprint(version: str, root: str) -> str:
    """The version plus the name, size and mtime of every source, rule and data
    file of the package at ``root`` (and of a source checkout's ``rules/`` beside it)."""
    h = _hasher()
    h.update(version.encode())
    # what a run computes from: code, rule files, and the data it ships (the claim
    # model, the gloss tables, the prebuilt rule data)
    for name, st in _sources(root, (".py", ".yaml", ".yml", ".json", ".tsv")):
        h.update(f"{os.path.relpath(name, root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    packs = os.path.join(os.path.dirname(root), "rules")  # a source checkout's packs (installed: under root)
    for name, st in _sources(packs, (".yaml",)):
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _sources(top: str, suffixes: tuple) -> list:
    """(path, stat) of the files under ``top`` with one of ``suffixes``, sorted,
    bytecode folders skipped: os.scandir, because pathlib's rglob and a stat per
    path cost a one-file run several milliseconds."""
    out = []
    try:
        entries = list(os.scandir(top))
    except OSError:
        return out
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                out += _sources(entry.path, suffixes)
        elif entry.name.endswith(suffixes):
            out.append((entry.path, entry.stat()))
    return sorted(out, key=lambda item: item[0])


def _hasher():
    """BLAKE2b from CPython's own module: importing ``hashlib`` loads OpenSSL,
    a cost every one-file run would pay at start-up."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another interpreter
        from hashlib import blake2b
    return blake2b(digest_size=32)


def digest(*parts: bytes | str) -> str:
    h = _hasher()
    for part in parts:
        # a file name that is not valid UTF-8 holds its odd bytes as surrogate escapes
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: str | Path) -> str:
    with open(path, "rb") as fh:
        return digest(fh.read())


@lru_cache(maxsize=1)
def _secret() -> str:
    """A random key per user, in ~/.cache/contentlint/ (or $XDG_CACHE_HOME)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "contentlint"
    path = base / "cache-key"
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    import secrets  # only here: it imports hashlib, and with it OpenSSL

    key = secrets.token_hex(32)
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip() or key  # another process won the race
    except OSError:
        pass  # no writable home: a key for this process only (the cache just misses next time)
    return key


# Entries that building a rule set reads: also kept in the run's bundle.
BUNDLED = frozenset({"yaml", "anchors", "regex", "trie"})


class Cache:
    def __init__(self, root: Path | None = None, enabled: bool = True):
        env = os.environ.get("CONTENTLINT_CACHE_DIR")
        self.dir = Path(env) if env else (root or Path.cwd()) / CACHE_DIR_NAME
        self._from_tree = not env  # CONTENTLINT_CACHE_DIR is the user's own choice, link or not
        self._warned = False
        self.enabled = enabled
        self._ready = False
        self._folders: set = set()  # made this run: mkdir is a syscall and an exception each time
        self._pid = os.getpid()  # the process whose flush() writes the bundle
        self._bundle: dict | None = None  # entry name -> value, read once per run
        self._used: set = set()  # bundle entries this run read or wrote
        self._bundle_grew = False

    def _name(self, kind: str, key: str) -> str:
        # The name mixes in a secret kept outside the working tree: entries that a
        # pull request commits into .contentlint_cache/ can never be looked up; and
        # the code version, so no entry outlives the code that computed it.
        return digest(_secret(), code_version(), kind, key)

    def _path(self, kind: str, name: str, suffix: str = ".json") -> Path:
        return self.dir / kind / name[:2] / f"{name}{suffix}"

    def _ensure(self, folder: Path) -> None:
        """Make ``folder`` (under the cache folder). A symbolic link on the way (a
        committed ``.contentlint_cache -> ../outside``, or a link inside it) is
        not written through: the write fails as on a read-only checkout, and the
        run says so once."""
        if not self._ready:
            if self._from_tree and os.path.islink(self.dir):
                self._refuse(self.dir)
            self.dir.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", "# written by contentlint\n*\n"), ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# contentlint cache\n")):
                p = self.dir / name
                if not p.exists():
                    self._write(p, text.encode())
            self._ready = True
        if folder not in self._folders:
            for sub in (folder.parent, folder):
                if os.path.islink(sub):
                    self._refuse(sub)
                sub.mkdir(exist_ok=True)
                if os.path.islink(sub):  # made a link between the check and here
                    self._refuse(sub)
            self._folders.add(folder)

    def _refuse(self, link: Path):
        if not self._warned:
            import sys

            self._warned = True
            print(f"warning: {link} is a symbolic link; the cache is not written through it", file=sys.stderr)
        raise OSError(f"{link} is a symbolic link")

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        from .atomic import replace_file

        replace_file(str(path), data)

    def _read(self, path: Path):
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):  # missing, torn or foreign: a miss
            return None

    # -- the bundle of rule-building entries -------------------------------------
    def _bundle_path(self) -> Path:
        return self._path("bundle", self._name("bundle", ""))  # the name holds the code version

    def _load_bundle(self) -> dict:
        if self._bundle is None:
            data = self._read(self._bundle_path())
            self._bundle = data if isinstance(data, dict) else {}
        return self._bundle

    def flush(self) -> None:
        """Rewrite the bundle if this run added to it: the entries this run used,
        plus the older ones while they are not most of it (so a rule set that
        keeps changing does not grow it without end)."""
        if not (self.enabled and self._bundle_grew and self._bundle is not None):
            return
        bundle = self._bundle
        if len(bundle) > 4 * len(self._used):
            bundle = {k: v for k, v in bundle.items() if k in self._used}
        self._bundle_grew = False
        try:
            path = self._bundle_path()
            self._ensure(path.parent)
            self._write(path, json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode())
        except (OSError, TypeError, ValueError):
            pass

    # -- binary entries ------------------------------------------------------------
    # A blob is stored with a digest of its bytes keyed by the user's secret in
    # front: a torn, truncated or altered entry reads as a miss, so what a
    # caller decodes is always bytes this code wrote.
    _BLOB_DIGEST = 32

    def _blob_digest(self, data: bytes) -> bytes:
        return bytes.fromhex(digest(_secret(), data))

    def get_blob(self, kind: str, key: str) -> bytes | None:
        if not self.enabled:
            return None
        try:
            raw = self._path(kind, self._name(kind, key), ".bin").read_bytes()
        except OSError:
            return None
        head, data = raw[: self._BLOB_DIGEST], raw[self._BLOB_DIGEST :]
        return data if len(head) == self._BLOB_DIGEST and head == self._blob_digest(data) else None

    def put_blob(self, kind: str, key: str, data: bytes) -> None:
        if not self.enabled:
            return
        path = self._path(kind, self._name(kind, key), ".bin")
        try:
            self._ensure(path.parent)
            self._write(path, self._blob_digest(data) + data)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache

    # -- entries -----------------------------------------------------------------
    def get(self, kind: str, key: str):
        if not self.enabled:
            return None
        name = self._name(kind, key)
        if kind in BUNDLED:
            bundle = self._load_bundle()
            value = bundle.get(name)
            if value is None:
                value = self._read(self._path(kind, name))
                if value is None:
                    return None
                bundle[name] = value
                self._bundle_grew = True
            self._used.add(name)
            return value
        return self._read(self._path(kind, name))

    def put(self, kind: str, key: str, value) -> None:
        if not self.enabled:
            return
        name = self._name(kind, key)
        path = self._path(kind, name)
        try:
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        except (TypeError, ValueError):
            return  # not JSON data (e.g. a YAML date): simply not cached
        if kind in BUNDLED:
            self._load_bundle()[name] = value
            self._used.add(name)
            self._bundle_grew = True
            if os.getpid() == self._pid:
                # the process that flushes writes it with the bundle at the end of
                # the run, not as a file of its own (~170 small files on a cold
                # start); a worker's lazily built entries still get their files
                return
        try:
            self._ensure(path.parent)
            self._write(path, data)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache
