"""Output formats. Each is a module with ``render(report, stream, **options)``;
options a format does not use are ignored. Modules are imported only when asked
for, so a run pays for the one format it prints."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "linter.reporters.text",
    "json": "linter.reporters.json",
    "html": "linter.reporters.html",
    "json-lines": "linter.reporters.jsonlines",
    "concise": "linter.reporters.concise",
    "sarif": "linter.reporters.sarif",
    "github": "linter.reporters.github",
    "junit": "linter.reporters.junit",
    "gitlab": "linter.reporters.gitlab",
}

# Reporters chosen by a flag of their own rather than by --format.
_OTHERS = {
    "statistics": "linter.reporters.statistics",  # --statistics
}


def reporter(name: str):
    return importlib.import_module(FORMATS.get(name) or _OTHERS[name])
