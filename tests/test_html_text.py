"""Text inside HTML blocks is prose: what a browser shows, at exact positions;
tags, attributes, comments, scripts and styles are not."""

from __future__ import annotations

from linter.config.packs import pack_dir
from linter.config.rules import load_rule_paths
from linter.document import Document
from linter.engine import lint_text
from linter.source import Source

PAGE = """# Review

<div class="review">
<h2>Why we like it</h2>
<p>Magnesium <b>relieves</b> muscle cramps &amp; eases tension at night. Take 400 mg before bed.</p>
<ul><li>Improves sleep quality</li><li>See <a href="https://pubmed.ncbi.nlm.nih.gov/123/">this trial</a>: it eases leg cramps</li></ul>
<table><tr><td>Dose</td><td>2 capsules</td></tr></table>
<script>var dose = "500 mg"; // relieves pain</script>
<style>.x { width: 300mg; }</style>
<!-- editor: take 900 mg -->
<img src="x.png" alt="relieves pain 600 mg">
</div>

After the block.
"""


def _blocks(text: str):
    return Document.parse(Source.from_text("p.md", text)).blocks


def test_html_blocks_become_prose_blocks_with_scopes_and_links():
    blocks = _blocks(PAGE)
    texts = [b.text for b in blocks]
    assert "Why we like it" in texts
    assert "Magnesium relieves muscle cramps & eases tension at night. Take 400 mg before bed." in texts
    assert "Improves sleep quality" in texts
    heading = blocks[texts.index("Why we like it")]
    assert heading.kind == "heading" and "h2" in heading.scopes and "html" in heading.scopes
    item = blocks[texts.index("Improves sleep quality")]
    assert "list_item" in item.scopes
    cell = blocks[texts.index("2 capsules")]
    assert cell.kind == "table_cell"
    cited = next(b for b in blocks if "this trial" in b.text)
    assert [link.href for link in cited.links] == ["https://pubmed.ncbi.nlm.nih.gov/123/"]
    assert not any("var dose" in t or "width" in t or "editor" in t or "x.png" in t for t in texts)
    assert [b.text for b in blocks][-1] == "After the block."  # document order kept


def test_every_character_maps_back_to_the_source():
    source = Source.from_text("p.md", PAGE)
    for b in Document.parse(source).blocks:
        for i, ch in enumerate(b.text):
            s, e = b.to_source(i, i + 1)
            if ch == "&":
                assert source.text[s:e] == "&amp;"
            elif not ch.isspace():
                assert source.text[s:e] == ch


def test_health_rules_read_html_blocks():
    rules = load_rule_paths([pack_dir("health")])
    found = lint_text(PAGE, rules, "p.md")
    doses = [f.match for f in found if f.rule == "no-dose-numbers"]
    assert "400 mg" in doses and "2 capsules" in doses
    assert "500 mg" not in doses and "900 mg" not in doses and "600 mg" not in doses
    claims = [f.match for f in found if f.rule == "claim-needs-citation"]
    assert any(m.startswith("Magnesium <b>relieves</b> muscle cramps") for m in claims)
    assert not any("leg cramps" in m for m in claims)  # cited by the PubMed link
    for f in found:
        assert PAGE[f.start : f.end] == f.match


QUOTED = """Intro.

> <p class="title">
>   <a href="https://example.org/x"
> onclick="track('x')">A paper</a>
> </p>
>
> <p>
>   Magnesium relieves
>   leg cramps. Take 400 mg at night.
> </p>

- <div>
  Ashwagandha eases stress: 600 mg a day.
  </div>
"""


def test_html_inside_a_quote_or_a_list_is_read_without_its_container_markers():
    # a WordPress export quotes an abstract as "> <p>...</p>": the browser shows its text
    blocks = [b for b in _blocks(QUOTED) if "html" in b.scopes]
    texts = [" ".join(b.text.split()) for b in blocks]
    assert texts == ["A paper", "Magnesium relieves leg cramps. Take 400 mg at night.",
                     "Ashwagandha eases stress: 600 mg a day."]
    assert all(">" not in b.text for b in blocks)
    assert "blockquote" in blocks[0].scopes and "blockquote" in blocks[1].scopes and "list_item" in blocks[2].scopes
    # a tag across lines (its attributes behind a marker) is read whole: its link is kept
    assert [link.href for link in blocks[0].links] == ["https://example.org/x"]
    source = Source.from_text("q.md", QUOTED)
    for b in blocks:
        for i, ch in enumerate(b.text):
            s, e = b.to_source(i, i + 1)
            if not ch.isspace():
                assert source.text[s:e] == ch


def test_health_rules_read_html_inside_a_quote_or_a_list_at_exact_positions():
    found = lint_text(QUOTED, load_rule_paths([pack_dir("health")]), "q.md")
    doses = [f.match for f in found if f.rule == "no-dose-numbers"]
    assert doses == ["400 mg", "600 mg"]
    claims = [f for f in found if f.rule == "claim-needs-citation"]
    assert any(f.match.startswith("Magnesium relieves") for f in claims)
    for f in found:
        assert QUOTED[f.start : f.end] == f.match
    # a match across a quoted line break spans the marker in the source, as in a Markdown quote
    claim = next(f for f in claims if f.match.startswith("Magnesium relieves"))
    assert "\n>   leg cramps" in QUOTED[claim.start : claim.end]


def test_html_in_a_container_whose_lines_are_not_its_content_is_left_alone():
    # a line that does not end with the parser's content line (as when the parser
    # expanded a tab into spaces): its markers cannot be told, so the block is not read
    from linter.document.html_text import html_blocks

    source = Source.from_text("q.md", "> <div>\n> relieves pain 400 mg\n> </div>\n")
    non_prose = [("html_block", 0, 3)]
    content = "<div>\nrelieves pain 400 mg\n</div>\n"
    assert [b.text.strip() for b in html_blocks(source, non_prose, {0: (content, frozenset({"blockquote"}))})] == [
        "relieves pain 400 mg"]
    assert html_blocks(source, non_prose, {0: (content.replace("pain", "p  n"), frozenset({"blockquote"}))}) == []
    assert html_blocks(source, non_prose, {}) == []


def test_an_unfinished_tag_at_the_end_is_not_text():
    assert not any("id=" in b.text for b in _blocks('<div id="foo"\n*hi*\n'))


def test_reading_html_is_linear_in_unclosed_tags_and_comments():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cpu_budget import cpu_budget

    with cpu_budget(5.0, "reading 300 KB of unclosed tags and comments"):
        for text in ("<div>x " + "<b " * 100_000, "<!--x" * 60_000, "<div>" + "<!x " * 75_000, "<div>x " + '<a "' * 75_000):
            _blocks(text)


def test_references_links_code_and_line_breaks_read_as_a_browser_shows_them():
    (b,) = _blocks("<div>\n<p>Ranked # 1 &# by readers</p>\n<img alt='Take 900 mg daily'>\n<!-- 600 mg -->\n</div>\n")
    assert b.text == "Ranked # 1 &# by readers"
    (b,) = _blocks("<p>Relieves anxiety <a href='https://pubmed.ncbi.nlm.nih.gov/1'>study <a href='https://shop.example'>buy</a>.</p>\n")
    assert [(b.text[link.start : link.end], link.href) for link in b.links] == [
        ("study ", "https://pubmed.ncbi.nlm.nih.gov/1"), ("buy", "https://shop.example")]
    (b,) = _blocks('<p>Set <code>dose = "500 mg"</code> here.</p>\n')
    assert b.text == "Set \ufffc here." and b.atoms[4].kind == "code"
    assert not _blocks('<pre><code>config = {"dose": "500 mg"}  # relieves pain</code></pre>\n') or all(
        "500" not in blk.text for blk in _blocks('<pre><code>config = {"dose": "500 mg"}</code></pre>\n'))
    (b,) = _blocks("<p>Magnesium relieves anxiety\rand migraine pain.</p>\r")
    assert b.text == "Magnesium relieves anxiety\nand migraine pain."


def test_a_link_written_as_html_in_a_paragraph_is_a_citation():
    """<a href> in a Markdown paragraph is a link as [text](url) is: a claim that
    links a health authority that way is cited; a shop link is not evidence."""
    text = (
        "# Water\n\nStudies show that <a href=\"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/\">hydrogen water</a>"
        " may help manage diabetes.<br><br>Hydrogen water may also help manage diabetes, says <a href='https://shop.example/x'>our shop</a>.\n"
    )
    doc = Document.parse(Source.from_text("a.md", text))
    block = doc.blocks[1]
    assert [(block.text[l.start : l.end], l.href) for l in block.links] == [
        ("hydrogen water", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/"),
        ("our shop", "https://shop.example/x"),
    ]
    found = [f for f in lint_text(text, load_rule_paths([pack_dir("health")]), "a.md") if f.rule == "claim-needs-citation"]
    assert [f.match for f in found] == [
        "Hydrogen water may also help manage diabetes, says <a href='https://shop.example/x'>our shop</a>."
    ]


def test_html_anchors_in_a_paragraph_pair_as_a_browser_pairs_them():
    """An <a> start ends an open <a>; a Markdown link's end ends an <a> left open
    inside its text; <a> without href links nowhere; data-href is not href."""
    def links(text):
        block = Document.parse(Source.from_text("a.md", text)).blocks[0]
        return [(block.text[l.start : l.end], l.href) for l in block.links]

    assert links("See [the <a href='https://shop.example/'>NIH](https://www.nih.gov/) page.") == [
        ("NIH", "https://shop.example/"), ("the \ufffcNIH", "https://www.nih.gov/")]
    assert links("<a href='https://www.nih.gov/'>one <a name='x'>two</a> three") == [("one ", "https://www.nih.gov/")]
    assert links("<a data-href='https://www.nih.gov/' href='https://shop.example/'>y</a>") == [("y", "https://shop.example/")]
    assert links("<a name='top'>x</a> and <a href=\"https://doi.org/1\">a DOI</a>") == [("a DOI", "https://doi.org/1")]


def test_the_links_rule_reads_links_written_in_html():
    from linter.config.rules import build_rule

    rule = build_rule({"id": "https-only", "kind": "links", "severity": "error", "message": "Use https: {match}",
                       "require_https": True}, "r.yaml")
    found = lint_text("Read <a href='http://example.com/x'>this page</a> first.\n", [rule], "a.md")
    assert [f.rule for f in found] == ["https-only"]


def test_html_in_a_footnote_stays_with_its_definition():
    blocks = _blocks("Intro.[^1]\n\n[^1]: See below.\n\n    <p>Take 400 mg daily.</p>\n\nBody after.\n")
    assert [b.text for b in blocks] == ["Intro.\ufffc", "Body after.", "See below.", "Take 400 mg daily."]
    assert "footnote" in blocks[-1].scopes and "html" in blocks[-1].scopes


def test_a_stray_close_token_does_not_lose_a_quoted_html_block():
    # the footnote plugin leaves a stray quote close when one definition nests another
    for text, scopes in (("x[^1]\n\n> [^1]: > [^2]: a\n>\n> <p>Take 400 mg.</p>\n", {"blockquote"}),
                         ("> - [^1]: > [^2]: a\n>\n>   <p>Take 400 mg.</p>\n\nx[^1]\n", {"blockquote", "list_item"})):
        (b,) = [b for b in _blocks(text) if "html" in b.scopes]
        assert b.text == "Take 400 mg." and scopes <= b.scopes


def test_html_in_a_list_item_indented_as_little_as_the_top_level_takes_the_item_scope():
    # "  <p>Sources:</p>" in an item is the item's, as its Markdown twin is: not a
    # references label over the paragraph after the list
    text = "- Intro\n\n  <p>Sources:</p>\n\nMagnesium cures leg cramps.\n"
    (b,) = [b for b in _blocks(text) if "html" in b.scopes]
    assert b.text == "Sources:" and "list_item" in b.scopes
    found = lint_text(text, load_rule_paths([pack_dir("health")]), "a.md")
    assert [f.match for f in found if f.rule == "claim-needs-citation"] == ["Magnesium cures leg cramps."]


def test_a_comment_ends_where_a_browser_ends_it():
    """HTML ends a comment at "--!>" and reads "<!-->" and "<!--->" as whole
    comments, then shows what follows; Markdown read all of it to "-->" as one
    comment. A comment that ends with "-->" still hides its text."""
    rules = load_rule_paths([pack_dir("health")])
    for shown in ("Intro. <!-- note --!> Kratom cures anxiety. Take 600 mg daily. -->",
                  "Intro. <!-- note ---> Kratom cures anxiety. Take 600 mg daily. -->",
                  "<!-- note --!> Kratom cures anxiety. Take 600 mg daily. -->",
                  "<!--> Kratom cures anxiety. Take 600 mg daily. -->",
                  "<!---> Kratom cures anxiety. Take 600 mg daily. -->",
                  "<div>\n<!--> Kratom cures anxiety. Take 600 mg daily. -->\n</div>",
                  "<div>\n<!-- x --!> Kratom cures anxiety. Take 600 mg daily. -->\n</div>"):
        text = f"# Kratom\n\n{shown}\n"
        found = [f for f in lint_text(text, rules, "c.md") if f.rule != "medical-disclaimer"]
        assert [(f.rule, text[f.start : f.end]) for f in found] == [
            ("claim-needs-citation", "Kratom cures anxiety."), ("no-dose-numbers", "600 mg")], shown
    hidden = "# Kratom\n\nIntro. <!-- kratom cures anxiety, take 600 mg --> End.\n\n<!-- take 600 mg -->\n"
    assert [f.rule for f in lint_text(hidden, rules, "c.md")] == []


def test_hidden_html_is_read_but_does_not_tell_the_page_s_language():
    """A tab or an accordion's panel ("hidden", display: none) is published text:
    its claims are read. It does not decide the page's language: Chinese text in
    hidden divs switched an English page's claim rule off."""
    from linter.document.language import detect

    hidden_zh = "<div hidden>\n<p>" + "人参可以增强免疫力。每天服用人参提取物可以改善睡眠和减轻焦虑。" * 2 + "</p>\n</div>\n\n"
    text = ("# Kratom\n\n" + hidden_zh + "Kratom cures anxiety. Take 600 mg daily.\n\n" + hidden_zh
            + '<div style="display: none">Kratom heals pain.</div>\n\n<div aria-hidden="true" class="hidden">Ginger eases nausea.</div>\n')
    doc = Document.parse(Source.from_text("h.md", text))
    assert detect(doc) is None or detect(doc)[0] != "zh"
    hidden = [b.text for b in doc.blocks if "hidden" in b.scopes]
    assert any("人参" in t for t in hidden) and "Kratom heals pain." in hidden
    assert not any("Ginger" in t for t in hidden)  # aria-hidden and a class are shown
    rules = load_rule_paths([pack_dir("health")])
    claims = [text[f.start : f.end] for f in lint_text(text, rules, "h.md") if f.rule == "claim-needs-citation"]
    assert "Kratom cures anxiety." in claims and "Kratom heals pain." in claims and "Ginger eases nausea." in claims


def test_a_word_split_by_what_shows_nothing_is_read_whole():
    """Empty tags, a comment, <wbr>, a zero-width space, a soft hyphen or a word
    joiner inside a word show nothing: "cu<span></span>res" is "cures" for a reader
    and for the rules, at exact positions. A tag with content between words
    ("the<b>benefits</b>") stays a mark."""
    rules = load_rule_paths([pack_dir("health")])
    for split in ("cu<span></span>res anxiety. Take 6<span></span>00 mg daily.",
                  "cu<!-- x -->res anxiety. Take 600<!-- x --> mg daily.",
                  "cu<wbr>res anxiety. Take 600 m<wbr>g daily.",
                  "cu\u200bres anxiety. Take 600\u200b mg daily.",
                  "cu\u00adres anxiety. Take 600 m\u00adg daily.",
                  "cu\u2060res anxiety. Take 600 m\u2060g daily.",
                  "cu&shy;res anxiety. Take 600&#8203;mg daily.",
                  "<div>Kratom cu&shy;res anxiety. Take 600&ZeroWidthSpace;mg daily.</div>",
                  "<div>Kratom cu\u200bres anxiety. Take 600\u200b mg daily.</div>"):
        text = "# Kratom\n\n" + (split if split.startswith("<") else "Kratom " + split) + "\n\nThis is not medical advice.\n"
        found = {f.rule: text[f.start : f.end] for f in lint_text(text, rules, "w.md")}
        assert found.get("claim-needs-citation", "").startswith("Kratom cu") and "no-dose-numbers" in found, split
        assert found["no-dose-numbers"].startswith("6") and found["no-dose-numbers"].endswith("g"), split
    block = _blocks("Kratom cu<span></span>res the<b>benefits</b> of it.\n")[0]
    assert block.text.startswith("Kratom cures the\ufffcbenefits")


def test_a_hidden_inline_element_does_not_split_its_sentence_and_crlf_after_a_comment_keeps_positions():
    rules = load_rule_paths([pack_dir("health")])
    text = ("# Kratom\n\nThis is not medical advice.\n\n<p>Kratom tea is popular. Take 600 <span hidden></span>mg daily.</p>\n\n"
            "<p>Kratom <span hidden></span>treats anxiety and pain.</p>\n")
    found = {f.rule: text[f.start : f.end] for f in lint_text(text, rules, "h.md")}
    assert found == {"no-dose-numbers": "600 <span hidden></span>mg",
                     "claim-needs-citation": "Kratom <span hidden></span>treats anxiety and pain."}
    crlf = "# Kratom\r\n\r\nThis is not medical advice.\r\n\r\nx <!-- a --!> Take 600\r\nmg daily. -->\r\n"
    (dose,) = [f for f in lint_text(crlf, rules, "c.md") if f.rule == "no-dose-numbers"]
    assert crlf[dose.start : dose.end] == "600\r\nmg"
