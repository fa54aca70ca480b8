"""Linting one document as the editor holds it, with the engine and config
resolution the command uses (``runner.lint_one``, ``Resolver``), and turning its
findings into LSP diagnostics."""

from __future__ import annotations

from lsprotocol import types

from ..engine import DEFAULT_TIME_LIMIT
from ..findings import Finding
from ..problems import Problem
from ..resolver import Resolver, Setup
from ..runner import Options, lint_one
from ..source import Source
from ..suppressions import suppresses_nothing
from .positions import LineIndex

SOURCE_NAME = "contentlint"

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}

MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_markdown(path: str | None, language_id: str | None = None) -> bool:
    if language_id == "markdown":
        return True
    return path is not None and path.lower().endswith(MARKDOWN_SUFFIXES)


class Linted:
    """One lint of one version of a document: its findings and what converts
    their offsets (into the text without a byte order mark, as the linter reads
    it) to LSP positions in the client's text."""

    def __init__(self, uri: str, version: int | None, text: str, source: Source, path: str | None,
                 setup: Setup | None, findings: list[Finding], problems: list[Problem], encoding: str,
                 time_limit_s: float = DEFAULT_TIME_LIMIT):
        self.uri = uri
        self.time_limit_s = time_limit_s  # what the lint had, and a fix-all of this version gets
        self.version = version
        self.text = text  # as the client holds it
        self.path = path
        self.setup = setup
        self.findings = findings
        self.problems = problems
        self.source = source
        self.shift = 1 if self.source.had_bom else 0  # the BOM is one code point of the client's text
        self.index = LineIndex(text, encoding)
        self.fixed: str | None = None  # the text with every safe fix applied, made on first use
        self._document = None

    @property
    def document(self):
        """The document parsed again, on first use (only code actions need its blocks)."""
        if self._document is None:
            from ..document import Document

            self._document = Document.parse(self.source)
        return self._document

    def position(self, offset: int) -> types.Position:
        line, character = self.index.position(offset + self.shift)
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """A client position as an offset into ``source.text``."""
        return max(0, self.index.offset(position.line, position.character) - self.shift)

    def rule(self, rule_id: str):
        if self.setup is None:
            return None
        return next((r for r in self.setup.rules if r.id == rule_id), None)

    def rule_url(self, rule_id: str) -> str | None:
        """The address of the rule's page, as SARIF's helpUri gives it (the config's
        docs_url, else the pack's documentation); None for a rule without one."""
        from ..docsite import rule_url

        rule = self.rule(rule_id)
        if rule is None:
            return None
        return rule_url(rule, self.setup.config.docs_url.value)

    def diagnostics(self) -> list[types.Diagnostic]:
        return [self.diagnostic(f) for f in self.findings]

    def diagnostic(self, f: Finding) -> types.Diagnostic:
        url = self.rule_url(f.rule)
        return types.Diagnostic(
            range=self.range(f.start, f.end),
            message=f.message,
            severity=SEVERITY[f.severity],
            code=f.rule,
            code_description=types.CodeDescription(href=url) if url else None,
            source=SOURCE_NAME,
            tags=[types.DiagnosticTag.Unnecessary] if suppresses_nothing(f) else None,  # greyed out: inert
        )


def lint_document(resolver: Resolver, uri: str, path: str | None, text: str, version: int | None,
                  encoding: str, time_limit_s: float = DEFAULT_TIME_LIMIT) -> Linted:
    """Lint ``text`` as the file at ``path`` (None: a document not on disk, which
    gets the config of the workspace). A config that cannot be loaded raises its
    ``ConfigError``; a file the config excludes gets no findings, as on the
    command line."""
    setup = resolver.for_file(path) if path is not None else resolver.for_dir(resolver.cwd)
    setup.rules  # a config error surfaces here, before the document is read
    source = Source.from_text(path or uri, text)
    if path is not None and setup.config.excluded(path):
        return Linted(uri, version, text, source, path, setup, [], [], encoding, time_limit_s)
    result = lint_one(source, path, setup, Options(time_limit_s=time_limit_s))
    return Linted(uri, version, text, source, path, setup, result.findings, result.problems, encoding, time_limit_s)
