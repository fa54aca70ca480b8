"""Where the built-in rule packs live: inside the installed package
(``linter/rules/``, put there by the wheel build) or, in a source checkout, at the
repository's top-level ``rules/``."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_rules_dir() -> Path:
    installed = _PACKAGE / "rules"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "rules"


def pack_names() -> list[str]:
    root = builtin_rules_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def pack_dir(name: str) -> Path | None:
    d = builtin_rules_dir() / name
    return d if d.is_dir() else None


DEFAULT_PACKS = ("health",)
