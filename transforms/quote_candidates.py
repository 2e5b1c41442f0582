"""The working record of the quote extractor: a quotation or reported clause found so far, before its speaker
is settled. The finders (transforms/quote_direct.py, quote_blocks.py, reported_speech.py) create candidates;
transforms/quote_speakers.py fills in ``speaker``; transforms/quotes.py turns the survivors into Quote records.
"""
from __future__ import annotations

from dataclasses import dataclass

from transforms.speakers import Phrase


@dataclass(slots=True)
class Candidate:
    """A quote span and how it was cued; mutable because the speaker is only known after the document walk."""

    start: int
    end: int
    kind: str
    cue: str | None
    phrase: Phrase | None  # explicit speaker; None means "carry the previous one"
    cue_at: int = -1  # offset of the cue word (-1: none); a missing subject is looked for in its sentence
    reported: bool = False  # taken from a reported clause: kept only with a named speaker, like the clause
    speaker: str | None = None

    @property
    def anchor(self) -> int:
        """Where the speaker walk meets this candidate: its cue word, else its own start."""
        return self.cue_at if self.cue_at >= 0 else self.start
