"""Report formats: rich table, JSON (with a published JSON Schema), SARIF 2.1.0 and Markdown."""
