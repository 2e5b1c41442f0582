"""decode_bytes: BOMs, UTF-8, legacy Arabic/Hebrew code pages, binary refusal."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from transforms.decode import CleaningError, decode_bytes, script_score

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
HEBREW = "ראש הממשלה נפתלי בנט נפגש היום בסוצ'י עם נשיא רוסיה ולדימיר פוטין."
ARABIC = "التقى الرئيس الروسي فلاديمير بوتين مع رئيس الوزراء الإسرائيلي نفتالي بينيت في مدينة سوتشي."


@pytest.mark.parametrize(
    ("text", "codec", "declared"),
    [
        (ARABIC, "cp1256", "windows-1256"),  # declared and right
        (ARABIC, "cp1256", None),  # undeclared legacy Arabic
        (ARABIC, "cp1256", "windows-1255"),  # declared wrong: both code pages decode every byte
        (ARABIC, "cp1256", "iso-8859-1"),  # the classic wrong server default
        ("بوتين", "cp1256", None),  # five bytes: detectors guess blindly, the script score does not
        (HEBREW, "cp1255", "windows-1255"),
        (HEBREW, "cp1255", None),
        (HEBREW, "cp1255", "windows-1256"),  # declared wrong the other way round
        ("שלום", "cp1255", None),  # four bytes of Hebrew
        (HEBREW, "iso-8859-8", "iso-8859-8"),  # visual-Hebrew charset label, same letters
        (HEBREW, "iso-8859-8", None),
        (ARABIC + " " + HEBREW, "utf-8", "windows-1256"),  # valid UTF-8 wins over a wrong declaration
    ],
)
def test_legacy_and_mislabelled_bytes_decode_to_the_original(text: str, codec: str, declared: str | None) -> None:
    assert decode_bytes(text.encode(codec), declared) == text


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks_win_and_are_dropped(prefix: bytes, codec: str) -> None:
    assert decode_bytes(prefix + HEBREW.encode(codec), "windows-1252") == HEBREW


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_not_taken_for_binary(codec: str) -> None:
    assert decode_bytes(ARABIC.encode(codec), None) == ARABIC


def test_fixture_files_decode() -> None:
    assert decode_bytes((FIXTURES / "he_cp1255.txt").read_bytes(), None).startswith("ראש הממשלה")
    assert decode_bytes((FIXTURES / "he_iso8859_8.txt").read_bytes(), "ISO-8859-8").startswith("ראש הממשלה")
    assert decode_bytes((FIXTURES / "ar_cp1256.txt").read_bytes(), None).startswith("التقى الرئيس")


def test_a_few_bad_bytes_in_utf8_are_replaced_not_fatal() -> None:
    content = ARABIC.encode("utf-8") + b"\xff\xfe" + " انتهى".encode("utf-8")
    out = decode_bytes(content, "utf-8")
    assert out.startswith(ARABIC) and out.endswith(" انتهى") and "\ufffd" in out


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),  # image magic number
        b"PK\x03\x04" + b"x" * 50,  # zip archive
        bytes(range(256)) * 4,  # every byte value, NULs included
        b"abc\x00def\x00\x00\x01\x02\x03\x04",  # NULs that are not UTF-16
        b"\x01\x02\x03\x04\x05\x06\x07\x08 abc \x0e\x0f\x10\x11\x12",  # control characters, no NUL
    ],
)
def test_binary_content_raises_with_reason_binary(content: bytes) -> None:
    with pytest.raises(CleaningError) as err:
        decode_bytes(content, None)
    assert err.value.reason == "binary"


def test_script_score_prefers_the_right_code_page() -> None:
    raw = HEBREW.encode("cp1255")
    assert script_score(raw.decode("cp1255")) > script_score(raw.decode("cp1256")) + 0.2
