from datetime import date

import pytest

from transforms.speaker_links import speaker_code


@pytest.mark.parametrize("speaker, day, code", [
    ("بوتين", None, "RUS:PUTIN"),
    ("الرئيس الروسي فلاديمير بوتين", None, "RUS:PUTIN"),       # title + full name: the person
    ("שגריר ישראל במוסקבה אלכסנדר בן־צבי", None, "ISR:BENZVI"),  # the person, not Moscow
    ("رئيس الوزراء الإسرائيلي", None, "ISR"),                  # a role without a name: its state
    ("נציג ברית המועצות דאז באו״ם אנדריי גרומיקו", None, "SUN:GROMYKO"),
    ("Sergei Lavrov", date(2020, 1, 1), "RUS:LAVROV"),           # English spelling
    ("John Smith", None, None),                                 # not in the gazetteer: no guess
    ("المتحدث", None, None),
    (None, None, None),
])
def test_speaker_code(speaker, day, code):
    assert speaker_code(speaker, day) == code
