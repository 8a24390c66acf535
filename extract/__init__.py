"""Quantitative claims from transcripts and notes, as a unit-aware facts table."""

from extract.pipeline import Extraction, extract_paths, extract_text
from extract.schema import COLUMNS, Mention

__all__ = ["COLUMNS", "Extraction", "Mention", "extract_paths", "extract_text"]
