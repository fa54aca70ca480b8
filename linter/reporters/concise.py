"""``--format concise``: exactly one line per finding,
``path:line:col: severity rule-id message``; no excerpt and no summary (like
``ruff --output-format concise``), for editors' error parsers and ``grep``."""

from __future__ import annotations

import re

_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


def one_line(text: str) -> str:
    """``text`` with every line break (and the blanks around it) turned into one
    space, so a finding never spills onto a second line."""
    return _BREAKS.sub(" ", text).strip() if _BREAKS.search(text) else text


from .text import line_start  # noqa: E402


def render(report, stream, **_) -> None:
    for f in report.findings:
        # a line break in the name is shown as an escape, as in the text format (a
        # name must map back to its file); in the message, as a space
        stream.write(line_start(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {one_line(f.message)}") + "\n")
