"""Fetch the fresh held-out set's articles (``tests/fresh/``) from GitHub.

    python bench/fetch_fresh.py --out /tmp/fresh-articles
    python bench/quality.py --real /tmp/fresh-articles --labels tests/fresh/labels

The set is 48 real health articles (and 12 not about health) from 43 public
repositories that no other labelled set draws on, labelled from
``tests/real/README.md`` without running the tool. The project keeps only their
labels and where they come from (``tests/fresh/MANIFEST.tsv``: repository, path and
commit, and the SHA-256 of the text that was labelled): the articles are other
people's work, most with no licence, so they are fetched, not copied in.

Each file is read from ``--base``/OWNER/NAME/COMMIT/PATH and written to
``--out``/LOCAL_PATH. A file whose text differs from the one labelled (its hash)
is written and named: its labels may point at other lines (check them with
``tests/real/check_labels.py --corpus OUT``). Exit 0 when every file came back as
labelled, 1 when some differ or could not be fetched, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE.parent / "tests" / "fresh" / "MANIFEST.tsv"
RAW = "https://raw.githubusercontent.com"


def rows(manifest: Path) -> list[dict]:
    with manifest.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


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
    out = args.out.resolve()
    differ, failed, done = [], [], 0
    for row in rows(args.manifest):
        target = (out / row["local_path"]).resolve()
        if out not in target.parents:
            failed.append(f"{row['local_path']}: not a path under --out")
            continue
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
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        done += 1
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            differ.append(f"{row['local_path']}: differs from the text labelled ({url})")
    for line in differ + failed:
        print(line, file=sys.stderr)
    print(f"fetched {done} of {done + len(failed)} files to {out}; {len(differ)} differ from the labelled text, "
          f"{len(failed)} could not be fetched")
    return 1 if differ or failed else 0


if __name__ == "__main__":
    sys.exit(main())
