"""Output formats. Each reporter takes the findings of the whole run."""

FORMATS = ("text", "json")
