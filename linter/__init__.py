"""contentlint: lint Markdown articles against YAML rules, with exact positions."""

__version__ = "0.1.0"
