"""Rule-building entries for the built-in rule packs, computed when the packs are
written and shipped in the package (``builtin_seed.json``).

Building the built-in pack from its YAML costs about a second: ruamel.yaml reads
35 KB of rules, and the claim kind reads the first words of 73 phrase patterns
off their parsed form. The run's cache (``.contentlint_cache/``) answers that on
every run but the first; a CI job on a fresh machine, though, always runs first.
So the same entries that cache would hold (parsed YAML with positions, first
words, lexicon alternations: the kinds whose answer does not depend on the
interpreter) are computed once, here, and looked up by the same content keys
before the cache. A changed rule file or pattern has another key and is simply
computed; ``tests/test_builtin_seed.py`` fails when the shipped file no longer
matches what the packs build, and says to run::

    python -m linter.seed          # rewrite linter/builtin_seed.json
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

SEED_FILE = Path(__file__).resolve().parent / "builtin_seed.json"
KINDS = frozenset({"yaml", "anchors", "trie"})  # the same on every interpreter


def name(kind: str, key: str) -> str:
    from .cache import digest

    return digest("seed", kind, key)


@lru_cache(maxsize=1)
def _entries() -> dict:
    try:
        data = json.loads(SEED_FILE.read_bytes())
    except (OSError, ValueError):
        return {}  # a broken or missing seed only costs time
    return data.get("entries", {}) if isinstance(data, dict) else {}


_building = False  # while build() runs: answer nothing, so every entry is computed afresh


def get(kind: str, key: str):
    if kind not in KINDS or _building:
        return None
    return _entries().get(name(kind, key))


class _Recorder:
    """Stands in for the run's cache while the packs build: misses everything,
    keeps every entry of a seeded kind that building puts."""

    def __init__(self):
        self.entries: dict = {}

    def get(self, kind, key):
        return None

    def put(self, kind, key, value):
        if kind in KINDS:
            self.entries[name(kind, key)] = value


def build() -> dict:
    """The entries building every built-in pack puts, in a fresh process state."""
    from . import cache
    from .config import rules as rule_files
    from .config.packs import pack_dir, pack_names

    global _building
    recorder = _Recorder()
    before = cache.active()
    cache.activate(recorder)
    _building = True
    try:
        rule_files._CACHE.clear()
        for pack in pack_names():
            for path in sorted(pack_dir(pack).glob("*.yaml")):
                rule_files._load_rule_file(str(path))
    finally:
        _building = False
        cache.activate(before)
        rule_files._CACHE.clear()
    return {"format": 1, "entries": dict(sorted(recorder.entries.items()))}


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    text = render(build())
    if argv and argv[0] == "--check":
        current = SEED_FILE.read_text(encoding="utf-8") if SEED_FILE.exists() else ""
        if current != text:
            print(f"{SEED_FILE} is out of date: run python -m linter.seed", file=sys.stderr)
            return 1
        return 0
    from .atomic import replace_file

    replace_file(str(SEED_FILE), text.encode("utf-8"), mode=0o644)  # package data, not a private entry
    print(f"wrote {SEED_FILE} ({len(text) // 1024} KB, {len(json.loads(text)['entries'])} entries)")
    return 0


if __name__ == "__main__":
    # run as the package's module, whose flags the cache's lookups read
    from linter import seed

    sys.exit(seed.main(sys.argv[1:]))
