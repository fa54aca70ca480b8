"""Peak memory of one-file runs on markup-dense articles (bench/README.md,
Memory; SECURITY.md, Hostile articles, says what they mean): a 960 KB table of 80,000 columns, 4 MB of
``a*a*a*...`` and of ``x * * * ...``, and a prose article of the same size for
comparison. Each runs ``python -m linter --no-cache --jobs 1`` in a child
process; peak RSS is the child's ``ru_maxrss`` (``os.wait4``).

    python bench/memory.py [--scale 0.25]    # smaller inputs for a quick look
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROSE = "Kratom is a plant. Some users report reduced anxiety, but studies (Smith et al., 2020) are limited.\n\n"


def inputs(scale: float) -> dict[str, str]:
    cols = int(80_000 * scale)
    n = int(2_000_000 * scale)
    return {
        "wide table": "|" + " a |" * cols + "\n|" + "---|" * cols + "\n|" + " b |" * cols + "\n",
        "a*a*a*...": "a" + "*a" * n + "\n",
        "x * * * ...": "x " + "* " * n + "\n",
        "prose": PROSE * int(4_000_000 * scale / len(PROSE)),
    }


def peak(path: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of linting ``path`` alone."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "linter", "--no-cache", "--jobs", "1", "--format", "concise", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024, time.monotonic() - started, os.waitstatus_to_exitcode(status)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="input size relative to the SECURITY.md figures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<14} {'size':>9} {'peak RSS':>10} {'ratio':>7} {'time':>7}  exit")
        for name, text in inputs(args.scale).items():
            path = Path(tmp) / "article.md"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size
            mb, seconds, code = peak(path)
            print(f"{name:<14} {size / 1e6:>7.2f}MB {mb:>8.0f}MB {mb * 2**20 / size:>6.0f}x {seconds:>6.1f}s  {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
