"""Rule: one loaded, validated rule, ready to run on documents."""

from __future__ import annotations

import re

from .findings import Finding
from .kinds.base import Check, Scope
from .matching import Compiler
from .record import Frozen


class _Values(dict):
    def __missing__(self, key):  # unknown fields are refused at load time
        return "{" + key + "}"


class _CheckCell:
    """A check built on first use (with ``compiler``, which holds the store the
    rule was loaded with), shared by every Rule made from the same kind, options
    and scope."""

    __slots__ = ("kind", "options", "scope", "compiler", "check")

    def __init__(self, kind: str, options: dict, scope: Scope, compiler: Compiler):
        self.kind, self.options, self.scope, self.compiler, self.check = kind, options, scope, compiler, None

    def get(self) -> Check:
        if self.check is None:
            from .kinds import check_class

            self.check = check_class(self.kind)(self.options, self.scope, self.compiler)
        return self.check


class Rule(Frozen):
    """A rule as its file and the config's settings made it. Immutable: a setting
    makes a new Rule (``replace``), so a rule loaded once and shared by several
    configs is never changed under one of them. Its check (the kind, compiled from
    the options and scope) is built on first use and shared by the rules made
    from it with the same kind, options and scope: listing the rules or rendering
    a report compiles nothing. ``compiler``: what the check is built with (the
    store of the run or of the caller; none: the shipped entries only)."""

    __slots__ = (
        "id", "kind", "severity", "message", "scope", "options", "description", "examples", "path", "line", "enabled",
        "origins", "_cell",
    )
    FIELDS = __slots__[:-1]
    id: str
    kind: str
    severity: str
    message: str
    scope: Scope
    options: dict  # the kind's options, validated
    description: str
    examples: dict
    path: str  # the YAML file it came from
    line: int
    enabled: bool
    origins: dict  # setting -> "config path:line" that changed it

    def __init__(
        self,
        id: str,  # noqa: A002 - the rule's id, as rule files name it
        kind: str,
        severity: str,
        message: str,
        scope: Scope,
        options: dict,
        description: str = "",
        examples: dict | None = None,
        path: str = "",
        line: int = 0,
        enabled: bool = True,
        origins: dict | None = None,
        compiler: Compiler | None = None,
        _cell: _CheckCell | None = None,
    ):
        self._set(
            id, kind, severity, message, scope, options, description, {} if examples is None else examples, path, line,
            enabled, {} if origins is None else origins,
        )
        object.__setattr__(self, "_cell", _cell or _CheckCell(kind, options, scope, compiler or Compiler()))

    __hash__ = None  # type: ignore[assignment]  # options and examples are mappings

    @property
    def check(self) -> Check:
        return self._cell.get()

    def replace(self, **changes) -> "Rule":
        """A new Rule with ``changes`` to its fields; it shares this rule's check
        (built or not) unless the kind, the options or the scope change."""
        values = {f: getattr(self, f) for f in self.FIELDS} | changes
        same = values["kind"] == self.kind and values["options"] is self.options and values["scope"] is self.scope
        return Rule(**values, compiler=self._cell.compiler, _cell=self._cell if same else None)

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


_ABBREVIATIONS = ("e.g.", "i.e.", "cf.", "vs.", "approx.", "incl.")  # end a line, not a sentence
_ITEM_START = re.compile(r"(?:[-*+]|[0-9]{1,3}[.)])\s")


def description_lines(text: str) -> list[list[str]]:
    """A rule's description as paragraphs of lines, as its author laid it out:
    blank lines part paragraphs; a list item ("- ...", "1. ...") and a line after
    one that ends a sentence or a label (".", ":", "!", "?") start a new line; any
    other line break is a wrap (a ``|`` block's hard-wrapped lines, joined). A
    ``>`` block's single line breaks are its author's blank lines, so they end a
    sentence and part the lines too."""
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", (text or "").strip()):
        lines: list[str] = []
        for raw in chunk.split("\n"):
            line = " ".join(raw.split())
            if not line:
                continue
            if lines and not _ITEM_START.match(line) and (lines[-1][-1:] not in ".:!?" or lines[-1].endswith(_ABBREVIATIONS)):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append(lines)
    return paragraphs


def description_text(text: str) -> str:
    """``description_lines`` as plain text: lines by line breaks, paragraphs by a blank line."""
    return "\n\n".join("\n".join(lines) for lines in description_lines(text))
