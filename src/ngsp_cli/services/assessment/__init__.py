"""Assessment: how Next Gen the partnership is (check, self-assessment, survey, status)."""
