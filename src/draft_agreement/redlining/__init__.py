"""Lossless redlining: tracked changes and comments written into the lawyer's own Word file."""
