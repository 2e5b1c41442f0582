"""Main text and metadata from a news page, with trafilatura (and a plain lxml fallback).

trafilatura 2.x's ``bare_extraction`` returns a ``Document`` with ``.text`` (paragraphs joined by
newlines) and metadata (title, author, date, sitename, url, language). We ask for precision over
recall and no comments: a missing sentence costs less than a comment form or a related-articles
block read as article text. When trafilatura returns nothing (tiny or odd pages) a simple lxml
pass keeps the text of block elements outside nav/header/footer/aside/form, so a short but real
article is not lost; ``HtmlExtraction.method`` records which route was taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from trafilatura import bare_extraction

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_PUBLISHED_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="date"]/@content',
)
_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
                "svg", "template")
_BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "figcaption")


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """Text and metadata of one page; every metadata field may be None."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as found in the page (ISO 8601 or a date string)
    site_name: str | None = None
    language: str | None = None  # from <html lang> or metadata, not detected
    url: str | None = None
    method: str = "trafilatura"  # trafilatura | lxml-fallback


def sniff_meta_charset(content: bytes) -> str | None:
    """The charset of ``<meta charset>``/``http-equiv`` in the first 4 KB, if any."""
    m = _META_CHARSET.search(content[:4096])
    return m.group(1).decode("ascii") if m else None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article text and metadata from an HTML page.

    Args:
        html: the decoded page.
        url: the page's URL, used by trafilatura to resolve metadata.

    Returns:
        An HtmlExtraction; its text is '' when nothing readable was found.
    """
    tree = _parse(html)
    try:
        doc = bare_extraction(html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
                              include_tables=True, include_images=False, include_links=False)
    except Exception:  # noqa: BLE001 - trafilatura must not lose us the page; fall back below
        doc = None
    meta = _page_metadata(tree)
    text = (getattr(doc, "text", None) or "").strip()
    method = "trafilatura"
    if not text and tree is not None:
        text, method = fallback_text(tree), "lxml-fallback"
    return HtmlExtraction(
        text=text,
        title=_first(getattr(doc, "title", None), meta.get("title")),
        author=_first(getattr(doc, "author", None), meta.get("author")),
        published=_first(meta.get("published"), getattr(doc, "date", None)),
        site_name=_first(getattr(doc, "sitename", None), meta.get("site_name")),
        language=_first(meta.get("language"), getattr(doc, "language", None)),
        url=_first(getattr(doc, "url", None), url),
        method=method,
    )


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """Parse leniently; None for input lxml cannot make a tree of."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


def _page_metadata(tree: lxml.html.HtmlElement | None) -> dict[str, str]:
    """Fields trafilatura may miss or round: the full published timestamp, <html lang>, og tags."""
    if tree is None:
        return {}
    found: dict[str, str] = {}
    for xpath in _PUBLISHED_XPATHS:
        values = [v.strip() for v in tree.xpath(xpath) if v.strip()]
        if values:
            found["published"] = values[0]
            break
    lang = tree.get("lang") or ""
    if lang:
        found["language"] = lang.split("-")[0].lower()
    for key, xpath in (("title", '//meta[@property="og:title"]/@content'),
                       ("site_name", '//meta[@property="og:site_name"]/@content'),
                       ("author", '//meta[@name="author"]/@content')):
        values = [v.strip() for v in tree.xpath(xpath) if v.strip()]
        if values:
            found[key] = values[0]
    return found


def fallback_text(tree: lxml.html.HtmlElement) -> str:
    """Text of block elements outside page chrome, one per line (used when trafilatura gives nothing)."""
    for element in tree.xpath("|".join(f"//{tag}" for tag in _CHROME_TAGS)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    lines = []
    for element in tree.iter(*_BLOCK_TAGS):
        if element.xpath(" | ".join(f"ancestor::{t}" for t in ("p", "li", "blockquote", "td"))):
            continue  # nested block: its text is already in the ancestor's
        text = " ".join(element.text_content().split())
        if text:
            lines.append(text)
    if not lines:
        body = tree.find("body")
        lines = [" ".join((body if body is not None else tree).text_content().split())]
    return "\n".join(line for line in lines if line)


def _first(*values: str | None) -> str | None:
    """The first non-empty value, stripped."""
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
