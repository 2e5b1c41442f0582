"""RTL PDF repairs on samples/003 (text someone else extracted) and on our Hebrew PDF fixture."""
from __future__ import annotations

from pathlib import Path

import pytest

from transforms.decode import CleaningError
from transforms.pdf import (
    fix_mirrored_brackets,
    fix_visual_line,
    is_visual_order,
    pdf_to_text,
    repair_rtl_text,
    visual_to_logical,
)

SAMPLES = Path(__file__).parent.parent / "samples"
PAPER = (SAMPLES / "003_98fb078da5b7cc6b.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired() -> str:
    return repair_rtl_text(PAPER)


@pytest.mark.parametrize(
    "expected",
    [
        "לחלוטין״ (Sudoplatov, 1996).",  # raw line ".)Sudoplatov, 1996( לחלוטין״": citation led the line
        "מלחמת העולם האחרונה. היהודים כעם סבלו יותר מכל עם אחר״ (UN, 1947).",  # same, long RTL remainder
        "שש מדינות ערב (Krammer, 1974, pp. 54-123).",  # mid-line mirrored citation
        "חומרי דלק ואנרגיה (48%), יהלומים גולמיים (34.5%)",  # mirrored percentages
        "ומוצרי מזון (ירקות, פירות, מיצים, צמחים — עד 39%), מוצרים",  # pair opened at a line start
        "ותרופות (16%) (Mar’yasis, 2017; p. 127).",  # visual line with two groups: ".)Mar’yasis...( )16%("
        "(דגנים ומוצרי תעשיית הקמח והדגנים — 9.3%)",  # mirrored pair that spans a line break
        "כפי שהדגיש שגריר רוסיה בישראל, א״ד ויקטורוב (Viktorov, 2021):",  # colon-led visual line
        "נגיף הקורונה (Covid-19).",  # Latin-digit run kept whole
        "לתבוסת הנאציזם ולהצלת יהודים מוחלטת [...] החגיגות",  # mirrored square brackets, tab words
        "אשר רואה את נוכחותה של רוסיה בהתאם (Riafan, 2020).",  # tab-separated visual line, words reversed
        "האו״ם 181 (II) בדבר הקמתה",  # "II( 181(" resolution number
        "האו״ם מס׳ 181 (II), אשר",  # "II(181(," without the space
        "ביניהן בתחומים השונים, לרבות בנושאי מדיניות בינלאומית, כלכלה, מדע, תרבות וחינוך. מחברי המאמר",  # justified line in visual word order
        "בין רוסיה לבין ישראל: העבר ההיסטורי, השותפות במורשת הרוחנית והתרבותית, קשרים משפחתיים",  # hard wrap joined
        "יהודים מברית המועצות, ובכך הגדילו",  # joined across the page break after furniture removal
        "הסכמים בין־ממשלתיים, המכסים",  # maqaf at line end: joined without a space
        "בעימות הערבי–ישראלי הצבאי",  # en dash at line end
        "צבאיים־ביטחוניים, מדעיים־חינוכיים",  # maqaf before the paragraph's separated last line
    ],
)
def test_sample_003_is_repaired(repaired: str, expected: str) -> None:
    assert expected in repaired


@pytest.mark.parametrize(
    "gone",
    [
        "אלואים אנות יערים דיללומטיים",  # garbled running header next to the page number
        ")Sudoplatov",
        "II(",
        ")48%(",
        "]...[",
        "\t",
    ],
)
def test_sample_003_artifacts_are_gone(repaired: str, gone: str) -> None:
    assert gone not in repaired


def test_sample_003_page_number_line_dropped_and_paragraphs_kept(repaired: str) -> None:
    lines = repaired.split("\n")
    assert "122" not in [line.strip() for line in lines]
    assert lines[0].strip() == "יחסי רוסיה–ישראל: מבט ממוסקבה"  # heading stays its own line
    assert lines[1] == "אלכרנדר קרילוב, ולדימיר מורולוב"  # authors line not glued to the heading
    assert any(line.startswith("כעת, בחלוף זמן רב") for line in lines)  # a paragraph start stays a start
    # the block quote stays a paragraph of its own, not glued to its introduction
    assert any(line.startswith("הקרבה בגישותיהן של רוסיה וישראל") for line in lines)
    # 36 raw lines end without a wrap marker (paragraph ends); minus page number and header, plus the
    # short sentence end at raw line 18 and the block-quote boundaries: about 36 paragraphs from 234 lines
    assert 32 <= len([line for line in lines if line.strip()]) <= 40


@pytest.mark.parametrize(
    "name", ["000_0f064e16b2bb0778.txt", "001_8061dd822adf7710.txt", "002_dcb9dd2f50557f47.txt",
             "004_553f444c189b1313.txt"],
)
def test_repair_leaves_ordinary_web_text_alone(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert repair_rtl_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في عام 2018، أسقطت (قوات الأسد)، طائرة", "في عام 2018، أسقطت (قوات الأسد)، طائرة"),  # balanced: untouched
        ("מאז )ועד לפרוץ מגפת הקורונה( עלה", "מאז (ועד לפרוץ מגפת הקורונה) עלה"),
        ("a )x( b (y) c", "a (x) b (y) c"),  # mirrored and normal pairs in one paragraph
        ("only a closer ) here", "only a closer ) here"),  # unpaired bracket is left alone
        ("[1] ok ]…[", "[1] ok […]"),
    ],
)
def test_fix_mirrored_brackets(text: str, expected: str) -> None:
    assert fix_mirrored_brackets(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        ")ירקות, פירות( ומוצרים",  # starts with a mirrored pair but no leading punctuation: not a visual line
        "שלום  עולם",  # only two words with a double space
        "The  quick  brown  fox  jumps",  # Latin text with doubled spaces is not reversed
    ],
)
def test_fix_visual_line_leaves_other_lines(line: str) -> None:
    assert fix_visual_line(line) == line


@pytest.mark.parametrize(
    ("visual", "logical"),
    [
        (".1991 תנש דע ,םינש 24 ךשמל", "למשך 24 שנים, עד שנת 1991."),  # numbers keep their digit order
        (".)Krammer, 1974, pp. 54-123( ברע", "ערב (Krammer, 1974, pp. 54-123)."),  # Latin run with numbers
        ("היגרנאו )48%( קלד", "דלק (48%) ואנרגיה"),  # percent stays after its number
        ("1949–1948 םינשב", "בשנים 1948–1949"),  # two numbers around an en dash are two runs
    ],
)
def test_visual_to_logical(visual: str, logical: str) -> None:
    assert visual_to_logical(visual) == logical


def test_is_visual_order_uses_final_letters() -> None:
    assert not is_visual_order(PAPER)
    assert is_visual_order(".לארשי תנידמ לש התמקה םיסחיה וקתונ םינש שש רובעכ ,םלוא ךשמל")


@pytest.fixture(scope="module")
def pdf_text() -> str:
    return pdf_to_text((SAMPLES / "pdf" / "003_he_paper.pdf").read_bytes())


def test_hebrew_pdf_gives_logical_order_text(pdf_text: str) -> None:
    paragraphs = pdf_text.split("\n")
    assert paragraphs[0] == "יחסי רוסיה–ישראל: מבט ממוסקבה"
    assert paragraphs[1] == "אלכסנדר קרילוב, ולדימיר מורולוב"
    assert "של האו״ם 181 (II) בדבר הקמתה של מדינת ישראל." in pdf_text
    assert "אולם בשנת 1967 שוב חל ניתוק שהתארך למשך 24 שנים, עד שנת 1991." in pdf_text
    assert "ובעיראק לחלוטין״ (Sudoplatov, 1996)." in pdf_text
    assert "שש מדינות ערב (Krammer, 1974, pp. 54-123)." in pdf_text  # citation split across two PDF lines
    assert pdf_text.endswith("חומרי דלק ואנרגיה (48%).")


def test_hebrew_pdf_furniture_dropped(pdf_text: str) -> None:
    assert "שלושים שנות יחסים" not in pdf_text  # running header repeated on both pages
    assert not any(line.strip() in ("121", "122") for line in pdf_text.split("\n"))
    # the paragraph that continues onto page 2 is one paragraph
    assert "ובכך הבטיחה את עליונותה הצבאית של המדינה שהוקמה זה עתה" in pdf_text


@pytest.mark.parametrize(("content", "reason"), [(b"%PDF-1.4\nnot really", "pdf_error"), (b"garbage", "pdf_error")])
def test_unreadable_pdf_raises(content: bytes, reason: str) -> None:
    with pytest.raises(CleaningError) as err:
        pdf_to_text(content)
    assert err.value.reason == reason
