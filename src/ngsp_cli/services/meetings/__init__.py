"""Meetings: plan, record, and the documents conveners send around them."""
