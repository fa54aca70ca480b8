"""bench/claims_drops.py runs, skips each feature group it names, and refuses a
group it does not know (no timing is asserted: speed is the benchmark's)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "claims_drops.py"

if not SCRIPT.is_file():  # an installed copy of the tests without bench/
    pytest.skip("bench/claims_drops.py is not here", allow_module_level=True)


def test_each_dropped_group_runs_beside_the_full_model(tmp_path):
    for name in ("magnesium-sleep.md", "elderberry-colds.md", "cbd-pain-crlf.md"):
        shutil.copy(ROOT / "tests" / "corpus" / name, tmp_path / name)
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(tmp_path), "--old", str(ROOT), "--rounds", "1",
         "--drops", "pairs,words,classes,cues,exemptions,context,families+rule+exemptions"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    rows = dict(re.findall(r"^\s+(\S.*?)\s+[\d.]+ ms per article .*\((\d+) findings\)$", out.stdout, re.M))
    assert set(rows) == {"full", "pairs", "words", "classes", "cues", "exemptions", "context", "families+rule+exemptions", "old families"}
    assert int(rows["full"]) > 0
    # the old checkout here is this one: its families alone find what the rule with model: '' finds
    assert rows["old families"] == str(len(_families_findings(tmp_path)))
    # only the first governing cue is looked for: the same decisions
    assert rows["exemptions"] == rows["full"]


def _families_findings(folder: Path) -> list:
    from ruamel.yaml import YAML

    from linter.config.rules import build_rule
    from linter.document import Document
    from linter.source import Source

    builtin = ROOT / "rules" / "health" / "claim-needs-citation.yaml"
    node = YAML(typ="safe").load(builtin.read_text(encoding="utf-8"))
    node["model"] = ""
    rule = build_rule(node, str(builtin))
    found = []
    for path in sorted(folder.glob("*.md")):
        found += rule.findings(Document.parse(Source.from_bytes(str(path), path.read_bytes())))
    return found


def test_an_unknown_group_is_refused(tmp_path):
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(tmp_path), "--old", str(ROOT), "--drops", "pairs,adverbs"],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode != 0
    assert "no group adverbs" in out.stderr


def test_the_patches_skip_their_group_and_are_undone():
    import importlib.util

    spec = importlib.util.spec_from_file_location("claims_drops", SCRIPT)
    drops = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(drops)
    from linter.config.rules import load_rule_file

    check = load_rule_file(ROOT / "rules" / "health" / "claim-needs-citation.yaml")[0].check
    model = check.model
    text = "Magnesium may help relieve muscle cramps and improve sleep."
    toks = text.lower().rstrip(".").split()
    full = model.margin(toks, ["c=target"])
    with drops.applied(drops.patches({"families"}, check, model)):
        assert list(check.claim.finditer(text)) == []
    assert list(check.claim.finditer(text))
    with drops.applied(drops.patches({"words"}, check, model)):
        assert model.margin(toks, ["c=target"]) == model._margin(model.weights, model.bias, ["c=target"])
    with drops.applied(drops.patches({"pairs"}, check, model)):
        uni = model._tables()[0]
        assert model.margin(toks, ["c=target"]) == model._margin(
            {**model.weights, **{"w=" + w: v for w, v in uni.items()}}, model.bias, ["c=target", *{"w=" + t for t in toks}])
    with drops.applied(drops.patches({"context", "cues"}, check, model)):
        assert model.weights2 is None and not check.hedge.present(text, frozenset(toks))
    assert model.weights2 is not None and check.hedge.present(text, frozenset(toks))
    assert model.margin(toks, ["c=target"]) == full
    # with neither group dropped, the benchmark's copy of ``ClaimModel.margin`` is that
    # method: a change to the model's sum shows here, not as a silent drift of the figures
    whole = drops._margin(True, True)
    shared = ("s=paragraph", "h=sleep", "d=hi")
    for sentence in (text, "Ginger tea eases nausea in 3 of 4 people.", "Preheat the oven."):
        words = sentence.lower().rstrip(".").split()
        weighed_a, weighed_b = {}, {}
        assert whole(model, words, ["c=target", "f=improve"], shared, weighed_a) == model.margin(
            words, ["c=target", "f=improve"], shared, weighed_b)
