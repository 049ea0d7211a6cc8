"""Priorities and action teams: dot votes, priorities over time, teams and their tasks."""
