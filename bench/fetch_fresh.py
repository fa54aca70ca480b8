"""Fetch the fresh held-out set's articles (``tests/fresh/``), or another set kept
as references (``--manifest tests/real2/MANIFEST.tsv``: more real articles, trained
on), from GitHub.

    python bench/fetch_fresh.py --out /tmp/fresh-articles
    python bench/quality.py --real /tmp/fresh-articles --labels tests/fresh/labels
    python bench/fetch_fresh.py --manifest tests/real2/MANIFEST.tsv --out /tmp/real2

The set is 48 real health articles (and 12 not about health) from 43 public
repositories that no other labelled set draws on, labelled from
``tests/real/README.md`` without running the tool. The project keeps only their
labels and where they come from (``tests/fresh/MANIFEST.tsv``: repository, path and
commit, and the SHA-256 of the text that was labelled): the articles are other
people's work, most with no licence, so they are fetched, not copied in.

Each file is read from ``--base``/OWNER/NAME/COMMIT/PATH and written to
``--out``/LOCAL_PATH. A file whose text differs from the one labelled (its hash)
is written and named: its labels may point at other lines (check them with
``tests/real/check_labels.py --corpus OUT``). A file whose first ``chars``
characters (the manifest's length of the labelled text) are the text labelled is
cut to them, named, and counts as labelled: the copy labelled was cut short, and so
are its labels. A manifest row that lacks a field, or whose repository, commit or
hash is not one, is named and skipped, as is a second row for the same local path. Exit 0 when every file came back as labelled, 1 when some
differ or could not be fetched or written, 2 on bad arguments (a manifest that cannot
be read or lacks a column).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE.parent / "tests" / "fresh" / "MANIFEST.tsv"
RAW = "https://raw.githubusercontent.com"


COLUMNS = ("local_path", "repo", "original_path", "commit", "sha256")
_REPO = re.compile(r"[\w.\-]+/[\w.\-]+", re.A)
_COMMIT = re.compile(r"[0-9a-f]{4,40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def rows(manifest: Path) -> list[tuple[int, dict]]:
    """(line number, row) of each row; ValueError when a column is missing."""
    with manifest.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"no column {', '.join(missing)} in its first line")
        return [(reader.line_num, row) for row in reader]


def row_problem(row: dict) -> str | None:
    """What makes a manifest row unusable: a field missing, a repository that is not
    OWNER/NAME, a commit that is not a commit id (a branch would give today's text)."""
    empty = [c for c in COLUMNS if not (row.get(c) or "").strip()]
    if empty:
        return f"no {', '.join(empty)}"
    if not _REPO.fullmatch(row["repo"]) or ".." in row["repo"]:
        return f"repo {row['repo']!r} is not OWNER/NAME"
    if not _COMMIT.fullmatch(row["commit"]):
        return f"commit {row['commit']!r} is not a commit id"
    if not _SHA256.fullmatch(row["sha256"]):
        return f"sha256 {row['sha256']!r} is not a SHA-256 in hex"
    return None


def labelled_prefix(data: bytes, row: dict) -> bytes | None:
    """The text that was labelled when it is the fetched file's first ``chars``
    characters (a stored copy cut short, whose labels stop there too), else None."""
    chars = (row.get("chars") or "").strip()
    if not chars.isdigit():
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) <= int(chars):
        return None
    prefix = text[: int(chars)].encode("utf-8")
    return prefix if hashlib.sha256(prefix).hexdigest() == row["sha256"] else None


def fetch(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (an http(s) URL built from --base)
        return resp.read()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write the articles to")
    ap.add_argument("--base", default=RAW, help=f"where files are read from (default {RAW})")
    ap.add_argument("--manifest", type=Path, default=MANIFEST)
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args(argv)
    if urllib.parse.urlparse(args.base).scheme not in ("http", "https"):
        ap.error(f"--base {args.base}: not an http(s) URL")
    if not args.manifest.is_file():
        ap.error(f"--manifest {args.manifest}: no such file")
    try:
        manifest = rows(args.manifest)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        ap.error(f"--manifest {args.manifest}: {exc}")
    out = args.out.resolve()
    differ, failed, done = [], [], 0
    seen: set[Path] = set()
    for line, row in manifest:
        problem = row_problem(row)
        if problem:
            failed.append(f"{args.manifest}:{line}: {problem}")
            continue
        target = (out / row["local_path"]).resolve()
        if out not in target.parents:
            failed.append(f"{row['local_path']}: not a path under --out")
            continue
        if target in seen:
            failed.append(f"{args.manifest}:{line}: {row['local_path']} is listed twice")
            continue
        seen.add(target)
        url = "/".join((args.base.rstrip("/"), row["repo"], row["commit"],
                        urllib.parse.quote(row["original_path"])))
        try:
            data = fetch(url, args.timeout)
        except urllib.error.HTTPError as exc:
            failed.append(f"{row['local_path']}: {url}: HTTP {exc.code} {exc.reason}")
            continue
        except (urllib.error.URLError, OSError, ValueError) as exc:
            failed.append(f"{row['local_path']}: {url}: {getattr(exc, 'reason', exc)}")
            continue
        labelled = hashlib.sha256(data).hexdigest() == row["sha256"]
        prefix = None if labelled else labelled_prefix(data, row)
        if prefix is not None:
            print(f"{row['local_path']}: cut to the {row['chars']} characters labelled "
                  f"(the file has {len(data.decode('utf-8'))})", file=sys.stderr)
            data, labelled = prefix, True
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            failed.append(f"{row['local_path']}: cannot write {target}: {exc.strerror or exc}")
            continue
        done += 1
        if not labelled:
            differ.append(f"{row['local_path']}: differs from the text labelled ({url})")
    for line in differ + failed:
        print(line, file=sys.stderr)
    print(f"fetched {done} of {done + len(failed)} files to {out}; {len(differ)} differ from the labelled text, "
          f"{len(failed)} could not be fetched")
    return 1 if differ or failed else 0


if __name__ == "__main__":
    sys.exit(main())
