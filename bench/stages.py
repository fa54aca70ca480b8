"""Where one core's time goes: contentlint's pipeline cut into cumulative stages,
each a whole process over the corpus, timed side by side with the parse floor.

    python bench/stages.py --data /tmp/cl-bench --repeat 5

Parts timed one by one inside a single process add up to less than the whole
process (measured: about 2.3x of the floor against the whole's 3x; caches,
allocator and collector state differ), so each stage here is its own process doing everything
the stage before it did, plus one step. Each round runs every stage once, in
turn, and the table gives each stage's median, its ratio to the floor and what it
adds to the stage before it (its median ratio within rounds, so drift between
rounds cancels). Not a test: it prints figures.

Stages (the built-in pack, one job, no cache), each with the one it adds to:

- floor: markdown-it-py parse only (``run.py``'s parse floor, the reference of
  every ratio);
- floor (gc): the same with the collector set as the command sets it
  (``commands.lint.GC_THRESHOLDS``), as every later stage is;
- parser: contentlint's markdown-it-py setup (front matter, footnotes, the
  position-recording inline loop) on the same files, tokens only;
- prose: ``Document.parse``: tokens, then the prose view with source positions;
- sentences: the prose view split into sentences;
- pack: the rule set built (YAML, regexes; no cache, as on a first run) and the
  line index findings are placed with, but no rule run;
- + <rule>: each enabled built-in rule alone, on top of pack;
- rules: all of them (``engine.raw_findings``), on top of pack;
- cli: the command itself, ``contentlint --no-cache --jobs 1 --format json``:
  per-rule time limits, suppressions, the report.

Each stage prints what it made (tokens, blocks, sentences, findings; the
command's report is counted), and a stage that fails or makes nothing stops the
benchmark. The order of stages rotates from round to round.

``--rule ID`` (repeatable) times only those rules' ``+`` stages. ``--old DIR``:
another checkout of the project (``git worktree add --detach /tmp/cl-old
<commit>``) runs its own pack and ``+ <rule>`` stages in the same rounds
(``old pack``, ``old + <rule>``), and the report adds what each rule costs an
article in both and the median within rounds of this tree's addition over the
other's: a rule's cost then and now, the machine's drift shared.

    python bench/stages.py --cpu --rule claim-needs-citation --old /tmp/cl-old
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

STAGE = r"""
import gc, os, sys
stage, target, thresholds = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(target) for f in fs if f.endswith(".md"))
count = 0  # what the stage made (tokens, blocks, sentences, findings): printed, so a stage that does nothing shows
if stage.startswith("floor"):
    if stage == "floor (gc)":
        gc.set_threshold(*map(int, thresholds.split(",")))
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for f in files:
        with open(f, encoding="utf-8") as fh:
            count += len(md.parse(fh.read()))
    sys.exit(print(count))
gc.set_threshold(*map(int, thresholds.split(",")))  # as the command sets it
from linter.source import Source
def sources():
    for f in files:
        with open(f, "rb") as fh:
            yield Source.from_bytes(f, fh.read())
if stage == "parser":
    from linter.document.parser import markdown_parser
    md = markdown_parser()
    for s in sources():
        count += len(md.parse(s.normalized(), {}))
    sys.exit(print(count))
from linter.document import Document
if stage == "prose":
    for s in sources():
        count += len(Document.parse(s).blocks)
    sys.exit(print(count))
if stage == "sentences":
    for s in sources():
        count += len(Document.parse(s).sentences)
    sys.exit(print(count))
from linter.config.settings import load_config, resolve_rules
from linter.engine import raw_findings
rules = [r for r in resolve_rules(load_config(None)) if r.enabled]
if stage.startswith("rule:"):
    rules = [r for r in rules if r.id == stage[5:]]
    if not rules:
        sys.exit(f"no enabled rule {stage[5:]}")
elif stage == "pack":
    rules = []
for s in sources():
    doc = Document.parse(s)
    sentences = doc.sentences  # split here as in the sentences stage, whether or not a rule reads them
    s.line_starts  # the line index findings are placed with, shared by every rule
    count += len(raw_findings(doc, rules)) if rules else len(sentences)
print(count)
"""

UNITS = {"floor": "tokens", "parser": "tokens", "prose": "blocks", "sentences": "sentences", "pack": "sentences",
         "rules": "findings", "cli": "findings"}


CPU = False  # --cpu: CPU seconds (user + system) instead of wall seconds


def measure(argv, env) -> tuple[float, int]:
    """Wall seconds (or with ``--cpu`` CPU seconds: steadier on a loaded machine)
    of one whole process, and the count it made: what a stage prints, or the
    findings in the command's JSON report. A stage must exit 0 (the command 0 or
    1: 1 means it found problems) and make something (a single rule's stage may
    find nothing)."""
    command = argv[1:3] == ["-m", "linter"]
    t0 = time.perf_counter()
    before = os.times()
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    after = os.times()
    wall = time.perf_counter() - t0
    if CPU:
        wall = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    name = argv[-1] if command else argv[argv.index("-c") + 2]
    if proc.returncode not in ((0, 1) if command else (0,)):
        sys.exit(f"stage {name!r} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    try:
        count = len(json.loads(proc.stdout)) if command else int(proc.stdout)
    except ValueError:
        sys.exit(f"stage {name!r} printed no count: {proc.stdout.decode()[-200:]!r}")
    # one rule may find nothing in a corpus (unchecked-language in English articles);
    # every other stage must make something
    if count <= 0 and not name.startswith("rule:"):
        sys.exit(f"stage {name!r} made nothing")
    return wall, count


def rule_ids(env) -> list[str]:
    out = subprocess.run(
        [PY, "-P", "-c", "from linter.config.settings import load_config, resolve_rules\n"
         "print(' '.join(r.id for r in resolve_rules(load_config(None)) if r.enabled))"],
        env=env, capture_output=True, text=True, check=True,
    )
    return out.stdout.split()


def base_of(name: str) -> str | None:
    """The stage a stage adds one step to."""
    if name.startswith("+ "):
        return "pack"
    if name.startswith("old + "):
        return "old pack"
    if name == "old pack":
        return None
    return {
        "floor": None, "floor (gc)": "floor", "parser": "floor (gc)", "prose": "parser", "sentences": "prose",
        "pack": "sentences", "rules": "pack", "cli": "rules",
    }[name]


def table(walls: dict[str, list[float]], counts: dict[str, int], articles: int = 0) -> list[str]:
    """The report: per stage its median, its ratio to the floor and what it adds
    to its base (medians over rounds, so drift between rounds cancels), then what
    the 1.5x target leaves for the rules, and with an old checkout's stages what
    each rule costs an article (``articles``) in both. Pure, so a test can check
    the sums."""
    floor = walls["floor"]

    def ratio(name):
        return statistics.median(a / f for a, f in zip(walls[name], floor))

    def adds(name, base):
        return statistics.median((a - b) / f for a, b, f in zip(walls[name], walls[base], floor))

    lines = [f"  {'stage':<30} {'median':>8}  {'/ floor':>8}  {'adds':>6}  {'to':<16} made"]
    for name, w in walls.items():
        base = base_of(name)
        unit = "findings" if name.startswith(("+ ", "old + ")) else UNITS.get(name.removeprefix("old ").split(" (")[0], "")
        lines.append(
            f"  {name:<30} {statistics.median(w):7.2f}s  {ratio(name):7.2f}x  "
            f"{adds(name, base) if base else 0.0:+5.2f}x  {base or '':<16} {counts.get(name, 0):,} {unit}"
        )
    lines.append("")
    lines.append("  ratios and additions are medians over rounds of (stage / floor) and ((stage - its base) / floor)")
    rest = adds("cli", "rules")  # what the command adds to the rules: limits, suppressions, report
    budget = 1.5 - ratio("pack") - rest
    lines.append(f"  under the 1.5x target, left for running the rules: {budget:+.2f}x; they take {adds('rules', 'pack'):+.2f}x")
    for name in walls:
        if name.startswith("old + ") and name[4:] in walls:
            new, old = name[4:], name
            n = articles or 1
            new_ms = 1000 * statistics.median(a - b for a, b in zip(walls[new], walls["pack"])) / n
            old_ms = 1000 * statistics.median(a - b for a, b in zip(walls[old], walls["old pack"])) / n
            within = statistics.median(
                (a - b) / (c - d) for a, b, c, d in zip(walls[new], walls["pack"], walls[old], walls["old pack"])
            )
            lines.append(f"  {new[2:]}: {new_ms:.2f} ms an article, old {old_ms:.2f} ms; this / old {within:.2f}x "
                         "(median within rounds)")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--cpu", action="store_true", help="CPU seconds instead of wall seconds (a loaded machine)")
    ap.add_argument("--rule", action="append", default=[], help="time only this rule's + stage (repeatable)")
    ap.add_argument("--old", type=Path, help="another checkout whose pack and + <rule> stages run in the same rounds")
    args = ap.parse_args()
    if args.old and not (args.old / "linter" / "__init__.py").is_file():
        sys.exit(f"--old {args.old}: not a checkout of this project (no linter/__init__.py)")
    global CPU
    CPU = args.cpu
    corpus = Path(args.data) / "corpus"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "linter")], check=True)
    thresholds = subprocess.run(
        [PY, "-c", "from linter.commands.lint import GC_THRESHOLDS; print(','.join(map(str, GC_THRESHOLDS)))"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="cl-stages-") as tmp:
        target = corpus
        if args.limit:
            target = Path(tmp)
            for f in sorted(corpus.rglob("*.md"))[: args.limit]:
                shutil.copy(f, target / f.name)  # copies: the command does not follow symlinks
        return run(target, args.repeat, env, thresholds, args.rule, args.old)


def run(target: Path, repeat: int, env: dict, thresholds: str, only=(), old: Path | None = None) -> int:
    def stage(name, step=None, extra=None):
        return (name, [PY, "-c", STAGE, step or name, str(target), thresholds], {**env, **(extra or {})})

    def chosen(ids):
        missing = set(only) - set(ids)
        if missing:
            sys.exit(f"--rule: no enabled rule {', '.join(sorted(missing))}")
        return [rid for rid in ids if not only or rid in only]

    stages = [stage(n) for n in ("floor", "floor (gc)", "parser", "prose", "sentences", "pack")]
    stages += [stage(f"+ {rid}", f"rule:{rid}") for rid in chosen(rule_ids(env))]
    stages += [stage("rules"), ("cli", [PY, "-m", "linter", "--no-cache", "--jobs", "1", "--format", "json", str(target)], env)]
    if old:
        old_env = {**env, "PYTHONPATH": str(old.resolve())}
        subprocess.run([PY, "-m", "compileall", "-q", str(old / "linter")], check=True)
        # -P: the package from PYTHONPATH, not from the working directory
        stages.append(("old pack", [PY, "-P", "-c", STAGE, "pack", str(target), thresholds], old_env))
        stages += [(f"old + {rid}", [PY, "-P", "-c", STAGE, f"rule:{rid}", str(target), thresholds], old_env)
                   for rid in chosen(rule_ids(old_env))]
    n = len(list(target.rglob("*.md")))
    print(f"{n} articles; {repeat} rounds, every stage once a round, in an order rotated each round; "
          f"{os.cpu_count()} cores; {'CPU' if CPU else 'wall'} seconds", flush=True)
    walls: dict[str, list[float]] = {name: [] for name, *_ in stages}
    counts: dict[str, int] = {}
    for r in range(repeat):
        k = r % len(stages)
        for name, argv, stage_env in stages[k:] + stages[:k]:
            wall, counts[name] = measure(argv, stage_env)
            walls[name].append(wall)
        print(f"  round {r + 1}: floor {walls['floor'][-1]:.2f} s, cli {walls['cli'][-1]:.2f} s", flush=True)
    print()
    print("\n".join(table(walls, counts, n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
