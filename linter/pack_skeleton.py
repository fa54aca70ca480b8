"""``contentlint init --pack NAME``: the skeleton of a rule pack to publish.

A pack is a Python distribution (built with setuptools here) whose package
folder holds the rule files and which registers that package under the entry
point group ``contentlint.packs`` (see linter/config/packs.py). The skeleton
has one example rule with examples, a fixture, and a README that says how to
test, build, publish and use it.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UserError

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$")

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "0.1.0"
description = "contentlint rule pack: {name}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["contentlint>={contentlint_version}"]

# Where the pack's rule pages are served (contentlint docs SITE --pack {name},
# then publish SITE there): SARIF, the HTML report and editors link each rule to
# DOCUMENTATION/{name}/RULE.html.
# [project.urls]
# Documentation = "https://example.org/{name}-docs/"

# The pack: its name in `extends: [{name}]` = the package holding the rule files.
[project.entry-points."contentlint.packs"]
{name} = "{module}"

[tool.setuptools]
packages = ["{module}"]

[tool.setuptools.package-data]
{module} = ["*.yaml", "*.yml", "*.md"]
"""

RULE = """\
# One rule per file (or several under a top-level `rules:` list). Kinds, fields
# and options: contentlint's README (Writing rules); `contentlint schema rule`
# gives the JSON Schema for editors.
id: {prefix}-no-cure-claims
kind: pattern
severity: error
message: "'{{match}}': a product may not claim to cure a disease; describe what it is, not what it cures."
description: >
  A cure claim ("cures diabetes", "a cure for arthritis") presents a product as a
  drug. Say what the product is and what the evidence shows, with a citation, or
  remove the claim.
terms: [cures, cure for, cured my]
examples:
  fail:
    - "This tea cures diabetes."
    - {{text: "It is a natural cure for arthritis.", match: "cure for"}}
  pass:
    - "Green tea is a drink made from the leaves of Camellia sinensis."
    - "Cured meats are high in salt."
"""

FIXTURE = """\
<!-- A fixture for `contentlint test-rules {module}/`: the paragraph under each
"expect" comment must get a finding of the rule named, the one under "ok" none. -->

<!-- expect: {prefix}-no-cure-claims -->
Green tea cures headaches.

<!-- ok: {prefix}-no-cure-claims -->
Green tea is a drink made from the leaves of Camellia sinensis.
"""

README = """\
# {name}

A [contentlint](https://pypi.org/project/contentlint/) rule pack.

## Use it

```console
$ pip install {name}
```

```yaml
# .contentlint.yaml
extends: [health, {name}]        # or, with a version: ["{name}>=0.1"]
```

`contentlint packs` lists the installed packs and their versions.

## Write and test the rules

Rule files live in `{module}/` (every `*.yaml` there is loaded). Check each
rule's examples and the annotated fixture:

```console
$ contentlint test-rules {module}/
```

Prefix rule ids with the pack's name (`{prefix}-...`): ids must be unique across
every pack a site extends.

## Publish it

```console
$ python -m pip install build twine
$ python -m build                 # dist/{module}-0.1.0-py3-none-any.whl and the sdist
$ python -m twine upload dist/*   # or to your organisation's package index
```

Raise `version` in `pyproject.toml` for each release; sites can then ask for it
(`extends: ["{name}>=0.2"]`), and an older installed pack is an error that names
the pip command to upgrade it.

## Rule pages

```console
$ contentlint docs site --pack {name}
```

writes one HTML page per rule; publish `site/` and set `Documentation` under
`[project.urls]` in `pyproject.toml` to its address, so findings link to the pages.
"""


def module_name(name: str) -> str:
    return re.sub(r"[-.]", "_", name)


def write_skeleton(name: str, parent: Path) -> list[Path]:
    """Write the pack ``name`` into ``parent/name``; the files written."""
    from . import __version__

    if not _NAME.match(name):
        raise UserError(
            f"'{name}' cannot name a pack: use lowercase letters and digits, words joined by '-', '_' or '.' "
            "(like fda-claims)"
        )
    from .config.packs import pack_names

    if name in pack_names():
        raise UserError(f"'{name}' is the name of a built-in pack, which would hide yours: choose another (like {name}-house)")
    root = parent / name
    if root.exists():
        raise UserError(f"{root} already exists")
    module = module_name(name)
    values = {
        "name": name,
        "module": module,
        "prefix": name.replace(".", "-").replace("_", "-"),
        "contentlint_version": ".".join(__version__.split(".")[:2]),
    }
    files = {
        root / "pyproject.toml": PYPROJECT,
        root / "README.md": README,
        root / module / "__init__.py": '"""contentlint rule pack {name}: the rule files are this folder\'s *.yaml."""\n',
        root / module / "no-cure-claims.yaml": RULE,
        root / module / "fixture.md": FIXTURE,
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return list(files)
