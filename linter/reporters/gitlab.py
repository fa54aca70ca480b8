"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports:
codequality``), the subset of the Code Climate issue format GitLab reads.

A JSON array with one issue per finding:

- ``description``: the message; ``check_name``: the rule id;
- ``fingerprint``: the finding's ``contentlint/v1`` fingerprint (as in SARIF:
  rule, path, matched text and its occurrence, no line numbers), unique per
  finding, so GitLab tells new findings from fixed ones between the merge
  request's and the target branch's reports when lines move;
- ``severity``: error -> ``major``, warning -> ``minor``, info -> ``info``;
- ``location.path``: relative to the repository's root, which GitLab reads
  paths against: ``$CI_PROJECT_DIR`` when it names a folder (a GitLab CI job
  sets it; a job may run contentlint from a subfolder; a symbolic link or a
  relative path is read as the folder it leads to), else the directory
  contentlint ran in; forward slashes, no ``./``;
  ``location.positions``: begin and end line and column (1-based, end just past
  the match, as in the JSON output);
- ``type: issue`` and ``categories: [Style]``, which the Code Climate format asks
  for and GitLab ignores.

Suppressed findings are not issues. Files that could not be linted are reported
on standard error, as in every format, and make the exit code 2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..fingerprints import fingerprint_path, fingerprints_of

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report, stream, **_) -> None:
    json.dump(issues(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def issues(report, cwd: Path | None = None) -> list[dict]:
    cwd = Path.cwd() if cwd is None else cwd
    suppressed = [f for f, _ in getattr(report, "suppressed", ())]
    # numbered with the suppressed findings, as in SARIF: the same finding has the
    # same fingerprint in both formats
    fingerprints = fingerprints_of(list(report.findings) + suppressed, cwd)
    root = project_root(cwd)
    return [issue(f, fingerprints[i], root) for i, f in enumerate(report.findings)]


def project_root(cwd: Path) -> Path:
    """What ``location.path`` is relative to: the job's checkout in GitLab CI. Its
    real path (links resolved): a relative finding path is made absolute against
    the working directory, which the system gives with links resolved, so a root
    reached through a link would put ``../`` into every path."""
    project = os.environ.get("CI_PROJECT_DIR")
    return Path(os.path.realpath(project)) if project and os.path.isdir(project) else cwd


def issue(f, fingerprint: str, root: Path) -> dict:
    return {
        "type": "issue",
        "description": f.message,
        "check_name": f.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITIES.get(f.severity, "minor"),
        "categories": ["Style"],
        "location": {
            "path": fingerprint_path(f.path, root),
            "positions": {
                "begin": {"line": f.line, "column": f.column},
                "end": {"line": f.end_line, "column": f.end_column},
            },
        },
    }
