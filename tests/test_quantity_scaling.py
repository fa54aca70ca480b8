"""The dose rule reads a block with many quantities once: each quantity's sentence
comes from the block's sentence ends, found once, and the searches over a sentence
run once per sentence, not once per quantity (a hostile or generated page with
thousands of amounts in one sentence otherwise took the rule past its time limit)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from linter.kinds.quantity import _Outline

ROOT = Path(__file__).resolve().parents[1]
_END = re.compile(r"[.!?](?=\s|$)")


def _scan(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around start:end by a scan from the text's start (the definition)."""
    s = 0
    for m in _END.finditer(text, 0, start):
        s = m.end()
    m = _END.search(text, end)
    return s, (m.start() if m else len(text))


class _Block:
    def __init__(self, text):
        self.text = text


@pytest.mark.parametrize("text", [
    "Take 2 mg daily. Then 5 mg! Or 10 mg? Done.",
    "x.2 mg after a full stop with no space",
    "Ends with a stop.",
    "",
    "...",
    "a. b! c? d",
    "No sentence end at all 5 mg",
    "Stop.\nNew line 3 mg.",
])
def test_sentence_bounds_are_those_of_a_scan_from_the_start(text):
    outline = _Outline.__new__(_Outline)
    outline._ends = {}
    block = _Block(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 6) + 1):
            assert outline.sentence(block, start, end) == _scan(text, start, end), (start, end)


def test_thousands_of_quantities_in_one_sentence_are_all_read_within_the_time_limit(tmp_path):
    """Read once per quantity, 2,000 amounts in one sentence took the rule past its
    10 s limit of CPU time and lost every dose finding of the file."""
    n = 2000
    page = tmp_path / "page.md"
    page.write_text("# Magnesium for sleep\n\nMagnesium helps sleep and anxiety.\n\nTake " + "2 mg " * n + "daily.\n",
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", str(page)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "stopped after" not in proc.stderr
    doses = [f for f in json.loads(proc.stdout) if f["rule"] == "no-dose-numbers"]
    assert len(doses) == n
