"""``contentlint docs OUTPUT``: a static site with one page per rule of the
built-in and installed packs (see linter/docsite/build.py)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .common import EXIT_ERROR, EXIT_OK, error_line, parser


def run(argv: list[str]) -> int:
    p = parser(
        prog="contentlint docs",
        description="Write a static site: an index by pack and one page per rule of the built-in and installed packs.",
        epilog="Serve OUTPUT and set docs_url in the config to its address: SARIF, the HTML report and editors\n"
        "link each rule there. The built-in pack's pages link to the project's own by default.",
    )
    p.add_argument("output", metavar="OUTPUT", help="folder to write (new, empty, or made by contentlint docs before)")
    p.add_argument("--pack", action="append", metavar="NAME", help="only this pack (repeat for more); default: every pack")
    args = p.parse_args(argv)
    from ..config.packs import Pack, all_packs
    from ..docsite.build import write_site

    known = {p.name: p for p in all_packs()}
    failed = False
    if args.pack:
        chosen = []
        for name in args.pack:
            pack = known.get(name)
            if pack is None:
                raise UserError(f"no pack '{name}' (contentlint packs lists them)")
            if not isinstance(pack, Pack):
                raise UserError(f"pack '{name}' ({pack.dist} {pack.version}) cannot be used: {pack.reason}")
            chosen.append(pack)
    else:
        chosen = [p for p in known.values() if isinstance(p, Pack)]
        for broken in (p for p in known.values() if not isinstance(p, Pack)):
            error_line(f"contentlint: pack '{broken.name}' ({broken.dist} {broken.version}) left out: {broken.reason}")
            failed = True
    written = write_site(Path(args.output), chosen)
    pages = sum(1 for w in written if w.endswith(".html") and "/" in w)
    names = ", ".join(p.name for p in chosen)
    print(f"wrote {pages} rule page{'s' if pages != 1 else ''} ({names}) and an index to {args.output}")
    return EXIT_ERROR if failed else EXIT_OK
