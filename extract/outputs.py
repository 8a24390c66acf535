"""The files that go beside a facts table: its claims ledger and the stamp saying which
extractor code built it, so the dashboard can tell a table made by older code and rebuild it."""

from __future__ import annotations

import hashlib
from pathlib import Path

EXTRACT_DIR = Path(__file__).resolve().parent


def claims_path(facts: str | Path) -> Path:
    """Where the claims ledger goes by default: data/facts.parquet -> data/claims.parquet,
    out/talk.csv -> out/talk.claims.csv."""
    path = Path(facts)
    name = "claims" if path.stem == "facts" else f"{path.stem}.claims"
    return path.with_name(name + path.suffix)


def version_path(facts: str | Path) -> Path:
    """Where the fingerprint of the extractor that built a table is kept (data/facts.version)."""
    return Path(facts).with_suffix(".version")


def extractor_fingerprint(folder: Path = EXTRACT_DIR) -> str:
    """A hash of the extractor's code (every extract/*.py, by name): it changes with any edit."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py"), key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_stamp(facts: str | Path) -> None:
    """Record that the table at `facts` was built by the extractor code as it is now."""
    version_path(facts).write_text(extractor_fingerprint() + "\n", encoding="utf-8")
