"""The built-in rule packs' rule-building entries, computed when the packs are
written and shipped in the package (``prebuilt.json``).

Building the built-in pack from its YAML costs about a second: ruamel.yaml reads
the rule files, and the claim kind reads the first words of its phrase patterns
off their parsed form. The run's cache (``.contentlint_cache/``) answers that on
every run but the first; a CI job on a fresh machine, though, always runs first.
So the same entries that cache would hold (parsed YAML with positions, first
words, lexicon alternations: the kinds whose answer does not depend on the
interpreter) are computed once and looked up by the same content keys before the
cache. A changed rule file or pattern has another key and is simply computed;
``tests/test_prebuilt.py`` fails when the shipped file no longer matches what
the packs build, and says to run::

    python -m linter.config.build_prebuilt     # rewrite linter/prebuilt.json

This module only reads the file; ``config/build_prebuilt.py`` writes it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PREBUILT_FILE = Path(__file__).resolve().parent / "prebuilt.json"
KINDS = frozenset({"yaml", "anchors", "trie"})  # the same on every interpreter


def name(kind: str, key: str) -> str:
    """The name an entry is shipped under."""
    from .cache import digest

    return digest("prebuilt", kind, key)


@lru_cache(maxsize=1)
def _entries() -> dict:
    try:
        data = json.loads(PREBUILT_FILE.read_bytes())
    except (OSError, ValueError):
        return {}  # a broken or missing file only costs time
    return data.get("entries", {}) if isinstance(data, dict) else {}


def get(kind: str, key: str):
    """The shipped entry of ``kind`` for ``key``, or None."""
    if kind not in KINDS:
        return None
    return _entries().get(name(kind, key))
