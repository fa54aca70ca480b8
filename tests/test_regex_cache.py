"""Compiled regex programs kept between runs (``linter/regex_cache.py``) and the
cache bundle that gathers rule-building entries: the rebuilt pattern behaves as
``re.compile``'s, a bad entry is a miss, and a warm start compiles no rule regex."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from linter import cache as cache_module
from linter import regex_cache

ROOT = Path(__file__).resolve().parents[1]
BIG = r"\b(?:(?P<verb>reduc(?:e|es|ed|ing)|eas(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}(?:" + "|".join(
    f"condition{i}" for i in range(60)
) + r"|pain|anxiety))\b"


def _with_cache(tmp_path):
    c = cache_module.Cache(tmp_path)
    cache_module.activate(c)
    return c


def test_rebuilt_pattern_matches_like_re_compile(tmp_path):
    try:
        c = _with_cache(tmp_path)
        first = regex_cache.compile(BIG, re.I)
        c.flush()
        fresh = cache_module.Cache(tmp_path)  # a new run: reads the bundle
        cache_module.activate(fresh)
        rebuilt = regex_cache.compile(BIG, re.I)
    finally:
        cache_module.activate(None)
    reference = re.compile(BIG, re.I)
    assert rebuilt is not reference and rebuilt.pattern == BIG
    assert rebuilt.flags == reference.flags and rebuilt.groupindex == reference.groupindex and rebuilt.groups == reference.groups
    text = "It Reduces the chronic pain, eases anxiety and reduced condition59 but not condition60."
    for regex in (first, rebuilt):
        assert [(m.span(), m.group("verb")) for m in regex.finditer(text)] == [(m.span(), m.group("verb")) for m in reference.finditer(text)]
        assert len(list(regex.finditer(text))) == 2


def test_a_bad_entry_is_a_miss_and_errors_stay_errors(tmp_path):
    try:
        c = _with_cache(tmp_path)
        key = f"{regex_cache._INTERPRETER}:{int(re.I)}:{BIG}"
        c.put("regex", key, [int(re.I), "AAAAAP////8=", 0, {}, [None]])  # a program the engine refuses
        assert regex_cache.compile(BIG, re.I).search("eases pain")
        c.put("regex", key, "not a list")
        assert regex_cache.compile(BIG, re.I).search("eases pain")
        try:
            regex_cache.compile("(" * 100 + "x" * 100, 0)
        except re.error:
            pass
        else:
            raise AssertionError("an invalid pattern must raise re.error")
    finally:
        cache_module.activate(None)


def test_without_a_cache_it_is_re_compile(tmp_path):
    assert cache_module.active() is None
    assert regex_cache.compile(BIG, re.I) is re.compile(BIG, re.I)  # re's own cache: the same object


def test_same_terms_give_the_same_pattern_in_every_process():
    """Hash order once leaked into terms_regex, so every process built another
    pattern and the cache never hit."""
    code = "from linter.kinds.base import terms_regex; print(terms_regex(['ab', 'cd', 'ef', 'gh', 'a b', 'c d']))"
    outs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outs) == 1


def _count_compiles(tmp_path, article):
    """Run contentlint in a subprocess and count rule-sized regex compiles."""
    probe = (
        "import re, sys\n"
        "from re import _parser\n"
        "n = [0]\n"
        "orig = _parser.parse\n"
        "def counting(p, flags=0):\n"
        "    f = sys._getframe(1)\n"
        "    while f is not None and '/re/' in f.f_code.co_filename.replace(chr(92), '/'):\n"
        "        f = f.f_back\n"
        "    caller = f.f_code.co_filename.replace(chr(92), '/') if f is not None else ''\n"
        "    if isinstance(p, str) and len(p) >= 400 and '/linter/' in caller:  # the project's, not the stdlib's\n"
        "        n[0] += 1\n"
        "        sys.stderr.write(f'PATTERN {caller} {p[:60]!r}\\n')\n"
        "    return orig(p, flags)\n"
        "_parser.parse = counting\n"
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


def test_a_warm_start_compiles_no_rule_regex_and_keeps_the_bundle(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Kratom\n\nKratom may help reduce anxiety and relieves pain. Take 5 g.\n", encoding="utf-8")
    cold, cold_out, _ = _count_compiles(tmp_path, "a.md")
    bundles = list((tmp_path / ".contentlint_cache" / "bundle").rglob("*.json"))
    assert cold > 5 and len(bundles) == 1
    json.loads(bundles[0].read_bytes())
    stamp = bundles[0].stat().st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8") + "\nKratom relieves pain.\n", encoding="utf-8")  # a result miss; no word that could start a new phrase family
    warm, warm_out, warm_err = _count_compiles(tmp_path, "a.md")
    assert warm == 0, warm_err
    assert bundles[0].stat().st_mtime_ns == stamp  # nothing new: not rewritten
    assert "claim-needs-citation" in warm_out and warm_out.count("\n") == cold_out.count("\n") + 1


def test_loader_defers_only_what_the_cache_holds(tmp_path, monkeypatch):
    """``loader``: a pattern whose program the cache holds is rebuilt on first
    call; any other is compiled at once, so a bad one fails where the rule is
    built, not in the middle of linting a file."""
    rebuilt = []
    real = regex_cache._rebuild
    monkeypatch.setattr(regex_cache, "_rebuild", lambda *a: rebuilt.append(1) or real(*a))
    try:
        c = _with_cache(tmp_path)
        regex_cache.compile(BIG, re.I)
        c.flush()
        cache_module.activate(cache_module.Cache(tmp_path))  # a new run
        load = regex_cache.loader(BIG, re.I)
        assert rebuilt == []
        assert load().search("it eases pain") and load() is load() and rebuilt == [1]
        try:
            regex_cache.loader("(" * 30 + BIG, 0)
        except re.error:
            pass
        else:
            raise AssertionError("a pattern the cache does not hold is compiled at once")
    finally:
        cache_module.activate(None)
    assert regex_cache.loader("x+", 0)().fullmatch("xx")  # no cache: compiled at once


def test_a_cue_list_that_cannot_compile_fails_when_the_rule_is_built(tmp_path):
    from linter.kinds.claim_citation import _Cue

    try:
        _with_cache(tmp_path)
        try:
            _Cue(["a" * i for i in range(1, 600)])  # a trie deeper than the regex compiler recurses
        except RecursionError:
            pass
        else:
            raise AssertionError("expected the cue list to fail at once")
    finally:
        cache_module.activate(None)
