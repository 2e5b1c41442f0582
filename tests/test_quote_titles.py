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
])
def test_title_holder_found(text, lang, speaker, holder):
    assert title_holder(tokenize(text, lang, False), speaker, text.rindex(" ")) == holder


@pytest.mark.parametrize("text, lang, speaker", [
    # the speaker is already a name: nothing to complete
    ("Saudi Crown Prince Mohammed bin Salman arrived. Later Mohammed bin Salman said", "en", "Mohammed bin Salman"),
    # no earlier holder of the title
    ("The minister arrived. The minister said", "en", "The minister"),
    # the earlier title is a different one
    ("Foreign Minister Sergei Lavrov arrived. The president said", "en", "The president"),
])
def test_title_holder_none(text, lang, speaker):
    assert title_holder(tokenize(text, lang, False), speaker, text.rindex(" ")) is None


def test_title_holder_only_looks_back():
    # the holder named after the position is not used
    text = "The minister said. Foreign Minister Sergei Lavrov arrived."
    assert title_holder(tokenize(text, "en", False), "The minister", 13) is None
