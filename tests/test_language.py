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


def test_a_german_health_article_is_said_to_be_unchecked_at_its_title(run_cli, tmp_path):
    found = _lint(run_cli, tmp_path, GERMAN_HEALTH)
    assert [(f["rule"], f["line"], f["match"], f["severity"]) for f in found] == [
        ("unchecked-language", 5, "Kratom bei Angst", "info")
    ]
    assert found[0]["message"].startswith("Document looks German (de): claim-needs-citation and medical-disclaimer read English only")


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
