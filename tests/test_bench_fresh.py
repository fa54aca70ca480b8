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


@pytest.mark.parametrize("labelled_set", ["fresh", "real2", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14"])
def test_the_manifest_covers_every_labelled_article(labelled_set):
    """The fresh held-out sets and the second real set (trained on) are kept as references."""
    with (ROOT / "tests" / labelled_set / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and all(len(r["commit"]) == 40 and len(r["sha256"]) == 64 for r in rows)
    from ruamel.yaml import YAML

    labelled = set()
    for lf in (ROOT / "tests" / labelled_set / "labels").glob("*.yaml"):
        labelled |= set(YAML(typ="safe").load(lf.read_text(encoding="utf-8")))
    listed = {r["local_path"] for r in rows}
    assert labelled and labelled <= listed
    assert {p for p in listed if p.startswith("health/")} == labelled  # the articles not about health carry no labels


def test_odd_manifest_rows_are_named_and_skipped(tmp_path, server):
    site, base = server
    text = "# Magnesium\n\nIt helps sleep.\n"
    (site / "o" / "r" / "c0ffee" / "posts").mkdir(parents=True)
    (site / "o" / "r" / "c0ffee" / "posts" / "a.md").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    good = ["health/o--r/a.md", "o/r", "posts/a.md", "c0ffee", "human", "1", sha]
    manifest = tmp_path / "m.tsv"
    _manifest(manifest, [
        good,
        ["health/o--r/short.md", "o/r"],                                  # a row cut short
        ["health/o--r/b.md", "../o/r", "posts/a.md", "c0ffee", "human", "1", sha],
        ["health/o--r/c.md", "o/r", "posts/a.md", "main", "human", "1", sha],
        ["health/o--r/d.md", "o/r", "posts/a.md", "c0ffee", "human", "1", "ab"],
        ["health/o--r/a.md", "o/r", "posts/a.md", "c0ffee", "human", "1", sha],   # listed twice
        ["health/x", "o/r", "posts/a.md", "c0ffee", "human", "1", sha],           # a file ...
        ["health/x/e.md", "o/r", "posts/a.md", "c0ffee", "human", "1", sha],      # ... in its way
    ])
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--base", base, "--manifest", str(manifest)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    errors = proc.stderr.splitlines()
    assert errors[:5] == [f"{manifest}:3: no original_path, commit, sha256", f"{manifest}:4: repo '../o/r' is not OWNER/NAME",
                          f"{manifest}:5: commit 'main' is not a commit id", f"{manifest}:6: sha256 'ab' is not a SHA-256 in hex",
                          f"{manifest}:7: health/o--r/a.md is listed twice"]
    assert errors[5].startswith(f"health/x/e.md: cannot write {out / 'health' / 'x' / 'e.md'}: ") and len(errors) == 6
    assert (out / "health" / "o--r" / "a.md").read_text(encoding="utf-8") == text
    assert "fetched 2 of 8 files" in proc.stdout


def test_a_manifest_that_cannot_be_read_is_one_line_and_exit_2(tmp_path):
    bad = {"columns.tsv": "local_path\trepo\ncommit\n".encode(), "latin1.tsv": b"local_path\trepo\n\xff\xfe\n"}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
        proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "out"), "--manifest", str(tmp_path / name)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.splitlines()[-1].startswith(f"fetch_fresh.py: error: --manifest {tmp_path / name}: ")


def test_a_text_labelled_cut_short_is_cut_to_the_labelled_length(tmp_path, server):
    """A stored copy that ended early was labelled as it was: the file on GitHub, whose
    first `chars` characters are that text, is cut to them (and named), so the labels
    after which nothing was labelled do not read the rest as unlabelled text."""
    site, base = server
    labelled = "# Menopause\n\nSage eases hot flashes. – **Uses**: Effective"
    full = labelled + " for many women.\n\nMore text that nobody labelled.\n"
    other = "# Menopause\n\nSage may ease hot flashes. – **Uses**: Effective for some.\n\nMore.\n"
    (site / "o" / "r" / "c0ffee").mkdir(parents=True)
    (site / "o" / "r" / "c0ffee" / "full.md").write_text(full, encoding="utf-8")
    (site / "o" / "r" / "c0ffee" / "other.md").write_text(other, encoding="utf-8")
    sha = hashlib.sha256(labelled.encode()).hexdigest()
    manifest = _manifest(tmp_path / "m.tsv", [
        ["health/o--r/a.md", "o/r", "full.md", "c0ffee", "human", str(len(labelled)), sha],
    ])
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--base", base, "--manifest", str(manifest)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (out / "health" / "o--r" / "a.md").read_text(encoding="utf-8") == labelled
    assert f"health/o--r/a.md: cut to the {len(labelled)} characters labelled (the file has {len(full)})" in proc.stderr
    # a longer file that does not start with the text labelled is written whole and named
    _manifest(manifest, [["health/o--r/b.md", "o/r", "other.md", "c0ffee", "human", str(len(labelled)), sha]])
    proc = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--base", base, "--manifest", str(manifest)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "health/o--r/b.md: differs from the text labelled" in proc.stderr
    assert (out / "health" / "o--r" / "b.md").read_text(encoding="utf-8") == other


def test_the_foreign_set_labels_every_health_page_it_lists():
    """tests/foreign: non-English pages, kept as references; the health pages are
    labelled for the three rules, the pages not about health carry no labels."""
    with (ROOT / "tests" / "foreign" / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and all(len(r["commit"]) == 40 and len(r["sha256"]) == 64 and r["language"] != "en" for r in rows)
    from ruamel.yaml import YAML

    labels = YAML(typ="safe").load((ROOT / "tests" / "foreign" / "labels" / "foreign.yaml").read_text(encoding="utf-8"))
    assert set(labels) == {r["local_path"] for r in rows if r["local_path"].startswith("health-non-english/")}
    assert all({"language", "medical-disclaimer", "claim-needs-citation", "no-dose-numbers"} <= set(v) for v in labels.values())


def test_the_labelled_sets_draw_on_repositories_no_other_set_uses():
    """Leave-repositories-out holds: the fresh held-out sets, the second real set and
    ../shared/real-articles share no repository."""
    def repos(manifest: Path) -> set:
        with manifest.open(encoding="utf-8", newline="") as fh:
            return {r["repo"].lower() for r in csv.DictReader(fh, delimiter="\t")}

    names = ("fresh", "real2", "fresh2", "foreign", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14")
    sets = {name: repos(ROOT / "tests" / name / "MANIFEST.tsv") for name in names}
    for i, name in enumerate(names):
        earlier = set().union(*(sets[n] for n in names[:i]))
        assert sets[name] and not sets[name] & earlier, name
    shared = ROOT.parent / "shared" / "real-articles" / "MANIFEST.tsv"
    if shared.is_file():
        assert not set().union(*sets.values()) & repos(shared)
