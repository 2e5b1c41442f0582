"""Text from PDF bytes, and repairs for what right-to-left PDF extraction breaks.

Two routes lead here. ``pdf_to_text`` reads PDF bytes with pypdf in *layout* mode: plain mode
runs pypdf's own direction heuristic, which scatters numbers and brackets around Hebrew lines
(``) בדבר ... II( 181 האו״ם``); layout mode returns each line as stored, which for most RTL
producers is visual order, and ``visual_to_logical`` undoes that exactly. The second route is
text that was extracted from a PDF by someone else (samples/003): ``repair_rtl_text`` fixes it
with line-level rules that leave ordinary text alone, so it is safe to run on any article:

- mirrored brackets ``)x(`` and ``]...[`` become ``(x)``/``[...]`` (only unbalanced pairs move);
- a line that starts with ``.)Citation(`` was emitted in visual run order: its runs are reversed;
- a justified line whose words are all two spaces apart is in visual word order: reversed;
- tabs between words (block quotes) become spaces;
- in PDF-like text only (``looks_pdf_extracted``): bare page numbers and the running header beside
  them are dropped, and hard-wrapped lines are joined into paragraphs.
"""
from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from transforms.decode import CleaningError

# A PDF line at least this share of the widest line's width is taken to wrap into the next one.
WRAPPED_WIDTH_SHARE = 0.85
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFE))
_BRACKETS = "()[]{}"
_HEBREW_FINALS = "ךםןףץ"
_TERMINAL = ".!?؟:״\"”»"


def is_rtl_char(ch: str) -> bool:
    """Hebrew or Arabic-script letter (including presentation forms)."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _RTL_RANGES) and ch.isalpha()


def _rtl_share(text: str) -> float:
    """Share of letters that are RTL."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(map(is_rtl_char, letters)) / len(letters) if letters else 0.0


# ---------------------------------------------------------------- PDF bytes -> text

def pdf_to_text(content: bytes) -> str:
    """Extract logical-order text from PDF bytes; pages are separated by a blank line.

    Raises:
        CleaningError: 'pdf_error' when pypdf cannot read the file, 'encrypted' when it needs a password.
    """
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CleaningError("encrypted", "PDF needs a password")
        pages = [_page_lines(page) for page in reader.pages]
    except CleaningError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CleaningError("pdf_error", f"{type(exc).__name__}: {exc}") from exc
    if is_visual_order("\n".join(line for page in pages for line in page)):
        pages = [[visual_to_logical(line) for line in page] for page in pages]
    pages = _drop_running_furniture(pages)
    lines = _mark_wrapped_lines([line for page in pages for line in page + [""]])
    return repair_rtl_text("\n".join(lines), pdf_like=True, visual_lines=False)


def _page_lines(page) -> list[str]:  # noqa: ANN001 - pypdf PageObject
    """Lines of one page as stored (layout mode skips pypdf's bidi guesswork)."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
    except Exception:  # noqa: BLE001 - layout mode chokes on some fonts; plain mode is better than nothing
        text = page.extract_text() or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _drop_running_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop bare page numbers and header/footer lines repeated at the same edge of several pages."""
    edges: dict[str, int] = {}
    for page in pages:
        for line in {*page[:1], *page[-1:]}:
            edges[line] = edges.get(line, 0) + 1
    repeated = {line for line, n in edges.items() if n >= 2 and len(pages) >= 2}
    out = []
    for page in pages:
        kept = list(page)
        for index in (0, -1, 0, -1):  # a header and a page number can both sit at one edge
            if kept and (kept[index] in repeated or _is_page_number(kept[index])):
                kept.pop(index)
        out.append(kept)
    return out


def _is_page_number(line: str) -> bool:
    """'122', '- 12 -', 'עמוד 3', 'Page 3 of 9'."""
    return bool(re.fullmatch(r"[-–—\s]*(?:(?:page|p\.|עמוד|صفحة)\s*)?\d{1,4}(?:\s*(?:of|/|מתוך|من)\s*\d{1,4})?[-–—\s]*",
                             line.strip(), re.IGNORECASE))


def _mark_wrapped_lines(lines: list[str]) -> list[str]:
    """Append a space to lines that run to (nearly) the full measure, as text extractors do.

    A PDF has no paragraph marks; greedy wrapping leaves less than a long word's width free at
    the end of a wrapped line, so a line clearly shorter than the widest one ends its paragraph.
    """
    widest = max((len(line) for line in lines), default=0)
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        # a trailing citation or punctuation fragment ("(Sudoplatov, 1996).") belongs to the line before
        wrapped = len(line) >= WRAPPED_WIDTH_SHARE * widest or nxt.startswith(("(", "[", ".", ",", ";", ":"))
        out.append(line + " " if line and wrapped else line)
    return out


def _typical_length(lines: list[str]) -> float:
    """The 80th-percentile length of non-blank lines (robust to headings and short last lines)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return float(lengths[int(0.8 * (len(lengths) - 1))]) if lengths else 0.0


# ---------------------------------------------------------------- visual -> logical order

def is_visual_order(text: str) -> bool:
    """True when RTL words are stored reversed (visual order).

    Hebrew final letters (ך ם ן ף ץ) end words in logical order and start them when reversed;
    Arabic presentation forms say it directly (an INITIAL form at a word's end is reversed).
    """
    starts = ends = 0
    for word in re.findall(r"[\u0590-\u05FF\uFB1D-\uFB4F\uFB50-\uFDFF\uFE70-\uFEFE]{2,}", text):
        first, last = word[0], word[-1]
        starts += first in _HEBREW_FINALS or "INITIAL" in unicodedata.name(last, "")
        ends += last in _HEBREW_FINALS or "INITIAL" in unicodedata.name(first, "")
    return starts >= 3 and starts > 2 * ends


def visual_to_logical(line: str) -> str:
    """Reorder one visual-order line of an RTL paragraph into logical order.

    Reverses the line, then restores the left-to-right runs (Latin words with their spaces and
    punctuation, numbers such as 1,200 / 9.3% / 54-123) to reading order; a simplified inverse of
    the Unicode bidi algorithm that is exact for the usual Hebrew/Arabic-with-citations lines.
    """
    chars = list(line[::-1])
    kinds = _bidi_kinds(chars)
    for start, end in _ltr_runs(chars, kinds):
        chars[start:end] = chars[start:end][::-1]
    return "".join(chars)


def _bidi_kinds(chars: list[str]) -> list[str]:
    """'R', 'L', 'EN' or 'N' per character; numbers next to Latin text count as 'L' (bidi rule W7)."""
    kinds = ["R" if is_rtl_char(c) else "L" if c.isalpha() else "EN" if c.isdigit() else "N" for c in chars]
    for i, kind in enumerate(kinds):
        if kind == "EN" and "L" in (_nearest_strong(kinds, i, -1), _nearest_strong(kinds, i, 1)):
            kinds[i] = "L"
    return kinds


def _nearest_strong(kinds: list[str], i: int, step: int) -> str | None:
    """The first 'R' or 'L' from ``i`` in direction ``step``."""
    i += step
    while 0 <= i < len(kinds):
        if kinds[i] in ("R", "L"):
            return kinds[i]
        i += step
    return None


def _ltr_runs(chars: list[str], kinds: list[str]) -> list[tuple[int, int]]:
    """Spans of left-to-right text: L..L with non-bracket neutrals between, or numbers with separators."""
    runs, i, n = [], 0, len(chars)
    while i < n:
        if kinds[i] not in ("L", "EN"):
            i += 1
            continue
        kind, j, end = kinds[i], i + 1, i + 1
        while j < n:
            if kinds[j] == kind:
                end = j + 1
            elif kinds[j] != "N" or chars[j] in _BRACKETS or (kind == "EN" and not _number_joiner(chars, j)):
                break
            j += 1
        start = i - 1 if kind == "EN" and i > 0 and chars[i - 1] in "%٪$€£₪#°+" else i
        end = end + 1 if kind == "EN" and end < n and chars[end] in "%٪$€£₪#°+" else end
        runs.append((start, end))
        i = end
    return runs


def _number_joiner(chars: list[str], j: int) -> bool:
    """A single separator between two digits (1,200 / 9.3 / 54-123 / 12:30 / 1/2)."""
    return (chars[j] in ".,:-/٫٬" and 0 < j < len(chars) - 1 and chars[j - 1].isdigit() and chars[j + 1].isdigit())


# ---------------------------------------------------------------- repairs on extracted text

def repair_rtl_text(text: str, pdf_like: bool | None = None, visual_lines: bool = True) -> str:
    """Undo RTL PDF-extraction damage in ``text``; harmless on text that has none.

    Args:
        text: extracted text, lines as the extractor gave them (trailing spaces kept).
        pdf_like: join wrapped lines and drop page furniture; None means detect it.
        visual_lines: apply the visual-run-order line fixes (off when lines were already reordered).
    """
    lines = text.replace("\r\n", "\n").split("\n")
    quote_lines = {i for i, line in enumerate(lines) if "\t" in line.strip()}
    if visual_lines:
        lines = [fix_visual_line(line) for line in lines]
    lines = [re.sub(r"[ \t]*\t[ \t]*", " ", line) for line in lines]
    if pdf_like is None:
        pdf_like = looks_pdf_extracted(lines)
    if pdf_like:
        keep = drop_page_furniture(lines)
        text = join_wrapped_lines([lines[i] for i in keep], {keep.index(i) for i in quote_lines if i in keep})
    else:
        text = "\n".join(lines)
    text = fix_resolution_numbers(text)
    return "\n".join(fix_mirrored_brackets(para) for para in text.split("\n"))


def looks_pdf_extracted(lines: list[str]) -> bool:
    """Hard-wrapped text: most non-blank lines end in a space or a word-joining dash, at a similar width."""
    body = [line for line in lines if line.strip()]
    if len(body) < 5:
        return False
    wrapped = sum(1 for line in body if line.endswith((" ", "\t", "־", "–")) and not line.endswith("  "))
    return wrapped / len(body) >= 0.4


# A line that starts with an LTR citation whose brackets are mirrored, e.g. ".)Sudoplatov, 1996( לחלוטין״":
# the extractor wrote its runs left to right, so the citation (logically last) came first.
_VISUAL_LEAD = re.compile(r"^(\s*)([.:;,!?؟،]+)\)([^()\n]+)\((.*?)(\s*)$")


def fix_visual_line(line: str) -> str:
    """Reorder a line whose runs came out in visual order; other lines are returned unchanged."""
    m = _VISUAL_LEAD.match(line)
    if m and _rtl_share(m.group(3)) < 0.5 and (_rtl_share(m.group(4)) > 0.5 or not _has_letters(m.group(4))):
        lead, punct, cited, rest, trail = m.groups()
        units = [u for u in rest.split("\t")] if "\t" in rest else [rest]
        units = [u.strip() for u in reversed(units) if u.strip()]
        cited = " ".join(cited.split())
        return f"{lead}{' '.join(units)} ({cited}){punct}{trail}"
    return reverse_justified_line(line)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def reverse_justified_line(line: str) -> str:
    """Reverse the word order of an RTL line whose words are all separated by 2+ spaces.

    A justified line extracted word by word comes out in visual order with doubled gaps
    (samples/003: "מחברי  וחינוך.  תרבות  ...  בתחומים"); ordinary text never has every gap doubled.
    """
    body, trail = line.rstrip(), line[len(line.rstrip()):]
    words = re.split(r" {2,}", body.strip())
    if len(words) < 4 or "\t" in body or any(" " in w for w in words) or _rtl_share(body) < 0.8:
        return line
    return " ".join(reversed(words)) + trail


def drop_page_furniture(lines: list[str]) -> list[int]:
    """Indices of lines to keep: bare page numbers and the running header beside them go."""
    isolated = [bool(line.strip()) and _blank(lines, i - 1) and _blank(lines, i + 1) for i, line in enumerate(lines)]
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if isolated[i] and _is_page_number(line):
            drop.add(i)
            for step in (-1, 1):
                j = _next_nonblank(lines, i, step)
                if j is not None and isolated[j] and _looks_like_running_header(lines[j]):
                    drop.add(j)
    counts: dict[str, int] = {}
    for i, line in enumerate(lines):
        if isolated[i]:
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
    drop |= {i for i, line in enumerate(lines) if isolated[i] and counts[line.strip()] >= 2 and len(line) < 120}
    return [i for i in range(len(lines)) if i not in drop]


def _blank(lines: list[str], i: int) -> bool:
    """Out of range counts as blank."""
    return not (0 <= i < len(lines)) or not lines[i].strip()


def _next_nonblank(lines: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].strip():
            return j
        j += step
    return None


def _looks_like_running_header(line: str) -> bool:
    """Short, and not the end of a sentence."""
    stripped = line.strip()
    return len(stripped) <= 120 and not stripped.endswith((".", "!", "?", "؟", "״", '"'))


_JOIN_NO_SPACE = ("־", "–", "-")


def join_wrapped_lines(lines: list[str], quote_lines: set[int] = frozenset()) -> str:
    """Join hard-wrapped lines into paragraphs; keep headings and real paragraph breaks.

    A line continues into the next non-blank line (across at most a page break's blank lines)
    when it ends with a space or a word-joining dash (maqaf, en dash), unless it is a short
    sentence end (a paragraph's last line) or the next line starts or ends a block quote.
    """
    typical = _typical_length([line for line in lines if line.endswith(" ")])
    out: list[str] = []
    current = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if current:
                out.append(current)
                current = ""
            out.append("")
            i += 1
            continue
        current = _append(current, line)
        nxt = _next_nonblank(lines, i, 1)
        if nxt is not None and _continues(line, typical) and (i in quote_lines) == (nxt in quote_lines):
            current = current if current.endswith(_JOIN_NO_SPACE) else current.rstrip() + " "
            i = nxt
            continue
        out.append(current.rstrip())
        current = ""
        i += 1
    if current:
        out.append(current.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _append(current: str, line: str) -> str:
    """Add a line to the paragraph being built (no doubled spaces at the seam)."""
    if not current:
        return line.lstrip()
    return current + line.lstrip()


def _continues(line: str, typical: float) -> bool:
    """Whether a line is wrapped (the paragraph goes on) rather than finished."""
    stripped = line.strip()
    if line.rstrip(" \t").endswith(_JOIN_NO_SPACE[:2]) and not line.endswith(" "):
        return True
    if not line.endswith((" ", "\t")):
        return False
    return not (stripped.endswith(tuple(_TERMINAL)) and len(stripped) < 0.6 * typical)


# Resolution numbers like "181 (II)" come out of RTL PDFs as "II( 181(" or "II(181(".
_RESOLUTION = re.compile(r"\b([IVX]{1,4})\(\s?(\d{1,4})\(")


def fix_resolution_numbers(text: str) -> str:
    """Rebuild UN-style resolution numbers '181 (II)' broken by RTL extraction."""
    return _RESOLUTION.sub(r"\2 (\1)", text)


_PAIRS = {")": "(", "]": "["}


def fix_mirrored_brackets(text: str) -> str:
    """Turn mirrored pairs ``)x(`` / ``]x[`` into ``(x)`` / ``[x]``; balanced text is left as is.

    A closing bracket with nothing open cannot be a closer, so it opens a mirrored pair that the
    next opening bracket of its kind closes. Unpaired brackets are left untouched.
    """
    chars = list(text)
    for closer, opener in _PAIRS.items():
        stack: list[tuple[int, bool]] = []  # (position, mirrored)
        pairs: list[tuple[int, int]] = []
        for i, ch in enumerate(chars):
            if ch == opener:
                if stack and stack[-1][1]:
                    pairs.append((stack.pop()[0], i))
                else:
                    stack.append((i, False))
            elif ch == closer:
                if stack and not stack[-1][1]:
                    stack.pop()
                else:
                    stack.append((i, True))
        for start, end in pairs:
            chars[start], chars[end] = opener, closer
    return "".join(chars)
