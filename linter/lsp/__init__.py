"""The language server (``contentlint server``, linter/commands/server.py): LSP over
standard input and output for editors: diagnostics as the writer types, code
actions (a rule's fix, the medical disclaimer, a suppression comment, fix all),
hover with the rule's explanation, and a command that lints the whole workspace.

Modules: ``server`` (pygls wiring, state between requests), ``lint_thread``
(lints in the main thread while the event loop answers requests), ``documents`` (one
lint, findings as diagnostics), ``positions`` (LSP position encodings),
``actions``, ``hover``, ``workspace`` (config files, the workspace's files).
A rule's page link is the one SARIF gives (``linter.docsite``). pygls and lsprotocol are the ``server`` extra,
imported by nothing a lint run loads.
"""
