"""Documents from templates: the Jinja environment and the output formats."""
