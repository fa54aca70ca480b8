"""The language detector (linter/document/language.py), the `language` kind and the
`languages` option of the `required` kind."""

from __future__ import annotations

import json

import pytest

from linter.document import Document
from linter.document.language import detect_text
from linter.source import Source

SAMPLES = {
    "en": "Magnesium is a mineral that the body needs for its muscles and nerves. Most people get enough of it "
          "from their food, but some of them take it as a supplement when they are under stress.",
    "de": "Magnesium ist ein Mineralstoff, den der Körper für die Muskeln und die Nerven braucht. Die meisten "
          "Menschen nehmen genug davon mit der Nahrung auf, aber bei Stress kann der Bedarf steigen.",
    "es": "El magnesio es un mineral que el cuerpo necesita para los músculos y los nervios. La mayoría de las "
          "personas lo obtienen de la dieta, pero con el estrés la necesidad puede ser mayor.",
    "fr": "Le magnésium est un minéral dont le corps a besoin pour les muscles et les nerfs. La plupart des gens "
          "en trouvent assez dans leur alimentation, mais le stress peut augmenter les besoins.",
    "pt": "O magnésio é um mineral que o corpo precisa para os músculos e os nervos. A maioria das pessoas "
          "obtém o suficiente da dieta, mas com o estresse a necessidade pode ser maior do que isso.",
    "pl": "Magnez jest minerałem, którego ciało potrzebuje dla mięśni i nerwów. Większość ludzi ma go dość "
          "w diecie, ale przy stresie potrzeba może być większa, więc to nie jest tak, że każdy go ma.",
    "it": "Il magnesio è un minerale di cui il corpo ha bisogno per i muscoli e per i nervi. La maggior parte "
          "delle persone ne trova abbastanza nella dieta, ma con lo stress il bisogno può essere più alto.",
    "nl": "Magnesium is een mineraal dat het lichaam nodig heeft voor de spieren en de zenuwen. De meeste mensen "
          "krijgen er genoeg van binnen met hun voeding, maar bij stress kan de behoefte groter worden.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_each_language_is_told_from_a_paragraph(code):
    lang = detect_text(SAMPLES[code])
    assert lang is not None and lang[0] == code and lang[1] >= 0.4, lang


def test_too_little_text_decides_nothing():
    assert detect_text("Magnesium: 300 mg.") is None
    assert detect_text("") is None


def test_document_language_reads_prose_only_and_is_cached():
    text = "---\ntitle: the and of to is are was were that this with for\n---\n" + SAMPLES["de"] + "\n\n```\nthe and of to is are was were that this with for not you your\n```\n"
    doc = Document.parse(Source.from_text("a.md", text))
    assert doc.language[0] == "de"
    assert doc.language is doc.language


def _lint(run_cli, tmp_path, text):
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, err = run_cli("--format", "json", "--no-cache", "a.md", cwd=tmp_path)
    return json.loads(out)


GERMAN_HEALTH = (
    "---\ntitle: Kratom\n---\n<!-- draft -->\n# Kratom bei Angst\n\n"
    "Kratom wird bei Angst und Schmerzen verwendet, und viele Menschen nehmen es gegen die Symptome. "
    "Die Dosis ist bei jedem anders. Sprich mit deinem Arzt, bevor du damit anfängst, denn es gibt auch "
    "Nebenwirkungen und nicht jeder verträgt es gut. Kratom ist in einigen Ländern verboten, auch in der EU.\n"
)


def test_a_german_health_article_is_said_to_be_unchecked_for_claims_and_needs_a_disclaimer(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, GERMAN_HEALTH)
    assert [(f["rule"], f["line"], f["match"], f["severity"]) for f in found] == [
        ("medical-disclaimer", 5, "Kratom bei Angst", "error"),
        ("unchecked-language", 5, "Kratom bei Angst", "info"),
        # a usage claim, read through the German gloss
        ("claim-needs-citation", 7, "Kratom wird bei Angst und Schmerzen verwendet, und viele Menschen nehmen es gegen die Symptome.", "error"),
    ]
    assert "('Kratom')" in found[0]["message"]
    assert found[1]["message"].startswith("Document looks German (de): claim-needs-citation reads German only through a word-for-word English gloss")
    # a German disclaimer satisfies it
    found = _lint(run_cli, tmp_path, GERMAN_HEALTH + "\nDieser Artikel ersetzt keine ärztliche Beratung.\n")
    assert [f["rule"] for f in found] == ["unchecked-language", "claim-needs-citation"]


@pytest.mark.parametrize("text", [
    # "pain" is bread in French, "Dose" a tin in German: health words only in English sections
    "# Pain de campagne\n\nLe pain de campagne demande du temps. Pétrissez la pâte, laissez-la reposer une nuit, "
    "puis façonnez le pain et faites-le cuire une heure. Ce pain se garde trois jours, et le pain rassis fait un "
    "excellent pain perdu le dimanche matin avec du lait et des œufs.\n",
    "# Chili con carne\n\n- 400 g Kidneybohnen (Dose)\n- 150 g Mais (Dose)\n- 1 Dose Tomaten\n\n"
    "Die Zwiebeln anbraten, das Hackfleisch dazugeben und alles mit den Bohnen, dem Mais und den Tomaten aus der "
    "Dose eine Stunde köcheln lassen. Mit Reis oder Brot servieren, am besten mit einem kalten Bier dazu.\n",
])
def test_a_false_friend_counts_only_in_its_own_language(run_cli, tmp_path, text):
    assert "medical-disclaimer" not in {f["rule"] for f in _lint(run_cli, tmp_path, text)}


def test_an_english_false_friend_still_counts_in_english(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, "# Back pain\n\nThe pain eased after a week, and the dose was small.\n")
    assert [f["rule"] for f in found if f["rule"] == "medical-disclaimer"] == ["medical-disclaimer"]


def test_an_english_article_gets_no_language_note_and_its_disclaimer_finding_at_the_title(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, "---\ntitle: Kratom\n---\n\n# Kratom and anxiety\n\nKratom is used for anxiety and pain. "
                                     "Consult your doctor before starting.\n")
    assert "unchecked-language" not in {f["rule"] for f in found}
    disclaimer = [f for f in found if f["rule"] == "medical-disclaimer"]
    assert [(f["line"], f["column"], f["match"]) for f in disclaimer] == [(5, 3, "Kratom and anxiety")]
    assert "('Kratom')" in disclaimer[0]["message"]


def test_required_languages_option(run_cli, tmp_path):
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  medical-disclaimer: {languages: [en, de]}\n", encoding="utf-8")
    found = _lint(run_cli, tmp_path, GERMAN_HEALTH)
    assert "medical-disclaimer" in {f["rule"] for f in found}
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  medical-disclaimer: {languages: [en, xx]}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(GERMAN_HEALTH, encoding="utf-8")
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and "unknown value 'xx'" in err


@pytest.mark.parametrize("option, value, error", [
    ("language_triggers", "{xx: [pain]}", "unknown language 'xx'"),
    ("language_triggers", "{fr: pain}", "must map each language to a list of terms ('fr' does not)"),
    ("language_triggers", "[pain]", "language_triggers"),
    ("language_suggestions", "{xx: text}", "unknown language 'xx'"),
    ("language_suggestions", "{de: ''}", "must map each language to a text ('de' does not)"),
])
def test_the_per_language_options_are_validated(run_cli, tmp_path, option, value, error):
    (tmp_path / ".contentlint.yaml").write_text(f"rules:\n  medical-disclaimer: {{{option}: {value}}}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Pain\n\nPain.\n", encoding="utf-8")
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and error in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_language_triggers_in_a_rule_of_ones_own(run_cli, tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "bread-note.yaml").write_text(
        "id: bread-note\nkind: required\nmessage: needs a note\npatterns: ['NOTE']\n"
        "language_triggers: {fr: [pain]}\nmin_triggers: 2\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [house/]\n", encoding="utf-8")
    french = ("Le pain de campagne demande du temps. Pétrissez la pâte, laissez-la reposer une nuit, puis façonnez "
              "le pain et faites-le cuire une heure dans un four très chaud.")
    english = ("The pain in my back came back after the long drive, and the pain did not ease until the evening, when "
               "I finally lay down on the floor for a while.")
    for text, rules in ((french, ["bread-note"]), (english, [])):
        (tmp_path / "a.md").write_text(text + "\n", encoding="utf-8")
        code, out, err = run_cli("--format", "json", "a.md", cwd=tmp_path)
        assert [f["rule"] for f in json.loads(out)] == rules, err


def test_a_document_level_finding_on_a_very_long_first_line_spans_the_start_of_its_prose(run_cli, tmp_path):
    html = "<div><p>" + "Kratom is used for anxiety and pain by many people. " * 20 + "</p></div>\n"
    found = [f for f in _lint(run_cli, tmp_path, html) if f["rule"] == "medical-disclaimer"]
    assert [(f["line"], f["column"]) for f in found] == [(1, 9)]
    assert found[0]["match"].startswith("Kratom is used for anxiety") and len(found[0]["match"]) <= 120
    assert found[0]["match"].endswith("Kratom is used")  # cut at a word


def test_a_document_level_finding_never_spans_code(run_cli, tmp_path):
    found = [f for f in _lint(run_cli, tmp_path, "Kratom and kratom `CODE 5 mg` for pain.\n") if f["rule"] == "medical-disclaimer"]
    assert [(f["column"], f["match"]) for f in found] == [(1, "Kratom and kratom")]
    found = [f for f in _lint(run_cli, tmp_path, "`CODE` kratom for anxiety and pain.\n") if f["rule"] == "medical-disclaimer"]
    assert [(f["column"], f["match"]) for f in found] == [(1, "")]


# -- per section ---------------------------------------------------------------------

EN = SAMPLES["en"] + " There are many forms of it, and not all of them suit everyone."
DE = SAMPLES["de"] + " Es gibt viele Formen, und nicht jede wird gleich gut vertragen."
FR = SAMPLES["fr"] + " Si vous avez un doute, parlez-en à votre médecin avant de prendre un complément."
CLAIM = "Magnesium improves sleep quality in older adults."
# an English claim quoted inside German prose: read as English, the claim rule flags it
DE_QUOTING = DE + " Im Netz liest man oft den Satz „" + CLAIM[:-1] + "“, aber das ist nicht für jeden so."


def _doc(text):
    return Document.parse(Source.from_text("a.md", text))


def _claims(found):
    return [(f["line"], f["match"]) for f in found if f["rule"] == "claim-needs-citation"]


def _notes(found):
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["match"], f["message"].split(":")[0])
            for f in found if f["rule"] == "unchecked-language"]


def test_sections_split_at_every_heading_and_nest_by_level():
    doc = _doc("Intro line.\n\n# Title\n\nText.[^1]\n\n## A\n\nA text.\n\n### A.1\n\n<h2>B</h2>\n\nB text.\n\n[^1]: A note.\n")
    sections = doc.sections
    assert [s.heading.text if s.heading else None for s in sections] == [None, "Title", "A", "A.1", "B"]
    assert [s.level for s in sections] == [0, 1, 2, 3, 2]
    parents = [s.parent.heading.text if s.parent else None for s in sections]
    assert parents == [None, None, "Title", "A", "Title"]
    assert [b.text for b in sections[0].blocks] == ["Intro line."]
    # a footnote definition belongs to the section it is written in
    assert [b.text for b in sections[-1].blocks] == ["B", "B text.", "A note."]
    assert [s.start for s in sections] == [0, doc.source.text.index("Title"), doc.source.text.index("A\n"),
                                            doc.source.text.index("A.1"), doc.source.text.index("B</h2>")]


def test_each_section_has_its_own_language_and_short_ones_take_the_one_around_them():
    doc = _doc(f"# Magnesium\n\n{EN}\n\n{EN}\n\n## Deutsch\n\n{DE}\n\n### Wirkung\n\nEs wirkt bei jedem anders.\n\n"
               f"## Notes\n\nShort.\n\n## Français\n\n{FR}\n\n## Forms\n\n{EN}\n")
    assert doc.language[0] == "en"
    got = [(s.heading.text if s.heading else None, s.detected and s.detected[0], s.language) for s in doc.sections]
    assert got == [(None, None, "en"), ("Magnesium", "en", "en"), ("Deutsch", "de", "de"),
                   ("Wirkung", None, "de"), ("Notes", None, "en"), ("Français", "fr", "fr"), ("Forms", "en", "en")]


def test_a_document_all_in_english_reads_as_english_everywhere():
    from linter.kinds.base import Reading

    doc = _doc(f"# Magnesium\n\n{EN}\n\n## Forms\n\n{EN}\n\n## Dose\n\nShort.\n")
    assert {s.language for s in doc.sections} == {"en"}
    assert Reading(doc, ["en"]).everything
    assert Reading(doc, ["de"]).nothing


def test_an_english_article_with_a_german_section(run_cli, tmp_path):
    text = f"# Magnesium and sleep\n\n{EN}\n\n{EN}\n\n{CLAIM}\n\n## Auf Deutsch\n\n{DE_QUOTING}\n\n### Wirkung\n\nEs wirkt bei jedem anders.\n"
    found = _lint(run_cli, tmp_path, text)
    # the English claim is flagged; the German section is read through its gloss
    # (tests/test_claim_gloss.py), where the quoted English claim is found too
    assert _claims(found) == [(7, CLAIM), (11, DE_QUOTING.split(". ")[-1])]
    # read as it is, not at all
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  claim-needs-citation: {glossed_languages: []}\n", encoding="utf-8")
    found = _lint(run_cli, tmp_path, text)
    assert _claims(found) == [(7, CLAIM)]
    # one note, at the German section's heading: not again for its short subsection
    assert _notes(found) == [(9, 4, 9, 15, "Auf Deutsch", "Section looks German (de)")]
    # a section in another language than the one around it is noted as well
    found = _lint(run_cli, tmp_path, text + f"\n#### Citation française\n\n{FR}\n")
    assert [n[4] for n in _notes(found)] == ["Auf Deutsch", "Citation française"]
    assert _notes(found)[1][5] == "Section looks French (fr)"


def test_a_german_article_with_an_english_section(run_cli, tmp_path):
    text = (f"# Magnesium und Schlaf\n\n{DE_QUOTING}\n\n## Summary in English\n\n{EN} {CLAIM}\n\n"
            f"## Kurz\n\n{CLAIM}\n\n## Mehr\n\n{DE}\n")
    # the German sections' gloss finds the claims they hold (tests/test_claim_gloss.py)
    assert [line for line, _ in _claims(_lint(run_cli, tmp_path, text))] == [3, 7, 11]
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  claim-needs-citation: {glossed_languages: []}\n", encoding="utf-8")
    found = _lint(run_cli, tmp_path, text)
    # the English section is read; the short one under "## Kurz" counts as German, as the document
    assert _claims(found) == [(7, CLAIM)]
    # the document's note covers its German sections; English ones are read, not noted
    assert _notes(found) == [(1, 3, 1, 23, "Magnesium und Schlaf", "Document looks German (de)")]
    assert "review its claims by hand" in [f for f in found if f["rule"] == "unchecked-language"][0]["message"]


def test_a_section_too_short_to_tell_is_read_as_its_document(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, f"# Magnesium\n\n{EN}\n\n## Deutsch\n\nMagnesium ist gut für die Muskeln. {CLAIM}\n")
    assert _notes(found) == []
    assert _claims(found) == [(7, CLAIM)]


def test_the_part_before_the_first_heading_is_a_section(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, f"{DE}\n\n# Magnesium\n\n{EN}\n\n## More\n\n{EN}\n\n## Still more\n\n{EN}\n")
    # at its first line, cut at a word after 120 characters, as a document's note is
    first = DE[:120][: DE[:120].rfind(" ")]
    assert _notes(found) == [(1, 1, 1, 1 + len(first), first, "Section looks German (de)")]


def test_disclaimer_triggers_count_in_the_sections_the_rule_reads(run_cli, tmp_path):
    german_kratom = ("Kratom wird bei Angst verwendet, und viele Menschen nehmen Kratom gegen die Schmerzen. "
                     "Die Dosis ist bei jedem anders, und nicht jeder verträgt es gut. Sprich mit deinem Arzt, "
                     "bevor du damit anfängst, denn es gibt auch Nebenwirkungen, die man nicht unterschätzen sollte.")
    travel = ("We walked along the river at dawn and then had coffee in a small place by the bridge. It was "
              "quiet, and the light on the water was the best part of the day. After that we took the train "
              "to the coast, where we stayed for two more nights before we went home.")
    text = f"# A week in Bavaria\n\n{travel}\n\n## Auf Deutsch\n\n{german_kratom}\n"
    # the built-in rule reads German too: the German section makes the article need one
    found = _lint(run_cli, tmp_path, text)
    assert [(f["line"], f["match"]) for f in found if f["rule"] == "medical-disclaimer"] == [(1, "A week in Bavaria")]
    assert [n[4] for n in _notes(found)] == ["Auf Deutsch"]
    # limited to English, it counts the English sections' words only
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  medical-disclaimer: {languages: [en]}\n", encoding="utf-8")
    found = _lint(run_cli, tmp_path, text)
    assert "medical-disclaimer" not in {f["rule"] for f in found}
    # the same health words in the English part make it apply
    found = _lint(run_cli, tmp_path, text.replace("## Auf Deutsch", "Kratom is used for anxiety and pain.\n\n## Auf Deutsch"))
    assert [(f["line"], f["match"]) for f in found if f["rule"] == "medical-disclaimer"] == [(1, "A week in Bavaria")]


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_a_section_is_scored_as_the_document_is(code):
    from linter.document.language import _WEIGHTS, PROFILES, scores

    words = (SAMPLES[code] + " " + SAMPLES["en"]).lower().replace(",", "").replace(".", "").split()
    plain = dict.fromkeys(PROFILES, 0.0)  # each occurrence's weight 1/n, added one by one
    for w in words:
        for c, weight in _WEIGHTS.get(w, ()):
            plain[c] += weight
    counted = scores(words)
    assert counted.keys() == plain.keys() and all(abs(counted[c] - plain[c]) < 1e-9 for c in plain)
    assert sum(plain.values()) > 20


def test_a_section_is_told_where_the_document_opens_with_too_few_function_words(run_cli, tmp_path):
    # the document's language is told from its first 800 words: here a table of
    # amounts with no function word, so it cannot be told; the German section can
    table = "| Mineral | Amount |\n|---|---|\n" + "".join(f"| Magnesium {i} | {i} mg |\n" for i in range(500))
    text = f"# Minerals\n\n{table}\n## Deutsch\n\n{DE}\n"
    assert _doc(text).language is None
    found = _lint(run_cli, tmp_path, text)
    assert [n[4] for n in _notes(found)] == ["Deutsch"]


HEALTH_IN = {
    "de": SAMPLES["de"] + " Magnesium lindert Schmerzen und hilft bei Angst, sagen viele, aber die Dosis sollte ein Arzt festlegen.",
    "es": SAMPLES["es"] + " El magnesio alivia el dolor y la ansiedad, y un médico puede indicar la dosis adecuada.",
    "fr": SAMPLES["fr"] + " Le magnésium soulage la douleur et l'anxiété, et un médecin peut conseiller la dose.",
    "pt": SAMPLES["pt"] + " O magnésio alivia a dor e a ansiedade, e um médico pode indicar a dose certa.",
    "pl": SAMPLES["pl"] + " Magnez łagodzi ból i lęk, a lekarz może dobrać dawkę dla każdego.",
    "it": SAMPLES["it"] + " Il magnesio allevia il dolore e l'ansia, e un medico può consigliare la dose.",
    "nl": SAMPLES["nl"] + " Magnesium verlicht pijn en klachten, en een huisarts kan de dosering bepalen.",
}


@pytest.mark.parametrize("code", sorted(HEALTH_IN))
def test_the_disclaimer_suggested_is_in_the_articles_language_and_its_fix_satisfies_the_rule(run_cli, tmp_path, code):
    from ruamel.yaml import YAML

    from linter.config.packs import builtin_rules_dir

    rule = YAML(typ="safe").load((builtin_rules_dir() / "health" / "medical-disclaimer.yaml").read_text(encoding="utf-8"))
    wanted = " ".join(rule["language_suggestions"][code].split())
    text = f"# Magnesium\n\n{HEALTH_IN[code]}\n"
    found = [f for f in _lint(run_cli, tmp_path, text) if f["rule"] == "medical-disclaimer"]
    assert len(found) == 1 and wanted in found[0]["message"]
    code_, out, err = run_cli("--fix", "--no-cache", "a.md", cwd=tmp_path)
    fixed = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert fixed.startswith(text) and wanted in fixed  # nothing the user wrote is lost
    assert "medical-disclaimer" not in {f["rule"] for f in _lint(run_cli, tmp_path, fixed)}


def test_an_english_article_still_gets_the_english_suggestion(run_cli, tmp_path):
    found = [f for f in _lint(run_cli, tmp_path, "# Kratom\n\nKratom is used for anxiety and pain.\n") if f["rule"] == "medical-disclaimer"]
    assert "This article is for informational purposes only" in found[0]["message"]


SCRIPT_SAMPLES = {
    "zh": "姜黄可以缓解关节疼痛，增强免疫力。它是一种传统草药。",
    "ja": "ターメリックは関節の痛みを和らげ、免疫力を高めると言われています。",
    "ko": "강황은 관절 통증을 완화하고 면역력을 높여 줍니다. 전통적인 약초입니다.",
    "ru": "Куркума облегчает боль в суставах и укрепляет иммунитет. Это традиционная трава.",
    "uk": "Куркума полегшує біль у суглобах і зміцнює імунітет. Це традиційна трава.",
    "ar": "الكركم يخفف آلام المفاصل ويقوي المناعة. وهو عشب تقليدي يستخدم منذ آلاف السنين.",
    "fa": "زردچوبه درد مفاصل را کاهش می‌دهد و سیستم ایمنی را تقویت می‌کند. گیاهی سنتی است.",
    "hi": "हल्दी जोड़ों के दर्द को कम करती है और रोग प्रतिरोधक क्षमता को बढ़ाती है।",
    "el": "Ο κουρκουμάς ανακουφίζει τον πόνο στις αρθρώσεις και ενισχύει το ανοσοποιητικό.",
    "he": "כורכום מקל על כאבי מפרקים ומחזק את מערכת החיסון. זהו צמח מרפא מסורתי.",
    "th": "ขมิ้นช่วยบรรเทาอาการปวดข้อและเสริมสร้างภูมิคุ้มกันให้แข็งแรงขึ้น",
}


@pytest.mark.parametrize("code", sorted(SCRIPT_SAMPLES))
def test_a_language_the_profiles_cannot_read_is_told_by_its_script(code):
    assert detect_text(SCRIPT_SAMPLES[code]) == (code, 1.0)


@pytest.mark.parametrize("text", [
    "Turmeric (姜黄) is a root.",                         # a quoted name is not a language
    "Kurkuma lindert Gelenkschmerzen.",                   # Latin letters: the profiles' business
    "Magnesium 镁 and zinc 锌 and iron 铁 are minerals that matter.",
])
def test_a_few_letters_of_another_script_decide_nothing(text):
    assert detect_text(text) is None


def test_an_article_in_a_script_no_rule_reads_is_noted_and_not_passed_as_checked(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, "# 姜黄\n\n" + SCRIPT_SAMPLES["zh"] + "\n")
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [
        ("unchecked-language", 1, "Document looks Chinese (zh): the health rules do not read Chinese: no claim in it "
                                  "was checked, nor a dose written in its own words (only milligrams and micrograms are read, as mg or in its script), "
                                  "nor its disclaimer; review it by hand.")]
    # a Russian section of an English article is noted at its heading
    text = ("# Turmeric\n\n" + SAMPLES["en"] + "\n\n## По-русски\n\n" + SCRIPT_SAMPLES["ru"] + "\n")
    notes = [(f["line"], f["message"].split(":")[0]) for f in _lint(run_cli, tmp_path, text)
             if f["rule"] == "unchecked-language"]
    assert notes == [(5, "Section looks Russian (ru)")]


def test_a_japanese_page_that_names_english_products_is_japanese():
    text = ("ターメリックは関節の痛みを和らげます。Nature Made Turmeric Curcumin Complex と "
            "NOW Foods Curcumin Phytosome がおすすめです。")
    lang = detect_text(text)
    assert lang is not None and lang[0] == "ja" and lang[1] >= 0.4


def test_the_language_kind_readings_are_options(run_cli, tmp_path):
    (tmp_path / "r.yaml").write_text(
        "id: lang\nkind: language\nmessage: '{part}: {reading}'\nglossed: [de]\n"
        "glossed_reading: 'glossed {language}'\nunread_reading: 'not read: {language}'\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [r.yaml]\n", encoding="utf-8")
    (tmp_path / "de.md").write_text(SAMPLES["de"] + "\n", encoding="utf-8")
    (tmp_path / "ru.md").write_text(SCRIPT_SAMPLES["ru"] + "\n", encoding="utf-8")
    code, out, err = run_cli("--format", "json", "--no-cache", "de.md", "ru.md", cwd=tmp_path)
    assert sorted(f["message"] for f in json.loads(out) if f["rule"] == "lang") == [
        "Document: glossed German", "Document: not read: Russian"]
