"""Turn fetched bytes into text without ever crashing on bad bytes.

Order: a byte-order mark wins; strict UTF-8 wins next (it is self-validating: legacy Arabic/Hebrew
bytes almost never form valid multi-byte UTF-8); then the declared charset, charset-normalizer's
guess and the two legacy code pages we actually meet (cp1256 Arabic, cp1255 Hebrew) all decode the
bytes and the most *plausible* result wins. Plausibility is a script score we compute ourselves,
because charset-normalizer is unreliable on a few hundred bytes of single-byte Arabic or Hebrew
(it often answers cp1250/cp1252 or swaps cp1256/cp1255: both code pages decode every byte, so
only the letters that come out can tell them apart).
"""
from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from transforms.errors import NewsfactsError


class CleaningError(NewsfactsError):
    """A document cannot be cleaned; ``reason`` is the short quarantine reason (e.g. 'binary')."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats that are never text (PDF is handled by the caller, not here).
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x7fELF")
# Legacy code pages tried even when nobody declared them: the languages this pipeline reads.
_FALLBACK_CODECS = ("cp1256", "cp1255")
# More than this share of control characters means the bytes are not text (tab/newline/CR excepted).
MAX_CONTROL_RATIO = 0.05


def decode_bytes(content: bytes, declared_charset: str | None = None) -> str:
    """Decode ``content`` to text.

    Args:
        content: the raw bytes.
        declared_charset: charset from the HTTP header or ``<meta charset>``, if any.

    Returns:
        The decoded text (undecodable bytes become U+FFFD, never an exception).

    Raises:
        CleaningError: reason 'binary' for images, archives or bytes full of NULs/control characters.
    """
    bom_codec = _bom_codec(content)
    if bom_codec:
        return _check_text(content.decode(bom_codec, errors="replace"))
    _reject_binary_bytes(content)
    utf16 = _utf16_without_bom(content)
    if utf16:
        return _check_text(content.decode(utf16, errors="replace"))
    utf8 = _mostly_utf8(content)
    if utf8 is not None:
        return _check_text(utf8)
    best = _best_candidate(content, _candidate_codecs(content, declared_charset))
    text = best if best is not None else content.decode("utf-8", errors="replace")
    return _check_text(text)


def _bom_codec(content: bytes) -> str | None:
    """The codec named by a leading byte-order mark, if any."""
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return codec
    return None


def _reject_binary_bytes(content: bytes) -> None:
    """Raise 'binary' for known binary magic numbers and NUL-heavy bytes that are not UTF-16."""
    if content.startswith(_BINARY_MAGIC):
        raise CleaningError("binary", f"binary magic number {content[:4]!r}")
    if b"\x00" in content and not _utf16_without_bom(content):
        raise CleaningError("binary", f"{content.count(0)} NUL bytes in {len(content)} bytes")


def _utf16_without_bom(content: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte, as in BOM-less UTF-16 ASCII-range text."""
    sample = content[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    # Arabic/Hebrew UTF-16 has few NULs but a constant high byte (0x06 / 0x05).
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if high and sum(b in (0x00, 0x05, 0x06, 0x20) for b in high) / len(high) > 0.95 and (
            high.count(5) + high.count(6)) / len(high) > 0.3:
            return codec
    return None


def _mostly_utf8(content: bytes) -> str | None:
    """UTF-8 text, with the odd broken byte replaced, when nearly all of it is valid UTF-8.

    A truncated or spliced UTF-8 page must stay UTF-8 (a legacy code page would garble every
    letter), while genuine cp1256/cp1255 bytes give a replacement character almost every word.
    """
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        text = content.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if multibyte >= 20 * bad else None


def _candidate_codecs(content: bytes, declared: str | None) -> list[str]:
    """Declared charset first, then charset-normalizer's guess, then the legacy code pages."""
    out: list[str] = []
    for name in (_codec_name(declared), _normalizer_guess(content), *_FALLBACK_CODECS):
        if name and name not in out:
            out.append(name)
    return out


def _codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def _normalizer_guess(content: bytes) -> str | None:
    """charset-normalizer's best guess (it never raises on odd input, but be safe)."""
    try:
        match = from_bytes(content[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure must not lose the document
        return None
    return _codec_name(match.encoding) if match else None


def _best_candidate(content: bytes, codec_names: list[str]) -> str | None:
    """Decode with each codec; keep the most plausible text (earlier codecs win ties)."""
    best_text, best_score = None, -1.0
    for name in codec_names:
        try:
            text = content.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = script_score(text)
        if score > best_score + 1e-9:
            best_text, best_score = text, score
    return best_text


def _script_of(ch: str) -> str | None:
    """'ar', 'he', 'latin' or None (not a letter)."""
    cp = ord(ch)
    if 0x0590 <= cp <= 0x05FF:
        return "he" if unicodedata.category(ch) == "Lo" else None
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F:
        return "ar" if unicodedata.category(ch) == "Lo" else None
    if ch.isascii() and ch.isalpha():
        return "latin"
    return None


def script_score(text: str) -> float:
    """Share of non-space characters that are letters of the dominant script, ASCII or common punctuation.

    Why: a wrong single-byte code page turns Hebrew into accented Latin (cp1256 on cp1255 bytes)
    or Arabic into Hebrew points and gaps (cp1255 on cp1256 bytes); the right one gives long runs
    of letters of one script.
    """
    counts: dict[str, int] = {}
    neutral = total = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        script = _script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
        elif ch.isascii() or ch in "،؛؟٪«»–—“”‘’״׳־" or ch.isdigit():
            neutral += 1
    if not total:
        return 0.0
    dominant = max((n for s, n in counts.items() if s != "latin"), default=0)
    return (dominant + counts.get("latin", 0) + neutral) / total


def _check_text(text: str) -> str:
    """Raise 'binary' when the decoded text is mostly control characters."""
    if not text:
        return text
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls / len(text) > MAX_CONTROL_RATIO:
        raise CleaningError("binary", f"{controls} control characters in {len(text)}")
    return text
