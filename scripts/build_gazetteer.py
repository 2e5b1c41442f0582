"""Regenerate the country block of transforms/lexicons/gazetteer.tsv from library data.

Names come from pycountry (ISO 3166-1 alpha-2 -> alpha-3) and babel's CLDR territory names in Arabic,
Hebrew and English, so every country is covered without a hand list. Only the lines between the
BEGIN/END generated markers are replaced; the hand-written rows (short forms, adjectives, capitals,
people, organisations) are kept as they are.

Usage: .venv/bin/python scripts/build_gazetteer.py [path/to/gazetteer.tsv]
"""
from __future__ import annotations

import sys
from pathlib import Path

import pycountry
from babel import Locale

BEGIN = "# BEGIN generated states"
END = "# END generated states"
LANGS = ("ar", "he", "en")
DEFAULT = Path(__file__).resolve().parents[1] / "transforms" / "lexicons" / "gazetteer.tsv"


def country_rows() -> list[str]:
    """One row per (country, language, CLDR name), sorted by code for stable diffs."""
    names = {lang: Locale(lang).territories for lang in LANGS}
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        for lang in LANGS:
            name = names[lang].get(country.alpha_2)
            if name:
                rows.append("\t".join((country.alpha_3, "state", lang, name, "", "", "")))
    return rows


def rebuild(path: Path) -> None:
    """Replace the generated block of ``path`` in place."""
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        start, end = lines.index(BEGIN), lines.index(END)
    except ValueError as exc:
        raise SystemExit(f"{path}: markers {BEGIN!r} / {END!r} not found") from exc
    lines[start + 1:end] = country_rows()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    rebuild(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
