"""A crash during --fix leaves every file wholly old or wholly new.

``--fix`` writes each fixed file to a temporary file beside it, flushes it to disk
and renames it over the original (atomic on POSIX). Killing the process with
SIGKILL at random moments, over and over, must never leave a file half written:
each is byte-identical to its original or to its fully fixed version (computed by
a clean run on a copy). A ``.contentlint-*.tmp`` file may be left behind by a
kill between creating and renaming it; nothing else may appear.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

HOUSE = """\
id: house-style
kind: substitution
severity: error
message: "Use '{replacement}'."
swap: {utilise: use, e-mail: email, colour: color}
"""


def article(i: int) -> str:
    eol = ("\n", "\r\n", "\r")[i % 3]
    bom = "\ufeff" if i % 4 == 0 else ""
    body = [f"# Article {i}", ""]
    for j in range(150):
        body.append(f"Paragraph {j}: we utilise the colour wheel and e-mail readers about kratom and pain, ünïcode {i}.")
        body.append("")
    return bom + eol.join(body) + eol


def make_site(root: Path, n: int = 30) -> dict[str, bytes]:
    (root / "house").mkdir(parents=True)
    (root / "house" / "rules.yaml").write_text(HOUSE, encoding="utf-8")
    (root / ".contentlint.yaml").write_text("extends: [health]\nrule_files: [house]\n", encoding="utf-8")
    files = {}
    for i in range(n):
        data = article(i).encode("utf-8")
        (root / f"a{i:02d}.md").write_bytes(data)
        files[f"a{i:02d}.md"] = data
    return files


def fix_command() -> list[str]:
    return [sys.executable, "-m", "linter", "--fix", "--no-cache", "--jobs", "1", "--format", "concise", "."]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in root.glob("*.md")}


def extra_files(root: Path) -> list[str]:
    known = {".contentlint.yaml", "house", "rules.yaml"}
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.name not in known and not p.name.endswith(".md")
    )


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """Originals and their fully fixed versions (a clean, uninterrupted run), and
    how long that run took."""
    root = tmp_path_factory.mktemp("clean")
    originals = make_site(root)
    started = time.monotonic()
    proc = subprocess.run(fix_command(), cwd=root, env=ENV, capture_output=True, text=True, timeout=600)
    duration = time.monotonic() - started
    assert "Traceback" not in proc.stderr, proc.stderr
    fixed = snapshot(root)
    assert all(fixed[name] != originals[name] for name in originals), "every article has something to fix"
    assert extra_files(root) == []
    return originals, fixed, duration


@pytest.mark.slow
def test_sigkill_during_fix_leaves_each_file_old_or_new(tmp_path, expected):
    originals, fixed, duration = expected
    rng = random.Random(20261122)
    states = {"all old": 0, "mixed": 0, "all new": 0}
    leftovers = 0
    for attempt in range(36):
        root = tmp_path / f"run{attempt}"
        make_site(root)
        delay = rng.uniform(0.0, duration * 1.05)
        proc = subprocess.Popen(fix_command(), cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = snapshot(root)
        assert set(now) == set(originals)
        new = 0
        for name, data in now.items():
            assert data in (originals[name], fixed[name]), f"{name} is neither old nor new after a kill at {delay:.2f} s"
            new += data == fixed[name]
        states["all old" if new == 0 else "all new" if new == len(now) else "mixed"] += 1
        extra = extra_files(root)
        assert all(Path(e).name.startswith(".contentlint-") and e.endswith(".tmp") for e in extra), extra
        leftovers += len(extra)
        shutil.rmtree(root)
    print(f"\nclean --fix run {duration:.2f} s; kills left {states}; temp files left behind: {leftovers}", file=sys.__stderr__)
    assert states["mixed"] >= 1, f"no kill landed while files were being written: {states}"


def test_a_failed_write_keeps_the_original_and_no_temp_file(tmp_path, run_cli, monkeypatch):
    make_site(tmp_path, n=2)
    before = snapshot(tmp_path)
    real_replace = os.replace

    def failing_replace(src, dst, *a, **k):
        if str(dst).endswith("a01.md"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing_replace)
    code, out, err = run_cli("--fix", "--no-cache", "--jobs", "1", "--format", "concise", ".", cwd=tmp_path)
    assert "Traceback" not in out + err
    assert code == 2
    assert err.strip() == "a01.md: error: could not write the fixed file: No space left on device"
    after = snapshot(tmp_path)
    assert after["a01.md"] == before["a01.md"] and after["a00.md"] != before["a00.md"]
    assert extra_files(tmp_path) == []


def test_fix_keeps_permissions_and_writes_through_a_symlink(tmp_path, run_cli):
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "real.md"
    target.write_text("We utilise e-mail.\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(Path("shared") / "real.md")
    code, out, err = run_cli("--fix", "--no-cache", "--format", "concise", "link.md", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == os.path.join("shared", "real.md")
    assert target.read_text(encoding="utf-8") == "We use email.\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["real.md"]


def test_fixes_that_do_not_fix_are_not_repeated(tmp_path, run_cli):
    """A replacement that contains the wrong term (``e.g`` -> ``e.g.``) and a
    disclaimer appended inside an unclosed code fence: each would be applied again
    on every pass (``e.g..........``, ten disclaimers). The substitution sees the
    replacement already in place after one pass, the disclaimer is not offered
    inside an unclosed fence (and the fixer drops any fix that would repeat), so a
    second --fix changes nothing and what is left stays for a person."""
    (tmp_path / ".contentlint.yaml").write_text("extends: [health]\nrule_files: [house]\n", encoding="utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.yaml").write_text(
        "id: eg\nkind: substitution\nseverity: warning\nmessage: \"Use '{replacement}'.\"\nswap: {e.g: e.g., utilise: use}\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("We utilise herbs, e.g kratom, for pain and anxiety.\n\n```\ncode never closed\n", encoding="utf-8")
    code, out, err = run_cli("--fix", "--no-cache", "--format", "concise", "a.md", cwd=tmp_path)
    assert "Traceback" not in out + err
    first = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert first == "We use herbs, e.g. kratom, for pain and anxiety.\n\n```\ncode never closed\n"
    assert "warning eg" not in out and "error medical-disclaimer" in out
    run_cli("--fix", "--no-cache", "--format", "concise", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == first
