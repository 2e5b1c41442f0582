"""The pipeline version: a hash of the transforms' code and lexicons.

An article is processed again when its bytes change *or* when this version changes, so improving an
extractor re-extracts old articles on the next run without any flag.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).parent


@cache
def pipeline_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_ROOT.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".tsv", ".txt", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
