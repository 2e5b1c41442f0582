"""trafilatura extraction and metadata on the sample pages, plus the lxml fallback."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from transforms.decode import decode_bytes
from transforms.html import extract_html, fallback_text, sniff_meta_charset

PAGES = Path(__file__).parent.parent / "samples" / "html"
PAGE_001 = PAGES / "001_alarabiya_now.dermer_moscow.html"
PAGE_004 = PAGES / "004_sham_news.putin_bennett_sochi.html"


def _extract(path: Path):
    content = path.read_bytes()
    return extract_html(decode_bytes(content, sniff_meta_charset(content)))


def test_meta_charset_is_sniffed() -> None:
    assert sniff_meta_charset(PAGE_001.read_bytes()).lower() == "utf-8"
    assert sniff_meta_charset(PAGE_004.read_bytes()).lower() == "windows-1256"  # http-equiv form
    assert sniff_meta_charset(b"<html><body>no meta</body></html>") is None


def test_page_001_metadata_and_text() -> None:
    page = _extract(PAGE_001)
    assert page.title == "ما الذي جاء به كبير أمناء سر نتنياهو إلى روسيا؟"
    assert page.published == "2024-11-04T09:12:00+00:00"  # article:published_time, not modified_time
    assert page.author == "العربية الآن"
    assert page.site_name == "العربية الآن"
    assert page.language == "ar"
    assert page.url == "https://alarabiya-now.example/2024/11/04/dermer-moscow-visit/"
    assert page.method == "trafilatura"
    assert "شهدت العاصمة الروسية موسكو زيارة لوزير الشؤون الاستراتيجية الإسرائيلي، رون ديرمر" in page.text
    assert page.text.rstrip().endswith("بناءً على المتغيرات السياسية القادمة.")
    assert "\nالتقارب بين إسرائيل وإيران\n" in page.text  # subheadings stay as their own lines


def test_page_004_cp1256_metadata_and_text() -> None:
    page = _extract(PAGE_004)
    assert page.title == "خلالَ اجتماعِه مع “بينيت”.. بوتين يتحدّثُ عن مصالحِ روسيا وإسرائيلَ في سوريا"
    assert page.published == "2021-10-22T17:45:00+03:00"
    assert page.author == "فريق التحرير"
    assert page.site_name == "منصة الشام الإخبارية"
    assert page.text.startswith("التقى الرئيسُ الروسي، فلاديمير بوتين")  # harakat survive cp1256
    assert "الطاقم الروسي الـ15." in page.text
    assert len(page.text.split("\n")) == 14  # the 14 body paragraphs of samples/004, one per line


@pytest.mark.parametrize(
    "chrome",
    [
        "الرئيسية", "اتصل بنا", "سياسة الخصوصية",  # nav and footer links
        "أسعار النفط ترتفع",  # breaking-news ticker
        "لافروف: موسكو مستعدة",  # related-articles block
        "لن يتم نشر عنوان بريدك", "إرسال التعليق", "reCAPTCHA",  # comment form
        "فيسبوك", "واتساب", "طباعة",  # share buttons
        "جميع الحقوق محفوظة", "زر الذهاب إلى الأعلى",  # footer
        "1,254 مشاهدة",  # view counter
        "تعرف على أسعار الذهب",  # sidebar "most read" (page 004)
        "اشترك في نشرتنا",  # newsletter widget (page 004)
    ],
)
def test_page_chrome_is_not_in_the_text(chrome: str) -> None:
    assert chrome not in _extract(PAGE_001).text
    assert chrome not in _extract(PAGE_004).text


def test_broken_html_does_not_crash() -> None:
    html = (Path(__file__).parent / "fixtures" / "clean" / "broken.html").read_text(encoding="utf-8")
    page = extract_html(html)
    assert page.title == "خبر مكسور"
    assert isinstance(page.text, str)


@pytest.mark.parametrize("html", ["", "<", "<html>", "<<<>>>", "\x00\x01", "<p>" * 5000])
def test_degenerate_html_gives_an_empty_or_short_extraction(html: str) -> None:
    page = extract_html(html)
    assert len(page.text) < 50


def test_fallback_keeps_blocks_and_drops_chrome() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><nav><p>القائمة</p></nav><h1>عنوان</h1><p>فقرة <b>أولى</b></p>"
        "<ul><li>بند</li></ul><footer><p>حقوق</p></footer></body></html>"
    )
    assert fallback_text(tree) == "عنوان\nفقرة أولى\nبند"
