import pytest

from transforms.quote_marks import Boundaries, Mask, inner_span, looks_hard_wrapped, mark_role, n_words, pair_marks


@pytest.mark.parametrize("text, i, role", [
    ("قال «لن نتراجع»", 4, "open"),          # guillemets always open
    ("قال «لن نتراجع»", 14, "close"),        # ... and close
    ("דובר צה״ל אמר", 7, None),               # gershayim inside an acronym: not a quote mark
    ("אמר ״לא נוותר״ היום", 4, "open"),       # gershayim after a space opens
    ("אמר ״לא נוותר״ היום", 13, "close"),     # ... and before a space closes
    ("و”الجهود“", 1, "open"),                 # Arabic clitic و before a curly mark that opens
    ("the army's", 8, None),                   # an apostrophe inside a word
    ('כ"מגן של אירופה"', 1, "open"),          # one-letter Hebrew clitic then a word: opens a quote
    ('ש"ח', 1, None),                          # an acronym with one letter after the mark
])
def test_mark_role(text, i, role):
    assert mark_role(text, i) == role


@pytest.mark.parametrize("text, wrapped, pairs, unclosed", [
    # straight double quotes pair with each other
    ('He said "no way" today', False, [(8, 15, "straight")], []),
    # Hebrew acronym mark skipped, the real quotes pair
    ("צה״ל: ״נגיב בעוצמה״", False, [(6, 18, "gershayim")], []),
    # a line break stops a pair in unwrapped text: both marks stay unclosed
    ("«first line\nsecond»", False, [], [0]),
    # in hard-wrapped text the pair crosses the line break
    ("«first line\nsecond»", True, [(0, 18, "guillemet")], []),
])
def test_pair_marks(text, wrapped, pairs, unclosed):
    assert pair_marks(text, wrapped) == (pairs, unclosed)


@pytest.mark.parametrize("text, o, c, span", [
    ("“We will not back down,”", 0, 23, (1, 22)),   # trailing comma left out
    ("« نعم »", 0, 6, (2, 5)),                      # inner spaces left out
    ("“!?”", 0, 3, (1, 1)),                          # punctuation only: empty
])
def test_inner_span(text, o, c, span):
    assert inner_span(text, o, c) == span


@pytest.mark.parametrize("text, n", [
    ("לא נוותר - לעולם", 3),   # a lone dash is no word
    ("we will not", 3),         # plain words
    ("« »", 0),                 # marks only
])
def test_n_words(text, n):
    assert n_words(text) == n


def test_boundaries_skip_abbreviations_and_newlines():
    # 'Mr.' does not end a sentence; '. ' and a newline do in unwrapped text
    text = "Mr. Smith spoke. Then he left\nNew line"
    b = Boundaries(text, wrapped=False)
    assert b.ends == [15, 29]
    assert b.sentence_start(20) == 17
    assert b.sentence_end(20, 100) == 29
    assert b.sentence_end(31, 35) == 35


def test_boundaries_wrapped_keeps_single_newline():
    # hard-wrapped PDF text: a single newline is not a boundary, a blank line is
    b = Boundaries("one line\nsame sentence\n\nnew para", wrapped=True)
    assert b.ends == [22]


def test_mask_merges_overlaps():
    # overlapping spans merge; ends are exclusive
    m = Mask([(10, 20), (5, 12), (30, 31)])
    assert (m.starts, m.ends) == ([5, 30], [20, 31])
    assert [m.covers(p) for p in (4, 5, 19, 20, 30, 31)] == [False, True, True, False, True, False]


@pytest.mark.parametrize("text, wrapped", [
    ("\n".join(["this line of text is long and goes on without a stop"] * 5), True),   # PDF-like wrapping
    ("\n".join(["this line of text is long and it ends with a full stop."] * 5), False),  # paragraphs
    ("short\nlines", False),                                                              # too few long lines
])
def test_looks_hard_wrapped(text, wrapped):
    assert looks_hard_wrapped(text) is wrapped
