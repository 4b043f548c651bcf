"""The deal stage: a model of the agreement as a whole, read by review, the redline plan and drafting."""

from draft_agreement.deal.build import build_deal, deal_of
from draft_agreement.deal.model import Consideration, Deal, DealParty, GoverningLaw, Subject

__all__ = ["Consideration", "Deal", "DealParty", "GoverningLaw", "Subject", "build_deal", "deal_of"]
