"""The command-line layer: parse, prompt (on a terminal only), call the core, print."""
