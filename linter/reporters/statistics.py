"""``--statistics``: how many findings each rule gave, instead of the findings
(like ``ruff --statistics``). One line per rule and severity, most frequent first
(ties by rule id), columns aligned, then the summary line of the text format.
Suppressed findings are not counted (the summary says how many there were):

    12  no-dose-numbers       error
     3  claim-needs-citation  error
    Found 15 problems (15 errors) in 2 of 4 files.
"""

from __future__ import annotations

from collections import Counter

from ..findings import SEVERITY_RANK
from .text import summary_of


def counts(findings) -> list[tuple[int, str, str]]:
    """(count, rule id, severity), most frequent first. A rule appears once per
    severity it was reported with (configs of different folders may differ)."""
    c = Counter((f.rule, f.severity) for f in findings)
    rows = [(n, rule, sev) for (rule, sev), n in c.items()]
    return sorted(rows, key=lambda t: (-t[0], t[1], -SEVERITY_RANK.get(t[2], 0)))


def render(report, stream, **_) -> None:
    rows = counts(report.findings)
    if rows:
        wn = max(len(str(n)) for n, _, _ in rows)
        wr = max(len(rule) for _, rule, _ in rows)
        for n, rule, sev in rows:
            stream.write(f"{n:>{wn}}  {rule:<{wr}}  {sev}\n")
    stream.write(summary_of(report) + "\n")
