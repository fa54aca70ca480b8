"""Rule pages: each rule's page address (SARIF ``helpUri``, the HTML report's
links; the language server's hover uses the same helper), from the config's
``docs_url`` or the pack's own documentation."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from linter.docsite import rule_url

ROOT = Path(__file__).resolve().parents[1]
DOSE = "# Kratom\n\nTake 600 mg of kratom.\n"
HOUSE_RULE = "id: no-miracle\nkind: pattern\nmessage: m\nterms: [miracle]\n"


def _project_docs() -> str | None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("urls", {})
    return urls.get("Documentation")


def test_builtin_rules_link_to_the_projects_published_docs_or_nowhere(health_rules):
    """The project names no Documentation URL until its docs are served: the
    built-in rules then link nowhere (never to a placeholder), and a docs_url
    links them."""
    base = _project_docs()
    assert base is None or "OWNER" not in base
    for rule in health_rules:
        assert rule_url(rule) == (f"{base.rstrip('/')}/rules/health/{rule.id}.html" if base else None)
    assert rule_url(health_rules[0], "https://docs.example.org/lint") == (
        f"https://docs.example.org/lint/health/{health_rules[0].id}.html"
    )


def test_sarif_help_uri_and_html_links_follow_docs_url(tmp_path, run_cli):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "miracle.yaml").write_text(HOUSE_RULE)
    (tmp_path / ".contentlint.yaml").write_text(
        "extends: [health]\nrule_files: [house/]\ndocs_url: https://lint.example.org/rules/\n"
    )
    (tmp_path / "a.md").write_text(DOSE + "\nA miracle.\n")
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=tmp_path)
    assert code == 1, err
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["no-dose-numbers"]["helpUri"] == "https://lint.example.org/rules/health/no-dose-numbers.html"
    assert "helpUri" not in rules["no-miracle"]  # the project's own rule: no page
    code, out, err = run_cli("--no-cache", "--format", "html", "a.md", cwd=tmp_path)
    assert '<a href="https://lint.example.org/rules/health/no-dose-numbers.html"><code>no-dose-numbers</code></a>' in out
    assert "<code>no-miracle</code>" in out and "no-miracle.html" not in out


def test_sarif_help_uri_defaults_to_the_projects_docs(tmp_path, run_cli):
    (tmp_path / "a.md").write_text(DOSE)
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=tmp_path)
    assert code == 1, err
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    base = _project_docs()
    assert rules["no-dose-numbers"].get("helpUri") == (base.rstrip("/") + "/rules/health/no-dose-numbers.html" if base else None)


@pytest.mark.parametrize("value", ["lint.example.org/rules", "javascript:alert(1)", "''"])
def test_docs_url_must_be_an_absolute_url(tmp_path, run_cli, value):
    (tmp_path / ".contentlint.yaml").write_text(f"extends: [health]\ndocs_url: {value}\n")
    (tmp_path / "a.md").write_text(DOSE)
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2
    assert re.fullmatch(r"\.contentlint\.yaml:2:11: 'docs_url' in the config must be an absolute URL .*\n", err), err


# -- the site (contentlint docs) ----------------------------------------------------

HOSTILE_RULES = """\
rules:
  - id: no-script
    kind: pattern
    severity: warning
    message: "<script>alert('{match}')</script> & more"
    description: >
      Flags `<b>bold</b>` words & "quotes" in <i>text</i>.
    terms: [cure]
    examples:
      fail: ["A <img src=x onerror=alert(1)> cure."]
      pass: ["</pre><script>alert(2)</script>"]
  - id: utilise
    kind: substitution
    message: "Use '{replacement}'."
    swap: {utilise: use}
    examples:
      fail: ["We utilise tea."]
  - id: heading-case
    kind: capitalization
    style: sentence
    message: "Sentence case."
    examples:
      fail: ["# Green Tea Facts\\n\\nText."]
"""


def _pack(tmp_path, rules_text=HOSTILE_RULES, name="house"):
    from linter.config.packs import Pack

    folder = tmp_path / "packsrc" / name
    folder.mkdir(parents=True)
    (folder / "rules.yaml").write_text(rules_text)
    return Pack(name, "2.0", folder, f"contentlint-{name}", None)


def test_builtin_pages_in_the_repository_are_current(tmp_path):
    """docs/rules/ is what `contentlint docs docs/rules --pack health` makes now
    (after editing a rule of the health pack: run it and commit the result)."""
    from linter.config.packs import builtin_pack
    from linter.docsite.build import site_files

    files = site_files([builtin_pack("health")])
    committed = {p.relative_to(ROOT / "docs" / "rules").as_posix() for p in (ROOT / "docs" / "rules").rglob("*") if p.is_file()}
    assert committed == set(files), "run: contentlint docs docs/rules --pack health"
    for rel, text in files.items():
        assert (ROOT / "docs" / "rules" / rel).read_text(encoding="utf-8") == text, (
            f"docs/rules/{rel} is stale; run: contentlint docs docs/rules --pack health"
        )


def test_every_rule_has_a_page_linked_from_the_index(tmp_path, health_rules):
    from html.parser import HTMLParser

    from linter.config.packs import builtin_pack
    from linter.docsite.build import write_site

    out = tmp_path / "site"
    written = write_site(out, [builtin_pack("health"), _pack(tmp_path)])
    ids = {r.id for r in health_rules}
    assert {f"health/{i}.html" for i in ids} | {"house/no-script.html", "index.html", "style.css"} <= set(written)

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs = []

        def handle_starttag(self, tag, attrs):
            self.hrefs += [v for k, v in attrs if k in ("href", "src")]

    for page in out.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.hrefs, page
        for href in parser.hrefs:
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), f"{page}: broken link {href}"
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{page}: no anchor {href}"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index('id="pack-health"') < index.index('id="pack-house"')  # built-in first
    for i in ids:
        assert f'href="health/{i}.html"' in index


def test_pages_escape_everything_from_rule_files(tmp_path):
    from linter.docsite.build import write_site

    out = tmp_path / "site"
    write_site(out, [_pack(tmp_path)])
    page = (out / "house" / "no-script.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&#x27;{match}&#x27;)&lt;/script&gt; &amp; more" in page
    assert "<code>&lt;b&gt;bold&lt;/b&gt;</code>" in page  # `code` in a description stays code
    # the example's finding is marked, the markup around it escaped
    assert "A &lt;img src=x onerror=alert(1)&gt; <mark>cure</mark>." in page
    assert "&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_fix_section_from_the_rules_own_fix(tmp_path):
    from linter.docsite.build import write_site

    out = tmp_path / "site"
    write_site(out, [_pack(tmp_path)])
    safe = (out / "house" / "utilise.html").read_text(encoding="utf-8")
    assert "<p>Safe: <code>contentlint --fix</code>" in safe
    assert '<pre class="fixed">We use tea.</pre>' in safe
    unsafe = (out / "house" / "heading-case.html").read_text(encoding="utf-8")
    assert "Unsafe (it may change meaning)" in unsafe and "--unsafe-fixes" in unsafe
    assert '<pre class="fixed"># Green tea facts\n\nText.</pre>' in unsafe
    none = (out / "house" / "no-script.html").read_text(encoding="utf-8")
    assert "No automatic fix" in none


def test_options_table_shows_the_packs_values(tmp_path):
    from linter.config.packs import builtin_pack
    from linter.docsite.build import write_site

    out = tmp_path / "site"
    write_site(out, [builtin_pack("health")])
    page = (out / "health" / "medical-disclaimer.html").read_text(encoding="utf-8")
    assert "<tr><td><code>min_triggers</code></td><td class=\"value\">2</td>" in page
    assert "<details><summary>" in page and "kratom" in page  # the long trigger list, folded
    assert "<tr><td><code>position</code></td><td class=\"value\">end</td>" in page


def test_site_folder_rules(tmp_path):
    """A new or empty folder, or one made by contentlint docs (its stale pages
    go); never someone else's folder."""
    from linter.docsite.build import write_site
    from linter.errors import UserError

    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    pack = _pack(tmp_path)
    with pytest.raises(UserError, match="not empty and not a site made by 'contentlint docs'"):
        write_site(out, [pack])
    assert (out / "notes.txt").read_text() == "mine"
    (out / "notes.txt").unlink()
    write_site(out, [pack])
    assert (out / "house" / "utilise.html").is_file()
    smaller = _pack(tmp_path / "b", HOSTILE_RULES.split("  - id: utilise")[0])
    write_site(out, [smaller])
    assert not (out / "house" / "utilise.html").exists() and (out / "house" / "no-script.html").is_file()
