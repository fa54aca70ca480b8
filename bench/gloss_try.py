"""How a gloss table reads sentences: each line of a sentence file is glossed
word for word (``linter/kinds/claim_gloss.py``) and the gloss is scored by the
claim rule at its ``gloss_threshold``, as the rule scores a glossed section.

    python bench/gloss_try.py de tests/gloss/de-check.txt            # the shipped table
    python bench/gloss_try.py de tests/gloss/de-check.txt --table my-de.tsv -v

A sentence file has one sentence a line, ``C<TAB>`` before a health claim and
``N<TAB>`` before one that is not. ``tests/gloss/`` holds such files, written for
the purpose (nothing in them comes from a real article): ``*-tuning.txt``, read
while the tables were grown, and ``*-check.txt``, scored once before and once
after. With ``-v`` every sentence is printed with its gloss, ``BAD`` where the
rule is wrong, and the words no entry glossed. Exit 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("code", help="the language code of the table (de es fr it nl pl pt)")
    ap.add_argument("sentences", type=Path, nargs="+", help="sentence files")
    ap.add_argument("--table", type=Path, help="a table file to try instead of the shipped one")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    from linter.config.rules import load_rule_file
    from linter.engine import lint_text
    from linter.kinds import claim_gloss as cg

    rule = load_rule_file(str(ROOT / "rules" / "health" / "claim-needs-citation.yaml"))[0]
    rule.options["threshold"] = rule.options["gloss_threshold"]
    path = args.table or cg.GLOSS_DIR / f"{args.code}.tsv"
    if not path.is_file():
        ap.error(f"no table {path}")
    cg.GLOSS_DIR, saved = path.parent, cg.GLOSS_DIR
    cg._TABLES.pop(path.stem, None)
    entries = cg.table(path.stem)
    cg.GLOSS_DIR = saved
    if not entries:
        ap.error(f"{path}: no entries")
    for sentences in args.sentences:
        try:
            lines = sentences.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            ap.error(f"{sentences}: {exc}")
        counts = {"C": [0, 0], "N": [0, 0]}
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            label, _, sentence = line.partition("\t")
            if label not in counts or not sentence.strip():
                ap.error(f"{sentences}:{n}: a line is 'C<TAB>sentence' or 'N<TAB>sentence'")
            gloss = cg.Gloss(sentence, entries, compounds=args.code in cg.COMPOUNDING).text
            flagged = any(f.rule == "claim-needs-citation" for f in lint_text(gloss + "\n", [rule]))
            counts[label][0] += flagged
            counts[label][1] += 1
            if args.verbose:
                source_words = {w.lower() for w in re.findall(r"\w+", sentence)}
                unglossed = [w for w in re.findall(r"\w+", gloss) if w.lower() in source_words and not w.isdigit()]
                mark = "ok " if flagged == (label == "C") else "BAD"
                print(f"{mark} {label} {'flagged' if flagged else 'silent '} | {gloss}"
                      + (f"   [unglossed: {' '.join(unglossed)}]" if unglossed else ""))
        print(f"{sentences}: claims flagged {counts['C'][0]}/{counts['C'][1]}; "
              f"non-claims flagged {counts['N'][0]}/{counts['N'][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
