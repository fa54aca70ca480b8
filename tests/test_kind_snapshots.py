"""Snapshot tests of every rule kind, as ruff tests its rules.

Each folder ``tests/kinds/<kind>/`` holds the kind's rules (its ``*.yaml`` files)
and Markdown fixtures; beside each fixture ``<name>.md`` is ``<name>.md.snap``,
what contentlint says about it:

- the ``--format json`` output of ``contentlint --config C -- <name>.md``, run in
  the folder with a config ``C`` that extends the folder (its rules and nothing
  else), byte for byte what a user sees (paths are relative to the folder);
- per finding, where it points (the source line or lines with carets under the
  match) and its fix: the edit and its applicability (safe, or unsafe: only with
  ``--unsafe-fixes``), from the engine the CLI runs;
- the ``--diff`` and ``--diff --unsafe-fixes`` output, when a fix applies.

A snapshot that is missing or differs fails with a diff. To accept new output,
run ``CONTENTLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_kind_snapshots.py``
and review the rewritten ``.snap`` files as you would code (``git diff``): a
snapshot is the expected answer, not a record of whatever the code says.

Independently of the snapshot, every finding's span is checked against the
fixture's bytes: the text from (line, column) to (end_line, end_column), with
1-based lines, columns counted in code points and the end just past the match,
is the reported ``match``.

The fixtures are also annotated with ``<!-- expect: RULE -->`` / ``<!-- ok: RULE
-->`` where that helps a reader; ``tests/test_kinds.py`` runs ``contentlint
test-rules`` on each folder, which checks those annotations.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest

from linter.kinds import KINDS

HERE = Path(__file__).resolve().parent
KINDS_DIR = HERE / "kinds"
UPDATE_ENV = "CONTENTLINT_UPDATE_SNAPSHOTS"
FOLDERS = sorted(p for p in KINDS_DIR.iterdir() if p.is_dir())
FIXTURES = [md for folder in FOLDERS for md in sorted(folder.glob("*.md"))]

_EOL = re.compile(r"\r\n|\r|\n")


def _updating() -> bool:
    return os.environ.get(UPDATE_ENV, "").lower() not in ("", "0", "false", "no")


# -- the fixture's own text, read independently of linter.source --------------------


class Text:
    """The fixture as the positions count it: UTF-8, without a BOM, lines cut at
    LF, CRLF and lone CR, columns in code points."""

    def __init__(self, data: bytes):
        text = data.decode("utf-8")
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.starts, self.ends = [0], []
        for m in _EOL.finditer(self.text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(self.text))

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(self.starts) if s <= offset)
        return line + 1, min(offset, self.ends[line]) - self.starts[line] + 1

    def between(self, f: dict) -> str:
        return self.text[self.offset(f["line"], f["column"]) : self.offset(f["end_line"], f["end_column"])]

    def line(self, n: int) -> str:
        return self.text[self.starts[n - 1] : self.ends[n - 1]]


# -- running contentlint -----------------------------------------------------------


def _config(tmp_path: Path, folder: Path) -> Path:
    """A config with the folder's rules and nothing else (no built-in pack)."""
    cfg = tmp_path / "contentlint.yaml"
    cfg.write_text(f"extends: [{json.dumps(str(folder))}]\n", encoding="utf-8")
    return cfg


def _engine_findings(folder: Path, fixture: Path) -> list:
    """The findings, with their fixes, from the engine the CLI runs."""
    from linter.config.rules import load_rule_paths
    from linter.document import Document
    from linter.engine import check_document
    from linter.source import Source

    rules = load_rule_paths([folder])
    source = Source.from_bytes(fixture.name, fixture.read_bytes())
    return check_document(Document.parse(source), rules).findings


def _fix_of(finding) -> tuple[int, int, str, str] | None:
    """A finding's fix as (start offset, end offset, replacement, applicability).
    The one place that reads how a fix is represented inside the engine."""
    if finding.fix is None:
        return None
    (edit,) = finding.fix.edits  # every kind's fix is one edit; more would need a wider snapshot
    return edit.start, edit.end, edit.replacement, finding.fix.applicability


def _key(f) -> tuple:
    if isinstance(f, dict):
        return (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"], f["match"])
    return (f.rule, f.line, f.column, f.end_line, f.end_column, f.message, f.match)


# -- rendering ---------------------------------------------------------------------


def _visible(line: str) -> str:
    """A source line for the excerpt: a tab as one arrow, so the carets below stay
    one per code point."""
    return line.replace("\t", "\u2192")


def _excerpt(text: Text, f: dict) -> list[str]:
    out = []
    for n in range(f["line"], f["end_line"] + 1):
        src = text.line(n)
        first = f["column"] if n == f["line"] else 1
        last = f["end_column"] if n == f["end_line"] else len(src) + 1
        width = max(last - first, 1 if f["line"] == f["end_line"] else 0)
        out.append(f"  {n:>4} | {_visible(src)}".rstrip())
        if width:
            out.append(f"       | {' ' * (first - 1)}{'^' * width}")
    return out


def _describe_fix(text: Text, fix) -> str:
    if fix is None:
        return "  fix: none"
    start, end, replacement, applicability = fix
    a = "%d:%d" % text.position(start)
    if start == end:
        return f"  fix ({applicability}): insert at {a} {json.dumps(replacement, ensure_ascii=False)}"
    b = "%d:%d" % text.position(end)
    old = json.dumps(text.text[start:end], ensure_ascii=False)
    return f"  fix ({applicability}): replace {a}-{b} {old} with {json.dumps(replacement, ensure_ascii=False)}"


def _escape_cr(s: str) -> str:
    """The diff keeps the file's line endings; a CR is written as ``\\r`` so the
    snapshot is plain LF text."""
    return s.replace("\r", "\\r")


def render(fixture: Path, tmp_path: Path, run_cli) -> str:
    folder = fixture.parent
    cfg = _config(tmp_path, folder)
    common = ("--no-cache", "--jobs", "1", "--config", str(cfg))
    code, out, err = run_cli(*common, "--format", "json", "--", fixture.name, cwd=folder)
    assert code in (0, 1), f"exit {code}: {err}"
    findings = json.loads(out)
    text = Text(fixture.read_bytes())

    engine = _engine_findings(folder, fixture)
    assert sorted(map(_key, engine)) == sorted(map(_key, findings)), "the engine and --format json disagree"
    fixes = {}
    for f in engine:
        fixes.setdefault(_key(f), _fix_of(f))

    lines = [f"# contentlint --format json -- {fixture.name}", out.rstrip("\n"), ""]
    lines.append("# where each finding points, and its fix")
    for f in findings:
        lines.append(f"{f['path']}:{f['line']}:{f['column']}-{f['end_line']}:{f['end_column']} {f['rule']}")
        lines += _excerpt(text, f)
        lines.append(_describe_fix(text, fixes[_key(f)]))
        lines.append("")
    if not findings:
        lines += ["(no findings)", ""]
    diffs = {}
    for flags in (("--diff",), ("--diff", "--unsafe-fixes")):
        code, out, err = run_cli(*common, *flags, "--", fixture.name, cwd=folder)
        assert code in (0, 1), f"exit {code}: {err}"
        diffs[flags] = out
    safe, unsafe = diffs[("--diff",)], diffs[("--diff", "--unsafe-fixes")]
    if safe or unsafe:
        lines.append(f"# contentlint --diff -- {fixture.name}")
        lines += [_escape_cr(safe).rstrip("\n") if safe else "(nothing to fix)", ""]
        lines.append(f"# contentlint --diff --unsafe-fixes -- {fixture.name}")
        lines += [_escape_cr(unsafe).rstrip("\n") if unsafe != safe else "(the same)", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- comparing ---------------------------------------------------------------------


def check_snapshot(snap: Path, actual: str) -> None:
    """Fail with a readable diff when ``snap`` is missing or differs; with
    CONTENTLINT_UPDATE_SNAPSHOTS=1, write it instead."""
    expected = snap.read_text(encoding="utf-8") if snap.exists() else None
    if expected == actual:
        return
    if _updating():
        snap.write_text(actual, encoding="utf-8", newline="\n")
        return
    if expected is None:
        pytest.fail(
            f"no snapshot {snap.name}; run with {UPDATE_ENV}=1 to write it, then review it. It would read:\n{actual}",
            pytrace=False,
        )
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"{snap.name} (checked in)", f"{snap.name} (now)"
    )
    pytest.fail(
        f"{snap.name} differs ({UPDATE_ENV}=1 rewrites it; review the change):\n" + "".join(diff), pytrace=False
    )


# -- the tests -----------------------------------------------------------------------

TODAY = (2026, 1, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Front-matter ages ("is 400 days old") are counted from this day, so the
    snapshots do not change with the calendar."""
    import datetime as dt

    from linter.kinds.front_matter import FrontMatterCheck

    monkeypatch.setattr(FrontMatterCheck, "today", staticmethod(lambda: dt.date(*TODAY)))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURES])
def test_snapshot(fixture, tmp_path, run_cli):
    check_snapshot(fixture.with_name(fixture.name + ".snap"), render(fixture, tmp_path, run_cli))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURES])
def test_every_span_is_its_match(fixture, tmp_path, run_cli):
    """The source text between start and end is the reported match, counted in
    code points from 1 with the end just past the match."""
    cfg = _config(tmp_path, fixture.parent)
    code, out, err = run_cli("--no-cache", "--jobs", "1", "--config", str(cfg), "--format", "json", "--", fixture.name, cwd=fixture.parent)
    assert code in (0, 1), err
    text = Text(fixture.read_bytes())
    for f in json.loads(out):
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"]), f
        assert f["column"] <= len(text.line(f["line"])) + 1 and f["end_column"] <= len(text.line(f["end_line"])) + 1, f
        assert text.between(f) == f["match"], f


def test_every_kind_has_snapshot_fixtures():
    """A new kind without a folder of fixtures, or a folder without snapshots, fails."""
    for kind in KINDS:
        folder = KINDS_DIR / kind
        assert folder.is_dir(), f"rule kind '{kind}' has no fixture folder tests/kinds/{kind}/"
        rules = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        assert rules, f"tests/kinds/{kind}/ has no rule file"
        fixtures = sorted(folder.glob("*.md"))
        assert fixtures, f"tests/kinds/{kind}/ has no Markdown fixture"
        if not _updating():
            for md in fixtures:
                assert md.with_name(md.name + ".snap").exists(), f"{md} has no snapshot"
    from linter.config.rules import load_rule_paths

    for folder in FOLDERS:
        kinds = {r.kind for r in load_rule_paths([folder])}
        assert folder.name in kinds, f"tests/kinds/{folder.name}/ has no rule of kind '{folder.name}'"
        assert folder.name in KINDS, f"tests/kinds/{folder.name}/ is not a registered kind"


def test_no_snapshot_without_its_fixture():
    for snap in KINDS_DIR.glob("*/*.snap"):
        assert snap.with_suffix("").exists(), f"{snap} has no fixture {snap.with_suffix('').name}: remove it"


def test_a_changed_snapshot_fails_with_a_diff_and_the_variable_rewrites_it(tmp_path, monkeypatch):
    snap = tmp_path / "x.md.snap"
    snap.write_text("a\nb\n", encoding="utf-8")
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    with pytest.raises(pytest.fail.Exception) as failed:
        check_snapshot(snap, "a\nc\n")
    assert "-b\n+c\n" in str(failed.value)
    with pytest.raises(pytest.fail.Exception, match="no snapshot y.md.snap"):
        check_snapshot(tmp_path / "y.md.snap", "a\n")
    monkeypatch.setenv(UPDATE_ENV, "1")
    check_snapshot(snap, "a\nc\n")
    assert snap.read_text(encoding="utf-8") == "a\nc\n"
