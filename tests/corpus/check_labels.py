#!/usr/bin/env python3
"""Sanity-check tests/corpus/labels.yaml against the corpus files.

Verifies, for every labelled document:
  * the file exists (path relative to the repo root);
  * medical-disclaimer is one of present / missing / not-needed;
  * every claim-needs-citation / no-dose-numbers entry has an int `line` within
    the file and a non-empty `text` that is an exact substring of that line;
  * split entries (end_line / end_text) have end_line == line + 1 and end_text
    occurs on end_line;
  * no duplicate (line, text) entries per rule;
  * every *.md file under seeds/ and tests/corpus/ has an entry.

Lines are cut the way contentlint and score.py cut them: 1-based, after removing
a leading UTF-8 BOM, splitting on \r\n, \r or \n. Because score.py locates a label
with str.find (first occurrence), `text` must occur exactly once on its line, and
`end_text` must be the first text on its line (after indentation / quote markers).

Usage: python3 tests/corpus/check_labels.py [path/to/labels.yaml]
Exit status 0 when everything checks out, 1 otherwise.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
RULES = ('claim-needs-citation', 'no-dose-numbers')
DISCLAIMER_VALUES = ('present', 'missing', 'not-needed')


def load_yaml(path):
    try:
        from ruamel.yaml import YAML
        with open(path, encoding='utf-8') as fh:
            return YAML(typ='safe').load(fh)
    except ImportError:
        pass
    try:
        import yaml
    except ImportError:
        sys.exit('need ruamel.yaml or PyYAML (e.g. /tmp/venv/bin/python has ruamel.yaml)')
    with open(path, encoding='utf-8') as fh:
        return yaml.safe_load(fh)


def read_lines(path):
    with open(path, encoding='utf-8-sig', newline='') as fh:
        lines = re.split(r'\r\n|\r|\n', fh.read())
    if lines and lines[-1] == '':
        lines.pop()
    return lines


def main(argv):
    labels_path = argv[1] if len(argv) > 1 else os.path.join(HERE, 'labels.yaml')
    labels = load_yaml(labels_path)
    errors = []
    counts = {r: 0 for r in RULES}
    disclaimer_counts = {v: 0 for v in DISCLAIMER_VALUES}

    if not isinstance(labels, dict):
        sys.exit('labels.yaml must be a mapping of file path -> labels')

    for rel, entry in labels.items():
        path = os.path.join(REPO, rel)
        if not os.path.isfile(path):
            errors.append(f'{rel}: file not found')
            continue
        lines = read_lines(path)
        if not isinstance(entry, dict):
            errors.append(f'{rel}: entry must be a mapping')
            continue
        unknown = set(entry) - set(RULES) - {'medical-disclaimer'}
        if unknown:
            errors.append(f'{rel}: unknown keys {sorted(unknown)}')
        disc = entry.get('medical-disclaimer')
        if disc not in DISCLAIMER_VALUES:
            errors.append(f'{rel}: medical-disclaimer must be one of {DISCLAIMER_VALUES}, got {disc!r}')
        else:
            disclaimer_counts[disc] += 1
        for rule in RULES:
            items = entry.get(rule)
            if items is None:
                errors.append(f'{rel}: missing key {rule}')
                continue
            seen = set()
            for item in items:
                where = f'{rel}:{rule}:{item}'
                if not isinstance(item, dict):
                    errors.append(f'{where}: item must be a mapping')
                    continue
                line, text = item.get('line'), item.get('text')
                if not isinstance(line, int) or not isinstance(text, str) or not text:
                    errors.append(f'{where}: needs int line and non-empty str text')
                    continue
                extra = set(item) - {'line', 'text', 'end_line', 'end_text'}
                if extra:
                    errors.append(f'{where}: unknown fields {sorted(extra)}')
                if not 1 <= line <= len(lines):
                    errors.append(f'{where}: line out of range (file has {len(lines)} lines)')
                    continue
                count = lines[line - 1].count(text)
                if count == 0:
                    errors.append(f'{where}: text not found on line {line}: {lines[line - 1]!r}')
                elif count > 1:
                    errors.append(f'{where}: text occurs {count} times on line {line} (ambiguous)')
                if ('end_line' in item) != ('end_text' in item):
                    errors.append(f'{where}: end_line and end_text go together')
                elif 'end_line' in item:
                    el, et = item['end_line'], item['end_text']
                    if el != line + 1 or el > len(lines):
                        errors.append(f'{where}: end_line must be line + 1 and inside the file')
                    elif not isinstance(et, str) or not et or et not in lines[el - 1]:
                        errors.append(f'{where}: end_text not found on line {el}: {lines[el - 1]!r}')
                    elif lines[el - 1][:lines[el - 1].find(et)].strip(' \t>*_') != '':
                        errors.append(f'{where}: end_text must start line {el}: {lines[el - 1]!r}')
                key = (line, text)
                if key in seen:
                    errors.append(f'{where}: duplicate entry')
                seen.add(key)
                counts[rule] += 1

    for folder in ('seeds', os.path.join('tests', 'corpus')):
        full = os.path.join(REPO, folder)
        if not os.path.isdir(full):
            continue
        for fn in sorted(os.listdir(full)):
            rel = f'{folder}/{fn}'.replace(os.sep, '/')
            if fn.endswith('.md') and fn != 'README.md' and rel not in labels:
                errors.append(f'{rel}: no entry in labels.yaml')

    for e in errors:
        print('ERROR', e)
    print(f'{len(labels)} documents; claims={counts["claim-needs-citation"]} '
          f'doses={counts["no-dose-numbers"]} disclaimers={disclaimer_counts}')
    print('FAIL' if errors else 'OK')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
