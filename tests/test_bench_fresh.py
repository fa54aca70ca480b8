"""bench/fetch_fresh.py fetches the fresh held-out set's articles by repository,
commit and path, and names each one whose text is not the text labelled; the
set's labels point at text in those articles (checked when they are fetched)."""

from __future__ import annotations

import csv
import functools
import hashlib
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "fetch_fresh.py"
HEADER = ["local_path", "repo", "original_path", "commit", "style", "chars", "sha256"]


@pytest.fixture
def server(tmp_path):
    """A real HTTP server on localhost serving ``tmp_path/site`` as raw.githubusercontent.com lays files out."""
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def _manifest(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def test_fetches_by_commit_and_names_what_differs_or_fails(tmp_path, server):
    site, base = server
    same, changed = "# Magnesium\n\nIt helps sleep.\n", "# Magnesium\n\nIt helps sleep a lot.\n"
    for name, text in (("a.md", same), ("b b.md", changed)):
        (site / "o" / "r" / "c0ffee" / "posts").mkdir(parents=True, exist_ok=True)
        (site / "o" / "r" / "c0ffee" / "posts" / name).write_text(text, encoding="utf-8")
    sha = hashlib.sha256(same.encode()).hexdigest()
    manifest = _manifest(tmp_path / "m.tsv", [
        ["health/o--r/a.md", "o/r", "posts/a.md", "c0ffee", "human", str(len(same)), sha],
        ["health/o--r/b.md", "o/r", "posts/b b.md", "c0ffee", "human", str(len(same)), sha],
        ["health/o--r/gone.md", "o/r", "posts/gone.md", "c0ffee", "human", "1", sha],
        ["../escape.md", "o/r", "posts/a.md", "c0ffee", "human", "1", sha],
    ])
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--base", base, "--manifest", str(manifest)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert (out / "health" / "o--r" / "a.md").read_text(encoding="utf-8") == same
    assert (out / "health" / "o--r" / "b.md").read_text(encoding="utf-8") == changed  # written, and named
    assert "health/o--r/b.md: differs from the text labelled" in proc.stderr
    assert "health/o--r/gone.md:" in proc.stderr and "404" in proc.stderr
    assert "../escape.md: not a path under --out" in proc.stderr and not (tmp_path / "escape.md").exists()
    assert "fetched 2 of 4 files" in proc.stdout

    ok = _manifest(tmp_path / "ok.tsv", [["health/o--r/a.md", "o/r", "posts/a.md", "c0ffee", "human", "1", sha]])
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--base", base, "--manifest", str(ok)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_bad_arguments_are_one_line_and_exit_2(tmp_path):
    for args in (["--base", "file:///etc"], ["--manifest", str(tmp_path / "none.tsv")]):
        proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), *args],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_the_manifest_covers_every_labelled_article():
    with (ROOT / "tests" / "fresh" / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and all(len(r["commit"]) == 40 and len(r["sha256"]) == 64 for r in rows)
    from ruamel.yaml import YAML

    labelled = set()
    for lf in (ROOT / "tests" / "fresh" / "labels").glob("*.yaml"):
        labelled |= set(YAML(typ="safe").load(lf.read_text(encoding="utf-8")))
    listed = {r["local_path"] for r in rows}
    assert labelled and labelled <= listed
    assert {p for p in listed if p.startswith("health/")} == labelled  # the articles not about health carry no labels
