"""claim-citation: a sentence that makes an efficacy claim must carry a citation.

A claim is found by phrase families built from the rule's lexicons (all data in
the YAML; this module only knows the grammar):

- verb + target: a reducing verb with a condition or measure ("relieves pain",
  "may help reduce anxiety"), an improving verb with a wellness target or measure
  ("boosts mood", "promotes relaxation"), a managing verb with any target
  ("helps manage symptoms"); up to ``max_gap_words`` words between them.
- passive: "anxiety was reduced", "symptoms are relieved".
- testimonial and result nouns: "users report reduced anxiety", "find relief",
  "relief from withdrawal", "an uplift in mood", "anxiety relief".
- efficacy phrases: "effective for insomnia", "a remedy for pain", "an
  alternative to antidepressants", "mood-enhancing".

A sentence is exempt when it is a question, when a negation, a "more research is
needed"/"whether" cue or a consult-a-professional purpose clause governs the claim,
or when it states legal status or a definition. The finding spans the sentence.

Citations (any one in the same sentence): a footnote reference to a footnote that
exists; a link to a listed scholarly or health-authority domain; a DOI or PMID; an
author-year reference "(Smith et al., 2020)"; a numbered reference "[3]", or its
number as a superscript ("<sup>3</sup>", "³"), when the article has a numbered
reference list.
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urlsplit

from ..fields import Field
from ..document import Document, Sentence
from ..document.prose import PLACEHOLDER
from ..document.sentences import REF_NUMBER, SUPERSCRIPT_REF
from ..document.language import NAMES as LANGUAGE_NAMES
from ..matching import terms_regex, words_of
from ..matching.cues import SPACE, phrase_regex
from .base import Check, Hit, Reading, Scope, is_question

_LIST = lambda doc="": Field("str-or-list", default=[], doc=doc)  # noqa: E731

_DOI = re.compile(r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s\ufffc]+", re.I)
_PMID = re.compile(r"\b(?:PMID|PMCID)\s*:?\s*(?:PMC)?\d{4,9}\b")
# (Smith, 2020) (Smith et al., 2020; Lee & Park 2019a) (see Jones 2018, p. 4)
_AUTHOR_YEAR = re.compile(
    r"\((?:[^()]*?\b)?[A-Z][\w'’\-]+(?:[^()]{0,80}?)[,\s]\s*(?:19|20)\d{2}[a-z]?\b[^()]*\)"
)
# Smith et al. (2020) / Smith and Lee (2019)
_NARRATIVE = re.compile(r"\b[A-Z][\w'’\-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][\w'’\-]+)?\s+\((?:19|20)\d{2}[a-z]?\)")
_NUMBERED = re.compile(r"\[\d{1,3}(?:\s*[-\u2013,]\s*\d{1,3})*\]")
# what a superscript holds when it is a reference's number: "<sup>4</sup>", "<sup>[4]</sup>", "<sup>2,5-7</sup>"
_SUP_NUMBER = re.compile(r"\s*" + REF_NUMBER + r"\s*")
# a reference's number in superscript digits, after a word or a sentence's punctuation ("healing.⁵", "wounds⁵"),
# not after a digit or a one- or two-letter unit ("10⁵", "m²", "cm³")
# (the letters before are letters, not superscripts, which ``\w`` holds: a start inside a
# run of superscripts would cost a scan of the run each)
_SUP_DIGITS = re.compile(r"(?:(?<=[^\W\d\u00b2\u00b3\u00b9\u2070-\u209f]{3})|(?<=[.,;:)\]]))"
                         + SUPERSCRIPT_REF + r"(?![\w\u2070-\u209f])")

_WORD = r"[\w’'\-]+"


def _superscript_number(block, start: int, end: int) -> bool:
    """Whether an HTML superscript holding only a reference's number ("<sup>5</sup>",
    the HTML form of "[5]") starts in ``block.text[start:end]``: not an exponent, after
    a digit or a unit of one or two letters ("10<sup>9</sup>", "kg/m<sup>2</sup>").
    Only the sentence's own placeholders are looked at, so a block's sentences cost
    their length together, however many tags the block holds."""
    text = block.text
    atoms = block.atoms
    pos = text.find(PLACEHOLDER, start, end)
    while pos >= 0:
        atom = atoms.get(pos)
        if atom is not None and atom.kind == "html" and atom.label == "sup" and not _exponent(text, pos):
            close = text.find(PLACEHOLDER, pos + 1, min(pos + 24, len(text)))
            after = atoms.get(close) if close >= 0 else None
            if after is not None and after.label == "/sup" and _SUP_NUMBER.fullmatch(text, pos + 1, close):
                return True
        pos = text.find(PLACEHOLDER, pos + 1, end)
    return False


def _exponent(text: str, at: int) -> bool:
    """Whether a superscript at ``at`` follows a digit or a word of one or two letters."""
    k = at
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    return (at > 0 and text[at - 1].isdigit()) or 0 < at - k <= 2


def _cites_in_text(text: str) -> bool:
    """A DOI, PMID or author-year reference written in the sentence. Each search
    runs only where the literal text all its matches hold is there (a substring
    test costs a tenth of a search that fails, and most sentences have none)."""
    if "10." in text and _DOI.search(text):
        return True
    if "PM" in text and _PMID.search(text):
        return True
    return "(" in text and (_AUTHOR_YEAR.search(text) is not None or (("(19" in text or "(20" in text) and _NARRATIVE.search(text) is not None))


def _inflect(verb: str) -> list[str]:
    """treat -> treat treats treated treating; relieve -> relieves relieved
    relieving; help manage -> helps manage ... (first word inflected)."""
    first, _, rest = verb.partition(" ")
    rest = f" {rest}" if rest else ""
    forms = {first}
    if first.endswith("e") and not first.endswith("ee"):
        forms |= {first + "s", first + "d", first[:-1] + "ing"}
    elif first.endswith("y") and first[-2:-1] not in "aeiou":
        forms |= {first[:-1] + "ies", first[:-1] + "ied", first + "ing"}
    elif first.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {first + "es", first + "ed", first + "ing"}
    else:
        forms |= {first + "s", first + "ed", first + "ing"}
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", first):
            # one syllable ending consonant-vowel-consonant: stop -> stopped, stopping
            forms |= {first + first[-1] + "ed", first + first[-1] + "ing"}
    return [f + rest for f in forms]


def _alt(compiler, words, inflect: bool = False) -> str:
    items = set()
    for w in words:
        items.update(_inflect(w) if inflect else [w])
    return compiler.trie(items, space=SPACE)


# first words of a verbless benefit fragment ("Better sleep", "Reduced injury
# rates", "Relief from cramps"), besides the claim verbs' past participles
_OPENERS = frozenset(
    "better lower less fewer greater faster stronger healthier deeper more quicker clearer sharper calmer "
    "relief reduction improvement improvements increase boost support helps".split()
)


_TOKEN = re.compile(r"\w+")  # a word as ``claim_model.tokens`` splits them (no "-" or "'")
_DIGIT = re.compile(r"\d")


def _word_classes(o: dict) -> dict[str, tuple[str, ...]]:
    """Lowercased word -> the lexicon classes it belongs to: claim verbs by kind
    (every inflection of a one-word verb) and health targets by kind (one-word
    entries), as ``("v:reduce", "t:cond")``; ``"a0"`` marks a fragment opener."""
    classes: dict[str, list[str]] = {}
    verbs = (("reduce", "reduce_verbs"), ("improve", "improve_verbs"), ("manage", "manage_verbs"),
             ("weak", "weak_verbs"), ("amb", "aux_only_verbs"))
    for name, key in verbs:
        for verb in o[key]:
            for form in _inflect(verb):
                if _TOKEN.fullmatch(form):  # what a sentence's tokens can be
                    classes.setdefault(form.lower(), []).append("v:" + name)
                    if name in ("reduce", "improve") and form.endswith("ed"):
                        classes[form.lower()].append("a0")
    for name, key in (("cond", "conditions"), ("well", "wellness"), ("meas", "measures"), ("body", "body_parts")):
        for word in o[key]:
            if _TOKEN.fullmatch(word.strip()):
                classes.setdefault(word.strip().lower(), []).append("t:" + name)
    for word in _OPENERS:
        classes.setdefault(word, []).append("a0")
    return {w: tuple(dict.fromkeys(c)) for w, c in classes.items()}


def class_features(classes: dict, toks: list[str]) -> list[str]:
    """What a sentence's words are in the lexicons (``_word_classes``): the verb
    classes (``v=``) and target classes (``t=``) among its words, each verb class
    with each target class (``vt=``), the first word's verb classes (``v0=``), a
    fragment opener first (``a0=cmp``). These carry to sites whose own words the
    model never saw."""
    found = classes.keys() & toks  # most sentences hold no classed word, or one or two
    if not found:
        return []
    verbs: dict[str, None] = {}
    targets: dict[str, None] = {}
    for t in toks:
        if t in found:
            for c in classes[t]:
                if c[0] == "v":
                    verbs[c[2:]] = None
                elif c[0] == "t":
                    targets[c[2:]] = None
    out = ["v=" + v for v in verbs] + ["t=" + t for t in targets]
    out.extend(f"vt={v}+{t}" for v in verbs for t in targets)
    # the first word after a leading number ("### 3. Reduces Inflammation", "2.1."; digits read as 0)
    i = 0
    while i < 2 and i + 1 < len(toks) and not toks[i].strip("0"):
        i += 1
    first = classes.get(toks[i], ())
    out.extend("v0=" + c[2:] for c in first if c[0] == "v")
    if "a0" in first:
        out.append("a0=cmp")
    return out


# "whether" followed by the reader ("Whether you're ...", "whether you are ...")
_CONCESSIVE_WHETHER = re.compile(r"whether\s+(?:you|you['’]re|your)\b", re.I)
# what may stand before a concessive "whether": the sentence's start or a clause
# break, then marks and a joining word ("Whether you ...", "..., whether you ...",
# "And whether you ..."); after a verb or adjective ("see whether your sleep
# improves", "testing whether your gut ...") "whether" asks, and the claim is in doubt
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:(\u2013\u2014]|\s-\s)\W*(?:(?:and|but|so|or)\s+)?\Z", re.I)


def _concessive_whether(before: str, at: int) -> bool:
    """Whether the "whether" at ``at`` opens a clause and addresses the reader:
    it grants a case ("Whether you're fighting a cold or ..."), it does not
    question the claim."""
    return _CONCESSIVE_WHETHER.match(before, at) is not None and _CLAUSE_OPENING.search(before, 0, at) is not None


# what a reference list's entries hold and a list of foods or uses does not: a
# link, a DOI or PMID, "et al.", a journal, an access date, a year as references
# write it ("(2012)", "2012.", "2012;"; not "a 2018 study", "2000 IU"), an author's
# surname and initials opening the entry ("Walker M.", "Mori, K.,")
_REFERENCE_LIKE = re.compile(
    r"https?://|www\.|\]\(|\bdoi\b|\bet al\b|\bPMID\b|\bjournal\b|\bretrieved\b|\baccessed\b"
    r"|\((?:19|20)\d\d[a-z]?\)|\b(?:19|20)\d\d[a-z]?[.;:](?!\d)"
    r"|^[\s*_>+\-\d.)]*[A-Z][\w'\u2019\-]+,?\s+(?:[A-Z]\.\s*){1,3}",
    re.I | re.M,
)


# a capital "I" that is a Roman numeral, not the writer: "Phase I trials", "type I diabetes"
_NUMERAL_BEFORE = re.compile(r"\b(?:phase|type|stage|schedule|class|grade|level|part|chapter|war|tier|category|step|article|title|vol|volume)\s+\Z", re.I)
# the writer's opinion or a pleasantry, not an experience: a claim in such a sentence is
# the writer's own, not a testimonial ("In my opinion, magnesium is better for insomnia")
_OPINION = re.compile(r"\bin\s+my\s+(?:opinion|view)\b|\bI\s+(?:think|believe|recommend|suggest|would\s+recommend|hope)\b|\bI[’']d\s+(?:say|recommend|suggest)\b|\blet\s+me\s+know\b", re.I)


def _label_only(text: str) -> bool:
    """Whether a paragraph is only a label: a few words ending in a colon."""
    text = text.strip()
    return text.endswith(":") and len(text.split()) <= 6


def _image_alt_only(s) -> bool:
    """Whether all a sentence's words are an image's alt text ("![Man with chronic
    pain](pain.jpg)" alone in its paragraph)."""
    text = s.block.text
    for start, end, kind in s.block.regions:
        if kind == "image_alt" and start <= s.end and s.start <= end:
            if not text[s.start : max(s.start, start)].strip(" \t\n*_[]()!") and not text[min(end, s.end) : s.end].strip(" \t\n*_[]()!.,;:"):
                return True
    return False


def _title_like(block, text: str) -> bool:
    """A heading, or a short list item or cell with no full stop: a title."""
    if block.kind == "heading":
        return True
    return len(text.split()) <= 14 and not text.rstrip().endswith((".", "!", "?", ":"))


# where a clause of a sentence ends: a claim after one is not governed by a cue before it
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|yet|although|though|however|whereas)\b", re.I)


def _span_of(toks: list[str], words: list[str]) -> tuple[int, int] | None:
    """(start, end) of the first run of ``words`` in ``toks``, or None."""
    n = len(words)
    for i in range(len(toks) - n + 1):
        if toks[i : i + n] == words:
            return i, i + n
    return None


class ClaimCitationCheck(Check):
    OPTIONS = {
        "reduce_verbs": _LIST("verbs that lessen a condition: relieve, reduce, treat"),
        "improve_verbs": _LIST("verbs that raise a wellness target: improve, boost, promote"),
        "weak_verbs": _LIST("verbs that claim only with a target close by and no list between: offer, provide, give"),
        "manage_verbs": _LIST("verbs that act on any target: manage, regulate, help with"),
        "aux_only_verbs": _LIST("verbs that are also adjectives or nouns (lower, calm, ease): count only after may/can/to/help"),
        "conditions": _LIST("conditions and symptoms: anxiety, pain, insomnia"),
        "wellness": _LIST("wellness targets: mood, sleep quality, energy"),
        "measures": _LIST("neutral measures: blood pressure, cholesterol, weight"),
        "result_phrases": Field("list", items="regex", default=[], doc="regexes for claim phrases with no verb+target shape: 'find(?:s|ing)? relief'; {cond}, {well}, {meas}, {any}, {gap}, {acts}, {body} stand for the lists"),
        "wellness_actions": _LIST("what a product 'helps' a reader do: sleep, relax, focus"),
        "body_parts": _LIST("parts and systems of the body, for result phrases' {body}: stomach, skin, joints"),
        "hedges": _LIST("words that make a claim hedged: may, might, could"),
        "testimonials": _LIST("cues of a testimonial claim: users report, people find"),
        "first_person": _LIST("words of a writer speaking of themself, as written (case-sensitive: 'I', not 'ME/CFS'): I, my, me; with an experience_outcomes phrase and no negation, a personal post's testimonial"),
        "experience_outcomes": _LIST("phrases of a change for the better, which with a first_person word and no negation make a testimonial's shape (a model feature of their own, c=experience): better, no longer, less anxious"),
        "negations": _LIST("words that, before a claim, deny it: not, no, never"),
        "doubt_cues": _LIST("phrases that, before a claim, put it in question: more research is needed, whether"),
        "research_cues": _LIST("phrases saying the evidence is missing or unsettled: a sentence whose every claim a negation or doubt cue governs is no finding, whatever the model's score, when it holds one of these: more research is needed, no consistent evidence"),
        "framing_cues": _LIST("words that, before a claim in a body sentence, frame it as a topic: understanding, exploring"),
        "advice_cues": _LIST("phrases of advice to consult a professional"),
        "legal_cues": _LIST("phrases that mark a statement of legal status"),
        "risk_cues": _LIST("phrases that, before a claim in the same clause, make it a statement of risk: side effects"),
        "harm_cues": _LIST("phrases that anywhere in a sentence make it a warning: can be dangerous"),
        "mechanism_cues": Field("list", items="regex", default=[], doc="regexes that mark a description of body mechanisms, not a product claim"),
        "definition_cues": Field("list", items="regex", default=[], doc="regexes that mark a definition: '\\\\b(?:is|are) (?:a|an) (?:type|class) of\\\\b'"),
        "citation_domains": _LIST("domains whose links count as citations (subdomains included)"),
        "reference_headings": _LIST("headings that open a numbered reference list: References, Sources"),
        "max_gap_words": Field("int", default=6, doc="words allowed between a verb and its target"),
        "languages": Field("str-or-list", default=[], choices=tuple(LANGUAGE_NAMES),
                           doc="only sections in these languages (en de es fr pt pl it nl); empty: any"),
        "glossed_languages": Field("str-or-list", default=[], choices=tuple(LANGUAGE_NAMES),
                                   doc="sections in these languages, not read as they are (languages), are read through a word-for-word English gloss (linter/models/gloss/), by the model only (with model: '' they are not read)"),
        "gloss_threshold": Field("float", default=None, doc="claim probability from which a glossed sentence is a claim (default: threshold)"),
        "model": Field("str", default="", doc="the learned claim decision: 'builtin' (the shipped model), a path to a model file, or '' for the phrase families alone"),
        "threshold": Field("float", default=None, doc="claim probability from which a sentence is a claim (default: the model's own, chosen when it was trained)"),
        "extra_claim_terms": _LIST("terms (any case) that make a sentence a claim whatever the model says: 'miracle cure'"),
        "exempt_terms": _LIST("terms (any case) that make a sentence not a claim whatever the model says: 'in our study'"),
    }
    TEMPLATE_FIELDS = frozenset({"claim", "claim_type"})
    DEFAULT_SCOPE = ("paragraph", "heading", "list_item", "table_cell", "blockquote")

    def __init__(self, options, scope: Scope, compiler=None):
        super().__init__(options, scope, compiler)
        o = options
        c = self.compiler
        gap = rf"(?:{_WORD}[,]?\s+){{0,{o['max_gap_words']}}}"
        short_gap = r"(?:[\w’'\-]+,?\s+){0,2}"
        cond = phrase_regex(c, o["conditions"])
        well = phrase_regex(c, o["wellness"])
        meas = phrase_regex(c, o["measures"])
        acts = phrase_regex(c, o["wellness_actions"])
        body = phrase_regex(c, o["body_parts"]) if o["body_parts"] else r"(?!x)x"
        anyt = rf"(?:{cond}|{well}|{meas})"
        red = _alt(c, o["reduce_verbs"], True)
        imp = _alt(c, o["improve_verbs"], True)
        man = _alt(c, o["manage_verbs"], True)
        # "to" governs a verb, except in "leading to lower blood pressure"
        aux = r"\b(?:(?:may|might|can|could|will|would|should|helps?|helped|helping|that|which)\s+(?:to\s+)?|(?<!leading )(?<!lead )(?<!leads )(?<!due )to\s+)(?:\w+ly\s+)?"
        amb = _alt(c, o["aux_only_verbs"], False)
        amb_inflected = _alt(c, [f for v in o["aux_only_verbs"] for f in _inflect(v) if f != v])
        participles = _alt(c, [f for v in o["reduce_verbs"] + o["improve_verbs"] + o["manage_verbs"] for f in _inflect(v) if f.endswith("ed")])
        families = {
            "reduce": rf"\b{red}\b\s+{gap}(?:{cond}|{meas})",
            "improve": rf"\b{imp}\b\s+{gap}{well}",
            "weak": rf"\b{_alt(c, o['weak_verbs'], True)}\b\s+(?:[\w’'\-]+\s+){{0,3}}{well}",
            "manage": rf"\b{man}\b\s+{gap}{anyt}",
            "modal_ambiguous": rf"{aux}{amb}\s+{short_gap}(?:{cond}|{meas}|{well})",
            "ambiguous": rf"\b{amb_inflected}\b\s+{short_gap}(?:{cond}|{meas})",
            # "anxiety was reduced", "symptoms can be relieved"
            "passive": rf"{anyt}\s+(?:(?:is|are|was|were|can|may|might|could|be|been|being|often|\w+ly)\s+){{1,3}}{participles}\b",
            # "helps people fall asleep", "lets you relax"
            "enables": rf"\b(?:help|helps|helped|helping|let|lets|allow|allows|allowed|enable|enables|enabled|make|makes)\s+(?:[\w’'\-]+\s+){{0,2}}(?:to\s+)?{acts}",
        }
        for i, phrase in enumerate(o["result_phrases"]):
            families[f"phrase{i}"] = (
                phrase.replace("{cond}", cond).replace("{well}", well).replace("{meas}", meas)
                .replace("{any}", anyt).replace("{gap}", gap).replace("{acts}", acts).replace("{body}", body)
            )
        self.family_names = list(families)
        self.word_classes = _word_classes(o)
        self.claim = c.phrases(list(families.values()), re.I)
        self.target = c.cue([*o["conditions"], *o["wellness"], *o["measures"]])
        self.model_name = o.get("model") or ""
        self._model = None
        self.extra_terms = c.regex(terms_regex(o["extra_claim_terms"])) if o.get("extra_claim_terms") else None
        self.exempt_terms = c.regex(terms_regex(o["exempt_terms"])) if o.get("exempt_terms") else None
        self.hedge = c.cue(o["hedges"])
        self.testimonial = c.cue(o["testimonials"])
        self.first_person = c.regex(c.terms(o["first_person"], case_sensitive=True)) if o.get("first_person") else None
        # the lowercased first words of the list, a gate before the case-sensitive search
        self.first_person_gate = frozenset(m.group().lower() for t in o.get("first_person") or () for m in [re.search(r"\w+", t)] if m)
        self.outcome = c.cue(o.get("experience_outcomes") or [])
        self.negation = c.cue(o["negations"])
        self.doubt = c.cue(o["doubt_cues"])
        self.research = c.cue(o["research_cues"])
        self.advice = c.cue(o["advice_cues"])
        self.framing = c.cue(o["framing_cues"])
        self.legal = c.cue(o["legal_cues"])
        self.risk = c.cue(o["risk_cues"])
        self.harm = c.cue(o["harm_cues"])
        self.definition = c.regex("|".join(f"(?:{d})" for d in o["definition_cues"]) or r"(?!x)x", re.I)
        self.mechanism = c.regex("|".join(f"(?:{d})" for d in o["mechanism_cues"]) or r"(?!x)x", re.I)
        self.domains = tuple(d.lower().lstrip(".") for d in o["citation_domains"])
        self.ref_heading = c.regex(r"^\W*" + _alt(c, o["reference_headings"]) + r"\W*$", re.I)

    # -- citations -------------------------------------------------------------
    def _cited_link(self, href: str) -> bool:
        try:
            host = (urlsplit(href if "://" in href else "http://" + href).hostname or "").lower()
        except ValueError:
            return False
        return any(host == d or host.endswith("." + d) for d in self.domains) or bool(_DOI.search(href))

    def _has_citation(self, s: Sentence, numbered_list: bool) -> bool:
        block = s.block
        for pos, atom in block.atoms.items():
            if atom.kind == "footnote_ref" and s.start <= pos < s.end:
                return True
        for link in block.links:
            if link.start < s.end and link.end > s.start and self._cited_link(link.href):
                return True
            if numbered_list and s.start <= link.start < s.end and _NUMBERED.fullmatch(f"[{block.text[link.start:link.end]}]"):
                return True
        text = s.text
        if _cites_in_text(text):
            return True
        return numbered_list and (bool(_NUMBERED.search(text)) or bool(_SUP_DIGITS.search(text))
                                  or _superscript_number(block, s.start, s.end))

    def _numbered_reference_list(self, doc: Document) -> bool:
        """Numeric link reference definitions ("[3]: https://..."), or a heading
        such as "References" followed by a list or by "[1] ..."/"1. ..." lines."""
        if any(label.isdigit() for label in doc.reference_labels):
            return True
        outline = doc.outline
        for i, (kind, _) in enumerate(outline):
            if kind != "heading_open" or i + 1 >= len(outline):
                continue
            if not self.ref_heading.match(outline[i + 1][1]):
                continue
            for nxt_kind, nxt_text in outline[i + 2 :]:
                if nxt_kind == "heading_open":
                    break
                if nxt_kind in ("ordered_list_open", "bullet_list_open"):
                    return True
                if nxt_kind == "inline" and re.match(r"\[?\d{1,3}[\].]", nxt_text):
                    return True
        return False

    # -- exemptions ------------------------------------------------------------
    def _exempt(self, text: str, m: re.Match, heading: bool = False, words=None) -> bool:
        """Whether a cue governs the claim ``m`` so that the sentence does not claim it."""
        return bool(self._exemptions(text, m, heading, words, first=True))

    def _exemptions(self, text: str, m: re.Match, heading: bool = False, words=None, first: bool = False) -> list[str]:
        """The cues that govern the claim ``m``: a question, a close negation, a
        doubt or framing cue, advice to consult a professional, a statement of risk,
        harm or legal status, a definition or a mechanism. ``words``: the text's
        words (``matching.words_of``; None: unknown), to skip the cue lists none of
        whose first words the sentence has. ``first``: stop at the first cue."""
        found: list[str] = []

        def add(name: str) -> bool:
            found.append(name)
            return first

        if is_question(text):
            if add("question"):  # a question asks, it does not claim
                return found
        before = text[: m.start()]
        # a negation governs the claim when it is close and no "but"/";" intervenes
        for n in self.negation.finditer(before, words):
            between = before[n.end() :]
            gap = len(between.split())
            # "not only X but Y" affirms; a clause break ends the negation's reach
            # ("Even if you don't have insomnia, magnesium supports sleep")
            if re.match(r"\s+(?:only|just)\b", between, re.I) or re.search(r"[,;:]|\bbut\b|\bhowever\b|\byet\b", between, re.I):
                continue
            if gap <= 8:
                if add("negation"):
                    return found
                break
        if self.negation.search(m.group(), None):  # the match may end inside a word
            if add("negation_inside"):
                return found
        # "more research is needed to determine whether X reduces Y": the cue governs
        # the claim when no clause break lies between; "While more research is
        # needed, X reduces Y" still claims.
        # "Whether you're fighting a cold or ...," addresses the reader: it grants the
        # case, it does not question the claim.
        if any(not re.search(r"[,;:()]", before[d.end() :]) and not _concessive_whether(before, d.start())
               for d in self.doubt.finditer(before, words)) or self.doubt.search(m.group(), None):
            if add("doubt"):
                return found
        # "Understanding kratom's role in managing anxiety requires ...": a body
        # sentence about the topic. (A heading "Exploring Kratom's Role in Managing
        # Anxiety" announces that the article will claim it, so headings are not exempt.)
        if not heading and any(not re.search(r"[,;:()]", before[f.end() :]) for f in self.framing.finditer(before, words)):
            if add("framing"):
                return found
        # "consult a doctor before using kratom to manage anxiety": the advice governs
        # a claim it precedes in the same clause, or one in a purpose clause
        # ("To use kratom for anxiety relief, start by consulting a doctor").
        advice = any(
            "," not in before[a.end() :] and ";" not in before[a.end() :] and len(before[a.end() :].split()) <= 20
            for a in self.advice.finditer(before, words)
        ) or (self.advice.search(text, words) and re.search(r"\b(?:to|for|before|when|while|as)\s+(?:[\w’'\-]+\s+){0,4}$", before))
        if advice and add("advice"):
            return found
        # a statement of risk: "side effects include reduced appetite"
        if any(not re.search(r"[,;:()]", before[r.end() :]) for r in self.risk.finditer(before, words)):
            if add("risk"):
                return found
        if self.harm.search(text, words) and add("harm"):
            return found
        if self.legal.search(text, words) and add("legal"):
            return found
        if self.definition.search(text[: m.start() + 1]) and add("definition"):
            return found
        if self.mechanism.search(text[: m.start() + 1]) and add("mechanism"):
            return found
        return found

    def _unsettled(self, text: str, feats) -> bool:
        """Whether the sentence says its claim is unproven: every phrase-family match
        in it is governed by a negation or doubt cue (no ``r=claim``; the first one's
        cues are ``x=``) and it holds a research cue ("More research is needed to
        determine whether ginger helps nausea", "there is no consistent evidence it
        shortens colds"). Ruled rather than weighed: the definitions leave such a
        sentence no claim whatever its words and its neighbours say. "While more
        research is needed, X lowers cortisol" keeps its claim: the comma ends the
        cue's reach, so its match is not governed. A match can run past a clause
        break ("no evidence it cures cancer, but ginger eases nausea" is one match):
        a clause after a break that claims with no cue governing it there keeps the
        sentence for the model to weigh."""
        if not (
            feats is not None
            and "r=claim" not in feats
            and ("x=doubt" in feats or "x=negation" in feats)
            and self.research.search(text, None) is not None
        ):
            return False
        for brk in _CLAUSE_BREAK.finditer(text):
            rest = text[brk.end() :]
            m = next(self.claim.finditer(rest), (None,))[0]
            if m is not None and not self._exempt(rest, m):
                return False
        return True

    def _experience(self, text: str, words=None) -> bool:
        """Whether a sentence tells of the writer's own change for the better: a
        first-person word, an outcome phrase, and no negation outside the outcome
        phrases ("my digestion is a lot better", "I no longer get bloated"; not
        "my anxiety is worst in the morning", "my pain is no better", "it made no
        difference to me")."""
        # the cheap tests first: most sentences hold no first-person word, and most
        # of the rest no outcome phrase
        if self.first_person is None or (words is not None and self.first_person_gate.isdisjoint(words)):
            return False
        if not self.outcome.present(text, words) or not any(
            m.group() != "I" or _NUMERAL_BEFORE.search(text, max(0, m.start() - 20), m.start()) is None
            for m in self.first_person.finditer(text)
        ):
            return False
        spans = [m.span() for m in self.outcome.finditer(text, words)]
        rest = text
        for start, end in reversed(spans):
            rest = rest[:start] + " " + rest[end:]
        return not self.negation.present(rest, None)

    def _claim_type(self, text: str, words=None) -> str:
        if self.testimonial.search(text, words) or (self._experience(text, words) and _OPINION.search(text) is None):
            return "testimonial"
        if self.hedge.search(text, words):
            return "hedged"
        return "efficacy"

    @staticmethod
    def validate(options) -> str | None:
        for key in ("threshold", "gloss_threshold"):
            t = options.get(key)
            if t is not None and not 0.0 < t < 1.0:
                return f"{key} must be a probability between 0 and 1 (exclusive), got {t}"
        glossed = options.get("glossed_languages") or []
        if glossed:
            # a stat per language, not an import: every run validates the rule, few gloss
            from pathlib import Path

            tables = Path(__file__).resolve().parent.parent / "models" / "gloss"
            missing = [code for code in ([glossed] if isinstance(glossed, str) else glossed)
                       if not (tables / f"{code}.tsv").is_file()]
            if missing:
                shipped = sorted(p.stem for p in tables.glob("*.tsv"))
                return f"glossed_languages: no gloss table ships for {', '.join(missing)} (there are: {', '.join(shipped)})"
        model = options.get("model") or ""
        if model and model != "builtin":
            from pathlib import Path

            path = Path(model)
            if not path.exists():
                return f"model '{model}' is not a file (use 'builtin' for the shipped model, or '' for the phrase families alone)"
            try:
                from .claim_model import load_model

                load_model(model)  # kept: the rule loads the same file
            except (OSError, ValueError, KeyError, TypeError) as exc:
                return f"model '{model}' cannot be read as a claim model ({type(exc).__name__}: {exc})"
        return None

    # -- the learned decision --------------------------------------------------
    @property
    def model(self):
        """The claim model, loaded on first use (only documents about health need it)."""
        if self._model is None and self.model_name:
            from .claim_model import load_builtin, load_model

            if self.model_name == "builtin":
                self._model = load_builtin(self.compiler.store)
            else:
                self._model = load_model(self.model_name)
        return self._model

    def _skipped_blocks(self, doc: Document) -> set:
        """Blocks of a reference section (under a reference heading, or a paragraph
        that is only such a label, up to the next heading or, in a quote, up to the
        quote's end; a label's section also up to another label that what follows
        does not read as references under) and footnote definitions: citations,
        not claims."""
        refs_level = 0
        in_quote = False  # the reference list was opened by a label inside a blockquote
        source = doc.source.text
        blocks = doc.blocks
        labels = [b.kind == "paragraph" and "list_item" not in b.scopes and _label_only(b.text) for b in blocks]
        # per block: whether the blocks after it, up to the next label or heading, read
        # as references (one backward pass: a page of labels costs no more than its length)
        group_refs = [False] * len(blocks)
        for i in range(len(blocks) - 2 if any(labels) else -1, -1, -1):
            after = blocks[i + 1]
            if not labels[i + 1] and after.kind != "heading":
                start, end = after.to_source(0, len(after.text))
                group_refs[i] = group_refs[i + 1] or _REFERENCE_LIKE.search(source[start:end]) is not None
        opened_at = -1  # the label that opened the section, when it is one
        skip = set()
        for i, b in enumerate(blocks):
            if in_quote and "blockquote" not in b.scopes:
                refs_level, in_quote = 0, False
            if refs_level == 7 and labels[i] and i != opened_at + 1 and not group_refs[i]:
                # another label ends the section a label opened unless what follows it
                # reads as references ("**Sources:**" over a list of foods, then
                # "**Dosage:**"; not "**Studies:**" over papers) or it comes right after
                # the opening label ("**Sources:**", "**Books:**")
                refs_level, in_quote = 0, False
            if b.kind == "heading":
                level = next((int(s[1]) for s in b.scopes if len(s) == 2 and s[0] == "h"), 1)
                if self.ref_heading.match(b.text):
                    refs_level, in_quote = level, False
                    skip.add(id(b))
                    continue
                if refs_level and level <= refs_level:
                    refs_level, in_quote = 0, False
            elif b.kind == "paragraph" and "list_item" not in b.scopes and self.ref_heading.match(b.text):
                # a label paragraph as a heading ("**References:**", "Sources:"): up to the next
                # heading; a quoted one ("> Sources:") does not reach past its quote
                refs_level, in_quote, opened_at = 7, "blockquote" in b.scopes, i
                skip.add(id(b))
                continue
            if refs_level or "footnote" in b.scopes:
                skip.add(id(b))
        return skip

    # the patterns ``_for_document`` narrows (``within``): cues, then plain regexes
    _CUES = ("target", "hedge", "testimonial", "outcome", "negation", "doubt", "research", "advice", "framing", "legal", "risk", "harm")
    # (not ref_heading: it reads the outline's raw Markdown, which texts() does not hold)
    _REGEXES = ("definition", "mechanism", "extra_terms", "exempt_terms", "first_person")

    def _for_document(self, doc: Document) -> "ClaimCitationCheck":
        """This check for one document: its phrase families, cues and regexes
        narrowed to the document's texts (``linter.matching.narrowing``)."""
        document = self.narrowing_for(doc, [self.claim, *(getattr(self, n) for n in self._CUES + self._REGEXES)])
        if document is None:
            return self  # every pattern is compiled whole by now (or the text cannot be narrowed)
        view = copy.copy(self)
        view.claim = self.claim.within(document)
        for name in self._CUES:
            setattr(view, name, getattr(self, name).within(document))
        for name in self._REGEXES:
            regex = getattr(self, name)
            if regex is not None:
                setattr(view, name, regex.within(document))
        return view

    def sentence_features(self, doc: Document):
        """[sentence, features, first family match or None, all matches, shape,
        tokens] for each sentence in scope, in document order (``_sentence_features``
        with the patterns narrowed to ``doc``, each sentence's features in one list):
        the model's input, here and in training."""
        return [[s, [*shared, *own], first, matches, shape, toks]
                for s, own, first, matches, shape, toks, shared in self._for_document(doc)._sentence_features(doc)]

    def _in_scope(self, doc: Document) -> list:
        """The sentences the rule reads, in document order (not those of a
        reference section or a footnote definition)."""
        skip = self._skipped_blocks(doc)
        accepts = self.scope.accepts
        return [s for s in doc.sentences if id(s.block) not in skip and accepts(s.block, s.start, s.end)]

    @staticmethod
    def _shape(block) -> str:
        """What the context features call a sentence's place: heading, cell, list or para."""
        kind = block.kind
        return "heading" if kind == "heading" else "cell" if kind == "table_cell" else "list" if "list_item" in block.scopes else "para"

    def _sentence_features(self, doc: Document, needed=None):
        """[sentence, features, first family match or None, all matches, shape,
        tokens, shared features] for each sentence of ``_in_scope``, in document
        order. The features are strings, looked up in the model's weights; those
        that every sentence of a block has are one tuple (without repeats) that
        the block's rows share, so the model weighs them once a block. They are
        the sentence's words and word pairs (its tokens; ``w=`` in the model's
        weights), the phrase families
        that matched (``f=``), the cues that govern the first match (``x=``), cues
        anywhere (``c=``), scope and shape (``s=``), the words of the heading and
        of a list's lead sentence and a table cell's column header (``h=``, ``l=``,
        ``k=``), and the document's share of
        sentences that name a health target (``d=``).

        ``needed``: the indices of the rows whose features are wanted (None:
        all). The others get only their tokens (every sentence counts in ``d=``)
        and None for features, first match and matches; the phrase families are
        looked for in a heading or lead sentence among them only when a later
        block's ``h=claim`` or ``l=claim`` asks."""
        from .claim_model import tokens, tokens_and_words
        from ..document.tables import column_headers

        source_text = doc.source.text
        rows = []
        heading_feats: list[str] = []
        block_feats: tuple = ()
        heading_claim = False
        lead_toks: list[str] = []
        lead_claim = False
        last_block = None
        in_list = False
        targets = 0
        claim, target = self.claim, self.target

        def claims(text) -> bool:  # whether some phrase family matches
            return next(claim.finditer(text), None) is not None

        # a table cell's column header ("Best for", "Key benefit"): its words are
        # context as a heading's are
        headers = column_headers(doc)

        for index, s in enumerate(self._in_scope(doc)):
            b = s.block
            text = s.text
            wanted = needed is None or index in needed
            scanned: list = []
            # the phrase families are matched first in a sentence whose features
            # are wanted: the matcher's scan of the lowercased words gives its tokens
            matches = list(claim.finditer(text, scanned)) if wanted else None
            if scanned:
                toks, words = scanned, frozenset(scanned)
                if _DIGIT.search(text) is not None:  # a digit is read as 0
                    toks = tokens(text)
            else:
                toks, words = tokens_and_words(text)
            # words gate the cue searches: most sentences hold none of a list's first words
            has_target = target.present(text, words)
            targets += has_target
            if b is not last_block:
                in_list = "list_item" in b.scopes
                if b.kind == "heading":
                    heading_feats = ["h=" + t for t in tokens(b.text)[:12]]
                    heading_claim = False
                    lead_toks, lead_claim = [], False
                # what every sentence of the block shares: its kind and scope, its
                # list's lead sentence, its heading (a heading's or lead's claim
                # not looked for yet is a text: looked for now)
                shared = ["s=" + b.kind]
                shared.extend("s=in_" + sc for sc in ("list_item", "blockquote", "table_cell") if sc in b.scopes)
                if in_list and lead_toks:
                    shared.extend("l=" + t for t in lead_toks)
                    if isinstance(lead_claim, str):
                        lead_claim = claims(lead_claim)
                    if lead_claim:
                        shared.append("l=claim")
                header = headers.get(id(b))
                if header:
                    shared.extend("k=" + t for t in tokens(header)[:6])
                if heading_feats and b.kind != "heading":
                    shared.extend(heading_feats)
                    if isinstance(heading_claim, str):
                        heading_claim = claims(heading_claim)
                    if heading_claim:
                        shared.append("h=claim")
                block_feats = tuple(dict.fromkeys(shared))
            shape = self._shape(b)
            if not wanted:
                rows.append([s, None, None, None, shape, toks, block_feats])
                if b.kind == "heading":
                    heading_claim = text
                elif not in_list:
                    lead_toks, lead_claim = toks[-12:], text
                last_block = b
                continue
            feats = class_features(self.word_classes, toks)
            first = matches[0][0] if matches else None
            for m, fam in matches:
                feats.append("f=" + self.family_names[fam])
            if first is not None:
                title = _title_like(b, text)
                governing = self._exemptions(text, first, title, words)
                feats.extend("x=" + e for e in governing)
                # what the phrase families alone decide: a match no cue governs
                if not governing or any(not self._exempt(text, m, title, words) for m, _ in matches[1:]):
                    feats.append("r=claim")
            if has_target:
                feats.append("c=target")
            if self.hedge.present(text, words):
                feats.append("c=hedge")
            if self.testimonial.present(text, words):
                feats.append("c=testimonial")
            if self._experience(text, words):
                feats.append("c=experience")
            # no "negation anywhere" feature: a negation counts only where it governs
            # the claim (``x=negation``); "Even without insomnia, X supports sleep"
            # is not weighed as a negated sentence
            if is_question(text):
                feats.append("c=question")
            kind = b.kind
            if (title if first is not None else _title_like(b, text)):
                feats.append("s=title")
            n = len(toks)
            feats.append("s=len" + ("1" if n <= 1 else "3" if n <= 3 else "6" if n <= 6 else "12" if n <= 12 else "25" if n <= 25 else "more"))
            if s.start == 0:
                start_src = b.source_start(0)
                if source_text[max(0, start_src - 2) : start_src] in ("**", "__"):
                    feats.append("s=bold_start")
            colon = text.find(":")
            if 0 < colon < 60:
                feats.append("s=label_colon")
            if b.regions and _image_alt_only(s):
                # an image's alt text mostly describes the picture ("Man with chronic pain"),
                # now and then it is a caption that claims
                feats.append("s=image_alt")
            rows.append([s, feats, first, matches, shape, toks, block_feats])
            if kind == "heading":
                heading_claim = bool(matches)
            elif not in_list:
                lead_toks = toks[-12:]
                lead_claim = bool(matches)
            last_block = b
        share = targets / len(rows) if rows else 0.0
        bucket = "0" if share == 0 else "lt05" if share < 0.05 else "lt10" if share < 0.10 else "lt20" if share < 0.20 else "lt40" if share < 0.40 else "hi"
        for row in rows:
            if row[1] is not None:
                row[1].append("d=" + bucket)
        return rows

    # words too common to say why a sentence claims
    _FILLER = frozenset("a an the and or of for to in on with is are was be it its this that your you by as at from my me".split())
    # "I" and the pieces of a contraction ("i m" of "I'm"): never named, not even in a pair
    _PIECES = frozenset("i m ve s t d ll re".split())

    def _claim_words(self, model, toks, first) -> str:
        """The words a finding names: the phrase-family match when there is one,
        else the word pair and word that weighed most towards a claim (skipping
        filler words and repeats), in the sentence's order: the words from the
        first to the last of them when they lie close ("turmeric for joint"),
        else each, joined by "...", as they come."""
        if first is not None:
            return " ".join(first.group().split())
        from .claim_model import ngram_features

        ranked = [f[2:] for f, _ in model.reasons(ngram_features("w=", toks), 12)]
        ranked = [r for r in ranked if not all(w in self._FILLER or not w.isalpha() for w in r.split())
                  and not any(w in self._PIECES for w in r.split())]
        pair = next((r for r in ranked if " " in r), None)
        chosen = [pair] if pair else []
        for r in ranked:
            if " " not in r and (pair is None or r not in pair.split()) and len(chosen) < 2:
                chosen.append(r)
        if not chosen:
            return "the sentence as a whole"
        spans = sorted(span for span in map(lambda r: _span_of(toks, r.split()), chosen) if span is not None)
        if len(spans) == 2 and spans[1][1] - spans[0][0] <= 6:
            return " ".join(toks[spans[0][0] : spans[1][1]])
        return " ... ".join(" ".join(toks[a:b]) for a, b in spans) or ", ".join(chosen)

    def _run_model(self, doc: Document, model, threshold=None):
        from .claim_model import context_sources, sections_not_about_health

        numbered = None
        if threshold is None:
            threshold = self.options.get("threshold")
        threshold = model.threshold if threshold is None else threshold
        unread = sections_not_about_health(doc, model)
        if len(unread) == len(doc.blocks):
            # no block is read: only a sentence that an extra claim term forces can
            # be a finding, and what its score is does not matter
            rows = self._forced_rows(doc)
            scores = [1.0] * len(rows)
        else:
            needed = None
            if unread:
                # the sentences read, and those whose scores their context reads
                sentences = self._in_scope(doc)
                read = [i for i, s in enumerate(sentences) if id(s.block) not in unread]
                needed = context_sources([self._shape(s.block) for s in sentences], read)
            rows = self._sentence_features(doc, needed)
            scores = model.scores([(r[5], r[1], r[6]) if r[1] is not None else None for r in rows], [r[4] for r in rows])
        for (s, feats, first, _matches, _shape, toks, _shared), score in zip(rows, scores):
            text = s.text
            forced = self.extra_terms is not None and self.extra_terms.search(text) is not None
            if forced and feats is None:  # a sentence not read: its first match is not known yet
                first = next(self.claim.finditer(text), (None,))[0]
            if not forced and (
                id(s.block) in unread
                or is_question(text)  # a question asks, it does not claim
                or (self.exempt_terms is not None and self.exempt_terms.search(text))
                or score < threshold
                or self._unsettled(text, feats)
            ):
                continue
            if numbered is None:
                numbered = self._numbered_reference_list(doc)
            if self._has_citation(s, numbered):
                continue
            b = s.block
            start, end = b.to_source(s.start, s.end)
            words = words_of(text)
            yield Hit(start, end, {"claim": self._claim_words(model, toks, first), "claim_type": self._claim_type(text, words)})

    def _forced_rows(self, doc: Document) -> list:
        """The rows of ``_sentence_features`` (features left out) for the sentences
        in scope that an extra claim term makes claims."""
        if self.extra_terms is None:
            return []
        from .claim_model import tokens

        rows = []
        for s in self._in_scope(doc):
            text = s.text
            if self.extra_terms.search(text) is not None:
                matches = list(self.claim.finditer(text))
                rows.append([s, None, matches[0][0] if matches else None, matches, None, tokens(text), None])
        return rows

    def run(self, doc: Document):
        # per section: an English article's German section is skipped, a German
        # article's English section is read (README, Languages)
        reading = Reading(doc, self.options.get("languages") or ())
        if not doc.sentences:
            return
        model = self.model
        if not reading.nothing:
            check = self._for_document(doc)
            hits = check._run_model(doc, model) if model is not None else check._run_families(doc)
            yield from hits if reading.everything else (h for h in hits if reading.at(h.start))
        if not reading.everything and model is not None and self.options.get("glossed_languages"):
            yield from self._run_glossed(doc, model)

    def _run_glossed(self, doc: Document, model):
        """The sections in a ``glossed_languages`` language that the rule does not
        read as they are: the document glossed word for word into English
        (``claim_gloss``), parsed, and decided by the model; each finding is the
        source sentence its glossed sentence came from, and names the source
        words the claim words gloss."""
        from bisect import bisect_right

        from ..source import Source
        from .claim_gloss import COMPOUNDING, Gloss, table

        native = set(self.options.get("languages") or ())
        glossed = self.options["glossed_languages"]
        glossed = {glossed} if isinstance(glossed, str) else set(glossed)
        sections = doc.sections
        codes = dict.fromkeys(s.language for s in sections if s.blocks and s.language in glossed and s.language not in native)
        if not codes:
            return
        src = doc.source
        keep = (0, 0)
        if doc.front_matter_lines:
            end_line = doc.front_matter_lines[1]
            keep = (0, src.line_starts[end_line] if end_line < src.line_count else len(src.text))
        starts = [s.start for s in sections]
        # one pass: each section glossed with its own language's table (others left as they are)
        parts = [(sec.start, table(sec.language) if sec.language in codes else None, sec.language in COMPOUNDING)
                 for sec in sections]
        read = {code for code in codes if table(code)}
        if not read:
            return
        gloss = Gloss(src.text, None, keep, parts=parts)
        gdoc = Document.parse(Source.from_text(src.path, gloss.text, strip_bom=False))
        for hit in self._for_document(gdoc)._run_model(gdoc, model, self.options.get("gloss_threshold")):
            start, end = gloss.source_offset(hit.start), gloss.source_offset(hit.end, end=True)
            if sections[max(0, bisect_right(starts, start) - 1)].language not in read:
                continue
            values = dict(hit.values)
            values["claim"] = self._source_words(values.get("claim", ""), gloss, hit, src.text)
            yield Hit(start, end, values)

    @staticmethod
    def _source_words(claim: str, gloss, hit, source: str) -> str:
        """The source words that a glossed finding's claim words gloss ("ayuda a
        reducir" for "helps to reduce"), each piece found in the glossed sentence;
        a piece not found there is named as glossed."""
        # searched without lowering the sentence: lowering can change its length
        # ('İ' is two code points in lower case), and the offsets are the gloss's
        sentence = gloss.text[hit.start : hit.end]
        out = []
        for piece in claim.split(", "):
            at = re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", sentence, re.IGNORECASE) if piece else None
            if at is None:
                out.append(piece)
                continue
            a = gloss.source_offset(hit.start + at.start())
            b = gloss.source_offset(hit.start + at.end(), end=True)
            out.append(" ".join(source[a:b].split()) or piece)
        return ", ".join(out)

    def _run_families(self, doc: Document):
        """The decision by the phrase families alone (``model: ''``): the first
        match in a sentence that no cue governs makes it a claim."""
        numbered = None
        claim = self.claim
        for s in self._in_scope(doc):
            b = s.block
            text = s.text
            cited = None  # looked up once per sentence, only if it makes a claim
            words = None  # the sentence's words, once it is known to be uncited
            for m, _family in claim.finditer(text):
                if cited is None:
                    if numbered is None:
                        numbered = self._numbered_reference_list(doc)
                    cited = self._has_citation(s, numbered)
                    if not cited:
                        words = words_of(text)
                if cited:
                    break
                if self._exempt(text, m, _title_like(b, text), words):
                    continue
                start, end = b.to_source(s.start, s.end)
                yield Hit(start, end, {"claim": " ".join(m.group().split()), "claim_type": self._claim_type(text, words)})
                break
