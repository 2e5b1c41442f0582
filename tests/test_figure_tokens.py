import pytest

from transforms.figure_tokens import raw_length, read_tokens, stem_lang


@pytest.mark.parametrize("text, expected", [
    # Hebrew maqaf prefix: the prefix letter, the maqaf and the digits are three tokens
    ("נהרגו ב־300 איש", [("נהרגו", "word"), ("ב", "word"), ("־", "punct"), ("300", "num"), ("איש", "word")]),
    # Arabic digits in a sentence
    ("قتل 300 شخص", [("قتل", "word"), ("300", "num"), ("شخص", "word")]),
    # a decimal stays one number token; the percent sign is its own token
    ("1.2% rise", [("1.2", "num"), ("%", "punct"), ("rise", "word")]),
])
def test_read_tokens_kinds(text, expected):
    doc = read_tokens(text)
    assert [(t.text, t.kind) for t in doc.tokens] == expected
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)
    assert doc.folds == [t.fold for t in doc.tokens]


@pytest.mark.parametrize("text, a, b, glued", [
    ("ב־300", 0, 1, True),     # prefix glued to the maqaf
    ("ב־300", 1, 2, True),     # maqaf glued to the digits
    ("قتل 300", 0, 1, False),  # a space between
])
def test_adjacent(text, a, b, glued):
    assert read_tokens(text).adjacent(a, b) is glued


@pytest.mark.parametrize("text, k, month", [
    ("ב־26 בנובמבר", 3, True),   # Hebrew month with the clitic ב
    ("12 فبراير", 1, True),       # Arabic month
    ("on 5 May", 2, True),        # English month
    ("12 فبراير", 0, False),      # the number itself
    ("300 شخص", 1, False),        # an ordinary noun
])
def test_is_month(text, k, month):
    assert read_tokens(text).is_month(k) is month


def test_url_spans_cover_the_url():
    # only the URL is a URL span, not the text around it
    text = "see www.example.com/a/55 now"
    assert read_tokens(text).url_spans == [(4, 24)]


@pytest.mark.parametrize("text, covered", [
    ("the Six-Day War began", {1, 2, 3, 4}),      # English fixed name, hyphen inside
    ("מלחמת ששת הימים פרצה", {0, 1, 2}),          # Hebrew fixed name
    ("six days later", set()),                      # not the fixed phrase
])
def test_fixed_phrase(text, covered):
    assert read_tokens(text).fixed_phrase == covered


@pytest.mark.parametrize("text, lang", [
    ("בנובמבר", "he"),  # Hebrew script
    ("بحوالي", "ar"),   # Arabic script
    ("about", "ar"),     # anything else falls back to Arabic clitics
    ("", "ar"),          # empty string
])
def test_stem_lang(text, lang):
    assert stem_lang(text) == lang


@pytest.mark.parametrize("text, folded, expected", [
    ("abc", 2, 2),    # plain ASCII: one char per folded char
    ("abc", 5, 3),    # more than the text: the whole text
    ("Abc", 0, 0),    # nothing folded: nothing raw
])
def test_raw_length(text, folded, expected):
    assert raw_length(text, folded) == expected
