"""Mark exact and near duplicates, pointing each at the article it repeats.

Exact: equal ``text_sha256`` (hash of the folded text). Near: MinHash over word 3-shingles of the
folded text with datasketch's LSH, confirmed by the estimated Jaccard similarity. Within a batch the
richest version is kept as the original (one with a publication date, then more metadata), so an
HTML page with its date wins over a bare text copy of the same article.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

from transforms.normalize import fold_str
from transforms.records import Article

NEAR_DUPLICATE_JACCARD = 0.8  # news re-posts differ by a byline or footer; different articles score < 0.3
NUM_PERM = 128
SHINGLE_WORDS = 3


def minhash_of(text: str) -> MinHash:
    """MinHash of the folded text's word 3-shingles (deterministic: fixed seed)."""
    words = fold_str(text).split()
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=7)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def _richness(article: Article) -> tuple:
    meta = sum(x is not None for x in (article.title, article.author, article.site_name, article.url))
    return (article.published_at is None, -meta, article.source_uri)


def mark_duplicates(batch: Sequence[Article], known: Iterable[tuple[str, str, str]] = ()) -> list[Article]:
    """Return ``batch`` (in its order) with ``duplicate_of`` set on repeats.

    ``known`` holds (article_id, text_sha256, text) of originals already in the warehouse; they
    stay originals, so a new copy of an old article points at the old one.
    """
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    by_sha: dict[str, str] = {}
    batch_ids = {a.article_id for a in batch}
    for article_id, sha, text in known:
        if article_id in batch_ids:
            continue  # being re-processed: judged afresh below
        by_sha.setdefault(sha, article_id)
        hashes[article_id] = minhash_of(text)
        lsh.insert(article_id, hashes[article_id])
    verdict: dict[str, str | None] = {}
    for article in sorted(batch, key=_richness):
        original = by_sha.get(article.text_sha256)
        mh = minhash_of(article.text)
        if original is None:
            close = [k for k in lsh.query(mh) if hashes[k].jaccard(mh) >= NEAR_DUPLICATE_JACCARD]
            original = min(close) if close else None
        verdict[article.article_id] = original
        if original is None:
            by_sha.setdefault(article.text_sha256, article.article_id)
            hashes[article.article_id] = mh
            lsh.insert(article.article_id, mh)
    return [dataclasses.replace(a, duplicate_of=verdict[a.article_id]) for a in batch]
