"""Compare two versions of an agreement: NEW, with tracked changes by one author that take OLD to it.

What the redline means
----------------------
Each file has two views: its *base* (every tracked change in it rejected) and its *current* view (every
tracked change accepted). Our changes take OLD's base to NEW's base; the tracked changes and comments
that other authors left in NEW are kept exactly as they are, on top. So:

- accept all changes (everyone's)  = NEW with all its changes accepted;
- reject all changes (everyone's)  = OLD with all its changes rejected;
- accept only ours                 = NEW exactly as received, its other authors' mark-up included;
- reject only ours                 = OLD's base with NEW's other authors' mark-up on it.

When neither file holds tracked changes, that is simply "accept = NEW, reject = OLD". When the other
side has marked up the document (in OLD and NEW alike, or in NEW only), their insertions stay their
insertions and are not shown again as ours, and text we inserted that they then deleted is written as
Word writes it, <w:ins us><w:del them>…</w:del></w:ins>. Tools that accept the other side's changes
before comparing show their insertion as plain text in the old version; here it is rejected with theirs.

How
---
- blocks.py: both files are loaded by the model (streamed main part), which records for every
  paragraph its base text and a fingerprint while parsing; stories become trees of paragraphs and
  tables of rows of cells.
- align.py: paragraphs and tables are aligned (equal ones first, patience and Myers; then similar ones
  paired in order); moves are unchanged paragraphs deleted in one place and inserted in another.
- segment.py: inside a paragraph the diff is by tokens: Chinese words (jieba), clause numbers, amounts,
  dates and party labels whole, English words and punctuation.
- pieces.py: a paragraph's base view with drawings, math, fields and note references as objects.
- emit.py: the differences are written into NEW through the redline writer's primitives
  (redlining/tracked.py): NEW's runs marked inserted or moved here, OLD's runs copied in as deleted or
  moved away, w:rPrChange / w:pPrChange for formatting, table rows inserted or deleted, headers,
  footers, footnotes, endnotes and text boxes compared in place; adopt.py carries what copied text
  refers to (styles, lists, images, notes) into NEW's package. Automatic numbering stays automatic:
  NEW's list definitions are untouched, and a deleted paragraph keeps OLD's list (imported under new
  ids only if NEW's differs).
- review.py: with --review, the review engine's findings on inserted and rewritten text are commented.

Limits:
- a paragraph inserted directly before a table that is itself inserted at the start of its container
  cannot be rejected away (Word does not merge a paragraph mark across a table), and a footnote emptied
  of every paragraph keeps the one paragraph Word requires;
- where another author already recorded a formatting change (w:rPrChange / w:pPrChange) on a run or
  paragraph whose formatting also differs from OLD, there is no second slot for ours: their record is
  kept and rejecting restores their "before", not OLD's;
- a paragraph another author split or joined (a tracked paragraph mark inside text that stays) is
  compared as the paragraphs the XML holds, not as the one the base view would merge; their marks are
  kept, but rejecting all may then differ from OLD around that paragraph.
"""
