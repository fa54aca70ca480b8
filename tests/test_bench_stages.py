"""bench/stages.py runs, each stage does its work, and its table's arithmetic is
right (no timing is asserted: speed is measured by the benchmark itself, never
by a test).

A stage that silently did nothing would make the table lie about where time
goes, so each stage prints what it made and the script stops when a stage fails
or makes nothing. The run here, on three articles, checks the counts: the rule
stages find what the command reports, the per-rule stages add up to the
all-rules stage. The table is checked with made-up times.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "bench" / "stages.py"
ARTICLES = ("magnesium-sleep.md", "cbd-pain-crlf.md", "elderberry-colds.md")

if not STAGES.is_file():  # an installed copy of the tests without bench/
    pytest.skip("bench/stages.py is not here", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("contentlint_stages", STAGES)
stages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stages)

ROW = re.compile(r"\s+(\S.*?)\s+\d+\.\d+s\s+\d+\.\d+x\s+[-+]\d+\.\d+x\s+.*?\s([\d,]+) (\w+)$")


def test_stages_run_and_each_stage_does_its_work(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ARTICLES:
        shutil.copy(ROOT / "tests" / "corpus" / name, corpus / name)
    out = subprocess.run(
        [sys.executable, str(STAGES), "--data", str(tmp_path), "--repeat", "1", "--cpu"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    assert "; CPU seconds" in out.stdout
    rows = {}
    for line in out.stdout.splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = int(m.group(2).replace(",", ""))
    for stage in ("floor", "floor (gc)", "parser", "prose", "sentences", "pack", "rules", "cli"):
        assert rows.get(stage), f"stage {stage} made nothing:\n{out.stdout}"
    assert rows["cli"] == rows["rules"]  # these articles carry no suppression comments
    assert rows["pack"] == rows["sentences"]
    per_rule = {k: v for k, v in rows.items() if k.startswith("+ ")}
    assert len(per_rule) >= 3
    assert sum(per_rule.values()) == rows["rules"]
    assert "left for running the rules" in out.stdout


def test_stage_that_makes_nothing_stops_the_benchmark(tmp_path):
    empty = tmp_path / "corpus"
    empty.mkdir()
    (empty / "blank.md").write_text("\n")
    out = subprocess.run(
        [sys.executable, str(STAGES), "--data", str(tmp_path), "--repeat", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode != 0
    assert "made nothing" in out.stderr


def test_table_arithmetic():
    first_round = {
        "floor": 10.0, "floor (gc)": 10.0, "parser": 10.0, "prose": 12.0, "sentences": 14.0, "pack": 15.0,
        "+ a": 20.0, "rules": 25.0, "cli": 26.0,
    }
    walls = {name: [t, 2 * t] for name, t in first_round.items()}  # a second round twice as slow: ratios hold
    counts = dict.fromkeys(walls, 1)
    lines = stages.table(walls, counts)
    got = {}
    for line in lines:
        m = re.match(r"\s+(\S.*?)\s+[\d.]+s\s+([\d.]+)x\s+([-+][\d.]+)x\s+(\S.*?)?\s+1 ", line)
        if m:
            got[m.group(1)] = (float(m.group(2)), float(m.group(3)), (m.group(4) or "").strip())
    assert got["floor"] == (1.0, 0.0, "")
    assert got["prose"] == (1.2, 0.2, "parser")
    assert got["sentences"] == (1.4, 0.2, "prose")
    assert got["+ a"] == (2.0, 0.5, "pack")
    assert got["rules"] == (2.5, 1.0, "pack")
    assert got["cli"] == (2.6, 0.1, "rules")
    text = "\n".join(lines)
    # 1.5 - pack 1.5 - command 0.1 = -0.1 left; the rules take 1.0
    assert "under the 1.5x target, left for running the rules: -0.10x; they take +1.00x" in text
