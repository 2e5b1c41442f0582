import pytest

from transforms.quote_titles import title_holder
from transforms.quote_tokens import tokenize


@pytest.mark.parametrize("text, lang, speaker, holder", [
    # English: several titles and a state, matched to the name that followed the same titles
    ("Saudi Crown Prince Mohammed bin Salman arrived. Later the Saudi crown prince said", "en",
     "the Saudi crown prince", "Mohammed bin Salman"),
    # English: one title, capitalised earlier and lower case later
    ("Foreign Minister Sergei Lavrov arrived. The minister said", "en", "The minister", "Sergei Lavrov"),
    # Arabic: الوزير refers back to وزير الخارجية سيرغي لافروف
    ("التقى وزير الخارجية سيرغي لافروف نظيره. وقال الوزير", "ar", "الوزير", "سيرغي لافروف"),
    # Arabic: the same title with its article earlier
    ("التقى الوزير سيرغي لافروف نظيره. وقال الوزير", "ar", "الوزير", "سيرغي لافروف"),
    # Hebrew: no capitals, so the phrase runs on into the verb; the name is the two words after the title
    ("השר ישראל כ״ץ נפגש עם עמיתו. השר אמר", "he", "השר", "ישראל כ״ץ"),
    # Hebrew: a title with its definite complement (שר החוץ), earlier and as the speaker
    ("שר החוץ ישראל כ״ץ נפגש עם עמיתו. שר החוץ אמר", "he", "שר החוץ", "ישראל כ״ץ"),
    # Hebrew: three plain words that end the phrase may all be the name (no run-on into a verb)
    ("הגיע השגריר שאקיר אוזקאן טורונלר. השגריר אמר", "he", "השגריר", "שאקיר אוזקאן טורונלר"),
    # Hebrew: the particle בן does not count as a name word
    ("השר איתמר בן גביר נפגש עם המפכ״ל. השר אמר", "he", "השר", "איתמר בן גביר"),
    # Arabic: the particle بن inside the name is kept
    ("التقى ولي العهد محمد بن سلمان نظيره. وقال ولي العهد", "ar", "ولي العهد", "محمد بن سلمان"),
    # Arabic: a family name with the article (a masculine nisba) ends the name; the verb after it is not taken
    ("وزير الخارجية أيمن الصفدي التقى نظيره. وقال الوزير", "ar", "الوزير", "أيمن الصفدي"),
])
def test_title_holder_found(text, lang, speaker, holder):
    assert title_holder(tokenize(text, lang, False), speaker, text.rindex(" ")) == holder


@pytest.mark.parametrize("text, lang, speaker", [
    # the speaker is already a name: nothing to complete
    ("Saudi Crown Prince Mohammed bin Salman arrived. Later Mohammed bin Salman said", "en", "Mohammed bin Salman"),
    # no earlier holder of the title
    ("The minister arrived. The minister said", "en", "The minister"),
    # Hebrew: the ministry (משרד החוץ) is a body, not a title with a holder
    ("משרד החוץ ישראל כ״ץ הודיע. משרד החוץ האמריקאי אמר", "he", "משרד החוץ האמריקאי"),
    # the earlier title is a different one
    ("Foreign Minister Sergei Lavrov arrived. The president said", "en", "The president"),
])
def test_title_holder_none(text, lang, speaker):
    assert title_holder(tokenize(text, lang, False), speaker, text.rindex(" ")) is None


def test_title_holder_only_looks_back():
    # the holder named after the position is not used
    text = "The minister said. Foreign Minister Sergei Lavrov arrived."
    assert title_holder(tokenize(text, "en", False), "The minister", 13) is None
