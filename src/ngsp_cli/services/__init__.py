"""Application services: plain functions over the model. No printing, no prompting."""
