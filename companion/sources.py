"""The source manifest and a loader that verifies every source's checksum."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from companion import paths
from companion.errors import ManifestError, SourceChecksumError

REQUIRED_FIELDS = (
    "source_id",
    "file",
    "original_file",
    "sha256",
    "title",
    "short_title",
    "author",
    "year",
    "language",
    "provenance",
)


@dataclass(frozen=True)
class Source:
    """One entry of ``data/sources/sources.yml``."""

    source_id: str
    file: str
    original_file: str
    sha256: str
    title: str
    short_title: str
    author: str
    year: int | None
    year_note: str
    language: str
    kind: str
    provenance: str

    @property
    def path(self) -> Path:
        return paths.SOURCES / self.file


def load_manifest(manifest: Path | None = None) -> dict[str, Source]:
    """Read the manifest; a missing field or a duplicate id raises ManifestError."""
    manifest = manifest or paths.MANIFEST
    doc = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise ManifestError(f"{manifest}: expected a mapping with a list 'sources'")
    out: dict[str, Source] = {}
    for i, entry in enumerate(doc["sources"], start=1):
        missing = [f for f in REQUIRED_FIELDS if f not in entry]
        if missing:
            raise ManifestError(f"{manifest}: source #{i} lacks field(s) {', '.join(missing)}")
        sid = entry["source_id"]
        if sid in out:
            raise ManifestError(f"{manifest}: source #{i}: duplicate source_id {sid!r}")
        out[sid] = Source(
            source_id=sid,
            file=entry["file"],
            original_file=entry["original_file"],
            sha256=entry["sha256"],
            title=entry["title"],
            short_title=entry["short_title"],
            author=entry["author"],
            year=entry["year"],
            year_note=entry.get("year_note", ""),
            language=entry["language"],
            kind=entry.get("kind", ""),
            provenance=" ".join(str(entry["provenance"]).split()),
        )
    return out


def rights_statement(manifest: Path | None = None) -> str:
    manifest = manifest or paths.MANIFEST
    doc = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    return " ".join(str(doc.get("rights", "")).split())


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_source(source: Source, path: Path | None = None) -> bytes:
    """Return the file's bytes, or raise SourceChecksumError naming file and both checksums."""
    path = path or source.path
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != source.sha256:
        raise SourceChecksumError(
            f"{path}: checksum mismatch for source {source.source_id!r}: "
            f"manifest expects sha256 {source.sha256}, file has {actual}. "
            "Sources must stay byte-identical to the texts as received; "
            "restore the file instead of editing it."
        )
    return data


@cache
def read_source(source_id: str) -> str:
    """The raw text of a source (UTF-8), after its checksum has been verified."""
    sources = load_manifest()
    if source_id not in sources:
        raise ManifestError(
            f"{paths.MANIFEST}: no source with id {source_id!r}; known: {', '.join(sources)}"
        )
    return verify_source(sources[source_id]).decode("utf-8")


def verify_all() -> None:
    """Verify every source in the manifest (raises on the first mismatch)."""
    for source in load_manifest().values():
        verify_source(source)
