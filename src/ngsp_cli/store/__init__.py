"""The partnership folder on disk: find it, read it fast, write it carefully."""
