"""
ZIP archives with a manifest: every file's size and SHA-256, written as the files are added.

Round packages and winner bundles are written with ``ManifestZip``; a receiver checks each file against
``manifest.json`` before it trusts it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from typing import IO, Any

MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class ManifestZip:
    """
    A ZIP file being written, recording each member's size and SHA-256 for the manifest.

    Members are streamed (a large attachment is never read into memory whole). ``close(meta)`` writes
    ``manifest.json`` last, holding ``meta`` and the ``files`` list, and returns the manifest.
    """

    def __init__(self, target: IO[bytes], *, compression: int = zipfile.ZIP_DEFLATED):
        self.zip = zipfile.ZipFile(target, "w", compression=compression, allowZip64=True)
        self.files: list[dict[str, Any]] = []
        self._names: set[str] = set()

    def _claim(self, name: str) -> str:
        if name in self._names or name == MANIFEST_NAME or name.startswith("/") or ".." in name.split("/"):
            raise ValueError(f"Unusable or repeated archive member name: {name!r}")
        self._names.add(name)
        return name

    def add_bytes(self, name: str, data: bytes) -> dict[str, Any]:
        self.zip.writestr(self._claim(name), data)
        return self._record(name, len(data), hashlib.sha256(data).hexdigest())

    def add_stream(self, name: str, source: IO[bytes]) -> dict[str, Any]:
        digest, size = hashlib.sha256(), 0
        with self.zip.open(self._claim(name), "w", force_zip64=True) as member:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
        return self._record(name, size, digest.hexdigest())

    def add_json(self, name: str, value: Any) -> dict[str, Any]:
        return self.add_bytes(name, dumps(value))

    def _record(self, name: str, size: int, sha256: str) -> dict[str, Any]:
        row = {"path": name, "size": size, "sha256": sha256}
        self.files.append(row)
        return row

    def close(self, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        manifest = {**(meta or {}), "files": self.files}
        self.zip.writestr(MANIFEST_NAME, dumps(manifest))
        self.zip.close()
        return manifest


def dumps(value: Any) -> bytes:
    """JSON as archives hold it: UTF-8, indented, keys sorted, so the same data gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode()


def sha256_of(source: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
