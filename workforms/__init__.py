"""Built-in work formats (werkvormen), one package each. See docs/workforms.md."""
