"""The cleaning step: a RawDocument's bytes become an Article whose text every fact points into.

Dispatch on the media type (sniffed from the bytes when the source does not say): HTML goes
through trafilatura, PDF through pypdf, plain text is decoded as is; all three then get the RTL
repairs (harmless on clean text), boilerplate removal and character normalisation. Anything that
cannot become a readable article raises ``CleaningError(reason, detail)`` so the flow can put it
in quarantine with that reason: empty, binary, undecodable, unsupported_media_type, pdf_error,
encrypted, no_text, too_short, too_large.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import dateparser

from transforms.boilerplate import clean_text
from transforms.decode import CleaningError, decode_bytes
from transforms.html import extract_html, sniff_meta_charset
from transforms.language import detect_language
from transforms.normalize import fold_str
from transforms.pdf import pdf_to_text, repair_rtl_text
from transforms.records import Article, RawDocument, stable_id

__all__ = ["CleaningError", "clean_document", "sniff_media_type", "parse_published", "text_hash"]

# Cleaned text longer than this is a dump or a book, not a news article (and would slow every extractor).
MAX_TEXT_CHARS = 5_000_000
# Raw bytes beyond this are refused before any parsing (a PDF of this size is a report, not news).
MAX_RAW_BYTES = 50_000_000
# Fewer letters than this after cleaning: a stub, a paywall teaser or a page of chrome only.
MIN_LETTERS = 40
# More replacement characters than this share of the text means the decoding failed.
MAX_REPLACEMENT_SHARE = 0.05
# A first line this short, with no sentence-final period, is taken as the title.
MAX_TITLE_CHARS = 160

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
_REFUSED_PREFIXES = ("image/", "audio/", "video/", "font/", "application/zip", "application/gzip")
_HTML_SNIFF = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def clean_document(raw: RawDocument) -> Article:
    """Turn fetched bytes into a cleaned Article.

    Args:
        raw: the document as fetched.

    Returns:
        The Article (text cleaned, language detected, title/date/author/site filled where known).

    Raises:
        CleaningError: with a short ``reason`` the flow stores in quarantine.
    """
    if not raw.content or not raw.content.strip():
        raise CleaningError("empty", f"{len(raw.content)} bytes")
    if len(raw.content) > MAX_RAW_BYTES:
        raise CleaningError("too_large", f"{len(raw.content)} bytes > {MAX_RAW_BYTES}")
    kind = sniff_media_type(raw.media_type, raw.content)
    meta: dict[str, str | None] = {}
    if kind == "pdf":
        text = pdf_to_text(raw.content)
    elif kind == "html":
        page = extract_html(_decode(raw.content, raw.declared_charset or sniff_meta_charset(raw.content)), raw.url)
        meta = {"title": page.title, "author": page.author, "published": page.published,
                "site_name": page.site_name, "url": page.url, "lang": page.language}
        text = _with_title(page.text, page.title)
    else:
        text = _decode(raw.content, raw.declared_charset)
    _check_size(text)
    text = clean_text(repair_rtl_text(text))
    _check_letters(text, kind)
    return _article(raw, text, meta)


def sniff_media_type(media_type: str | None, content: bytes) -> str:
    """'html', 'pdf' or 'text'; the bytes win over a generic or missing declaration.

    Raises:
        CleaningError: 'unsupported_media_type' for images, audio, video, fonts and archives.
    """
    declared = (media_type or "").split(";")[0].strip().lower()
    head = content[:1024].lstrip(b"\xef\xbb\xbf")
    if b"%PDF-" in head[:1024] and (declared in _PDF_TYPES or not declared.startswith("text/")):
        return "pdf"
    if declared in _PDF_TYPES:
        return "pdf"  # pypdf will say 'pdf_error' if it is not one
    if declared.startswith(_REFUSED_PREFIXES):
        raise CleaningError("unsupported_media_type", f"{declared!r}; expected one of text/plain, text/html, application/pdf")
    if declared in _HTML_TYPES or _HTML_SNIFF.match(head):
        return "html"
    return "text"


def _decode(content: bytes, charset: str | None) -> str:
    """Decode, refusing text that is mostly replacement characters."""
    text = decode_bytes(content, charset)
    bad = text.count("\ufffd")
    if text and bad / len(text) > MAX_REPLACEMENT_SHARE:
        raise CleaningError("undecodable", f"{bad} replacement characters in {len(text)} (charset {charset!r})")
    return text


def _with_title(text: str, title: str | None) -> str:
    """Put the page title on the first line, as plain-text articles have it (facts hide in headlines)."""
    if title and text and not text.lstrip().startswith(title):
        return f"{title}\n{text}"
    return text


def _check_size(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise CleaningError("too_large", f"{len(text)} characters > {MAX_TEXT_CHARS}")


def _check_letters(text: str, kind: str) -> None:
    """Raise 'no_text' for nothing at all, 'too_short' for a stub."""
    if not text.strip():
        raise CleaningError("no_text", f"no text extracted from {kind}")
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < MIN_LETTERS:
        raise CleaningError("too_short", f"{letters} letters < {MIN_LETTERS}")


def _article(raw: RawDocument, text: str, meta: dict[str, str | None]) -> Article:
    """Assemble the Article; page metadata first, then the feed's (raw.metadata) for what is missing."""
    feed = raw.metadata or {}
    language = detect_language(text)
    if language == "und" and meta.get("lang"):
        language = meta["lang"] or "und"
    return Article(
        article_id=stable_id(raw.source_uri),
        source_uri=raw.source_uri,
        text=text,
        language=language,
        text_sha256=text_hash(text),
        raw_sha256=raw.sha256,
        fetched_at=raw.fetched_at,
        url=meta.get("url") or raw.url,
        title=meta.get("title") or guess_title(text) or _clean_field(feed.get("title")),
        author=meta.get("author") or _clean_field(feed.get("author")),
        site_name=meta.get("site_name") or _clean_field(feed.get("site_name") or feed.get("feed_title")),
        published_at=parse_published(meta.get("published")) or parse_published(feed.get("published")),
    )


def _clean_field(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def text_hash(text: str) -> str:
    """SHA-256 of the folded text with white space collapsed (equal for trivially different copies)."""
    return hashlib.sha256(fold_str(" ".join(text.split())).encode("utf-8")).hexdigest()


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline: short and not ending in a period."""
    first = text.split("\n", 1)[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS or first.endswith((".", "。", ":")):
        return None
    return first if len(first.split()) >= 2 else None


def parse_published(value: str | None) -> datetime | None:
    """Parse an ISO 8601, RFC 822 or free-form date into an aware UTC datetime (naive means UTC)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parsed = _parse_iso(value) or _parse_rfc822(value)
    if parsed is None:
        parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _parse_rfc822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
