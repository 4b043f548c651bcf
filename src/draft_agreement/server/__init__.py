"""The upload page and the HTTP API (`draft-agreement serve`): the same engine as the CLI, behind FastAPI.

Nothing here is imported by the CLI until `serve` runs, so the core package works without FastAPI.
"""
