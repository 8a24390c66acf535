"""Quantitative claims from transcripts and notes, as a unit-aware facts table."""
