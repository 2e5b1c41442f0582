import pytest

from conftest import sample_text
from transforms.segment import paragraphs, sentence_at, sentences


def _texts(text):
    return [s.of(text) for s in sentences(text)]


@pytest.mark.parametrize("text, expected", [
    # Arabic question mark and full stop
    ("هل زار موسكو؟ نعم زارها.", ["هل زار موسكو؟", "نعم زارها."]),
    # a decimal point is not a sentence end
    ("ارتفع بنسبة 34.5% هذا العام. ثم تراجع.", ["ارتفع بنسبة 34.5% هذا العام.", "ثم تراجع."]),
    # English abbreviations and initials
    ("Mr. Putin met Dr. Smith in the U.S. capital. Then he left.", ["Mr. Putin met Dr. Smith in the U.S. capital.", "Then he left."]),
    # a quotation that spans two sentences stays in one sentence
    ("قال: «نحن هنا. ولن نغادر». ثم صمت.", ["قال: «نحن هنا. ولن نغادر».", "ثم صمت."]),
    # Hebrew gershayim inside an acronym does not open a quotation
    ('האו״ם החליט. ישראל קיבלה.', ["האו״ם החליט.", "ישראל קיבלה."]),
    # newline is a paragraph (and so sentence) boundary
    ("عنوان\nنص الخبر.", ["عنوان", "نص الخبر."]),
])
def test_sentences(text, expected):
    assert _texts(text) == expected


def test_offsets_round_trip_on_a_real_sample():
    text = sample_text("004")
    sents = sentences(text)
    assert len(sents) > 15
    for s in sents:
        assert text[s.start:s.end] == s.of(text) and s.of(text) == s.of(text).strip()
    quote_start = text.index("كما تعلمون")
    holder = sentence_at(sents, quote_start)
    # the multi-sentence quote in 004 stays inside the sentence that opens it
    assert holder is not None and "مناقشتُها”" in holder.of(text)


def test_paragraphs_skip_blank_lines():
    text = "أ\n\n  \nب"
    assert [p.of(text) for p in paragraphs(text)] == ["أ", "ب"]


def test_sentence_at_outside_any_sentence():
    text = "أ.\n\nب."
    assert sentence_at(sentences(text), 2) is None
