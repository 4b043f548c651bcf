"""The deal's notes at the top of a report: which law governs, and when the agreement was signed.

Wording is data (clauses/deal/law.yaml `notes`), in each explanation language.
"""

from __future__ import annotations

from draft_agreement.deal.law import place_name
from draft_agreement.deal.model import Deal
from draft_agreement.deal.vocabulary import Vocabulary, load_vocabulary
from draft_agreement.model.amounts import format_date

PIPL_IN_FORCE = "2021-11-01"


def note(vocab: Vocabulary, key: str, lang: str, **values: str) -> str:
    templates = vocab.notes[key]
    return (templates.get(lang) or templates["en"]).format(**values)


def deal_notes(deal: Deal, lang: str, vocab: Vocabulary | None = None) -> tuple[str, ...]:
    """The governing-law line first (when another law governs), then the signing-date note."""
    vocab = vocab or load_vocabulary()
    notes = []
    law = deal.governing_law
    if law is not None and law.jurisdiction not in (None, "CN"):
        notes.append(note(vocab, "foreign_law", lang, law=place_name(vocab, law.jurisdiction, lang)))
    elif law is not None and law.jurisdiction is None and law.forum_jurisdiction not in (None, "CN"):
        notes.append(
            note(vocab, "foreign_forum", lang, forum=place_name(vocab, law.forum_jurisdiction, lang))
        )
    if deal.signed is not None and deal.signed < PIPL_IN_FORCE:
        signed = format_date(deal.signed, "zh") if lang == "zh" else deal.signed
        notes.append(note(vocab, "before_pipl", lang, signed=signed))
    return tuple(notes)
