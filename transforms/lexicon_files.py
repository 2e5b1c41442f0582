"""Reading the lexicon data files in ``transforms/lexicons/``: one error type, one YAML reader.

Every loader (boilerplate, dates, figures, quotes, events, gazetteer) raises ``LexiconError`` with
the file, the line or key, and the valid choices, so a bad edit to a data file says where it is.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from transforms.errors import NewsfactsError

LEXICON_DIR = Path(__file__).parent / "lexicons"


class LexiconError(NewsfactsError, ValueError):
    """A lexicon file is malformed; the message names the file, the line or key, and the valid choices."""


def lexicon_path(kind: str, lang: str, langs: Iterable[str], suffix: str = "yaml") -> Path:
    """``lexicons/<kind>.<lang>.<suffix>``, or a LexiconError naming the languages that have one."""
    langs = tuple(langs)
    if lang not in langs:
        raise LexiconError(f"no {kind} lexicon for lang {lang!r}; expected one of {', '.join(langs)}")
    return LEXICON_DIR / f"{kind}.{lang}.{suffix}"


def read_yaml_mapping(path: Path, allowed_keys: Iterable[str]) -> dict[str, Any]:
    """Parse a YAML lexicon that must be a mapping using only ``allowed_keys``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:  # the YAML message carries the line and column
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}:1: expected a mapping of keys, got {type(raw).__name__}")
    allowed = set(allowed_keys)
    unknown = set(raw) - allowed
    if unknown:
        raise LexiconError(f"{path}: unknown key(s) {sorted(unknown)}; expected some of {sorted(allowed)}")
    return raw


def string_list(raw: dict[str, Any], key: str, path: Path) -> list[str]:
    """``raw[key]`` as a list of strings (missing means empty)."""
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{path}: {key} must be a list of strings, got {value!r}")
    return value
