"""``contentlint server``: the language server for editors (``linter.lsp``), on
standard input and output. It needs the ``server`` extra (pygls, lsprotocol),
imported only here: without it, one line names the pip command."""

from __future__ import annotations

from ..errors import UserError
from .common import parser

INSTALL_HINT = "pip install 'contentlint[server]'"


def run(argv: list[str]) -> int:
    p = parser(
        prog="contentlint server",
        description="Run the language server on standard input and output (editors start it; see the README, Editors).",
    )
    p.add_argument("--stdio", action="store_true", help="talk LSP over standard input and output (the default and only transport)")
    p.parse_args(argv)
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise UserError(f"the language server needs pygls and lsprotocol: {INSTALL_HINT}") from None
    from ..lsp.server import serve_stdio

    return serve_stdio()
