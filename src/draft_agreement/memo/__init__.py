"""The review memo written beside a redline: the full analysis once, so the comments can stay short."""
