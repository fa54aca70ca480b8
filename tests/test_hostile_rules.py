"""A rule regex with catastrophic backtracking finishes in bounded time per rule
and per file, says which rule and file were stopped, and the others still run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_catastrophic_regex_is_stopped(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "evil.yaml").write_text(
        "id: evil\nkind: pattern\nmessage: m\npatterns: ['(a+)+$']\n", encoding="utf-8"
    )
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (tmp_path / "trap.md").write_text("a" * 60 + "b\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Take 600 mg.\n", encoding="utf-8")
    # without the limit this regex runs for centuries; the subprocess timeout only
    # keeps a regression from hanging the suite
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--timeout", "0.5", "trap.md", "ok.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 2
    assert "trap.md: error: rule 'evil' stopped after 0.5 s" in proc.stderr
    assert "ok.md:1:6: error no-dose-numbers" in proc.stdout


def test_a_timeout_dropped_by_a_finaliser_fires_again(monkeypatch):
    """The limit's signal can land while a finaliser or a garbage-collector
    callback runs, where Python drops the exception (seen in this suite:
    hypothesis installs a gc callback). It is dropped quietly: Python's hook would
    print "Exception ignored in ..." and a traceback on stderr. The timer fires
    again until the block ends, so the rule is still stopped."""
    import time

    import pytest

    from linter.engine import RuleTimeout, time_limit

    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: dropped.append(info.exc_type))

    class Slow:
        def __del__(self):
            end = time.monotonic() + 0.5
            while time.monotonic() < end:  # the first signal lands in here
                pass

    started = time.monotonic()
    with pytest.raises(RuleTimeout):
        with time_limit(0.05):
            Slow()  # collected at once: __del__ runs inside the limit
            while time.monotonic() - started < 5:
                sum(range(1000))
    assert dropped == []  # not handed to the hook that prints
    assert time.monotonic() - started < 2
    assert sys.unraisablehook is not None and sys.unraisablehook.__name__ == "<lambda>"  # restored after the block


def test_the_timer_is_gone_after_the_block_even_if_it_fired_while_closing(monkeypatch):
    """A signal handled just as the block closes raises from its cleanup; the
    cleanup still disarms the timer and puts the old handler back."""
    import signal

    import pytest

    from linter import engine

    real = signal.setitimer
    calls = []

    def setitimer(which, seconds, interval=0.0):
        calls.append(seconds)
        real(which, seconds, interval)
        if len(calls) == 2:  # the first disarm: as if the signal landed right there
            raise engine.RuleTimeout()

    monkeypatch.setattr(engine.signal, "setitimer", setitimer)
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(engine.RuleTimeout):
        with engine.time_limit(5):
            pass
    assert real(signal.ITIMER_REAL, 0) == (0.0, 0.0)  # nothing armed
    assert signal.getsignal(signal.SIGALRM) is before
