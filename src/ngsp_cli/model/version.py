"""The schema version written into partnership.yaml."""

CURRENT_SCHEMA_VERSION = 1
