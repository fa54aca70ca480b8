"""Rule: one loaded, validated rule, ready to run on documents."""

from __future__ import annotations

from .findings import Finding
from .kinds.base import Check, Scope
from .record import Frozen


class _Values(dict):
    def __missing__(self, key):  # unknown fields are refused at load time
        return "{" + key + "}"


class Rule(Frozen):
    """A rule as built from its file and the config's settings for it. Immutable:
    a setting or a test of its examples makes a new rule (``replace``), so a rule
    the store keeps is never changed by whoever uses it."""

    FIELDS = ("id", "kind", "severity", "message", "scope", "check", "description", "examples", "path", "line", "enabled", "origins")

    def __init__(
        self,
        id: str,  # noqa: A002 - the rule's id, as rule files name it
        kind: str,
        severity: str,
        message: str,
        scope: Scope,
        check: Check,
        description: str = "",
        examples: dict | None = None,
        path: str = "",
        line: int = 0,
        enabled: bool = True,
        origins: dict | None = None,
    ):
        self._set(
            id, kind, severity, message, scope, check, description,
            {} if examples is None else examples,
            path,  # the YAML file it came from
            line, enabled,
            {} if origins is None else origins,  # setting -> "config path:line" that changed it
        )

    def replace(self, **changes) -> Rule:
        """A copy with ``changes`` (field name -> value)."""
        unknown = set(changes) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"Rule has no field {sorted(unknown)[0]!r}")
        return Rule(*(changes.get(f, getattr(self, f)) for f in self.FIELDS))

    def findings(self, doc) -> list[Finding]:
        out = []
        for hit in self.check.run(doc):
            match = doc.source.text[hit.start : hit.end]
            values = _Values(hit.values)
            values["match"] = " ".join(match.split())
            out.append(
                Finding.at(
                    doc.source,
                    self.id,
                    self.severity,
                    self.message.format_map(values),
                    hit.start,
                    hit.end,
                    fix=hit.fix,
                    document_level=hit.document,
                )
            )
        return out
