"""`python -m draft_agreement` runs the CLI."""

from draft_agreement.cli import main

main()
