"""clean_document end to end on the samples, plus language detection and the quarantine reasons."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from transforms.clean import CleaningError, clean_document, guess_title, parse_published, sniff_media_type, text_hash
from transforms.language import detect_language
from transforms.records import RawDocument, stable_id

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures" / "clean"
FETCHED = datetime(2026, 11, 1, 3, 0, tzinfo=timezone.utc)


def _raw(path: Path | bytes, media_type: str | None, **kw) -> RawDocument:
    content = path if isinstance(path, bytes) else path.read_bytes()
    uri = kw.pop("source_uri", f"file://{path.name}" if isinstance(path, Path) else "mem://x")
    return RawDocument(source_uri=uri, content=content, media_type=media_type, fetched_at=FETCHED, **kw)


def _sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize(
    ("prefix", "lang", "title"),
    [
        ("000", "ar", None),  # first line is a long paragraph, not a headline
        ("001", "ar", "ما الذي جاء به كبير أمناء سر نتنياهو إلى روسيا؟"),  # a question mark may end a title
        ("002", "ar", "تعيين خبير أوراسي سفيراً للنظام الإسرائيلي في باكو"),
        ("003", "he", "יחסי רוסיה–ישראל: מבט ממוסקבה"),
        ("004", "ar", "خلالَ اجتماعِه مع “بينيت”.. بوتين يتحدّثُ عن مصالحِ روسيا وإسرائيلَ في سوريا"),
    ],
)
def test_text_samples(prefix: str, lang: str, title: str | None) -> None:
    path = _sample(prefix)
    article = clean_document(_raw(path, "text/plain"))
    assert article.language == lang
    assert article.title == title
    if title:
        assert article.text.startswith(title)  # the title stays in the text
    assert article.article_id == stable_id(f"file://{path.name}")
    assert article.raw_sha256 == _raw(path, "text/plain").sha256
    assert article.text_sha256 == text_hash(article.text)
    assert article.fetched_at == FETCHED
    assert "\n\n\n" not in article.text and "  " not in article.text


def test_sample_003_through_clean_document() -> None:
    text = clean_document(_raw(_sample("003"), "text/plain")).text
    assert "(Sudoplatov, 1996)" in text and "(Krammer, 1974, pp. 54-123)" in text
    assert "אלואים אנות" not in text and "\n122\n" not in text and "\t" not in text


def test_html_page_gives_article_with_metadata() -> None:
    article = clean_document(_raw(SAMPLES / "html" / "004_sham_news.putin_bennett_sochi.html", "text/html",
                                  url="https://sham-news.example/politics/putin-bennett-sochi-2021-10-22"))
    assert article.language == "ar"
    assert article.title.startswith("خلالَ اجتماعِه مع “بينيت”")
    assert article.text.startswith(article.title + "\n")  # headline put back on top of the body
    assert article.published_at == datetime(2021, 10, 22, 14, 45, tzinfo=timezone.utc)  # 17:45 +03:00
    assert article.author == "فريق التحرير"
    assert article.site_name == "منصة الشام الإخبارية"
    # same article text as the plain-text sample 004 after cleaning
    assert article.text_sha256 == clean_document(_raw(_sample("004"), "text/plain")).text_sha256


def test_html_and_pdf_are_sniffed_when_the_type_is_missing() -> None:
    page = clean_document(_raw(SAMPLES / "html" / "001_alarabiya_now.dermer_moscow.html", None))
    assert page.site_name == "العربية الآن" and "أضف تعليق" not in page.text
    pdf = clean_document(_raw(SAMPLES / "pdf" / "003_he_paper.pdf", "application/octet-stream"))
    assert pdf.language == "he" and pdf.title == "יחסי רוסיה–ישראל: מבט ממוסקבה"
    assert "(Sudoplatov, 1996)." in pdf.text


def test_feed_metadata_fills_missing_fields() -> None:
    raw = _raw(_sample("000"), "text/plain", metadata={"title": "العلاقات الإسرائيلية الروسية", "author": "ويكيبيديا",
                                                       "published": "Tue, 05 Nov 2024 10:00:00 +0200",
                                                       "feed_title": "ويكيبيديا"})
    article = clean_document(raw)
    assert article.title == "العلاقات الإسرائيلية الروسية"
    assert article.author == "ويكيبيديا" and article.site_name == "ويكيبيديا"
    assert article.published_at == datetime(2024, 11, 5, 8, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("name", "charset", "start"),
    [
        ("he_cp1255.txt", None, "ראש הממשלה נפתלי בנט"),
        ("he_iso8859_8.txt", "iso-8859-8", "ראש הממשלה נפתלי בנט"),
        ("ar_cp1256.txt", None, "التقى الرئيس الروسي"),
        ("en_article.txt", "utf-8", "Russian President Vladimir Putin"),
    ],
)
def test_legacy_encoded_fixtures(name: str, charset: str | None, start: str) -> None:
    article = clean_document(_raw(FIXTURES / name, "text/plain", declared_charset=charset))
    assert article.text.startswith(start)
    assert article.language == {"he": "he", "ar": "ar", "en": "en"}[name[:2]]


@pytest.mark.parametrize(
    ("content", "media_type", "reason"),
    [
        (b"", "text/plain", "empty"),
        (b" \n\t ", "text/html", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "text/plain", "binary"),  # mislabelled image
        (b"GIF89a" + bytes(64), None, "binary"),
        (b"\x00\x01\x02\x03" * 64, "text/plain", "binary"),
        (b"\xff\xd8\xff\xe0 jpeg", "image/jpeg", "unsupported_media_type"),
        (b"%PDF-1.7\n%broken", "application/pdf", "pdf_error"),
        ("قصير جدا".encode(), "text/plain", "too_short"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "text/html", "too_short"),
        (b"<html><head><title></title></head><body></body></html>", "text/html", "no_text"),
        (("\ufffd" * 200 + " نص").encode(), "text/plain", "undecodable"),
    ],
)
def test_unusable_documents_raise_with_a_reason(content: bytes, media_type: str | None, reason: str) -> None:
    with pytest.raises(CleaningError) as err:
        clean_document(_raw(content, media_type))
    assert err.value.reason == reason


def test_too_large_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("transforms.clean.MAX_TEXT_CHARS", 1000)
    with pytest.raises(CleaningError) as err:
        clean_document(_raw(_sample("003"), "text/plain"))
    assert err.value.reason == "too_large"


def test_broken_html_does_not_crash() -> None:
    try:
        article = clean_document(_raw(FIXTURES / "broken.html", "text/html"))
    except CleaningError as err:  # a stub of a page may be quarantined, but never crash
        assert err.reason in {"too_short", "no_text"}
    else:
        assert "لافروف" in article.text


@pytest.mark.parametrize(
    ("media_type", "head", "expected"),
    [
        ("text/html; charset=utf-8", b"<html>", "html"),
        (None, b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),  # BOM then doctype
        ("application/octet-stream", b"  <!-- c --><html lang=ar>", "html"),
        ("", b"%PDF-1.4\n", "pdf"),
        ("text/plain", b"%PDF-1.4 is a file format", "text"),  # a text that talks about PDF stays text
        ("application/pdf", b"garbage", "pdf"),  # declared PDF goes to pypdf, which will complain
        (None, "نص عادي".encode(), "text"),
    ],
)
def test_sniff_media_type(media_type: str | None, head: bytes, expected: str) -> None:
    assert sniff_media_type(media_type, head) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-04T09:12:00+00:00", datetime(2024, 11, 4, 9, 12, tzinfo=timezone.utc)),
        ("2021-10-22T17:45:00+03:00", datetime(2021, 10, 22, 14, 45, tzinfo=timezone.utc)),  # converted to UTC
        ("2024-11-04T09:12:00Z", datetime(2024, 11, 4, 9, 12, tzinfo=timezone.utc)),
        ("2024-11-04", datetime(2024, 11, 4, tzinfo=timezone.utc)),  # date only: midnight UTC
        ("Fri, 22 Oct 2021 14:35:00 GMT", datetime(2021, 10, 22, 14, 35, tzinfo=timezone.utc)),  # RSS
        ("22 October 2021", datetime(2021, 10, 22, tzinfo=timezone.utc)),  # free form via dateparser
        ("", None),
        ("not a date at all", None),
    ],
)
def test_parse_published(value: str, expected: datetime | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عنوان قصير\nنص", "عنوان قصير"),
        ("جملة كاملة تنتهي بنقطة.\nنص", None),  # a sentence, not a headline
        ("كلمة\nنص", None),  # a single word is a label, not a title
        ("x" * 200 + "\nنص", None),  # too long
    ],
)
def test_guess_title(text: str, expected: str | None) -> None:
    assert guess_title(text) == expected


def test_text_hash_ignores_white_space_and_folding() -> None:
    assert text_hash("قال   بوتين\nإن") == text_hash("قال بوتين ان")
    assert text_hash("قال بوتين") != text_hash("قال بينيت")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التقى الرئيس الروسي بوتين مع بينيت في سوتشي", "ar"),
        ("ראש הממשלה נפגש עם נשיא רוסיה בסוצ'י", "he"),
        ("The prime minister met the Russian president in Sochi.", "en"),
        ("این یک متن فارسی است که درباره روابط ایران و روسیه نوشته شده است", "fa"),  # Arabic script, not Arabic
        ("یہ اردو زبان میں لکھا گیا ایک جملہ ہے اور یہ پاکستان کے بارے میں ہے", "ur"),
        ("בוטין", "und"),  # too few letters to say
        ("2021 - 50%", "und"),  # no letters
        ("", "und"),
    ],
)
def test_detect_language_short_fixtures(text: str, expected: str) -> None:
    assert detect_language(text) == expected
