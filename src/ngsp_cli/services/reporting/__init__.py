"""Reporting: the progress report, the public site, and the portfolio of many partnerships."""
