"""Hover on a finding: its message, what the rule checks and why (the text
``contentlint explain`` prints), and a link to the rule's page."""

from __future__ import annotations

from lsprotocol import types

from ..findings import BUILTIN_EXPLAINED
from .documents import Linted

# Findings contentlint reports itself have no rule file to take a description from.
def explanation(linted: Linted, rule_id: str) -> str:
    rule = linted.rule(rule_id)
    if rule is not None:
        return " ".join(rule.description.split())
    return BUILTIN_EXPLAINED.get(rule_id, ("", ""))[1]


def hover(linted: Linted, offset: int) -> types.Hover | None:
    """The findings under ``offset`` (a source offset; a finding's last character
    and an empty finding's place count), each as a section; None when there is none."""
    hits = [f for f in linted.findings if f.start <= offset <= f.end]
    if not hits:
        return None
    parts = []
    for f in hits:
        about = explanation(linted, f.rule)
        url = linted.rule_url(f.rule)
        parts.append(
            f"**{f.rule}** ({f.severity}): {f.message}"
            + (f"\n\n{about}" if about else "")
            + (f"\n\n[{f.rule}: the rule's page]({url})" if url else "")
        )
    first, last = min(f.start for f in hits), max(f.end for f in hits)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=linted.range(first, last),
    )
