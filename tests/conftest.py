"""Shared test setup: no test reaches the internet; sample texts are loaded once."""
from __future__ import annotations

import ipaddress
import re
import socket
from datetime import datetime, timezone
from pathlib import Path

import pytest

from transforms.records import Article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_real_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            if not ipaddress.ip_address(host).is_loopback:
                raise RuntimeError(f"tests must not use the network (tried {address!r})")
        except ValueError:
            if host != "localhost":
                raise RuntimeError(f"tests must not use the network (tried {address!r})") from None
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


SAMPLE_TEXTS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
SAMPLE_LANG = {"000": "ar", "001": "ar", "002": "ar", "003": "he", "004": "ar"}


def sample_text(prefix: str) -> str:
    """The raw text of sample ``prefix`` ('000'..'004')."""
    return SAMPLE_TEXTS[prefix]


def make_article(text: str, lang: str, article_id: str = "t", published: datetime | None = None) -> Article:
    """An Article over ``text`` as an extractor test needs it (no cleaning, no hashes)."""
    return Article(article_id, f"test:{article_id}", text, lang, "", "", datetime(2026, 1, 1, tzinfo=timezone.utc),
                   published_at=published)


def span_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Span of the ``nth`` occurrence of ``needle``, any white space matching any white space."""
    found = list(re.finditer(r"\s+".join(map(re.escape, needle.split())), text))
    return found[nth].span()
