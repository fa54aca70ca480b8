"""The articles written for training the claim model (``tests/written/``): every
article has labels, and every label points at real text on its line, by the rules
the real-article labels follow (``tests/real/check_labels.py``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = sorted((ROOT / "tests" / "written").glob("*/labels.yaml"))


def _checker():
    spec = importlib.util.spec_from_file_location("real_check_labels", ROOT / "tests" / "real" / "check_labels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_written_corpora():
    assert len(WRITTEN) >= 4


@pytest.mark.parametrize("labels", WRITTEN, ids=lambda p: p.parent.name)
def test_written_labels_point_at_real_text(labels):
    check = _checker()
    errors, counts = check.check_file(labels, ROOT)
    assert errors == []
    assert counts["claim-needs-citation"] > 0
    labelled = set(check.load(labels))
    articles = {str(p.relative_to(ROOT)) for p in labels.parent.glob("*.md")}
    assert labelled == articles
