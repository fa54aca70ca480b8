"""Every rule kind has a folder in tests/kinds/: rule files (with examples) and
fixtures annotated with <!-- expect: RULE --> / <!-- ok: RULE -->. `contentlint
test-rules FOLDER` must pass on each; the built-in pack has its own fixture. The
fixtures' full output is snapshot-tested in tests/test_kind_snapshots.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.kinds import KINDS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FOLDERS = sorted(p for p in (HERE / "kinds").iterdir() if p.is_dir())


def test_every_kind_has_a_fixture_folder():
    assert set(KINDS) <= {p.name for p in FOLDERS}


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_kind_fixtures(folder, run_cli):
    code, out, err = run_cli("test-rules", str(folder))
    assert code == 0, out + err
    assert out.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_builtin_pack(run_cli):
    code, out, _ = run_cli("test-rules", str(ROOT / "rules" / "health"))
    assert code == 0, out
    passed = int(out.strip().splitlines()[-1].split()[0])
    assert passed >= 50


def test_a_mismatch_prints_a_readable_diff_and_exits_1(tmp_path, run_cli):
    (tmp_path / "r.yaml").write_text("id: no-foo\nkind: pattern\nmessage: m\nterms: [foo]\n", encoding="utf-8")
    (tmp_path / "f.md").write_text(
        "<!-- expect: no-foo -->\nbar\n\n<!-- ok: no-foo -->\nfoo\n\nfoo again\n", encoding="utf-8"
    )
    code, out, _ = run_cli("test-rules", str(tmp_path / "r.yaml"), str(tmp_path / "f.md"))
    assert code == 1
    assert "  - line 2: expected no-foo, got nothing" in out
    assert "  + line 5: unexpected no-foo (marked ok): 'foo': m" in out
    assert "  + line 7: unexpected no-foo: 'foo': m" in out
    assert out.strip().endswith("0 passed, 3 failed")


def test_an_annotation_naming_no_loaded_rule_is_one_mismatch_at_its_own_line(tmp_path, run_cli):
    """One mismatch, at the annotation's line, with the nearest rule id; the
    annotated rules that exist are still checked."""
    (tmp_path / "r.yaml").write_text("id: no-foo\nkind: pattern\nmessage: m\nterms: [foo]\n", encoding="utf-8")
    (tmp_path / "f.md").write_text("Intro.\n\n<!-- expect: no-fo, no-foo -->\nfoo\n", encoding="utf-8")
    code, out, _ = run_cli("test-rules", str(tmp_path / "r.yaml"), str(tmp_path / "f.md"))
    assert code == 1
    assert "f.md: 1 mismatch\n  ! line 3: no rule 'no-fo' is loaded (did you mean 'no-foo'?)\n" in out
    assert "line 0" not in out and out.strip().endswith("1 passed, 1 failed")


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_a_hit_s_values_are_its_message_s_fields_and_its_fix_is_typed(folder):
    """A hit's values are what a message template may name; its fix, whether the
    fix is safe and whether it is about the whole document are fields of the hit,
    never keys among the values a message reads."""
    from linter.config.rules import load_rule_paths
    from linter.document import Document
    from linter.findings import Fix
    from linter.source import Source

    rules = load_rule_paths([folder])
    docs = [Document.parse(Source.from_text(str(md), md.read_text(encoding="utf-8"))) for md in sorted(folder.glob("*.md"))]
    hits = 0
    for rule in rules:
        for doc in docs:
            for hit in rule.check.run(doc):
                hits += 1
                assert set(hit.values) <= type(rule.check).TEMPLATE_FIELDS, (rule.id, hit.values)
                assert hit.fix is None or (isinstance(hit.fix, Fix) and hit.fix.applicability in ("safe", "unsafe"))
                assert isinstance(hit.document, bool)
    assert hits
