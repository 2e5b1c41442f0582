"""Cut an article into the tokens that the figure rules read, with the lookups every rule shares.

Each figure rule looks a few tokens around a number, so the tokens, their folded forms, the URL spans, the
sentences and the tokens inside fixed phrases are computed once per article and passed around in one
read-only view, ``ArticleTokens``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.figure_lexicon import TOKEN_RE, FigureLexicon, load_figure_lexicon
from transforms.normalize import fold_str, stem_candidates
from transforms.segment import Span, sentences

HYPHENS = frozenset("-\u05be\u2010\u2011\u2012\u2013\u2014")  # ASCII, maqaf, Unicode hyphens and dashes
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the article with its offsets and folded form."""

    start: int
    end: int
    kind: str  # num | word | punct
    text: str
    fold: str


@dataclass(frozen=True, slots=True)
class ArticleTokens:
    """One article's tokens and what the figure rules look up around them."""

    text: str
    tokens: list[Token]
    folds: list[str]  # tokens[i].fold, as a list so phrases compare by slicing
    url_spans: list[tuple[int, int]]
    sentences: list[Span]
    lexicon: FigureLexicon
    fixed_phrase: set[int]  # indexes of tokens inside a fixed name or slogan ('Six-Day War')

    def adjacent(self, a: int, b: int) -> bool:
        """Token ``a`` ends where token ``b`` starts: glued, as in ב־300 or 22-member."""
        return self.tokens[a].end == self.tokens[b].start

    def is_month(self, k: int) -> bool:
        """Token ``k`` is a month name, a clitic before it allowed (בנובמבר)."""
        tok = self.tokens[k]
        if tok.kind != "word":
            return False
        return any(c in self.lexicon.months for c in stem_candidates(tok.text, stem_lang(tok.text)))


def read_tokens(text: str) -> ArticleTokens:
    """Tokenise ``text`` and precompute the lookups the figure rules share."""
    lexicon = load_figure_lexicon()
    tokens = _tokenize(text)
    folds = [t.fold for t in tokens]
    return ArticleTokens(
        text=text, tokens=tokens, folds=folds, url_spans=[m.span() for m in _URL.finditer(text)],
        sentences=sentences(text), lexicon=lexicon, fixed_phrase=_fixed_phrase_tokens(folds, lexicon),
    )


def _tokenize(text: str) -> list[Token]:
    """Tokens with their folded form; folding is memoised because news text repeats its words."""
    memo: dict[str, str] = {}
    toks = []
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        fold = memo.get(raw)
        if fold is None:
            fold = memo[raw] = fold_str(raw)
        toks.append(Token(m.start(), m.end(), m.lastgroup or "punct", raw, fold))
    return toks


def _fixed_phrase_tokens(folds: list[str], lexicon: FigureLexicon) -> set[int]:
    """Indexes of tokens inside a fixed name or slogan ('שתי מדינות לשני עמים', 'Six-Day War')."""
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.not_figures:
        firsts.setdefault(phrase[0], []).append(phrase)
    covered: set[int] = set()
    for i, fold in enumerate(folds):
        for phrase in firsts.get(fold, ()):
            if tuple(folds[i:i + len(phrase)]) == phrase:
                covered.update(range(i, i + len(phrase)))
    return covered


def stem_lang(text: str) -> str:
    """The language whose clitics ``stem_candidates`` should strip: Hebrew by its script, else Arabic."""
    return "he" if "\u0590" <= text[:1] <= "\u05ff" else "ar"


def raw_length(text: str, folded_chars: int) -> int:
    """How many characters of ``text`` fold to its first ``folded_chars`` characters."""
    count = 0
    for pos, ch in enumerate(text):
        if count == folded_chars:
            return pos
        count += len(fold_str(ch))
    return len(text)
