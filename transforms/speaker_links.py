"""Link a quote's speaker phrase to a gazetteer code (Quotebank links speakers to Wikidata; we link
to the same codes the events use, so "who said what" joins "who did what")."""
from __future__ import annotations

from datetime import date

from transforms.gazetteer import load_gazetteer


def speaker_code(speaker: str | None, day: date | None) -> str | None:
    """The code of the person named in ``speaker``, else of the first organisation or state in it.

    A phrase like "Israel's ambassador in Moscow Alexander Ben-Zvi" names three actors: the person
    is the speaker; without a known person, the first actor is the one the role belongs to
    ("رئيس الوزراء الإسرائيلي" -> ISR), never a later place ("in Moscow").
    """
    if not speaker:
        return None
    mentions = load_gazetteer().find(speaker)
    if not mentions:
        return None
    people = [m for m in mentions if m.is_person_like]
    chosen = people[-1] if people else mentions[0]
    return chosen.code_on(day)
