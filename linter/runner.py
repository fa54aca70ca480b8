"""Running a lint over many files: which config applies to each file, reading and
decoding, and collecting findings and per-file problems into a Report."""

from __future__ import annotations

import sys
from pathlib import Path

from .document import Document
from .engine import RuleCrash, check_document
from .report import Report
from .source import DecodeError, Source


class Resolver:
    """Finds the config for each file: ``--config`` for all, or else the nearest
    ``.contentlint.yaml`` (or ``pyproject.toml`` with ``[tool.contentlint]``) in the
    file's folder or above. Configs and their rule sets are loaded once each."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None):
        self.explicit = explicit
        self.cwd = (cwd or Path.cwd()).resolve()
        self._by_dir: dict[Path, object] = {}
        self._loaded: dict = {}

    def _load(self, config_path):
        from .config.settings import load_config, resolve_rules

        key = str(config_path) if config_path else None
        if key not in self._loaded:
            config = load_config(config_path, self.cwd)
            self._loaded[key] = (config, resolve_rules(config))
        return self._loaded[key]

    def for_dir(self, directory: Path):
        from .config.settings import find_config

        if self.explicit is not None:
            return self._load(self.explicit)
        directory = directory.resolve()
        if directory not in self._by_dir:
            self._by_dir[directory] = find_config(directory)
        return self._load(self._by_dir[directory])

    def for_file(self, path: str):
        return self.for_dir(Path(path).parent if path else self.cwd)

    def excluded(self, path: str) -> bool:
        config, _ = self.for_file(path)
        return config.excluded(path)

    def all_rules(self) -> list:
        seen, out = set(), []
        for _, rules in self._loaded.values():
            for r in rules:
                if r.id not in seen:
                    seen.add(r.id)
                    out.append(r)
        return out


def lint_paths(
    paths: list[str],
    resolver: Resolver,
    encoding: str = "utf-8",
    stdin_name: str | None = None,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    time_limit_s: float | None = None,
) -> Report:
    """Lint every file (fixing first with ``fix``; with ``diff`` computing the
    fixes without writing them)."""
    from .discovery import iter_files

    report = Report()
    if paths == ["-"]:
        targets = [(stdin_name or "<stdin>", None)]
    else:
        files, problems = iter_files(paths, resolver.excluded)
        report.problems.extend(problems)
        targets = [(f, f) for f in files]
    for name, path in targets:
        try:
            data = sys.stdin.buffer.read() if path is None else Path(path).read_bytes()
            source = Source.from_bytes(name, data, encoding)
        except (OSError, DecodeError, LookupError) as exc:
            report.problems.append(f"{name}: error: {describe(exc)}")
            continue
        config, rules = resolver.for_file(name if path is not None else str(resolver.cwd / name))
        try:
            if (fix or diff) and path is not None:
                from .fixer import fix_source, write_atomically

                result = fix_source(source, lambda src: _check(src, config, rules, name, time_limit_s).findings, unsafe_fixes)
                if result.changed:
                    report.fixes.append(result)
                    if not diff:
                        write_atomically(path, result.fixed, encoding, source.had_bom)
                    source = Source.from_text(name, result.fixed)
            outcome = _check(source, config, rules, name, time_limit_s)
        except (RuleCrash, RecursionError) as exc:
            report.problems.append(f"{name}: internal error: {exc}")
            continue
        except OSError as exc:
            report.problems.append(f"{name}: error: could not write the fixed file: {describe(exc)}")
            continue
        report.sources[name] = source
        report.findings.extend(
            f for f in outcome.findings if config.reported(f.severity) and config.rule_active(f.rule, name)
        )
        report.suppressed.extend(outcome.suppressed)
        for rule_id in outcome.stopped:
            report.problems.append(
                f"{name}: error: rule '{rule_id}' stopped after {time_limit_s:g} s (a regular expression that "
                "backtracks catastrophically?); its findings for this file are missing"
            )
    report.rules = resolver.all_rules()
    return report


def _check(source: Source, config, rules, name: str, time_limit_s: float | None = None):
    active = [r for r in rules if r.enabled and config.rule_active(r.id, name)]
    return check_document(
        Document.parse(source),
        active,
        require_reason=config.require_suppression_reason.value,
        active=lambda rule_id: config.rule_active(rule_id, name),
        time_limit_s=time_limit_s,
    )


def describe(exc: BaseException) -> str:
    """A short reason for a file that could not be read."""
    if isinstance(exc, FileNotFoundError):
        return "file vanished or does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, LookupError):
        return f"unknown encoding: {exc}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
