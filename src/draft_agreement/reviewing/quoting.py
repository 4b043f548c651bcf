"""What a finding quotes from its paragraph: masked once per paragraph, and bounded in size.

A customer list pasted as one 40,000-character paragraph yields a finding per identifier. Masking the
paragraph again for each finding, and storing the whole of it in each, made review quadratic in the
paragraph's length (and the JSON report with it). Here a paragraph is masked once, and a finding in a
paragraph longer than :data:`WHOLE_PARAGRAPH` quotes the text around its match instead of all of it,
so the work and the report grow with the paragraph, not with its square.
"""

from __future__ import annotations

from collections.abc import Sequence

from draft_agreement.model.document import Paragraph
from draft_agreement.reviewing.detectors import Detection, detect
from draft_agreement.reviewing.masking import MaskedText

WHOLE_PARAGRAPH = 2000  # paragraphs up to this length are quoted whole (nearly every real clause)
CONTEXT = 300  # characters quoted on each side of the match in a longer paragraph
ELLIPSIS = "…"


class ParagraphQuote:
    """One paragraph's text and display text (with its automatic number), masked unless `show_pii`."""

    def __init__(self, p: Paragraph, found: Sequence[Detection], show_pii: bool) -> None:
        self.text = MaskedText(p.text, () if show_pii else found)
        display = p.display_text
        self.shift = len(display) - len(p.text)  # the automatic number and its space come first
        if not self.shift:
            self.display = self.text
        else:
            self.display = MaskedText(display, () if show_pii else detect(display))

    def span(self, start: int, end: int) -> str:
        """The matched text, masked."""
        return self.text.slice(start, end)

    def paragraph(self, start: int, end: int) -> str:
        """The paragraph as shown, masked: whole, or the part around [start, end) when it is long."""
        display = self.display
        if len(display.text) <= WHOLE_PARAGRAPH:
            return display.masked
        lo = max(0, start + self.shift - CONTEXT)
        hi = min(len(display.text), end + self.shift + CONTEXT)
        head = ELLIPSIS if lo else ""
        tail = ELLIPSIS if hi < len(display.text) else ""
        return head + display.slice(lo, hi) + tail
