"""Rule: one loaded, validated rule, ready to run on documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding
from .kinds.base import Check, Scope


class _Values(dict):
    def __missing__(self, key):  # unknown fields are refused at load time
        return "{" + key + "}"


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    scope: Scope
    check: Check
    description: str = ""
    examples: dict = field(default_factory=dict)
    path: str = ""  # the YAML file it came from
    line: int = 0
    enabled: bool = True
    origins: dict = field(default_factory=dict)  # setting -> "config path:line" that changed it

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
                    fix=hit.values.get("fix"),
                    fix_safe=not hit.values.get("unsafe", False),
                    document_level=bool(hit.values.get("document")),
                )
            )
        return out
