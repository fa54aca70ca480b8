#!/usr/bin/env python3
"""Check the real-article labels against the articles in ../shared/real-articles/.

    python tests/real/check_labels.py [LABELS.yaml ...]   (default: every file in labels/)
    python tests/real/check_labels.py --show ARTICLE      numbered lines, cut as the scorer cuts them
    python tests/real/check_labels.py --corpus DIR LABELS.yaml ...   articles under DIR instead (files named)

For every entry: the article exists; `medical-disclaimer` is present, missing or
not-needed; each claim, cited claim and dose has an int `line` inside the file and a
`text` that occurs exactly once on that line (the scorer finds labels with str.find);
a split dose has `end_line == line + 1` with `end_text` at the start of that line; no
entry is listed twice. Exit 0 when all labels check out, 1 otherwise, 2 when --corpus
names no folder, a labels file is missing or not YAML, or an option is unknown.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "real-articles"
LIST_KEYS = ("claim-needs-citation", "cited-claims", "no-dose-numbers")
DISCLAIMER = ("present", "missing", "not-needed")
CLAIM_TYPES = ("direct", "hedged", "testimonial", "usage", "heading", "fragment", "comparative")
ITEM_FIELDS = {"line", "text", "end_line", "end_text", "type"}


def load(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def lines_of(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    return re.split(r"\r\n|\r|\n", text)


def check_file(labels_path: Path, corpus: Path = CORPUS) -> tuple[list[str], dict]:
    errors: list[str] = []
    counts = {k: 0 for k in LIST_KEYS}
    data = load(labels_path)
    if not isinstance(data, dict):
        return [f"{labels_path}: must be a mapping of article path -> labels"], counts
    for rel, entry in data.items():
        where0 = f"{labels_path.name}: {rel}"
        article = corpus / rel
        if not article.is_file():
            errors.append(f"{where0}: no such article under {corpus}")
            continue
        if not isinstance(entry, dict):
            errors.append(f"{where0}: entry must be a mapping")
            continue
        unknown = set(entry) - set(LIST_KEYS) - {"medical-disclaimer", "language"}
        if unknown:
            errors.append(f"{where0}: unknown keys {sorted(unknown)}")
        if entry.get("medical-disclaimer") not in DISCLAIMER:
            errors.append(f"{where0}: medical-disclaimer must be one of {DISCLAIMER}")
        lines = lines_of(article)
        for key in LIST_KEYS:
            items = entry.get(key)
            if items is None:
                if key != "cited-claims":
                    errors.append(f"{where0}: missing key {key} (write [] when there is none)")
                continue
            if not isinstance(items, list):
                errors.append(f"{where0}: {key} must be a list")
                continue
            seen = set()
            for item in items:
                where = f"{where0}: {key} {item}"
                if not isinstance(item, dict) or set(item) - ITEM_FIELDS:
                    errors.append(f"{where}: an item is a mapping of {sorted(ITEM_FIELDS)}")
                    continue
                line, text = item.get("line"), item.get("text")
                if not isinstance(line, int) or not isinstance(text, str) or not text:
                    errors.append(f"{where}: needs an int line and a non-empty text")
                    continue
                if "type" in item and item["type"] not in CLAIM_TYPES:
                    errors.append(f"{where}: type must be one of {CLAIM_TYPES}")
                if not 1 <= line <= len(lines):
                    errors.append(f"{where}: line out of range (the article has {len(lines)} lines)")
                    continue
                n = lines[line - 1].count(text)
                if n != 1:
                    errors.append(f"{where}: text occurs {n} times on line {line}: {lines[line - 1][:200]!r}")
                if ("end_line" in item) != ("end_text" in item):
                    errors.append(f"{where}: end_line and end_text go together")
                elif "end_line" in item:
                    el, et = item["end_line"], item["end_text"]
                    if el != line + 1 or el > len(lines) or not isinstance(et, str) or et not in lines[el - 1]:
                        errors.append(f"{where}: end_text must be on line {line + 1}")
                    elif lines[el - 1][: lines[el - 1].find(et)].strip(" \t>*_-") != "":
                        errors.append(f"{where}: end_text must start line {el}")
                if (line, text) in seen:
                    errors.append(f"{where}: listed twice")
                seen.add((line, text))
                counts[key] += 1
    return errors, counts


def main(argv: list[str]) -> int:
    corpus = CORPUS
    if len(argv) >= 2 and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(argv) >= 2 and argv[1] == "--corpus":  # a labelled set kept outside ../shared
        if len(argv) < 4 or not Path(argv[2]).is_dir():
            print("check_labels.py: --corpus DIR needs a folder of articles and LABELS.yaml files (or --show ARTICLE)",
                  file=sys.stderr)
            return 2
        corpus = Path(argv[2])
        argv = [argv[0], *argv[3:]]
    if len(argv) == 3 and argv[1] == "--show":
        path = Path(argv[2]) if Path(argv[2]).is_file() else corpus / argv[2]
        for n, line in enumerate(lines_of(path), 1):
            print(f"{n:5}| {line}")
        return 0
    files = [Path(a) for a in argv[1:]] or sorted((HERE / "labels").glob("*.yaml"))
    total_errors = 0
    for f in files:
        if f.name.startswith("-") or not f.is_file():
            print(f"check_labels.py: {f}: {'unknown option' if f.name.startswith('-') else 'no such labels file'} "
                  "(--help for usage)", file=sys.stderr)
            return 2
        from ruamel.yaml.error import YAMLError

        try:
            errors, counts = check_file(f, corpus)
        except (OSError, UnicodeDecodeError, YAMLError) as e:
            print(f"check_labels.py: {f}: cannot be read: {str(e).splitlines()[0] if str(e) else type(e).__name__}",
                  file=sys.stderr)
            return 2
        for e in errors:
            print("ERROR", e)
        total_errors += len(errors)
        data = load(f)
        print(f"{f.name}: {len(data) if isinstance(data, dict) else 0} articles, claims {counts['claim-needs-citation']}, "
              f"cited {counts['cited-claims']}, doses {counts['no-dose-numbers']}")
    print("FAIL" if total_errors else "OK")
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
