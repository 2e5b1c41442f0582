from datetime import datetime, timezone

from conftest import sample_text
from transforms.dedupe import mark_duplicates
from transforms.normalize import fold_str
from transforms.records import Article

import hashlib

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _article(aid: str, text: str, published=None) -> Article:
    sha = hashlib.sha256(" ".join(fold_str(text).split()).encode()).hexdigest()
    return Article(aid, f"src/{aid}", text, "ar", sha, "raw" + aid, T0, published_at=published)


def test_exact_and_near_duplicates_point_at_the_richer_original():
    text = sample_text("004")
    plain = _article("a-plain", text)
    dated = _article("b-dated", text, published=datetime(2021, 10, 22, tzinfo=timezone.utc))
    # a re-post with a different footer line: near, not exact
    repost = _article("c-repost", text + "\nنشر هذا الخبر على موقعنا الإخباري.")
    other = _article("d-other", sample_text("001"))
    out = {a.article_id: a.duplicate_of for a in mark_duplicates([plain, dated, repost, other])}
    assert out == {"a-plain": "b-dated", "b-dated": None, "c-repost": "b-dated", "d-other": None}


def test_a_new_copy_points_at_the_article_already_in_the_warehouse():
    text = sample_text("002")
    old = _article("old", text)
    new = _article("new", text)
    out = mark_duplicates([new], known=[(old.article_id, old.text_sha256, old.text)])
    assert out[0].duplicate_of == "old"


def test_different_articles_on_the_same_topic_are_not_duplicates():
    arts = [_article(p, sample_text(p)) for p in ("000", "001", "002", "003", "004")]
    assert all(a.duplicate_of is None for a in mark_duplicates(arts))
