"""``contentlint test-rules [FILE ...]``: run rules' examples and annotated fixture
files (for rule authors)."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_FINDINGS, EXIT_OK, load, parser


def run(argv: list[str]) -> int:
    p = parser(
        prog="contentlint test-rules",
        description="Run rules' examples, and fixture files annotated with <!-- expect: RULE --> / <!-- ok: RULE -->.",
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="rule files or folders (YAML) and fixture files (Markdown); default: the rules in effect",
    )
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    from ..config.rules import load_rule_paths
    from ..examples import run_examples, run_fixture

    rule_paths = [f for f in args.files if not f.lower().endswith((".md", ".markdown"))]
    fixtures = [f for f in args.files if f.lower().endswith((".md", ".markdown"))]
    for d in [f for f in rule_paths if Path(f).is_dir()]:
        fixtures += sorted(str(x) for x in Path(d).glob("*.md"))
    rules = load_rule_paths(rule_paths) if rule_paths else load(args.config, Path.cwd())[1]
    passed = failed = 0
    for rule in rules:
        for r in run_examples(rule):
            if r.ok:
                passed += 1
            else:
                failed += 1
                print(r.describe())
    for fixture in fixtures:
        result = run_fixture(fixture, rules)
        wrong = result.wrong
        failed += wrong
        passed += result.checked - len(result.missing) - sum(1 for u in result.unexpected if u[4])
        if wrong:
            print(result.describe())
    print(f"{passed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK
