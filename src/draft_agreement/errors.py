"""The exception hierarchy a pipeline can route on; the CLI turns each into one line and exit code 2."""

from __future__ import annotations


class DraftAgreementError(Exception):
    """Base class: every refusal the tool makes on purpose derives from this."""

    exit_code = 2


class UnsupportedDocument(DraftAgreementError):
    """The input is not a Word package we can read safely (legacy .doc, encrypted, bomb, bad XML...)."""

    def __init__(self, path: str, reason: str, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.hint = hint
        message = f"{path}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class RuleFileError(DraftAgreementError):
    """A rule pack is broken; the message names the file, the rule and the field."""

    def __init__(self, path: str, rule: str | None, field: str | None, problem: str) -> None:
        self.path = path
        self.rule = rule
        self.field = field
        self.problem = problem
        where = path
        if rule:
            where += f": rule {rule}"
        if field:
            where += f": field {field}"
        super().__init__(f"{where}: {problem}")


class TemplateError(DraftAgreementError):
    """A drafting template cannot be rendered (unknown template, missing or unknown variables)."""


class OutputError(DraftAgreementError):
    """The output cannot be written where asked (would overwrite the input, folder missing...)."""
