"""claim-needs-citation in other languages: the word-for-word gloss
(linter/kinds/claim_gloss.py), its map back to source offsets, and the findings in
glossed sections (exact positions, the source's words in the message)."""

from __future__ import annotations

import json

import pytest

from linter.kinds.claim_gloss import GLOSS_DIR, Gloss, table

TABLE = {"el": "the", "la": "the", "ayuda": "helps", "a": "to", "reducir": "reduce", "inflamación": "inflammation",
         "dolor de cabeza": "headache", "y": "and", "se": "-"}


def test_a_gloss_replaces_words_longest_first_and_keeps_the_rest():
    g = Gloss("El jengibre ayuda a reducir la inflamación y el dolor de cabeza, se dice.", TABLE)
    # unknown words stay, a capital stays a capital, '-' drops a word, a phrase is one entry
    assert g.text == "The jengibre helps to reduce the inflammation and the headache,  dice."


def test_gloss_offsets_map_back_to_the_source_words():
    src = "Texto.\n\nEl jengibre ayuda a reducir la inflamación y el dolor de cabeza."
    g = Gloss(src, TABLE)
    at = g.text.index("helps to reduce")
    start, end = g.source_offset(at), g.source_offset(at + len("helps to reduce"), end=True)
    assert src[start:end] == "ayuda a reducir"
    at = g.text.index("headache")
    assert src[g.source_offset(at) : g.source_offset(at + len("headache"), end=True)] == "dolor de cabeza"
    # text between replaced words maps one to one; the end of the text to the end
    assert src[g.source_offset(g.text.index("jengibre")) :].startswith("jengibre")
    assert g.source_offset(len(g.text), end=True) == len(src)


def test_a_phrase_never_spans_anything_but_spaces():
    g = Gloss("dolor de. cabeza", TABLE)
    assert "headache" not in g.text


def test_kept_range_is_not_glossed():
    src = "---\ntitle: la inflamación\n---\nla inflamación"
    g = Gloss(src, TABLE, keep=(0, src.rindex("la inflamación")))
    assert g.text == "---\ntitle: la inflamación\n---\nthe inflammation"


def test_tables_ship_for_the_languages_the_rule_glosses():
    from ruamel.yaml import YAML

    from linter.config.packs import builtin_rules_dir

    rule = YAML(typ="safe").load((builtin_rules_dir() / "health" / "claim-needs-citation.yaml").read_text(encoding="utf-8"))
    assert rule["glossed_languages"] and set(rule["glossed_languages"]) <= {p.stem for p in GLOSS_DIR.glob("*.tsv")}
    for code in rule["glossed_languages"]:
        entries = table(code)
        assert len(entries) > 300, code
        assert all(k == " ".join(k.lower().split()) and len(k.split()) <= 4 for k in entries)


def _lint(run_cli, tmp_path, text, config=None):
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    code, out, err = run_cli("--format", "json", "--no-cache", "a.md", cwd=tmp_path)
    assert code in (0, 1), err
    return [f for f in json.loads(out) if f["rule"] == "claim-needs-citation"]


SPANISH = (
    "# El jengibre en la cocina\n\n"
    "El dolor de cabeza es uno de los problemas más comunes, y muchas personas lo sufren cada semana. "
    "En este artículo vemos qué se puede hacer en casa.\n\n"
    "El jengibre ayuda a reducir la inflamación y alivia el dolor de cabeza en pocos minutos.\n\n"
    "La receta es sencilla: se pela la raíz, se corta en trozos y se hierve en agua durante diez minutos.\n"
)


def test_a_spanish_claim_is_found_at_its_source_sentence(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, SPANISH)
    claim = "El jengibre ayuda a reducir la inflamación y alivia el dolor de cabeza en pocos minutos."
    assert [(f["line"], f["column"], f["match"]) for f in found] == [(5, 1, claim)]
    assert f["end_line"] == 5 and f["end_column"] == 1 + len(claim) if (f := found[0]) else False
    # the message names the Spanish words, not their gloss
    assert "ayuda" in found[0]["message"] or "alivia" in found[0]["message"] or "reducir" in found[0]["message"]


@pytest.mark.parametrize("setting", ["{glossed_languages: []}", "{model: ''}"])
def test_glossing_is_an_option_of_the_model(run_cli, tmp_path, setting):
    # the phrase families alone (model: '') read English only
    assert _lint(run_cli, tmp_path, SPANISH, f"rules:\n  claim-needs-citation: {setting}\n") == []


def test_an_english_article_with_a_spanish_section_is_read_once(run_cli, tmp_path):
    english = ("Ginger is a root that many people keep in the kitchen. It is easy to grow at home, and the plant "
               "looks nice on a sunny window sill, where it needs little care and only some water each week.")
    text = f"# Ginger\n\n{english}\n\n## En español\n\n" + SPANISH.split("\n\n", 1)[1]
    found = _lint(run_cli, tmp_path, text)
    assert [f["match"] for f in found] == ["El jengibre ayuda a reducir la inflamación y alivia el dolor de cabeza en pocos minutos."]


@pytest.mark.parametrize("config, error", [
    ("rules:\n  claim-needs-citation: {glossed_languages: [xx]}\n", "unknown value 'xx'"),
    ("rules:\n  claim-needs-citation: {gloss_threshold: 1.5}\n", "gloss_threshold must be a probability"),
    ("rules:\n  claim-needs-citation: {glossed_languages: [es, xx]}\n", "unknown value 'xx'"),
])
def test_gloss_options_are_validated(run_cli, tmp_path, config, error):
    (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and error in err and "Traceback" not in err


def test_an_unknown_compound_is_read_as_its_parts():
    from linter.kinds.claim_gloss import compound

    entries = {"schlaf": "sleep", "probleme": "problems", "gesundheit": "health", "schmerzen": "pain", "zu": "to"}
    assert compound("schlafprobleme", entries.get) == "sleep problems"
    assert compound("gesundheitsprobleme", entries.get) == "health problems"  # a joining 's'
    assert compound("rückenschmerzen", entries.get) == "pain"  # the head alone when the rest is unknown
    assert compound("haustürschlüssel", entries.get) is None
    # only for the languages that compound, and only for long words
    assert Gloss("Schlafprobleme sind häufig.", entries, compounds=True).text == "Sleep problems sind häufig."
    assert "Schlafprobleme" in Gloss("Schlafprobleme sind häufig.", entries).text
    assert Gloss("zuschlaf", {"schlaf": "sleep"}, compounds=True).text == "sleep"
    assert Gloss("zschlaf", {"schlaf": "sleep"}, compounds=True).text == "zschlaf"  # under 8 letters


GERMAN = (
    "# Kamille gegen Bauchschmerzen\n\n"
    "Kamillentee ist ein altes Hausmittel, das viele Menschen in Deutschland kennen und das bei uns seit "
    "Jahrhunderten getrunken wird. Die Blüten werden im Sommer gesammelt und dann getrocknet.\n\n"
    "{lead}Kamille hilft gegen Entzündungen und lindert Bauchschmerzen innerhalb weniger Minuten.\n"
)


def test_the_claim_words_are_the_source_words_after_a_letter_that_lowers_longer(run_cli, tmp_path):
    # 'İ' lowers to two code points: the claim words must still be the ones glossed
    plain = _lint(run_cli, tmp_path, GERMAN.format(lead=""))
    dotted = _lint(run_cli, tmp_path, GERMAN.format(lead="İstanbul: "))
    assert [f["message"] for f in dotted] == [f["message"] for f in plain]
    assert "('hilft gegen Entzündungen und lindert Bauchschmerzen')" in plain[0]["message"]


def test_urls_link_destinations_and_et_al_are_not_glossed():
    table = {"com": "how", "es": "is", "al": "to the", "et": "and", "la": "the"}
    src = "la [x](https://www.mdpi.com/es/al) <https://a.es/al> www.b.com et al. la (Ruiz et al., 2019) la <a href=x>la</a>"
    g = Gloss(src, {**table, "a": "to"})
    assert g.text == "the [x](https://www.mdpi.com/es/al) <https://a.es/al> www.b.com et al. the (Ruiz et al., 2019) the <a href=x>the</a>"


@pytest.mark.parametrize("text", [
    # French "et" is "and": the narrative citation must stay "Dupont et al. (2019)"
    "# La camomille\n\nLa camomille est une plante que l'on connaît depuis très longtemps en France, et elle est souvent "
    "servie après le repas dans les familles. Les fleurs sont cueillies en été puis séchées à l'ombre.\n\n"
    "Selon Dupont et al. (2019), la camomille soulage les douleurs et réduit l'inflammation.\n",
    # Italian "com" is "how": a link to mdpi.com is a citation
    "# Lo zenzero\n\nLo zenzero è una radice che si usa molto nella cucina asiatica e che oggi si trova in ogni mercato "
    "della città. Molte persone lo bevono con miele e limone ogni mattina.\n\n"
    "Lo zenzero riduce l'infiammazione e allevia il mal di testa ([studio](https://www.mdpi.com/2072-6643/11/1/1)).\n",
    # Spanish "al" is "to the": "et to the." ended a sentence, and "(2019), el jengibre ..." was found
    SPANISH.replace("El jengibre ayuda", "Según García et al. (2019), el jengibre ayuda"),
    # Spanish "a" is "to": <a href> must stay a link
    SPANISH.replace("en pocos minutos.", 'en pocos minutos, según <a href="https://pubmed.ncbi.nlm.nih.gov/20418184/">un estudio</a>.'),
])
def test_a_cited_claim_stays_cited_through_the_gloss(run_cli, tmp_path, text):
    assert _lint(run_cli, tmp_path, text) == []



@pytest.mark.parametrize("heading", ["Quellen", "Literatur", "Literaturverzeichnis", "Einzelnachweise"])
def test_a_numbered_citation_finds_its_list_under_a_heading_in_the_articles_language(run_cli, tmp_path, heading):
    # the reference list is found by its glossed heading: "Quellen" must read "Sources",
    # or each cited claim, and the list's own entries, are reported
    text = (GERMAN.format(lead="").replace("Minuten.\n", "Minuten [1].\n")
            + f"\n## {heading}\n\n1. Srivastava JK et al. Chamomile: A herbal medicine. Mol Med Rep. 2010.\n"
            "2. Amsterdam JD et al. Chamomile for anxiety. J Clin Psychopharmacol. 2009.\n")
    assert _lint(run_cli, tmp_path, text) == []


@pytest.mark.parametrize("code, heading", [("es", "Referencias"), ("es", "Bibliografía"), ("fr", "Références"),
                                           ("fr", "Bibliographie"), ("it", "Bibliografia"), ("it", "Riferimenti"),
                                           ("nl", "Literatuur"), ("pl", "Źródła"), ("pl", "Bibliografia"),
                                           ("pt", "Referências")])
def test_reference_headings_gloss_to_english_ones(code, heading):
    from linter.config.packs import builtin_rules_dir
    from ruamel.yaml import YAML

    rule = YAML(typ="safe").load((builtin_rules_dir() / "health" / "claim-needs-citation.yaml").read_text(encoding="utf-8"))
    assert Gloss(heading, table(code)).text.lower() in rule["reference_headings"]


def test_parts_gloss_each_range_with_its_own_table_in_one_pass():
    de, es = {"hilft": "helps", "bei": "with"}, {"ayuda": "helps", "con": "with"}
    src = "Ingwer hilft bei Übelkeit. El jengibre ayuda con las náuseas. Ginger hilft."
    at_es, at_en = src.index("El"), src.index("Ginger")
    g = Gloss(src, None, parts=[(0, de, True), (at_es, es, False), (at_en, None, False)])
    assert g.text == "Ingwer helps with Übelkeit. El jengibre helps with las náuseas. Ginger hilft."
    # a phrase never reaches across two parts
    g = Gloss("hilft bei", None, parts=[(0, {"hilft": "helps"}, False), (6, {"bei": "with"}, False)])
    assert g.text == "helps with"


def test_a_document_in_three_languages_is_read_in_each(run_cli, tmp_path):
    german = ("Ingwer ist eine Wurzel, die in vielen Küchen der Welt verwendet wird und heute in jedem Supermarkt "
              "zu finden ist. Man kann ihn frisch oder getrocknet kaufen, und er hält sich im Kühlschrank mehrere "
              "Wochen, wenn man ihn gut verpackt. Viele Menschen reiben ihn in die Suppe oder schneiden ihn in "
              "dünne Scheiben. Ingwer ist eine Wurzel, die in vielen Küchen der Welt verwendet wird und heute in jedem Supermarkt "
              "zu finden ist. Die meisten Menschen kennen ihn aus dem Tee. Ingwer lindert Krämpfe und hilft bei "
              "Schlafproblemen, sagen viele Anwender.")
    spanish = ("El jengibre es una raíz que se usa mucho en la cocina de Asia y que hoy se encuentra en cualquier "
               "mercado. La mayoría de las personas lo conocen por el té. El jengibre ayuda a reducir la "
               "inflamación y alivia el dolor de cabeza en pocos minutos.")
    english = ("Ginger is a root that many people keep in the kitchen. It is easy to grow at home, and the plant "
               "looks nice on a sunny window sill, where it needs little care and only some water each week.")
    text = f"# Ginger\n\n{english}\n\n## En español\n\n{spanish}\n\n## Auf Deutsch\n\n{german}\n"
    found = [f["match"] for f in _lint(run_cli, tmp_path, text)]
    assert "Ingwer lindert Krämpfe und hilft bei Schlafproblemen, sagen viele Anwender." in found
    assert "El jengibre ayuda a reducir la inflamación y alivia el dolor de cabeza en pocos minutos." in found


def test_a_phrase_entry_matches_across_an_apostrophe_or_a_hyphen():
    entries = {"brûlures d estomac": "heartburn", "anti inflammatoire": "anti-inflammatory", "c est": "it is"}
    g = Gloss("C'est anti-inflammatoire et calme les brûlures d'estomac.", entries)
    assert g.text == "It is anti-inflammatory et calme les heartburn."
    assert Gloss("brûlures d, estomac", entries).text == "brûlures d, estomac"  # a comma is not a joiner


def test_an_english_run_does_not_import_the_gloss(tmp_path):
    """Start-up stays light: the gloss (and its tables) load only for a document that needs them."""
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("# Kratom\n\nKratom may help reduce anxiety and pain.\n", encoding="utf-8")
    code = ("import sys\nfrom linter.cli import main\nmain(['--no-cache', 'a.md'])\n"
            "print('GLOSS' if 'linter.kinds.claim_gloss' in sys.modules else 'NO GLOSS', file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert "NO GLOSS" in proc.stderr, proc.stderr
    # and a German one does
    (tmp_path / "a.md").write_text("# Ingwer\n\nIngwer ist eine Wurzel, die in vielen Küchen der Welt verwendet wird und "
                                   "heute in jedem Supermarkt zu finden ist. Die meisten Menschen kennen ihn aus dem Tee, "
                                   "und viele reiben ihn in die Suppe. Es lindert Krämpfe, sagen viele Anwender.\n",
                                   encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.stderr.strip().endswith("GLOSS") and "NO GLOSS" not in proc.stderr, proc.stderr


def test_a_huge_word_is_not_split_as_a_compound():
    """Splitting costs a word's length squared: a hostile 'word' of a million letters
    would hold the rule for minutes. Past COMPOUND_MAX letters it is read as it is."""
    from linter.kinds.claim_gloss import COMPOUND_MAX

    entries = {"schmerzen": "pain"}
    assert Gloss("a" * 10 + "schmerzen", entries, compounds=True).text == "pain"
    huge = "a" * COMPOUND_MAX + "schmerzen"
    assert Gloss(huge, entries, compounds=True).text == huge


def test_hostile_runs_are_glossed_in_linear_time():
    """A URL's scheme is bounded: unbounded, "a.a.a.a..." was tried to its end from
    every letter (its length squared: 40 KB took 4 s, 400 KB minutes); a huge
    "word" is not split as a compound. CPU budgets tens of times what they need."""
    from cpu_budget import cpu_budget

    from linter.kinds.claim_gloss import _UNGLOSSED

    with cpu_budget(1.0, "finding the kept spans of 40 KB of 'a.a.a.'"):
        for piece in ("a.", "a-", "a+"):
            assert list(_UNGLOSSED.finditer(piece * 20000)) == []
    with cpu_budget(1.0, "glossing a German 'word' of 100,000 letters"):
        Gloss("schmerz" + "a" * 100_000, {"schmerzen": "pain", "a": "a"}, compounds=True)
    # a scheme of up to 32 characters is still one
    assert _UNGLOSSED.search("see " + "a." * 10 + "b://x y").group() == "a." * 10 + "b://x"
