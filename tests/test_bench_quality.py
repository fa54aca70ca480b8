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


ARTICLE = """# Magnesium for sleep

Magnesium glycinate helps you fall asleep faster and reduces night-time cramps.
Most people take 200-400 mg about an hour before bed.
A warm bath before bed is pleasant.
"""
LABELS = """health/someone--blog/magnesium.md:
  language: en
  medical-disclaimer: missing
  claim-needs-citation:
    - {line: 3, text: "helps you fall asleep faster", type: direct}
  cited-claims: []
  no-dose-numbers:
    - {line: 4, text: "200-400 mg"}
"""


def _fresh_set(tmp_path: Path, labels: str = LABELS) -> tuple[Path, Path]:
    """A labelled set of one article kept outside ../shared, as a fresh held-out set is."""
    articles = tmp_path / "articles"
    (articles / "health" / "someone--blog").mkdir(parents=True)
    (articles / "health" / "someone--blog" / "magnesium.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "non-health" / "cook--recipes").mkdir(parents=True)
    (articles / "non-health" / "cook--recipes" / "bread.md").write_text(
        "# Bread\n\nMix 500 g flour with 350 g water, then let it rest for an hour.\n", encoding="utf-8")
    labels_dir = tmp_path / "labels"
    labels_dir.mkdir()
    (labels_dir / "batch.yaml").write_text(labels, encoding="utf-8")
    return articles, labels_dir


def test_quality_scores_a_labelled_set_kept_elsewhere(tmp_path):
    articles, labels = _fresh_set(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--json", "--real", str(articles),
                           "--labels", str(labels)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["corpora"]) == {"real/health/someone--blog"}  # the own corpora are not part of another set
    row = data["corpora"]["real/health/someone--blog"]
    assert (row["no-dose-numbers"]["tp"], row["no-dose-numbers"]["fp"], row["no-dose-numbers"]["fn"]) == (1, 0, 0)
    assert row["claim-needs-citation"]["tp"] + row["claim-needs-citation"]["fn"] == 1
    assert row["medical-disclaimer"]["tp"] + row["medical-disclaimer"]["fn"] == 1  # labelled missing: counted
    assert data["non_health_files"] == 1


def test_check_labels_reads_articles_under_another_corpus(tmp_path):
    articles, labels = _fresh_set(tmp_path)
    script = str(ROOT / "tests" / "real" / "check_labels.py")
    ok = subprocess.run([sys.executable, script, "--corpus", str(articles), str(labels / "batch.yaml")],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("OK"), ok.stdout
    shown = subprocess.run([sys.executable, script, "--corpus", str(articles), "--show", "health/someone--blog/magnesium.md"],
                           capture_output=True, text=True, timeout=60)
    assert "    4| Most people take 200-400 mg" in shown.stdout
    _, bad = _fresh_set(tmp_path / "bad", LABELS.replace("200-400 mg", "300 mg"))
    failed = subprocess.run([sys.executable, script, "--corpus", str(articles), str(bad / "batch.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert failed.returncode == 1 and "ERROR" in failed.stdout


def test_a_labelled_set_that_is_not_there_is_one_line_and_exit_2(tmp_path):
    """A mistyped folder is named, not scored as an empty set (all 1.000) or a traceback."""
    articles, labels = _fresh_set(tmp_path)
    quality = [sys.executable, str(ROOT / "bench" / "quality.py"), "--json"]
    for args, named in ((["--real", str(articles), "--labels", str(tmp_path / "label")], "--labels"),
                        (["--real", str(tmp_path / "article"), "--labels", str(labels)], "--real")):
        proc = subprocess.run([*quality, *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and not proc.stdout, proc.stderr
        assert f"error: {named} {tmp_path}" in proc.stderr.splitlines()[-1]
    script = str(ROOT / "tests" / "real" / "check_labels.py")
    for args in (["--corpus", str(articles)], ["--corpus", str(tmp_path / "article"), str(labels / "batch.yaml")]):
        proc = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and not proc.stdout, proc.stderr
        assert "--corpus DIR needs" in proc.stderr


def test_check_labels_names_a_bad_argument_in_one_line(tmp_path):
    """--help prints the usage; an unknown option, a missing labels file or one that is not
    YAML is named in one line with exit 2, never a traceback."""
    articles, labels = _fresh_set(tmp_path)
    script = str(ROOT / "tests" / "real" / "check_labels.py")
    helped = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "--corpus DIR" in helped.stdout
    (tmp_path / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    for arg, said in (("--bogus", "unknown option"), (str(tmp_path / "none.yaml"), "no such labels file"),
                      (str(tmp_path / "broken.yaml"), "cannot be read")):
        proc = subprocess.run([sys.executable, script, "--corpus", str(articles), arg],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and said in proc.stderr


def test_check_labels_names_a_labels_file_that_is_no_mapping_without_a_traceback(tmp_path):
    """A labels file that is YAML but not a mapping (a number, a list) is an error that
    names it, exit 1, never a traceback."""
    articles, labels = _fresh_set(tmp_path)
    script = str(ROOT / "tests" / "real" / "check_labels.py")
    for name, text in (("number.yaml", "42\n"), ("list.yaml", "- 1\n- 2\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        proc = subprocess.run([sys.executable, script, "--corpus", str(articles), str(tmp_path / name)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert "must be a mapping" in proc.stdout and f"{name}: 0 articles" in proc.stdout, proc.stdout
