"""What building rules keeps in the run's store (``linter/store.py``), through
``linter.matching``: a big pattern compiles where the rule is built the first
time, and on first use once the store knows it compiles; the cache bundle that
gathers rule-building entries; a warm start compiles only what it uses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from linter import cache as cache_module
from linter.matching import Compiler
from linter.store import Store

ROOT = Path(__file__).resolve().parents[1]
BIG = r"\b(?:(?P<verb>reduc(?:e|es|ed|ing)|eas(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}(?:" + "|".join(
    f"condition{i}" for i in range(60)
) + r"|pain|anxiety))\b"


def test_a_known_pattern_compiles_on_first_use_and_matches_like_re_compile(tmp_path, monkeypatch):
    c = cache_module.Cache(tmp_path)
    first = Compiler(Store(c)).regex(BIG, re.I)
    assert "compiled" in vars(first)  # unknown to the store: compiled at once
    c.flush()
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda p, f=0: compiled.append(p) or real(p, f))
    later = Compiler(Store(cache_module.Cache(tmp_path))).regex(BIG, re.I)  # a new run: reads the bundle
    assert compiled == [] and "compiled" not in vars(later)
    reference = real(BIG, re.I)
    text = "It Reduces the chronic pain, eases anxiety and reduced condition59 but not condition60."
    for regex in (first, later):
        assert [(m.span(), m.group("verb")) for m in regex.finditer(text)] == [(m.span(), m.group("verb")) for m in reference.finditer(text)]
        assert len(list(regex.finditer(text))) == 2
    assert compiled == [BIG] and later.load() is later.load()
    assert later.search("it eases pain") and later.sub("x", "eases pain") == "x"


def test_errors_stay_errors_where_the_rule_is_built(tmp_path):
    store = Store(cache_module.Cache(tmp_path))
    try:
        Compiler(store).regex("(" * 100 + "x" * 100, 0)
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern must raise re.error")


def test_without_a_cache_it_is_re_compile():
    regex = Compiler().regex(BIG, re.I)
    assert regex.load() is re.compile(BIG, re.I)  # re's own cache: the same object
    assert Compiler().regex("x+").fullmatch("xx")


def test_same_terms_give_the_same_pattern_in_every_process():
    """Hash order once leaked into terms_regex, so every process built another
    pattern and the cache never hit."""
    code = "from linter.matching import terms_regex; print(terms_regex(['ab', 'cd', 'ef', 'gh', 'a b', 'c d']))"
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outs) == 1


def _count_compiles(tmp_path, article, min_length=400):
    """Run contentlint in a subprocess and count rule-sized regex compiles (of
    ``min_length`` characters or more)."""
    probe = (
        f"import re, sys\nMIN = {min_length}\n"
        "n = [0]\n"
        "orig = re.compile\n"
        "def counting(p, flags=0):\n"
        "    f = sys._getframe(1)\n"
        "    caller = f.f_code.co_filename.replace(chr(92), '/') if f is not None else ''\n"
        "    if isinstance(p, str) and len(p) >= MIN and '/linter/' in caller:  # the project's, not the stdlib's\n"
        "        n[0] += 1\n"
        "        sys.stderr.write(f'PATTERN {caller} {p[:60]!r}\\n')\n"
        "    return orig(p, flags)\n"
        "re.compile = counting\n"
        "from linter.cli import main\n"
        "try:\n    main([sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(f'COMPILES {n[0]}\\n')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    proc = subprocess.run([sys.executable, "-c", probe, article], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("COMPILES")]
    assert line, proc.stderr
    return int(line[0].split()[1]), proc.stdout, proc.stderr


def test_a_warm_start_compiles_only_what_it_uses_and_keeps_the_bundle(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Kratom\n\nKratom may help reduce anxiety and relieves pain. Take 5 g.\n", encoding="utf-8")
    cold, cold_out, _ = _count_compiles(tmp_path, "a.md")
    bundles = list((tmp_path / ".contentlint_cache" / "bundle").rglob("*.json"))
    assert cold > 5 and len(bundles) == 1
    json.loads(bundles[0].read_bytes())
    stamp = bundles[0].stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8") + "\nKratom relieves pain.\n", encoding="utf-8")  # a result miss; no word that could start a new phrase family
    warm, warm_out, warm_err = _count_compiles(tmp_path, "a.md")
    assert 0 < warm < cold, warm_err
    assert bundles[0].stat().st_mtime_ns == stamp  # nothing new: not rewritten
    assert "claim-needs-citation" in warm_out and warm_out.count("\n") == cold_out.count("\n") + 1
    (tmp_path / "b.md").write_text("# Notes\n\nA plain note about the garden.\n", encoding="utf-8")
    quiet, _, quiet_err = _count_compiles(tmp_path, "b.md", min_length=100)
    article.write_text(article.read_text(encoding="utf-8") + "\nKratom relieves pain again.\n", encoding="utf-8")
    warm, _, warm_err = _count_compiles(tmp_path, "a.md", min_length=100)  # narrowed to a few words: short
    assert quiet < warm, (quiet_err, warm_err)  # no health words: the phrase families are never compiled


def test_a_cue_list_that_cannot_compile_fails_when_the_rule_is_built(tmp_path):
    compiler = Compiler(Store(cache_module.Cache(tmp_path)))
    try:
        compiler.cue(["a" * i for i in range(1, 600)])  # a trie deeper than the regex compiler recurses
    except RecursionError:
        pass
    else:
        raise AssertionError("expected the cue list to fail at once")
