"""links: which link targets are acceptable, per scope.

    kind: links
    message: "Link to '{domain}': {problem}"
    deny_domains: [amazon.com, amzn.to, shareasale.com]   # subdomains included
    allow_domains: []          # if set, only these (and relative links)
    require_https: true
    allow_relative: true
    scope: [prose]             # e.g. [footnote] to check sources only

The finding spans the link text (for an autolink or bare URL, the URL).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..fields import Field
from .base import Check, Hit


def _domain_in(host: str, domains) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


class LinksCheck(Check):
    OPTIONS = {
        "deny_domains": Field("str-or-list", default=[], doc="domains never to link to (subdomains included)"),
        "allow_domains": Field("str-or-list", default=[], doc="if set, the only domains to link to"),
        "require_https": Field("bool", default=False, doc="http:// links are findings"),
        "allow_relative": Field("bool", default=True, doc="links within the site are fine"),
    }
    TEMPLATE_FIELDS = frozenset({"url", "domain", "problem"})

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        self.deny = [d.lower().lstrip(".") for d in options["deny_domains"]]
        self.allow = [d.lower().lstrip(".") for d in options["allow_domains"]]

    def problem(self, url: str) -> tuple[str, str] | None:
        o = self.options
        if url.startswith(("mailto:", "tel:", "#")):
            return None
        parts = urlsplit(url if "://" in url or url.startswith("//") or not url.startswith("www.") else "http://" + url)
        host = (parts.hostname or "").lower()
        if not host:
            return None if o["allow_relative"] else ("", "relative links are not allowed")
        if self.deny and _domain_in(host, self.deny):
            return host, "this domain is not allowed"
        if self.allow and not _domain_in(host, self.allow):
            return host, "only links to " + ", ".join(self.allow) + " are allowed"
        if o["require_https"] and parts.scheme == "http":
            return host, "use https://"
        return None

    def run(self, doc):
        for block in self.scope.blocks(doc):
            for link in block.links:
                start, end = link.start, max(link.end, link.start + 1)
                if not self.scope.accepts(block, start, end):
                    continue
                found = self.problem(link.href)
                if found is None:
                    continue
                if link.end <= link.start:  # empty link text: no prose to point at, so not reported
                    continue
                s, e = block.to_source(start, end)
                yield Hit(s, e, {"url": link.href, "domain": found[0], "problem": found[1]})
