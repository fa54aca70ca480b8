"""bench/stages.py runs and each stage does its work (no timing is asserted:
speed is measured by the benchmark itself, never by a test).

A stage that silently did nothing would make the table lie about where time
goes, so each stage prints what it made, and this test checks those counts on
three articles: every stage ran, the rule stages found what the command finds,
and the per-rule stages add up to the all-rules stage.
"""

from __future__ import annotations

import json
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


def test_stages_run_and_each_stage_does_its_work(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ARTICLES:
        shutil.copy(ROOT / "tests" / "corpus" / name, corpus / name)
    out = subprocess.run(
        [sys.executable, str(STAGES), "--data", str(tmp_path), "--repeat", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    rows = {}
    for line in out.stdout.splitlines():
        m = re.match(r"\s+(\S.*?)\s+\d+\.\d+s\s+\d+\.\d+x\s+[-+]\d+\.\d+x\s*([\d,]*)", line)
        if m:
            rows[m.group(1)] = int(m.group(2).replace(",", "")) if m.group(2) else None
    for stage in ("floor", "parser", "prose", "sentences", "rules"):
        assert rows.get(stage), f"stage {stage} made nothing:\n{out.stdout}"
    assert rows["cli"] is None
    per_rule = {k: v for k, v in rows.items() if k.startswith("+ ")}
    assert len(per_rule) >= 3
    assert sum(per_rule.values()) == rows["rules"]
    if "rules (pyrs)" in rows:
        assert rows["rules (pyrs)"] == rows["rules"]
        assert rows["prose (pyrs)"] == rows["prose"]

    report = subprocess.run(
        [sys.executable, "-m", "linter", "--no-cache", "--format", "json", str(corpus)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert report.returncode == 1, report.stderr
    assert len(json.loads(report.stdout)) == rows["rules"]  # these articles carry no suppression comments
    assert "left for all rules" in out.stdout
