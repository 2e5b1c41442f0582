"""Regenerate samples/pdf/003_he_paper.pdf: the opening of samples/003 as a two-page Hebrew PDF.

Run: .venv/bin/python scripts/make_sample_pdf.py

The text below is the start of samples/003 retyped in logical order (paragraphs joined, the
citation parentheses the right way round). Each line is stored in *visual* order, the way many
RTL PDF producers write it: fpdf2's own Unicode bidi implementation reorders the line and brackets
are not mirrored. A running header and a page number sit on each page, as in the paper. So
pypdf extracts what a real RTL PDF gives: reversed Hebrew words, mirrored parentheses, page
furniture; transforms/pdf.py must undo all three. The generator does not use transforms/pdf.py,
so the fixture does not agree with the cleaner by construction.
"""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = Path(__file__).resolve().parent.parent / "samples" / "pdf" / "003_he_paper.pdf"
HEADER = "שלושים שנות יחסים דיפלומטיים מלאים בין ישראל לבין רוסיה: עבר, הווה, עתיד"

PARAGRAPHS = [
    "יחסי רוסיה–ישראל: מבט ממוסקבה",
    "אלכסנדר קרילוב, ולדימיר מורולוב",
    "המאמר מתמקד בשורשיו ההיסטוריים של שיתוף הפעולה בין רוסיה לישראל, שיסודותיו הונחו בתמיכתה של "
    "ברית המועצות בהחלטת העצרת הכללית של האו״ם 181 (II) בדבר הקמתה של מדינת ישראל.",
    "דברים רבים קושרים בין רוסיה לבין ישראל: העבר ההיסטורי, השותפות במורשת הרוחנית והתרבותית, קשרים "
    "משפחתיים בין מאות אלפי משפחות, השפה הרוסית ועוד. ברית המועצות הייתה הראשונה שתמכה בנובמבר 1947 "
    "במשאת נפשו של העם היהודי — להתאחד במסגרת מדינה עצמאית משלו. עם זאת, כעבור שש שנים נותקו היחסים "
    "וחודשו כעבור זמן קצר, אולם בשנת 1967 שוב חל ניתוק שהתארך למשך 24 שנים, עד שנת 1991.",
    "קצין הביון הסובייטי המפורסם, הגנרל פ״א סודופלאטוב, מצטט בזיכרונותיו את דבריו של יוסף סטלין: "
    "״הבה נסכים להקמתה של ישראל. זה יהיה כקוץ בישבנן של מדינות ערב ויאלץ אותן להפנות את גבן "
    "לבריטניה. בסופו של דבר תתערער השפעתה של בריטניה במצרים, בסוריה, בטורקיה ובעיראק לחלוטין״ "
    "(Sudoplatov, 1996).",
    "הנהגתה המדינית של ברית המועצות יזמה את העברת נשק השלל הגרמני דרך צ׳כוסלובקיה לישראל, ובכך "
    "הבטיחה את עליונותה הצבאית של המדינה שהוקמה זה עתה על צבאותיהן של שש מדינות ערב "
    "(Krammer, 1974, pp. 54-123). רוסיה מספקת לשוק הישראלי חומרי דלק ואנרגיה (48%).",
]
LINE_HEIGHT = 8
FIRST_PAGE_NUMBER = 121


def visual(line: str) -> str:
    """The line in display order for a right-to-left paragraph (no bracket mirroring)."""
    return BidiParagraph(text=line, base_direction=TextDirection.RTL).get_reordered_string()


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap of logical-order text to ``width``."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pdf.get_string_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


def add_page(pdf: FPDF) -> None:
    """A new page with the running header and the page number, as the paper has."""
    pdf.add_page()
    pdf.set_font("DejaVu", size=8)
    pdf.cell(0, 6, visual(HEADER), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-15)
    pdf.cell(0, 6, str(FIRST_PAGE_NUMBER + pdf.page_no() - 1), align="C")
    pdf.set_xy(pdf.l_margin, 25)
    pdf.set_font("DejaVu", size=11)


def main() -> None:
    pdf = FPDF(format="A5")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_title("Russia-Israel relations: a view from Moscow (excerpt)")
    pdf.set_creation_date(__import__("datetime").datetime(2021, 12, 1, tzinfo=__import__("datetime").timezone.utc))
    add_page(pdf)
    width = pdf.epw
    for para in PARAGRAPHS:
        for line in wrap(pdf, para, width):
            if pdf.get_y() + LINE_HEIGHT > pdf.h - 20:
                add_page(pdf)
            pdf.cell(width, LINE_HEIGHT, visual(line), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
