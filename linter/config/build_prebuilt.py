"""Writing ``linter/prebuilt.json``: the entries building every built-in pack
puts in its store (see ``linter/prebuilt.py``)::

    python -m linter.config.build_prebuilt            # rewrite the file
    python -m linter.config.build_prebuilt --check    # exit 1 when it is stale
"""

from __future__ import annotations

import json
import sys

from .. import prebuilt
from ..store import Store
from . import rules as rule_files
from .packs import pack_dir, pack_names


class _Recorder:
    """Stands in for the run's cache while the packs build: misses everything,
    keeps every entry of a shipped kind that building puts."""

    def __init__(self):
        self.entries: dict = {}

    def get(self, kind, key):
        return None

    def put(self, kind, key, value):
        if kind in prebuilt.KINDS:
            self.entries[prebuilt.name(kind, key)] = value


def build() -> dict:
    """The entries building every built-in pack puts, computed afresh (the
    shipped entries answer nothing)."""
    recorder = _Recorder()
    store = Store(recorder, shipped=False)
    for pack in pack_names():
        for path in sorted(pack_dir(pack).glob("*.yaml")):
            for rule in rule_files._load_rule_file(str(path), store):
                rule.check  # noqa: B018 - a rule's check is built on first use
    return {"format": 1, "entries": dict(sorted(recorder.entries.items()))}


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    path = prebuilt.PREBUILT_FILE
    text = render(build())
    if argv and argv[0] == "--check":
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run python -m linter.config.build_prebuilt", file=sys.stderr)
            return 1
        return 0
    from ..atomic import replace_file

    replace_file(str(path), text.encode("utf-8"), mode=0o644)  # package data, not a private entry
    print(f"wrote {path} ({len(text) // 1024} KB, {len(json.loads(text)['entries'])} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
