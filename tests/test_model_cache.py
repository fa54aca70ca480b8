"""The built-in claim model kept in the run's cache (``claim_model.load_builtin``):
the cached copy is the JSON model exactly; a later load reads it instead of the
JSON; a torn, altered or foreign entry falls back to the JSON silently and is
written again; a model file a user names is read as JSON and validated."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cache import Cache
from linter.kinds import claim_model
from linter.kinds.claim_model import BUILTIN, ClaimModel, load_builtin
from linter.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "tests" / "corpus" / "elderberry-colds.md").read_text(encoding="utf-8")


def _as_data(model: ClaimModel) -> str:
    """Everything a model holds, in order, floats exactly (repr)."""
    uni, bi = model._tables()
    parts = [model.weights, model.bias, model.threshold, model.weights2, model.bias2, model.first2, model.doc_weights,
             model.doc_bias, model.doc_threshold, model.meta, uni, bi]
    return json.dumps(parts, allow_nan=False)  # json writes floats by repr: exact


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    monkeypatch.setattr(claim_model, "_LOADED", {})
    return Store(Cache(tmp_path))


def _entries(tmp_path) -> list[Path]:
    return sorted((tmp_path / ".contentlint_cache" / "model").rglob("*.bin"))


def _json_not_read(monkeypatch):
    def refuse(text):
        raise AssertionError("the JSON model was parsed")

    monkeypatch.setattr(claim_model, "_read_json", refuse)


def test_the_cached_model_is_the_json_model(tmp_path, store, monkeypatch):
    want = _as_data(ClaimModel.load(BUILTIN))
    first = load_builtin(store)
    assert _as_data(first) == want
    assert len(_entries(tmp_path)) == 1  # written once the JSON was read and checked
    assert load_builtin(store) is first  # once per process
    monkeypatch.setattr(claim_model, "_LOADED", {})
    _json_not_read(monkeypatch)
    again = load_builtin(store)  # from the cache entry alone
    assert again is not first and _as_data(again) == want
    assert list(again.weights) == list(first.weights)  # the order of every table too
    assert list(again._tables()[1]) == list(first._tables()[1])


def _damaged(data: bytes, how: str, cache: Cache) -> bytes:
    head, payload = data[:32], data[32:]
    stamp, model = marshal.loads(payload)
    foreign = {
        "not a model": marshal.dumps([stamp, ["weights", "bias", "threshold"]]),
        "code": marshal.dumps(compile("raise SystemExit(3)", "<planted>", "exec")),
        "code inside": marshal.dumps([stamp, {"weights": compile("1", "<planted>", "eval"), "bias": 0.0, "threshold": 0.5}]),
        "not marshal": b"\x00\x01 not marshal data",
        "another file's": marshal.dumps(["0.0.0:1:1", model]),
        "no stamp": marshal.dumps(model),
    }
    if how in foreign:  # a well-formed entry (its digest matches) holding something else
        return cache._blob_digest(foreign[how]) + foreign[how]
    if how == "truncated":
        return data[: len(data) // 2]
    if how == "empty":
        return b""
    if how == "a byte changed":
        return head + payload[:1000] + bytes([payload[1000] ^ 1]) + payload[1001:]
    if how == "another digest":
        return bytes(32) + payload
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["truncated", "empty", "a byte changed", "another digest", "not a model", "code", "code inside",
                                 "not marshal", "another file's", "no stamp"])
def test_a_bad_entry_falls_back_to_the_json(tmp_path, store, monkeypatch, how):
    want = _as_data(ClaimModel.load(BUILTIN))
    load_builtin(store)
    [entry] = _entries(tmp_path)
    entry.write_bytes(_damaged(entry.read_bytes(), how, store.cache))
    monkeypatch.setattr(claim_model, "_LOADED", {})
    assert _as_data(load_builtin(store)) == want  # silently, from the JSON
    monkeypatch.setattr(claim_model, "_LOADED", {})
    _json_not_read(monkeypatch)
    assert _as_data(load_builtin(store)) == want  # the entry was written again


def test_without_a_cache_the_json_is_read(store, monkeypatch):
    want = _as_data(ClaimModel.load(BUILTIN))
    assert _as_data(load_builtin(Store())) == want
    monkeypatch.setattr(claim_model, "_LOADED", {})
    assert _as_data(load_builtin(Store(Cache(enabled=False)))) == want


def test_a_model_file_a_user_names_is_read_as_json_and_validated(tmp_path, store):
    from linter.config.rules import build_rule
    from ruamel.yaml import YAML

    rule_file = ROOT / "rules" / "health" / "claim-needs-citation.yaml"
    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    data["bias"] = "high"
    bad = tmp_path / "mine.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    node = YAML(typ="safe").load(rule_file.read_text(encoding="utf-8"))
    node["model"] = str(bad)
    from linter.kinds.claim_citation import ClaimCitationCheck

    assert "bias must be a number" in ClaimCitationCheck.validate(node)
    good = tmp_path / "good.json"
    good.write_text(BUILTIN.read_text(encoding="utf-8"), encoding="utf-8")
    node["model"] = str(good)
    from linter.matching import Compiler

    rule = build_rule(node, str(rule_file))
    check = type(rule.check)(rule.options, rule.scope, Compiler(store))
    assert _as_data(check.model) == _as_data(ClaimModel.load(BUILTIN))
    assert _entries(tmp_path) == []  # the cache's copy is the built-in model's only


def _run(cache_dir: Path, path: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTENTLINT_CACHE_DIR": str(cache_dir)}
    proc = subprocess.run([sys.executable, "-m", "linter", "--format", "json", str(path)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
    return proc.stdout


def test_runs_keep_the_model_in_their_cache_and_find_the_same(tmp_path):
    """A run writes the entry; a later run (another edit of the article, so no
    cached findings) reads it; a run after the entry is damaged reads the JSON:
    the same findings each time, those of a run without a cache."""
    article = tmp_path / "a.md"
    cache_dir = tmp_path / "cache"
    outputs = []
    for edit in range(3):
        article.write_text(ARTICLE + f"\nEdited {edit}.\n", encoding="utf-8")
        outputs.append(_run(cache_dir, article).replace(f"Edited {edit}.", ""))
        [entry] = sorted((cache_dir / "model").rglob("*.bin"))
        if edit == 1:
            entry.write_bytes(entry.read_bytes()[:-10])
    article.write_text(ARTICLE + "\nEdited 0.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    plain = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", str(article)], capture_output=True, text=True, env=env, timeout=300).stdout
    assert '"claim-needs-citation"' in plain
    assert outputs == [plain.replace("Edited 0.", "")] * 3


@pytest.mark.parametrize("collecting", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(tmp_path, store, monkeypatch, collecting):
    """The collector is paused while the tables are built (JSON or cached), and
    left as it was after, also when the entry cannot be read."""
    import gc

    seen = []
    real_loads = marshal.loads

    def loads(blob):
        seen.append(gc.isenabled())
        return real_loads(blob)

    monkeypatch.setattr(marshal, "loads", loads)
    was = gc.isenabled()
    try:
        (gc.enable if collecting else gc.disable)()
        load_builtin(store)  # the JSON, then the entry written
        monkeypatch.setattr(claim_model, "_LOADED", {})
        load_builtin(store)  # the entry
        assert seen == [False] and gc.isenabled() == collecting
        [entry] = _entries(tmp_path)
        entry.write_bytes(store.cache._blob_digest(b"\x00bad") + b"\x00bad")  # its digest matches; marshal raises
        monkeypatch.setattr(claim_model, "_LOADED", {})
        load_builtin(store)
        assert seen == [False, False] and gc.isenabled() == collecting
    finally:
        (gc.enable if was else gc.disable)()


def test_a_changed_model_file_is_read_again(tmp_path, store, monkeypatch):
    """The entry is stamped with the file's size and modification time: a model
    file rewritten (a retrained model, another version installed) is read as JSON
    and its entry written over. (A file rewritten with the same size and time, as
    ``cp -p`` of another model could make it, is not told apart: as Python's
    bytecode cache, which is stamped the same way.)"""
    copy = tmp_path / "claims.json"
    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    copy.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(claim_model, "BUILTIN", copy)
    assert load_builtin(store).bias == data["bias"]
    data["bias"] = round(data["bias"] + 1.5, 4)  # one more byte or none: the time still differs
    copy.write_text(json.dumps(data), encoding="utf-8")
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 1_000_000))
    monkeypatch.setattr(claim_model, "_LOADED", {})
    assert load_builtin(store).bias == data["bias"]
    assert len(_entries(tmp_path)) == 1  # one entry per model file, written again
    monkeypatch.setattr(claim_model, "_LOADED", {})
    _json_not_read(monkeypatch)
    assert load_builtin(store).bias == data["bias"]
