"""bench/one_file.py runs the one-article row against the import+parse floor,
with another checkout in the same rounds (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "one_file.py"

if not SCRIPT.is_file():  # an installed copy of the tests without bench/
    pytest.skip("bench/one_file.py is not here", allow_module_level=True)


def test_one_article_against_the_floor_and_another_checkout():
    article = ROOT / "tests" / "corpus" / "magnesium-sleep.md"
    out = subprocess.run([sys.executable, str(SCRIPT), "--rounds", "1", "--old", str(ROOT), str(article)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert re.search(r"wall: import markdown_it \+ parse \d+ ms", out.stdout)
    assert len(re.findall(r"^\s+(?:this tree|old)\s+\d+ ms\s+[\d.]+x", out.stdout, re.M)) == 4  # wall and CPU, two trees


def test_a_missing_article_or_checkout_is_one_line(tmp_path):
    out = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nope.md")], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "nope.md: no such file" in out.stderr
    out = subprocess.run([sys.executable, str(SCRIPT), "--old", str(tmp_path), str(tmp_path / "nope.md")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "not a checkout of this project" in out.stderr
