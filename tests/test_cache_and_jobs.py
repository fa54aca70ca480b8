"""The result cache and worker processes: same findings cold, warm and with any
number of jobs; the cache follows every change to files, rules and config; it is
data only (JSON, and the claim model as marshal data) and survives several
processes writing at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "# T\n\nMagnesium may help reduce anxiety. Take {n} mg daily.\n\n<!-- contentlint-disable-next-line no-dose-numbers -- label -->\nTake 5 g.\n"


def make_site(tmp_path, n=40):
    for i in range(n):
        (tmp_path / f"a{i:03d}.md").write_text(ARTICLE.format(n=100 + i), encoding="utf-8")


def run(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_warm_cold_and_jobs_give_the_same_bytes(tmp_path):
    make_site(tmp_path)
    cold = run(tmp_path, "--format", "json", "--show-suppressed", "--jobs", "1", ".")
    assert (tmp_path / ".contentlint_cache" / ".gitignore").read_text().strip().endswith("*")
    warm = run(tmp_path, "--format", "json", "--show-suppressed", "--jobs", "1", ".")
    nocache2 = run(tmp_path, "--format", "json", "--show-suppressed", "--no-cache", "--jobs", "2", ".")
    warm2 = run(tmp_path, "--format", "json", "--show-suppressed", "--jobs", "2", ".")
    assert cold == warm == nocache2 == warm2
    data = json.loads(cold)
    assert len([d for d in data if d["rule"] == "no-dose-numbers" and not d.get("suppressed")]) == 40


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(map(_plain, value))
    return value is None or isinstance(value, (str, int, float))


def test_cache_entries_are_json_not_pickle(tmp_path):
    """Every entry is JSON but the built-in claim model's, which is plain data in
    marshal form (mappings, lists, strings, numbers) behind a 32-byte digest."""
    import marshal

    make_site(tmp_path, 3)
    run(tmp_path, ".")
    files = [p for p in (tmp_path / ".contentlint_cache").rglob("*") if p.is_file() and p.name not in (".gitignore", "CACHEDIR.TAG")]
    models = [p for p in files if p.suffix == ".bin"]
    assert len(models) == 1 and models[0].parts[-3] == "model"
    assert files and all(p.suffix == ".json" for p in files if p not in models)
    for p in files:
        if p in models:
            assert _plain(marshal.loads(p.read_bytes()[32:]))
        else:
            json.loads(p.read_bytes())


def test_cache_follows_changes_to_files_rules_and_config(tmp_path):
    make_site(tmp_path, 2)
    first = run(tmp_path, "--format", "json", ".")
    (tmp_path / "a000.md").write_text("Nothing to see.\n", encoding="utf-8")
    assert "a000.md" not in run(tmp_path, "--format", "json", ".")
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  no-dose-numbers: {severity: info}\n", encoding="utf-8")
    assert '"severity": "info"' in run(tmp_path, "--format", "json", ".")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "r.yaml").write_text("id: no-take\nkind: pattern\nmessage: m\nterms: [take]\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    assert '"rule": "no-take"' in run(tmp_path, "--format", "json", ".")
    (tmp_path / "house" / "r.yaml").write_text("id: no-take\nkind: pattern\nmessage: m\nterms: [daily]\n", encoding="utf-8")
    out = json.loads(run(tmp_path, "--format", "json", "."))
    assert {d["match"] for d in out if d["rule"] == "no-take"} == {"daily"}
    assert first  # the first run found things too


def test_cached_config_errors_keep_their_positions(tmp_path):
    make_site(tmp_path, 1)
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  no-dose-numbers: {severity: warning}\n", encoding="utf-8")
    run(tmp_path, ".")  # caches the config's YAML
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "a.yaml").write_text("id: x\nkind: pattern\nmessage: m\nterms: [a]\n", encoding="utf-8")
    (tmp_path / "house" / "b.yaml").write_text("id: x\nkind: pattern\nmessage: m\nterms: [a]\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # the second run reads both rule files from the cache
        proc = subprocess.run([sys.executable, "-m", "linter", "."], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert proc.returncode == 2 and "house/b.yaml:1: rule id 'x' is defined twice" in proc.stderr, proc.stderr


def test_concurrent_processes_share_one_cache(tmp_path):
    make_site(tmp_path, 30)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "linter", "--format", "json", "--jobs", "1", "."], cwd=tmp_path, stdout=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert len(set(outs)) == 1
    assert run(tmp_path, "--format", "json", ".").encode() == outs[0]
    leftovers = [p for p in (tmp_path / ".contentlint_cache").rglob(".tmp-*")]
    assert leftovers == []


def test_code_version_follows_sources_and_packs_not_bytecode(tmp_path):
    """Cache names carry the code version: any change to a source file or a rule
    pack (name, size, mtime) gives another, written bytecode does not."""
    from linter.cache import code_version, tree_fingerprint

    pkg = tmp_path / "linter"
    (pkg / "kinds").mkdir(parents=True)
    (pkg / "__pycache__").mkdir()
    (tmp_path / "rules" / "health").mkdir(parents=True)
    for rel, text in {"linter/a.py": "x = 1\n", "linter/kinds/b.py": "y = 2\n", "rules/health/r.yaml": "id: r\n"}.items():
        (tmp_path / rel).write_text(text, encoding="utf-8")
    seen = {tree_fingerprint("1", str(pkg))}

    def changed() -> bool:
        fp = tree_fingerprint("1", str(pkg))
        new = fp not in seen
        seen.add(fp)
        return new

    (pkg / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (pkg / "notes.txt").write_text("not code", encoding="utf-8")
    assert not changed()
    assert tree_fingerprint("2", str(pkg)) not in seen  # the version
    (pkg / "kinds" / "b.py").write_text("y = 3\n", encoding="utf-8")  # same size, new mtime
    os.utime(pkg / "kinds" / "b.py", ns=(1, 1))
    assert changed()
    (pkg / "kinds" / "c.py").write_text("", encoding="utf-8")  # a new module
    assert changed()
    (tmp_path / "rules" / "health" / "r.yaml").write_text("id: rr\n", encoding="utf-8")  # a pack
    assert changed()
    (pkg / "kinds" / "c.py").rename(pkg / "kinds" / "d.py")  # a rename
    assert changed()
    (pkg / "models" / "gloss").mkdir(parents=True)
    (pkg / "models" / "gloss" / "de.tsv").write_text("und\tand\n", encoding="utf-8")  # shipped data: a gloss table
    assert changed()
    (pkg / "models" / "claims.json").write_text("{}", encoding="utf-8")  # the claim model
    assert changed()
    assert len(code_version()) == 16


def test_workers_start_before_every_file_is_read_and_a_warm_run_starts_none(tmp_path, monkeypatch):
    """Reading, hashing and cache lookups overlap the workers' linting: the pool
    starts once 2 x jobs files need linting, not after the whole site is read;
    the workers' cache entries make the next run all hits (no pool at all); an
    unreadable file among them still gets its problem."""
    from linter import runner, workers
    from linter.cache import Cache

    make_site(tmp_path, n=12)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\xfa not utf-8 \xff")
    calls, chunks = [], []
    original = workers.run_in_workers

    def spy(lint, todo, targets, sources, resolver, opts, jobs, results, chunk, cache):
        calls.append(len(sources))
        chunks.append(chunk)
        return original(lint, todo, targets, sources, resolver, opts, jobs, results, chunk, cache=cache)

    monkeypatch.setattr(workers, "run_in_workers", spy)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)

    def lint():
        return runner.lint_paths(["."], runner.Resolver(), jobs=2, cache=Cache(tmp_path))

    cold = lint()
    assert calls == [4]  # 2 x jobs files read when the workers started, of 12
    assert len(cold.sources) == 12 and len([f for f in cold.findings if f.rule == "no-dose-numbers"]) == 12
    assert [(p.path, p.kind) for p in cold.problems] == [("bad.md", "unreadable")]
    warm = lint()
    assert calls == [4]  # every file answered from the cache: no pool
    assert [(f.path, f.line, f.rule) for f in warm.findings] == [(f.path, f.line, f.rule) for f in cold.findings]


def test_a_few_edited_files_on_a_cached_site_are_shared_among_the_workers(tmp_path, monkeypatch):
    """The chunk size follows how many files need linting (judged from the reads
    so far), not how many files the site has: 4 edits among 300 cached files go
    one per task, not all four to one worker."""
    from linter import runner, workers
    from linter.cache import Cache

    make_site(tmp_path, n=300)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    runner.lint_paths(["."], runner.Resolver(), jobs=2, cache=Cache(tmp_path))
    assert workers.chunk_size(2000, 2) == 8  # a cold site: chunks of 8
    for i in (10, 100, 200, 290):
        (tmp_path / f"a{i:03d}.md").write_text(ARTICLE.format(n=9000 + i), encoding="utf-8")
    chunks = []
    original = workers.run_in_workers

    def spy(*args, **kwargs):
        chunks.append(args[-1])  # the chunk size
        return original(*args, **kwargs)

    monkeypatch.setattr(workers, "run_in_workers", spy)
    report = runner.lint_paths(["."], runner.Resolver(), jobs=2, cache=Cache(tmp_path))
    assert chunks == [1]
    assert sum(1 for f in report.findings if f.rule == "no-dose-numbers") == 300


def test_without_fork_the_files_are_linted_in_process_and_cached(tmp_path, monkeypatch):
    """Where fork is unavailable, --jobs lints in the main process, every file
    once, and the next run is all cache hits."""
    import multiprocessing

    from linter import runner
    from linter.cache import Cache

    def no_fork(method=None):
        raise ValueError("cannot find context for 'fork'")

    make_site(tmp_path, n=12)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    linted = []
    original = runner.lint_one
    monkeypatch.setattr(runner, "lint_one", lambda source, *rest: linted.append(source.path) or original(source, *rest))
    report = runner.lint_paths(["."], runner.Resolver(), jobs=2, cache=Cache(tmp_path))
    assert sorted(linted) == sorted(report.sources) and len(linted) == 12
    assert sum(1 for f in report.findings if f.rule == "no-dose-numbers") == 12
    linted.clear()
    runner.lint_paths(["."], runner.Resolver(), jobs=2, cache=Cache(tmp_path))
    assert linted == []
