"""The built-in packs' shipped rule-building entries (``linter/prebuilt.py``,
``linter/prebuilt.json``): the file is what the packs build today, a run with
it builds the same rules without parsing YAML or patterns, and it never answers
for anything else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linter import cache as cache_module
from linter import prebuilt
from linter.config import build_prebuilt
from linter.config import rules as rule_files
from linter import yamlfile
from linter.config.packs import pack_dir
from linter.engine import lint_text
from linter.store import Store
from linter.matching import analysis as anchors

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_entries_are_what_the_packs_build():
    shipped = prebuilt.PREBUILT_FILE.read_text(encoding="utf-8")
    assert shipped == build_prebuilt.render(build_prebuilt.build()), (
        "linter/prebuilt.json is stale: run python -m linter.config.build_prebuilt"
    )
    entries = json.loads(shipped)["entries"]
    assert len(entries) >= 50  # yaml files, phrase patterns, lexicons


def test_check_command_reports_staleness(tmp_path, monkeypatch):
    stale = tmp_path / "prebuilt.json"
    stale.write_text(build_prebuilt.render({"format": 1, "entries": {}}), encoding="utf-8")
    monkeypatch.setattr(prebuilt, "PREBUILT_FILE", stale)
    assert build_prebuilt.main(["--check"]) == 1
    assert build_prebuilt.main([]) == 0 and build_prebuilt.main(["--check"]) == 0
    assert stale.stat().st_mode & 0o777 == 0o644


@pytest.fixture
def no_parsing(monkeypatch):
    """Building the packs may not reach ruamel.yaml or the pattern analysis."""
    def refuse(*args, **kwargs):
        raise AssertionError("computed although the shipped entries hold it")

    monkeypatch.setattr(yamlfile, "load_yaml", refuse)
    monkeypatch.setattr(anchors, "_analyse", refuse)
    monkeypatch.setattr(rule_files, "_CACHE", {})


def _health_rules(store=None):
    return rule_files.load_rule_paths([pack_dir("health")], store)


TEXT = (
    "# Turmeric\n\nTurmeric reduces inflammation and cures arthritis. Take 500 mg twice a day.\n\n"
    "Studies show it lowers blood pressure [^1].\n\n[^1]: A study.\n"
)


def _findings(rules):
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in lint_text(TEXT, rules)]


def test_packs_build_from_the_shipped_entries_alone_with_or_without_a_cache(no_parsing, tmp_path):
    shipped = _findings(_health_rules())  # --no-cache, library use
    rule_files._CACHE.clear()
    assert _findings(_health_rules(Store(cache_module.Cache(tmp_path)))) == shipped
    assert shipped and {f[0] for f in shipped} == {"claim-needs-citation", "no-dose-numbers", "medical-disclaimer"}


def test_rules_built_from_shipped_entries_find_what_freshly_built_rules_find(monkeypatch):
    monkeypatch.setattr(rule_files, "_CACHE", {})
    shipped = _findings(_health_rules())
    rule_files._CACHE.clear()
    fresh = _findings(_health_rules(Store(shipped=False)))  # the shipped entries answer nothing
    assert fresh == shipped


def test_a_changed_rule_file_is_parsed_not_answered(tmp_path, monkeypatch):
    src = (pack_dir("health") / "no-dose-numbers.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "no-dose-numbers.yaml"
    changed.write_text(src.replace("id: no-dose-numbers", "id: my-doses", 1), encoding="utf-8")
    calls = []
    real = yamlfile.load_yaml
    monkeypatch.setattr(yamlfile, "load_yaml", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(rule_files, "_CACHE", {})
    (rule,) = rule_files.load_rule_paths([changed])
    assert rule.id == "my-doses" and len(calls) == 1


def test_a_broken_prebuilt_file_only_costs_time(tmp_path, monkeypatch):
    broken = tmp_path / "prebuilt.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(prebuilt, "PREBUILT_FILE", broken)
    prebuilt._entries.cache_clear()
    monkeypatch.setattr(rule_files, "_CACHE", {})
    try:
        assert _findings(_health_rules())
    finally:
        prebuilt._entries.cache_clear()


def test_cold_start_skips_ruamel(tmp_path):
    """A first run in a fresh folder (a CI job) never imports ruamel.yaml."""
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    code = "import sys, linter.cli; rc = linter.cli.main(['a.md']); print(rc, 'ruamel' in ' '.join(sys.modules))"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT), "CONTENTLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout.split()[-2:] == ["1", "False"], proc.stdout + proc.stderr


def test_a_lint_run_builds_no_dataclass(tmp_path):
    """The classes a lint run imports are written out (``linter.record``): a
    ``@dataclass`` compiles its methods at import, on every one-file run. A
    dataclass added to that path fails here (markdown-it-py's own Token
    is one, and is made before the patch)."""
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    code = (
        "import dataclasses, markdown_it, sys\n"
        "made = []\n"
        "real = dataclasses._process_class\n"
        "dataclasses._process_class = lambda cls, *a, **k: made.append(cls.__module__ + '.' + cls.__qualname__) or real(cls, *a, **k)\n"
        "import linter.cli\n"
        "rc = linter.cli.main(['a.md'])\n"
        "print(rc, [m for m in made if not m.startswith('mdit_py_plugins.')])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT), "CONTENTLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert proc.stdout.splitlines()[-1] == "1 []", proc.stdout + proc.stderr


def test_records_compare_hash_and_pickle_as_dataclasses_did():
    import pickle

    from linter.findings import Finding
    from linter.kinds.base import Hit, Scope

    f = Finding("a.md", "r", "error", "m", 0, 1, 1, 1, 1, 2, "x")
    same = Finding("a.md", "r", "error", "m", 0, 1, 1, 1, 1, 2, "x", fix=None)
    assert f == same and hash(f) == hash(same) and len({f, same}) == 1
    assert f != Finding("a.md", "r", "error", "m", 0, 1, 1, 1, 1, 2, "y")
    assert pickle.loads(pickle.dumps(f)) == f
    with pytest.raises(AttributeError):
        f.line = 2
    assert repr(Scope.of(["prose"])) == "Scope(names=frozenset({'prose'}))"
    assert Hit(1, 2) == Hit(1, 2, {}) and Hit(1, 2).values == {} and Hit(1, 2).values is not Hit(1, 2).values
    with pytest.raises(TypeError):
        hash(Hit(1, 2))  # mutable records are unhashable, as eq dataclasses are
