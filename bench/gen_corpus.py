"""Deterministic benchmark corpus: many ~8 KB health articles and one 20 MB article.

    python bench/gen_corpus.py --out /tmp/cl-bench --articles 2000

Articles mix front matter, headings, paragraphs with claims (cited and not), doses,
lists (nested), tables, blockquotes, code blocks with dose-like text, links (study
and shop), footnotes and, in two of three, a disclaimer. The same seed gives the
same bytes on every machine (random.Random with a fixed seed; no dates, no hashes
of the environment).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SUBSTANCES = ["magnesium", "ashwagandha", "turmeric", "melatonin", "zinc", "kratom", "ginger", "valerian", "omega-3", "rhodiola"]
CONDITIONS = ["anxiety", "insomnia", "joint pain", "inflammation", "stress", "fatigue", "nausea", "low mood", "headaches", "cramps"]
WELLNESS = ["sleep quality", "mood", "energy levels", "focus", "recovery", "relaxation"]
FILLER = (
    "Researchers have looked at this question from several angles over the years, and the picture is still "
    "forming. Serving sizes, product quality and individual differences all make comparisons harder than "
    "they look. Many readers want a short answer, but a careful one is more useful here. "
)
DISCLAIMER = (
    "This article is for informational purposes only and is not medical advice. Consult a qualified "
    "healthcare professional before starting any supplement."
)


def sentence(rng: random.Random, n_ref: list) -> str:
    s, c, w = rng.choice(SUBSTANCES), rng.choice(CONDITIONS), rng.choice(WELLNESS)
    kind = rng.randrange(9)
    if kind == 0:
        return f"{s.capitalize()} may help reduce {c} in some adults."
    if kind == 1:
        n_ref[0] += 1
        return f"In a trial, {s} improved {w} ([Lee et al., 2021](https://pubmed.ncbi.nlm.nih.gov/{31000000 + rng.randrange(99999)}/))."
    if kind == 2:
        return f"Users report better {w} after a few weeks of {s}."
    if kind == 3:
        return f"A typical dose is {rng.choice(['200', '300', '1-2', '5–10'])} {rng.choice(['mg', 'grams', 'capsules'])} a day."
    if kind == 4:
        return f"{s.capitalize()} can cause nausea in some people, and it may interact with medication."
    if kind == 5:
        n_ref[0] += 1
        return f"{s.capitalize()} lowered {c} scores in one study.[^{n_ref[0]}]"
    if kind == 6:
        return f"You can buy {s} [from our shop](https://shop.example.com/{s}) at a discount."
    if kind == 7:
        return f"More research is needed to know whether {s} relieves {c}."
    return FILLER


def article(rng: random.Random, i: int, target: int = 8000) -> str:
    s = rng.choice(SUBSTANCES)
    n_ref = [0]
    out = [
        "---",
        f"title: {s.capitalize()} and {rng.choice(CONDITIONS)} — guide {i}",
        f"author: Writer {i % 37}",
        "tags: [health, supplements]",
        "---",
        "",
        f"# {s.capitalize()} for {rng.choice(CONDITIONS)}: what we know",
        "",
    ]
    footnotes = []
    while sum(len(x) + 1 for x in out) < target:
        block = rng.randrange(8)
        if block <= 2:
            out += [" ".join(sentence(rng, n_ref) for _ in range(rng.randint(3, 6))), ""]
        elif block == 3:
            out += [f"## {rng.choice(['How', 'Why', 'When'])} {s} works", ""]
        elif block == 4:
            out += [f"- {sentence(rng, n_ref)}", f"  - {sentence(rng, n_ref)}", f"- {sentence(rng, n_ref)}", ""]
        elif block == 5:
            out += ["| Form | Notes |", "|---|---|", f"| Capsule | {sentence(rng, n_ref)} |", f"| Powder | {sentence(rng, n_ref)} |", ""]
        elif block == 6:
            out += [f"> {sentence(rng, n_ref)}", f"> {sentence(rng, n_ref)}", ""]
        else:
            out += ["```", f"dose = '{rng.randint(1, 900)} mg'  # not prose", "```", ""]
    for k in range(1, n_ref[0] + 1):
        footnotes.append(f"[^{k}]: Author {k}. A study of {s}. J Nutr. 20{10 + k % 14}.")
    if i % 3:
        out += [DISCLAIMER, ""]
    out += footnotes
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/tmp/cl-bench")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--big-mb", type=float, default=20.0, help="size of the single large article (0: none)")
    ap.add_argument("--seed", type=int, default=20261122)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = Path(args.out)
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(args.articles):
        text = article(rng, i)
        (corpus / f"article-{i:05d}.md").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.articles} articles, {total / 1e6:.1f} MB in {corpus}")
    if args.big_mb:
        big = out / "big"
        big.mkdir(exist_ok=True)
        target = int(args.big_mb * 1e6)
        parts, size = [], 0
        j = 0
        while size < target:
            text = article(rng, 100000 + j, target=50000).split("---\n", 2)[-1]  # body only, one front matter
            parts.append(text)
            size += len(text.encode("utf-8"))
            j += 1
        body = "---\ntitle: One very long article\n---\n\n" + "\n".join(parts)
        (big / "big.md").write_text(body, encoding="utf-8")
        print(f"1 article, {len(body.encode('utf-8')) / 1e6:.1f} MB in {big}")


if __name__ == "__main__":
    main()
