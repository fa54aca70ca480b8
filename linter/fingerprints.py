"""Finding fingerprints: stable across machines and across edits elsewhere in the
file (they do not contain line numbers), distinct for repeated matches. Used by
SARIF partialFingerprints and by baselines."""

from __future__ import annotations

import hashlib
import os
import posixpath
import unicodedata
from pathlib import Path


def _posix(path: str) -> str:
    for sep in (os.sep, os.altsep):
        if sep and sep != "/":
            path = path.replace(sep, "/")
    return path


def fingerprint_path(path: str, root: Path) -> str:
    """The path as the same on every machine: relative to ``root`` (also when
    given as absolute, if it lies under it), forward slashes."""
    if os.path.isabs(path):
        try:
            return Path(path).relative_to(root).as_posix()
        except ValueError:
            try:
                return Path(path).resolve().relative_to(root.resolve()).as_posix()
            except (ValueError, OSError):
                return _posix(path)
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)) if root != Path.cwd() else path
    return posixpath.normpath(_posix(rel))


def normalized_match(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def fingerprints_of(findings, cwd: Path) -> list[str]:
    """One fingerprint per finding, in the order given. Occurrences of the same
    (rule, path, text) are numbered in file order, whatever the list's order. A
    finding about the whole document (a missing disclaimer, reported at the first
    line) is keyed without its text: editing the title does not make it new."""
    keys = [
        (f.rule, fingerprint_path(f.path, cwd), "" if getattr(f, "document_level", False) else normalized_match(f.match))
        for f in findings
    ]
    order = sorted(range(len(findings)), key=lambda i: (keys[i], findings[i].start, findings[i].end))
    seen: dict = {}
    out = [""] * len(findings)
    for i in order:
        n = seen.get(keys[i], 0)
        seen[keys[i]] = n + 1
        rule, path, text = keys[i]
        out[i] = fingerprint(rule, path, text, n)
    return out


def fingerprint(rule: str, path: str, text: str, occurrence: int) -> str:
    """The fingerprint of the ``occurrence``-th (from 0) finding of ``rule`` with
    this normalized matched text in the file at this fingerprint path. A file name
    that is not valid UTF-8 reaches here with its bytes as surrogate escapes (how
    Python decodes it): they are hashed as those bytes."""
    data = "\0".join((rule, path, text, str(occurrence))).encode("utf-8", "surrogateescape")
    return hashlib.sha256(data).hexdigest()
