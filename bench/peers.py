"""Peer linters that contentlint is benchmarked against (imported by bench/run.py).

Install them first (into a scratch folder, never into the project):

    bash bench/peers_setup.sh /tmp/contentlint-bench-tools

Each entry of PEERS is a dict:

    name         short id used in the report
    version_cmd  callable(tools_dir) -> argv that prints the tool's version
                 (tools live in tools_dir, so the argv depends on it; see peer_version())
    setup        callable(tools_dir, workdir) -> None: writes the config files the
                 tool needs into workdir (call once before timing; not timed)
    command      callable(tools_dir, workdir, target) -> argv; target is a folder of
                 .md files (linted recursively) or a single .md file
    exit_ok      exit codes that mean "ran to the end" (1 = findings were reported)
    note         which rule set, and how comparable it is to contentlint

Every command is a plain argv (no shell), processes every file it is given, keeps
going after findings, and does not depend on the current directory for its
configuration (all configs are passed explicitly from workdir). Exception:
markdownlint-cli2 also merges any .markdownlint* config it finds in the current
directory and in the linted folders; run it from a folder without one (the
corpus and workdir have none).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

DEFAULT_TOOLS_DIR = "/tmp/contentlint-bench-tools"

# What bench/peers_setup.sh pins (markdownlint-cli2 0.23+ needs Node >= 22).
PINNED_VERSIONS = {
    "proselint": "0.16.0",
    "pymarkdownlnt": "0.9.41",
    "markdownlint-cli2": "0.22.1",
    "textlint": "15.8.0",
    "textlint-rule-prh": "6.1.0",
}


def _venv_bin(tools_dir: str | os.PathLike, exe: str) -> str:
    return str(Path(tools_dir) / "venv" / "bin" / exe)


def _node_bin(tools_dir: str | os.PathLike, exe: str) -> str:
    return str(Path(tools_dir) / "node" / "node_modules" / ".bin" / exe)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- #
# shared prose patterns (textlint-prh and markdownlint-prose-regex)            #
# --------------------------------------------------------------------------- #

# 20 regex patterns that approximate contentlint's health pack: dose numbers
# (no-dose-numbers) and efficacy / testimonial phrasing (claim-needs-citation, but
# with no notion of "cited in the same sentence"). The same list feeds textlint's
# prh dictionary and the markdownlint custom rule, so those two peers run the same
# regexes over the same kind of text (prose nodes; code skipped). Patterns are
# JavaScript regex sources; prh reports a match only when its replacement
# ("expected") differs from the matched text, which these always do.
_CONDITIONS = "anxiety|insomnia|pain|joint pain|inflammation|stress|fatigue|nausea|low mood|headaches|cramps|depression"
_WELLNESS = "sleep quality|sleep|mood|energy levels|energy|focus|recovery|relaxation|immunity|memory"
_DOSE_RANGE = r"(?:\s*(?:-|–|to|or)\s*\d+(?:\.\d+)?)?"
_COUNT_UNITS = r"capsules?|softgels?|tablets?|pills?|caplets?|gumm(?:y|ies)|drops?|droppers?|scoops?|teaspoons?|tablespoons?|servings?"
PROSE_PATTERNS: list[tuple[str, str, str]] = [  # (regex source, flags, prh replacement)
    # ---- dose numbers (no-dose-numbers) ----
    (r"\b\d+(?:\.\d+)?" + _DOSE_RANGE + r"\s?(?:mg\/kg|mg|mcg|µg|μg|IU|mL|ml|g|cc|tsp|tbsp)\b", "g", "[dose removed]"),
    (r"\b\d+(?:\.\d+)?" + _DOSE_RANGE + r"\s+(?:milligrams?|micrograms?|grams?|milliliters?|millilitres?|international units)\b", "gi", "[dose removed]"),
    (r"\b\d+" + _DOSE_RANGE + r"\s+(?:" + _COUNT_UNITS + r")\b", "gi", "[dose removed]"),
    (r"\b(?:one|two|three|four|five|six|half an?|a half)(?:\s+(?:to|or)\s+(?:two|three|four|five|six|eight|ten))?\s+(?:" + _COUNT_UNITS + r")\b", "gi", "[dose removed]"),
    (r"\bbetween\s+\d+\s+and\s+\d+\s*(?:mg|mcg|g|IU|ml|mL|grams|milligrams)\b", "g", "[dose removed]"),
    # ---- hedged efficacy claims (claim-needs-citation) ----
    (r"\b(?:may|might|can|could)\s+help\s+(?:reduce|relieve|ease|treat|prevent|improve|manage|support|with)\b", "gi", "[claim: cite a source]"),
    (r"\b(?:may|might|can|could)\s+(?:reduce|relieve|alleviate|ease|treat|cure|prevent|improve|boost|lower)\s+(?:" + _CONDITIONS + r")\b", "gi", "[claim: cite a source]"),
    # ---- direct efficacy claims ----
    (r"\b(?:relieves|reduces|treats|cures|heals|prevents|eases|soothes|lowered|reduced)\s+(?:your\s+)?(?:" + _CONDITIONS + r")\b", "gi", "[claim: cite a source]"),
    (r"\b(?:improved|improves|boosts|boosted|enhances|enhanced|promotes|supports)\s+(?:" + _WELLNESS + r")\b", "gi", "[claim: cite a source]"),
    (r"\bsupports?\s+(?:a\s+)?healthy\s+\w+", "gi", "[claim: cite a source]"),
    (r"\b(?:cure|remedy|treatment|solution)\s+for\s+(?:" + _CONDITIONS + r")\b", "gi", "[claim: cite a source]"),
    (r"\b(?:effective|beneficial|helpful)\s+(?:for|against|in treating)\s+(?:" + _CONDITIONS + r")\b", "gi", "[claim: cite a source]"),
    (r"\b(?:anxiety|pain|stress|headache|cramp)\s+relief\b", "gi", "[claim: cite a source]"),
    (r"\b(?:anti-inflammatory|calming|soothing|mood-boosting|anxiolytic|sedative)\s+(?:effects?|properties|benefits?)\b", "gi", "[claim: cite a source]"),
    (r"\bworks?\s+(?:wonders|like a charm)\b", "gi", "[claim: cite a source]"),
    (r"\bnatural\s+alternative\s+to\s+\w+", "gi", "[claim: cite a source]"),
    # ---- testimonial claims ----
    (r"\b(?:users|people|customers|reviewers|many)\s+(?:report|say|find|swear)\b", "gi", "[testimonial: cite a source]"),
    (r"\bbetter\s+(?:sleep quality|sleep|mood|energy levels|energy|focus|recovery|relaxation)\b", "gi", "[testimonial: cite a source]"),
    (r"\bfeel(?:s|ing)?\s+(?:much\s+)?(?:better|calmer|more rested|refreshed)\b", "gi", "[testimonial: cite a source]"),
    (r"\bsleep(?:s|ing)?\s+(?:much\s+)?(?:better|deeper|through the night)\b", "gi", "[testimonial: cite a source]"),
]


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def prh_yaml() -> str:
    lines = ["# prh dictionary approximating contentlint's built-in health rules (benchmark only).", "version: 1", "rules:"]
    for source, flags, expected in PROSE_PATTERNS:
        lines.append(f"  - expected: {_yaml_quote(expected)}")
        lines.append(f"    pattern: {_yaml_quote('/' + source + '/' + flags)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- #
# markdownlint-cli2                                                            #
# --------------------------------------------------------------------------- #

_MDL_DEFAULT = "markdownlint-default"
_MDL_PROSE = "markdownlint-prose-regex"
_MDL_PARSE = "markdownlint-parse-only"

# A markdownlint custom rule that runs regexes over prose: micromark "data" tokens
# (text of paragraphs, headings, list items, table cells, blockquotes, link text;
# not code, HTML, URLs or front matter). Its patterns come from the config; with
# none it returns at once, which makes a "parse only" run: markdownlint parses a
# file only when some enabled rule asks for the micromark tokens, so a config that
# merely turns every rule off ({default: false}) measures start-up and file reading,
# not parsing.
MDL_PROSE_RULE_CJS = r"""// markdownlint custom rule (contentlint benchmark): regexes over prose text.
"use strict";
module.exports = {
  "names": ["prose-patterns"],
  "description": "Prose regex patterns approximating contentlint's health pack",
  "tags": ["prose"],
  "parser": "micromark",
  "function": function proseRule(params, onError) {
    const cfg = params.config || {};
    const patterns = (cfg.patterns || []).map(
      ([source, flags]) => new RegExp(source, flags.includes("g") ? flags : flags + "g")
    );
    if (patterns.length === 0) {
      return;
    }
    const stack = [...params.parsers.micromark.tokens];
    while (stack.length > 0) {
      const token = stack.pop();
      if (token.type === "data") {
        const text = token.text;
        for (const re of patterns) {
          re.lastIndex = 0;
          let m;
          while ((m = re.exec(text)) !== null) {
            if (m[0].length === 0) {
              re.lastIndex++;
              continue;
            }
            onError({
              "lineNumber": token.startLine,
              "detail": m[0],
              "range": [token.startColumn + m.index, m[0].length]
            });
          }
        }
      } else if (token.children.length > 0) {
        stack.push(...token.children);
      }
    }
  }
};
"""


def _mdl_setup(subdir: str):
    def setup(tools_dir, workdir) -> None:
        # One folder per variant, so the configs never meet.
        wd = Path(workdir) / subdir
        if subdir == _MDL_DEFAULT:
            cfg: dict = {"config": {"default": True}}
        else:
            patterns = [[src, flags] for src, flags, _ in PROSE_PATTERNS] if subdir == _MDL_PROSE else []
            _write(wd / "prose-patterns.cjs", MDL_PROSE_RULE_CJS)
            cfg = {
                "config": {"default": False, "prose-patterns": {"patterns": patterns}},
                "customRules": [str(wd / "prose-patterns.cjs")],
            }
        _write(wd / ".markdownlint-cli2.jsonc", json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")

    return setup


def _mdl_command(subdir: str):
    def command(tools_dir, workdir, target) -> list[str]:
        target = Path(target).resolve()
        # A folder becomes an absolute glob (markdownlint-cli2 takes globs, not
        # folders); a single file is passed as a literal path (":" prefix).
        arg = f"{target.as_posix()}/**/*.{{md,markdown}}" if target.is_dir() else f":{target.as_posix()}"
        return [
            _node_bin(tools_dir, "markdownlint-cli2"),
            "--config", str(Path(workdir) / subdir / ".markdownlint-cli2.jsonc"),
            arg,
        ]

    return command


def _mdl_version(tools_dir) -> list[str]:
    # First line of --help is "markdownlint-cli2 vX (markdownlint vY)"; exits 0.
    return [_node_bin(tools_dir, "markdownlint-cli2"), "--help"]


# --------------------------------------------------------------------------- #
# textlint + textlint-rule-prh                                                 #
# --------------------------------------------------------------------------- #

def _textlint_setup(tools_dir, workdir) -> None:
    wd = Path(workdir) / "textlint"
    _write(wd / "prh.yml", prh_yaml())
    rc = {
        "rules": {
            "prh": {
                "rulePaths": [str(wd / "prh.yml")],
                # contentlint lints blockquotes and emphasis too (prh skips them by default).
                "checkBlockQuote": True,
                "checkEmphasis": True,
                "checkHeader": True,
                "checkParagraph": True,
            }
        }
    }
    _write(wd / ".textlintrc.json", json.dumps(rc, indent=2) + "\n")


def _textlint_command(tools_dir, workdir, target) -> list[str]:
    return [
        _node_bin(tools_dir, "textlint"),
        "--config", str(Path(workdir) / "textlint" / ".textlintrc.json"),
        "--rules-base-directory", str(Path(tools_dir) / "node" / "node_modules"),
        "--format", "stylish", "--no-color",
        str(Path(target).resolve()),
    ]


def _textlint_version(tools_dir) -> list[str]:
    return [_node_bin(tools_dir, "textlint"), "--version"]


# --------------------------------------------------------------------------- #
# proselint                                                                    #
# --------------------------------------------------------------------------- #

def _proselint_setup(tools_dir, workdir) -> None:
    # Default checks, but lift max_errors (default 1000, applied per file: with it
    # proselint stops checking a file after 1000 findings, i.e. on the 20 MB file).
    _write(Path(workdir) / "proselint" / ".proselintrc.json", json.dumps({"max_errors": 100_000_000}, indent=2) + "\n")


def _proselint_command(tools_dir, workdir, target) -> list[str]:
    # proselint 0.16 `check` takes folders itself (os.walk, .md/.markdown/.txt/...).
    return [
        _venv_bin(tools_dir, "proselint"),
        "check",
        "--config", str(Path(workdir) / "proselint" / ".proselintrc.json"),
        "--output-format", "compact",
        str(Path(target).resolve()),
    ]


def _proselint_version(tools_dir) -> list[str]:
    return [_venv_bin(tools_dir, "proselint"), "version"]


# --------------------------------------------------------------------------- #
# pymarkdown (PyPI: pymarkdownlnt)                                             #
# --------------------------------------------------------------------------- #

def _pymarkdown_setup(tools_dir, workdir) -> None:
    # Default rules; the front-matter and GFM-table extensions on, as contentlint
    # parses both (without them the YAML front matter is read as a setext heading).
    cfg = {"extensions": {"front-matter": {"enabled": True}, "markdown-tables": {"enabled": True}}}
    _write(Path(workdir) / "pymarkdown" / "pymarkdown.json", json.dumps(cfg, indent=2) + "\n")


def _pymarkdown_command(tools_dir, workdir, target) -> list[str]:
    return [
        _venv_bin(tools_dir, "pymarkdown"),
        "--config", str(Path(workdir) / "pymarkdown" / "pymarkdown.json"),
        "--strict-config",
        "--continue-on-error",  # a file that crashes a rule is reported, the scan goes on
        "scan", "--recurse",
        str(Path(target).resolve()),
    ]


def _pymarkdown_version(tools_dir) -> list[str]:
    return [_venv_bin(tools_dir, "pymarkdown"), "version"]


# --------------------------------------------------------------------------- #

PEERS: list[dict] = [
    {
        "name": _MDL_DEFAULT,
        "version_cmd": _mdl_version,
        "setup": _mdl_setup(_MDL_DEFAULT),
        "command": _mdl_command(_MDL_DEFAULT),
        "exit_ok": (0, 1),
        "note": (
            "markdownlint-cli2 0.22.1 (markdownlint 0.40.0, micromark parser) with its default rule set "
            "(~50 structural rules: headings, lists, line length, tables, code fences...). Parses the same "
            "CommonMark/GFM + front matter as contentlint but checks structure, not prose: comparable "
            "parse + walk cost, not comparable findings. Folder targets are passed as an absolute glob "
            "'DIR/**/*.{md,markdown}'. Exit 1 when it reports findings (always, on this corpus); "
            "stdout ends with 'Linting: N file(s)' / 'Summary: N error(s)', findings go to stderr. "
            "20 MB file: did not finish in 300 s with Node's default heap (~4 GiB; RSS 3.3 GB, GC-bound); "
            "it finishes (~140 s, 4.6 GB) with NODE_OPTIONS=--max-old-space-size=16384."
        ),
    },
    {
        "name": _MDL_PROSE,
        "version_cmd": _mdl_version,
        "setup": _mdl_setup(_MDL_PROSE),
        "command": _mdl_command(_MDL_PROSE),
        "exit_ok": (0, 1),
        "note": (
            "markdownlint-cli2 with all built-in rules off and one custom rule (MDL_PROSE_RULE_CJS, "
            "written to WORKDIR) running the same 20 PROSE_PATTERNS as the textlint peer over the "
            "micromark text tokens of prose (code, HTML, URLs, front matter skipped). The closest "
            "like-for-like of contentlint's dose/claim checks in a JS linter: same parse, regex over "
            "prose; still no sentence model, citation exemption, negation handling or missing-disclaimer "
            "check. Exit 1 when findings; 'Summary: N error(s)' on stdout, findings on stderr."
        ),
    },
    {
        "name": _MDL_PARSE,
        "version_cmd": _mdl_version,
        "setup": _mdl_setup(_MDL_PARSE),
        "command": _mdl_command(_MDL_PARSE),
        "exit_ok": (0,),
        "note": (
            "markdownlint-cli2 floor: built-in rules off and the custom rule with no patterns, so "
            "every file is read and parsed with micromark (a rule asks for the tokens) and nothing "
            "is checked. A plain {default: false} config would skip parsing altogether (markdownlint "
            "parses only for enabled rules) and measure start-up + file reading only. Exit 0, "
            "'Summary: 0 error(s)'."
        ),
    },
    {
        "name": "textlint-prh",
        "version_cmd": _textlint_version,
        "setup": _textlint_setup,
        "command": _textlint_command,
        "exit_ok": (0, 1),
        "note": (
            "textlint 15.8.0 (built-in Markdown plugin, mdast) with only textlint-rule-prh 6.1.0 and a "
            "20-entry regex dictionary (bench/peers.py PROSE_PATTERNS, written to WORKDIR/textlint/prh.yml) "
            "approximating contentlint's health pack: 5 dose-number patterns, 15 efficacy/testimonial "
            "phrase patterns, on prose Str nodes (paragraphs, headings, lists, tables, blockquotes, "
            "emphasis; code skipped). Closest in kind to contentlint (Markdown-aware regex over prose) "
            "but cruder: no sentence model, no 'cited in the same sentence' exemption, no "
            "negation/doubt handling, and no document-level 'missing disclaimer' check (prh cannot "
            "express absence). prh loads the dictionary once per file. Folder targets are expanded "
            "by textlint itself. Exit 1 when findings; stdout ends with '✖ N problems'. Super-linear "
            "in file size (1/2/4 MB slices: ~6/9/27 s): does not finish the 20 MB file in 300 s."
        ),
    },
    {
        "name": "proselint",
        "version_cmd": _proselint_version,
        "setup": _proselint_setup,
        "command": _proselint_command,
        "exit_ok": (0, 1),
        "note": (
            "proselint 0.16.0 `check` with its default checks (23 modules of style/usage regexes: "
            "cliches, hedging, typography, weasel words...), max_errors raised from 1000 to 1e8 via "
            "WORKDIR/proselint/.proselintrc.json (the cap is per file and would cut the 20 MB file "
            "short). Reads each file as plain text (Markdown syntax, code blocks and front matter "
            "are linted as prose): comparable as regex-over-prose cost, different rules. Takes the "
            "folder directly (walks it; no find/xargs needed). Note it also merges "
            "~/.proselintrc.json and ./.proselintrc.json if present. Exit 1 when findings; "
            "compact output, one finding a line."
        ),
    },
    {
        "name": "pymarkdown",
        "version_cmd": _pymarkdown_version,
        "setup": _pymarkdown_setup,
        "command": _pymarkdown_command,
        "exit_ok": (0, 1),
        "note": (
            "pymarkdown (PyPI pymarkdownlnt 0.9.41) `scan --recurse` with its default rules "
            "(markdownlint-style structural rules, pure-Python CommonMark parser), front-matter and "
            "markdown-tables extensions enabled in WORKDIR/pymarkdown/pymarkdown.json so it parses "
            "the same constructs as contentlint; footnotes are not a pymarkdown feature. The other "
            "pure-Python Markdown peer: comparable parse cost, structural (not prose) findings. "
            "--continue-on-error keeps the scan going if a rule crashes on a file. Exit 1 when "
            "findings; one finding a line on stdout. Strongly super-linear in file size (a 1 MB slice "
            "of the big file takes ~280 s): does not finish the 20 MB file in 300 s."
        ),
    },
]


def peer_version(peer: dict, tools_dir: str | os.PathLike = DEFAULT_TOOLS_DIR) -> str:
    """The tool's version line, e.g. 'markdownlint-cli2 v0.22.1 (markdownlint v0.40.0)'."""
    out = subprocess.run(peer["version_cmd"](tools_dir), capture_output=True, text=True, timeout=60)
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else ""


def setup_all(tools_dir: str | os.PathLike, workdir: str | os.PathLike) -> None:
    for peer in PEERS:
        peer["setup"](tools_dir, workdir)


if __name__ == "__main__":  # quick look: python bench/peers.py [TOOLS_DIR] [WORKDIR] [TARGET]
    import sys
    import tempfile

    tools = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TOOLS_DIR
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="peers-")
    target = sys.argv[3] if len(sys.argv) > 3 else "TARGET"
    setup_all(tools, work)
    for p in PEERS:
        print(f"{p['name']}: {peer_version(p, tools)}")
        print("   ", " ".join(p["command"](tools, work, target)))
