"""
ZIP archives with a manifest: every file's size and SHA-256, written as files are added, and read back safely.

Round packages and winner bundles are written with ``ManifestZip``; a receiver opens them with
:func:`open_verified`, which checks every member against ``manifest.json`` (names, sizes, checksums, zip-bomb
limits) before anything in it is trusted, and optionally an HMAC-SHA256 signature of the manifest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024

#: The key of the manifest's signature and the algorithm named in it.
SIGNATURE_KEY = "signature"
SIGNATURE_ALGORITHM = "HMAC-SHA256"

SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
DRIVE_PATTERN = re.compile(r"^[A-Za-z]:")

#: Errors the standard library raises for damaged or unusual ZIP data.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OverflowError,
)


#: File types whose contents are compressed already: deflating them again costs time and saves nothing.
COMPRESSED_SUFFIXES = frozenset(
    {
        ".pdf",
        ".zip",
        ".jpg",
        ".jpeg",
        ".png",
        ".webp",
        ".gif",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".mp4",
    }
)


def is_compressed(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in COMPRESSED_SUFFIXES


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

    def _member(self, name: str, file_type: str = "") -> zipfile.ZipInfo:
        """
        A member entry for ``name``: kept as it is when its format (``file_type``, an extension without the
        dot, or the name's) is compressed already.
        """
        info = zipfile.ZipInfo(self._claim(name), date_time=time.localtime()[:6])
        stored = is_compressed(f"x.{file_type}" if file_type else name)
        info.compress_type = zipfile.ZIP_STORED if stored else self.zip.compression
        info.external_attr = 0o644 << 16
        return info

    def add_bytes(self, name: str, data: bytes) -> dict[str, Any]:
        self.zip.writestr(self._member(name), data)
        return self._record(name, len(data), hashlib.sha256(data).hexdigest())

    def add_stream(self, name: str, source: IO[bytes], *, file_type: str = "") -> dict[str, Any]:
        digest, size = hashlib.sha256(), 0
        with self.zip.open(self._member(name, file_type), "w", force_zip64=True) as member:
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

    def close(
        self, meta: dict[str, Any] | None = None, *, signing_key: str | bytes | None = None
    ) -> dict[str, Any]:
        """
        Write ``manifest.json`` and finish the archive; returns the manifest.

        With a ``signing_key`` the manifest gets a ``signature``: an HMAC-SHA256 of the canonical manifest
        without it (see :func:`sign`), so that a receiver sharing the key can tell the archive is authentic.
        """
        manifest = {**(meta or {}), "files": self.files}
        if signing_key:
            manifest[SIGNATURE_KEY] = sign(manifest, signing_key)
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


# Signatures -------------------------------------------------------------------------------------------------


def _key_bytes(key: str | bytes) -> bytes:
    return key.encode() if isinstance(key, str) else key


def sign(manifest: dict[str, Any], key: str | bytes) -> dict[str, str]:
    """The signature of a manifest: HMAC-SHA256 of its canonical JSON (:func:`dumps`) without a signature."""
    unsigned = {name: value for name, value in manifest.items() if name != SIGNATURE_KEY}
    value = hmac.new(_key_bytes(key), dumps(unsigned), hashlib.sha256).hexdigest()
    return {"algorithm": SIGNATURE_ALGORITHM, "value": value}


def signature_matches(manifest: dict[str, Any], key: str | bytes) -> bool:
    """Whether the manifest carries a signature made with ``key`` (compared in constant time)."""
    signature = manifest.get(SIGNATURE_KEY)
    if not isinstance(signature, dict) or signature.get("algorithm") != SIGNATURE_ALGORITHM:
        return False
    value = signature.get("value")
    return isinstance(value, str) and hmac.compare_digest(value, sign(manifest, key)["value"])


# Reading safely ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ArchiveLimits:
    """What :func:`open_verified` accepts: members, sizes (uncompressed) and the compression ratio."""

    max_members: int = 10_000
    max_total_bytes: int = 2 * 1024**3
    max_file_bytes: int = 50 * 1024**2
    max_ratio: int = 200
    #: Members smaller than this are not held to ``max_ratio`` (small text compresses very well).
    ratio_floor_bytes: int = 1024**2


class ArchiveRefused(Exception):
    """The archive cannot be trusted; ``problems`` says why, one message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def shown(name: str) -> str:
    """A member name as it may be shown in a message: control characters escaped, cut at 200 characters."""
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in name)
    return text if len(text) <= 200 else text[:199] + "…"


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name is refused (it could write outside a folder or fool a reader), or ``None``."""
    if not name or name.endswith("/"):
        return _("“%(name)s” is a folder entry, which an archive of this kind never holds.")
    if name.startswith("/"):
        return _("“%(name)s” is an absolute path.")
    if DRIVE_PATTERN.match(name):
        return _("“%(name)s” starts with a drive letter.")
    if "\\" in name:
        return _("“%(name)s” contains a backslash.")
    if any(part in ("", ".", "..") for part in name.split("/")):
        return _("“%(name)s” contains “..”, “.” or an empty folder name (a path that leaves its folder).")
    if any(not char.isprintable() for char in name):
        return _("“%(name)s” contains control characters.")
    if len(name) > 255:
        return _("“%(name)s” is longer than 255 characters.")
    return None


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _over_ratio(size: int, compressed: int, limits: ArchiveLimits) -> bool:
    return size > limits.ratio_floor_bytes and size > limits.max_ratio * max(compressed, 1)


class VerifiedArchive:
    """
    The members of an archive that passed :func:`open_verified`, unpacked into a private temporary folder.

    Use as a context manager (or call :meth:`close`) so that the folder is removed.
    """

    def __init__(self, folder: Path, manifest: dict[str, Any], manifest_bytes: bytes, paths: dict[str, Path]):
        self.folder = folder
        self.manifest = manifest
        self.manifest_bytes = manifest_bytes
        self.manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
        self._paths = paths
        self.files = {row["path"]: row for row in manifest["files"]}

    def __enter__(self) -> VerifiedArchive:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def names(self) -> list[str]:
        return list(self._paths)

    def path(self, name: str) -> Path:
        """Where the verified member ``name`` was unpacked; ``KeyError`` for a name not in the manifest."""
        return self._paths[name]

    def open(self, name: str) -> IO[bytes]:
        return self.path(name).open("rb")

    def read(self, name: str) -> bytes:
        return self.path(name).read_bytes()


def _check_directory(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> list[str]:
    """Problems found in the central directory alone: names, kinds, declared sizes; nothing is read."""
    problems: list[str] = []
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        reason = unsafe_name_reason(name)
        if reason:
            problems.append(reason % {"name": shown(name)})
            continue
        if name in seen:
            problems.append(_("“%(name)s” appears more than once in the archive.") % {"name": shown(name)})
        seen.add(name)
        if is_symlink(info):
            problems.append(_("“%(name)s” is a symbolic link.") % {"name": shown(name)})
        if info.flag_bits & 0x1:
            problems.append(_("“%(name)s” is encrypted.") % {"name": shown(name)})
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(
                _("“%(name)s” uses a compression method this site does not read.") % {"name": shown(name)}
            )
        if info.file_size > limits.max_file_bytes:
            problems.append(_file_too_large(name, limits))
        elif _over_ratio(info.file_size, info.compress_size, limits):
            problems.append(_bomb(name, limits))
        total += info.file_size
    if total > limits.max_total_bytes:
        problems.append(_total_too_large(limits))
    return problems


def _file_too_large(name: str, limits: ArchiveLimits) -> str:
    return _("“%(name)s” is larger than the %(size)s allowed for one file.") % {
        "name": shown(name),
        "size": filesizeformat(limits.max_file_bytes),
    }


def _total_too_large(limits: ArchiveLimits) -> str:
    return _("The archive unpacks to more than the %(size)s allowed.") % {
        "size": filesizeformat(limits.max_total_bytes)
    }


def _bomb(name: str, limits: ArchiveLimits) -> str:
    return _(
        "“%(name)s” is compressed more than %(ratio)d to 1, which only a “zip bomb” does; the archive was "
        "refused."
    ) % {"name": shown(name), "ratio": limits.max_ratio}


class _MemberRefused(Exception):
    def __init__(self, message: str, *, fatal: bool = False):
        super().__init__(message)
        self.message = message
        self.fatal = fatal


def _unpack(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    target: IO[bytes],
    limits: ArchiveLimits,
    budget: int,
) -> tuple[int, str]:
    """
    Copy one member into ``target``, counting the bytes really produced (declared sizes can lie); returns
    its size and SHA-256. Stops as soon as the member passes the file limit, ``budget`` (what is left of the
    total limit) or the compression ratio.
    """
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > limits.max_file_bytes:
                    raise _MemberRefused(_file_too_large(info.filename, limits))
                if size > budget:
                    raise _MemberRefused(_total_too_large(limits), fatal=True)
                if _over_ratio(size, info.compress_size, limits):
                    raise _MemberRefused(_bomb(info.filename, limits), fatal=True)
                digest.update(chunk)
                target.write(chunk)
    except ZIP_ERRORS:
        raise _MemberRefused(
            _("“%(name)s” is damaged and cannot be unpacked.") % {"name": shown(info.filename)}
        ) from None
    return size, digest.hexdigest()


def _read_manifest(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ArchiveLimits
) -> tuple[dict[str, Any], bytes]:
    """The parsed and structurally checked manifest, or :class:`ArchiveRefused`."""
    buffer = tempfile.SpooledTemporaryFile(max_size=CHUNK)  # noqa: SIM115 (closed below)
    try:
        try:
            _unpack(archive, info, buffer, limits, limits.max_total_bytes)
        except _MemberRefused as refused:
            raise ArchiveRefused([refused.message]) from None
        buffer.seek(0)
        data = buffer.read()
    finally:
        buffer.close()
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ArchiveRefused([_("The manifest (manifest.json) is not valid JSON.")]) from None
    problems = _manifest_problems(manifest)
    if problems:
        raise ArchiveRefused(problems)
    return manifest, data


def _manifest_problems(manifest: Any) -> list[str]:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        return [_("The manifest (manifest.json) has no list of files.")]
    problems = []
    seen: set[str] = set()
    for position, row in enumerate(manifest["files"], start=1):
        if not (
            isinstance(row, dict)
            and isinstance(row.get("path"), str)
            and isinstance(row.get("size"), int)
            and not isinstance(row.get("size"), bool)
            and row["size"] >= 0
            and isinstance(row.get("sha256"), str)
            and SHA256_PATTERN.fullmatch(row["sha256"])
        ):
            problems.append(
                _("File %(number)d of the manifest lacks a path, a size or a SHA-256.") % {"number": position}
            )
            continue
        if row["path"] in seen or row["path"] == MANIFEST_NAME:
            problems.append(_("The manifest lists “%(name)s” more than once.") % {"name": shown(row["path"])})
        seen.add(row["path"])
    return problems


def open_verified(source: IO[bytes], limits: ArchiveLimits | None = None) -> VerifiedArchive:
    """
    Open the archive in ``source`` and check it completely before anything in it is used.

    Refused (:class:`ArchiveRefused`, listing every problem found): not a ZIP; too many members; unsafe names
    (absolute, ``..``, backslashes, drive letters, control characters), repeated names, symbolic links,
    encrypted members; a member or the whole over the size limits, or compressed beyond the ratio limit (by
    the declared sizes and again while unpacking, counting the bytes really produced); no ``manifest.json``;
    members not listed in it, or listed but missing; a member whose size or SHA-256 differs from the
    manifest. The members are unpacked into a temporary folder of the returned :class:`VerifiedArchive`.
    """
    limits = limits or ArchiveLimits()
    try:
        archive = zipfile.ZipFile(source)
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise ArchiveRefused([_("The file is not a ZIP archive, or it is damaged.")]) from None
    with archive:
        if len(infos) > limits.max_members:
            raise ArchiveRefused(
                [_("The archive holds more than %(count)d files.") % {"count": limits.max_members}]
            )
        problems = _check_directory(infos, limits)
        if problems:
            raise ArchiveRefused(problems)
        by_name = {info.filename: info for info in infos}
        if MANIFEST_NAME not in by_name:
            raise ArchiveRefused([_("The archive has no manifest (manifest.json).")])
        manifest, manifest_bytes = _read_manifest(archive, by_name.pop(MANIFEST_NAME), limits)
        listed = {row["path"]: row for row in manifest["files"]}
        problems = [
            _("“%(name)s” is in the archive but not in its manifest.") % {"name": shown(name)}
            for name in by_name
            if name not in listed
        ] + [
            _("“%(name)s” is in the manifest but missing from the archive.") % {"name": shown(name)}
            for name in listed
            if name not in by_name
        ]
        if problems:
            raise ArchiveRefused(problems)
        return _unpack_all(
            archive, [by_name[name] for name in listed], listed, manifest, manifest_bytes, limits
        )


def _unpack_all(archive, infos, listed, manifest, manifest_bytes, limits) -> VerifiedArchive:
    folder = Path(tempfile.mkdtemp(prefix="kipp-archive-"))
    paths: dict[str, Path] = {}
    problems: list[str] = []
    budget = limits.max_total_bytes - len(manifest_bytes)
    try:
        for position, info in enumerate(infos):
            target_path = folder / f"{position:06d}"
            row = listed[info.filename]
            try:
                with target_path.open("wb") as target:
                    size, sha256 = _unpack(archive, info, target, limits, budget)
            except _MemberRefused as refused:
                problems.append(refused.message)
                if refused.fatal:
                    break
                continue
            budget -= size
            if size != row["size"]:
                problems.append(
                    _("“%(name)s” has %(actual)d bytes, but the manifest says %(declared)d.")
                    % {"name": shown(info.filename), "actual": size, "declared": row["size"]}
                )
            elif sha256 != row["sha256"]:
                problems.append(
                    _("“%(name)s” does not match its checksum in the manifest: it was changed or damaged.")
                    % {"name": shown(info.filename)}
                )
            paths[info.filename] = target_path
        if problems:
            raise ArchiveRefused(problems)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return VerifiedArchive(folder, manifest, manifest_bytes, paths)
