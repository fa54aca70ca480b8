"""bench/quality.py scores every corpus end to end: per rule, per corpus, per
source repository, and counts findings on the articles not about health."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-articles"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is not beside the checkout")
def test_quality_table_covers_every_corpus_and_source():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--json"], capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    corpora = data["corpora"]
    assert {f"own/{n}" for n in ("corpus", "holdout", "blind", "blind2", "blind3")} <= set(corpora)
    labelled = {p.stem.replace("--", "/", 1) for p in (ROOT / "tests" / "real" / "labels").glob("*.yaml")}
    assert {f"real/{name}" for name in labelled} <= set(corpora)
    for stats in corpora.values():
        assert set(stats) == {"claim-needs-citation", "no-dose-numbers", "medical-disclaimer"}
    assert data["non_health_files"] == 150
    real = data["sums"]["real health, en"]["claim-needs-citation"]
    assert real["tp"] > 1000 and real["tp"] + real["fn"] > 4000  # the real labels are read and matched
    assert data["non_health_findings"]["claim-needs-citation"] <= 2  # silent where the rules do not apply


def test_every_real_label_points_at_its_text():
    if not REAL.is_dir():
        pytest.skip("../shared/real-articles is not beside the checkout")
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "real" / "check_labels.py")], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert proc.stdout.strip().endswith("OK")
