"""Where one core's time goes: contentlint's pipeline cut into cumulative stages,
each a whole process over the corpus, timed side by side with the parse floor.

    python bench/stages.py --data /tmp/cl-bench --repeat 5

Parts timed one by one inside a single process add up to less than the whole
process (session 6 measured about 2.3x against 3x: caches, allocator and
collector state differ), so each stage here is its own process doing everything
the stage before it did, plus one step. Each round runs every stage once, in
turn, and the table gives each stage's median, its ratio to the floor and what it
adds to the stage before it (its median ratio within rounds, so drift between
rounds cancels). Not a test: it prints figures.

Stages (the built-in pack, one job, no cache):

- floor: markdown-it-py parse only (what ``run.py`` calls the parse floor);
- parser: contentlint's markdown-it-py setup (front matter, footnotes, the
  position-recording inline loop) on the same files, tokens only;
- prose: ``Document.parse``: tokens, then the prose view with source positions;
- sentences: the prose view split into sentences;
- + <rule>: each built-in rule alone, on top of the sentences stage;
- rules: all built-in rules (``engine.raw_findings``);
- cli: the command itself, ``contentlint --no-cache --jobs 1 --format json``;
- prose, sentences and rules again with ``CONTENTLINT_PARSER=markdown-it-pyrs``
  (the optional Rust parser), when it is installed.

Stages after the floor set the collector's thresholds as the command does
(``cli.GC_THRESHOLDS``): with the default ones, full collections over the live
rule set and documents cost the rules stage a fifth more than the command.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

STAGE = r"""
import os, sys
stage, target = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(target) for f in fs if f.endswith(".md"))
count = 0  # what the stage made (tokens, blocks, sentences, findings): printed, so a stage that does nothing shows
if stage == "floor":
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for f in files:
        with open(f, encoding="utf-8") as fh:
            count += len(md.parse(fh.read()))
    sys.exit(print(count))
import gc
from linter.cli import GC_THRESHOLDS
gc.set_threshold(*GC_THRESHOLDS)  # as the command sets it
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
rules = resolve_rules(load_config(None))
if stage.startswith("rule:"):
    rules = [r for r in rules if r.id == stage[5:]]
    assert rules, stage
for s in sources():
    doc = Document.parse(s)
    doc.sentences  # split here as in the sentences stage, whether or not a rule reads them
    count += len(raw_findings(doc, rules))
print(count)
"""


UNITS = {"floor": "tokens", "parser": "tokens", "prose": "blocks", "sentences": "sentences", "rules": "findings"}


def has_pyrs() -> bool:
    return subprocess.run([PY, "-c", "import markdown_it_pyrs"], capture_output=True).returncode == 0


def measure(argv, env) -> tuple[float, str]:
    """Wall seconds of one whole process, and the count a stage prints ("" for
    the command, whose report is not read)."""
    command = argv[1:3] == ["-m", "linter"]
    t0 = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL if command else subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: the command found problems
        sys.exit(f"{argv[-2:]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, "" if command else proc.stdout.decode().strip()


def rule_ids(env) -> list[str]:
    out = subprocess.run(
        [PY, "-c", "from linter.config.settings import load_config, resolve_rules\n"
         "print(' '.join(r.id for r in resolve_rules(load_config(None))))"],
        env=env, capture_output=True, text=True, check=True,
    )
    return out.stdout.split()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = ap.parse_args()
    corpus = Path(args.data) / "corpus"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    env.pop("CONTENTLINT_PARSER", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "linter")], check=True)
    target = corpus
    if args.limit:
        import shutil
        import tempfile

        target = Path(tempfile.mkdtemp(prefix="cl-stages-"))
        for f in sorted(corpus.glob("*.md"))[: args.limit]:
            shutil.copy(f, target / f.name)  # copies: the command does not follow symlinks
    script = [PY, "-c", STAGE]
    stages = [("floor", [*script, "floor", str(target)]), ("parser", [*script, "parser", str(target)]),
              ("prose", [*script, "prose", str(target)]), ("sentences", [*script, "sentences", str(target)])]
    stages += [(f"+ {rid}", [*script, f"rule:{rid}", str(target)]) for rid in rule_ids(env)]
    stages += [("rules", [*script, "rules", str(target)]),
               ("cli", [PY, "-m", "linter", "--no-cache", "--jobs", "1", "--format", "json", str(target)])]
    pyrs = {"CONTENTLINT_PARSER": "markdown-it-pyrs"}
    if has_pyrs():
        stages += [(f"{name} (pyrs)", [*script, name, str(target)], pyrs) for name in ("prose", "sentences", "rules")]
    stages = [(name, argv, {**env, **extra}) for name, argv, *more in stages for extra in (more[0] if more else {},)]
    n = sum(1 for _ in target.glob("*.md"))
    print(f"{n} articles; {args.repeat} rounds, every stage once a round; {os.cpu_count()} cores", flush=True)
    walls: dict[str, list[float]] = {name: [] for name, *_ in stages}
    counts: dict[str, str] = {}
    for r in range(args.repeat):
        for name, argv, stage_env in stages:
            wall, counts[name] = measure(argv, stage_env)
            walls[name].append(wall)
        print(f"  round {r + 1}: floor {walls['floor'][-1]:.2f} s, cli {walls['cli'][-1]:.2f} s", flush=True)
    floor = walls["floor"]
    print(f"\n  {'stage':<30} {'median':>8}  {'/ floor':>8}  {'adds':>6}  made")
    previous = None
    for name, *_ in stages:
        w = walls[name]
        ratio = statistics.median(a / b for a, b in zip(w, floor))
        if name.startswith("+ "):
            base = "sentences"
        elif name == "prose (pyrs)":
            base = "parser"
        else:
            base = previous
        adds = statistics.median((a - b) / f for a, b, f in zip(w, walls[base], floor)) if base else 0.0
        made = f"{int(counts[name]):,} {UNITS[name.split(' (')[0]] if not name.startswith('+ ') else 'findings'}" if counts[name] else ""
        print(f"  {name:<30} {statistics.median(w):7.2f}s  {ratio:7.2f}x  {adds:+5.2f}x  {made}")
        if not name.startswith("+ "):
            previous = name
    print("\n  ratios and additions are medians over rounds of (stage / floor) and "
          "((stage - stage before) / floor); '+ rule' rows add to 'sentences', "
          "'prose (pyrs)' to 'parser'")
    budget = 1.5 - statistics.median(a / b for a, b in zip(walls["sentences"], floor))
    print(f"  under the 1.5x target, what is left for all rules after the sentences stage: {budget:+.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
