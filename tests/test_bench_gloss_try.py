"""bench/gloss_try.py: a gloss table scored on sentence files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "gloss_try.py"


def _run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_scores_a_sentence_file_with_the_shipped_table_and_with_another(tmp_path):
    sentences = tmp_path / "s.txt"
    sentences.write_text("C\tEl jengibre ayuda a reducir la inflamación.\nN\tLa receta es sencilla y rápida.\n",
                         encoding="utf-8")
    proc = _run("es", sentences, "-v")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].endswith("claims flagged 1/1; non-claims flagged 0/1")
    assert "helps to reduce the inflammation" in proc.stdout
    # a table of one's own: without 'ayuda' and 'reducir' the claim is not read
    table = tmp_path / "es.tsv"
    table.write_text("la\tthe\n", encoding="utf-8")
    proc = _run("es", sentences, "--table", table)
    assert proc.stdout.splitlines()[-1].endswith("claims flagged 0/1; non-claims flagged 0/1"), proc.stdout


def test_the_sentence_files_are_well_formed():
    files = sorted((ROOT / "tests" / "gloss").glob("*.txt"))
    assert {f.name.split("-")[0] for f in files} == {"de", "es", "fr", "it", "nl", "pl", "pt"}
    for f in files:
        lines = [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lines and all(line[:2] in ("C\t", "N\t") and line[2:].strip() for line in lines), f.name


def test_bad_arguments_are_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("X\tsomething\n", encoding="utf-8")
    for args in (("es", bad), ("es", tmp_path / "missing.txt"), ("xx", bad)):
        proc = _run(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
