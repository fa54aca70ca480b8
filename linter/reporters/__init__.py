"""Output formats. Each is a module with ``render(report, stream, **options)``;
options a format does not use are ignored. Modules are imported only when asked
for, so a run pays for the one format it prints."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "linter.reporters.text",
    "json": "linter.reporters.json",
}


def reporter(name: str):
    return importlib.import_module(FORMATS[name])
