"""Setting up and keeping up a folder: create, migrate, schemas for editors, CI pipelines."""
