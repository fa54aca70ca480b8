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
# the formats that can list suppressed findings beside the others (--show-suppressed):
# a CI annotation, a test report or a code-quality issue has no place for them
SHOWS_SUPPRESSED = ("text", "json", "json-lines", "sarif", "html")

# Reporters chosen by a flag of their own rather than by --format.
_OTHERS = {
    "statistics": "linter.reporters.statistics",  # --statistics
}


def reporter(name: str):
    return importlib.import_module(FORMATS.get(name) or _OTHERS[name])
