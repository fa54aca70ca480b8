"""Rule pages: where each rule's page is (this module, light: reporters and the
language server link to pages) and how the static site is written
(``build.py``, ``contentlint docs``).

A site made by ``contentlint docs OUTPUT`` has one page per rule at
``PACK/RULE.html`` and an index at ``index.html``. A rule's page address is a
base URL plus that path: the config's ``docs_url`` when set (a site the project
serves itself), else the pack's own: for a built-in pack, contentlint's
documentation (``Documentation`` in its ``[project.urls]``) + ``rules/``, which
``docs/rules/`` in the repository holds; for an installed pack, the
``Documentation`` URL of the distribution that installed it. A rule of the
project's own rule files has no page.
"""

from __future__ import annotations

from urllib.parse import quote


def page_path(pack: str, rule_id: str) -> str:
    """A rule's page, relative to the site's root."""
    return f"{pack}/{rule_id}.html"


def rule_url(rule, docs_url: str | None = None) -> str | None:
    """The address of ``rule``'s page, or None when it has none. ``docs_url``: the
    config's base URL (``config.docs_url.value``), which wins over the pack's."""
    from ..config.packs import pack_of

    path = getattr(rule, "path", None)
    pack = pack_of(path) if path else None
    if pack is None:
        return None
    base = docs_url or pack.docs_url
    if not base:
        return None
    return base.rstrip("/") + "/" + quote(page_path(pack.name, rule.id))
