"""Read local files: a file, or a folder of .txt/.html/.htm/.pdf files read recursively."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from flows.sources import Collected
from transforms.records import RawDocument, Rejection

MEDIA_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}
MAX_BYTES = 20 * 1024 * 1024  # a news article larger than this is a mistake, not an article


def source_uri_for(path: Path) -> str:
    """A path relative to the working folder when inside it (stable across clones), else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def collect_local(spec: str) -> Collected:
    """Read every supported file under ``spec``; unreadable or unsupported ones become rejections."""
    root = Path(spec)
    out = Collected()
    counts = out.per_source.setdefault(spec, {"discovered": 0, "read": 0, "failed": 0})
    if not root.exists():
        out.rejections.append(Rejection(spec, "ingest", "not_found", f"no such file or folder: {spec}"))
        counts["failed"] += 1
        return out
    for path in _files_under(root):
        counts["discovered"] += 1
        item = read_file(path)
        if isinstance(item, Rejection):
            out.rejections.append(item)
            counts["failed"] += 1
        else:
            out.documents.append(item)
            counts["read"] += 1
    return out


def read_file(path: Path) -> RawDocument | Rejection:
    """Read one file's bytes; a rejection says why it could not be read."""
    uri = source_uri_for(path)
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        return Rejection(uri, "ingest", "unsupported_type", f"{path.suffix or 'no extension'}; expected one of {', '.join(MEDIA_TYPES)}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Rejection(uri, "ingest", "too_large", f"{size} bytes > {MAX_BYTES}")
        content = path.read_bytes()
    except OSError as exc:
        return Rejection(uri, "ingest", "unreadable", str(exc))
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    return RawDocument(source_uri=uri, content=content, media_type=media_type, fetched_at=fetched)


def _files_under(root: Path) -> list[Path]:
    """Sorted, so runs see files in the same order; hidden files and folders are skipped."""
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath) / f for f in sorted(filenames)
            if not f.startswith(".") and Path(f).suffix.lower() in MEDIA_TYPES
        )
    return found
