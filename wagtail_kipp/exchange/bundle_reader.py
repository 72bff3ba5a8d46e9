"""
Opening a winner bundle safely: the archive's own checks, the signature, then ``bundle.json`` and its files.

Nothing of a bundle is used before :func:`read_bundle` has checked all of it; a bundle that fails is refused
with a :class:`BundleError` listing every problem found, in words for the hub operator.
"""

from __future__ import annotations

import copy
import datetime
import functools
import importlib.resources
import json
import re
import uuid
from typing import IO, Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import settings as kipp_settings
from ..entrant_portal.uploads import HEAD_BYTES, PDF_TAIL_BYTES, UploadRefused, detect_type, type_label
from .archive import ArchiveLimits, ArchiveRefused, VerifiedArchive, open_verified, shown, signature_matches

SCHEMA_NAME = "kipp-bundle"
SCHEMA_VERSION = "1.0"
SCHEMA_ID = f"urn:wagtail-kipp:schema:{SCHEMA_NAME}:{SCHEMA_VERSION}"
SCHEMA_FILE = f"{SCHEMA_NAME}-{SCHEMA_VERSION}.schema.json"
#: The major schema version this site reads; any minor version of it is accepted.
SUPPORTED_MAJOR = 1
VERSION_PATTERN = re.compile(r"(?P<major>\d{1,4})\.(?P<minor>\d{1,4})")
BUNDLE_NAME = "bundle.json"
ATTACHMENTS_FOLDER = "attachments"

#: Schema problems listed at most, so a thoroughly broken file gives a readable report.
MAX_LISTED_PROBLEMS = 50


def bundle_setting(name: str) -> Any:
    """A ``WAGTAIL_KIPP_BUNDLE_*`` setting (defaults in :data:`wagtail_kipp.conf.DEFAULTS`)."""
    return getattr(kipp_settings, name)


def bundle_limits() -> ArchiveLimits:
    """What a bundle may hold: the sizes from the settings, the archive's defaults for the rest."""
    return ArchiveLimits(
        max_total_bytes=int(bundle_setting("BUNDLE_MAX_BYTES")),
        max_file_bytes=int(bundle_setting("BUNDLE_MAX_FILE_BYTES")),
    )


class BundleError(Exception):
    """A bundle that was refused; ``problems`` lists every reason, one message each."""

    def __init__(self, problems: list[str]):
        self.problems = [str(problem) for problem in problems]
        super().__init__("\n".join(self.problems))


class Bundle:
    """
    A bundle that passed every check: ``data`` is its ``bundle.json``, its files are unpacked and verified.

    Use as a context manager (or call :meth:`close`) so that the unpacked files are removed.
    """

    def __init__(self, archive: VerifiedArchive, data: dict[str, Any], *, signed: bool, warnings: list[str]):
        self.archive = archive
        self.data = data
        self.signed = signed
        self.warnings = warnings

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.archive.close()

    @property
    def bundle_id(self) -> uuid.UUID:
        return uuid.UUID(self.data["bundle_id"])

    @property
    def portal_name(self) -> str:
        return self.data["portal"]["name"]

    @property
    def portal_url(self) -> str:
        return self.data["portal"]["url"]

    @property
    def portal_key(self) -> str:
        """How this site names the sending portal in its mappings: its address, else its name."""
        return self.portal_url or self.portal_name

    @property
    def manifest_sha256(self) -> str:
        return self.archive.manifest_sha256

    @property
    def entries(self) -> list[dict[str, Any]]:
        return self.data["entries"]

    def open_attachment(self, attachment: dict[str, Any]) -> IO[bytes]:
        """The verified file of one of the entries' ``attachments``."""
        return self.archive.open(attachment["path"])


# The schema ------------------------------------------------------------------------------------------------


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``bundle.json``, shipped in ``wagtail_kipp/exchange/schemas/``."""
    resource = importlib.resources.files(__package__).joinpath("schemas", SCHEMA_FILE)
    return json.loads(resource.read_text(encoding="utf-8"))


def _open_schema(schema: Any) -> Any:
    """``schema`` without ``additionalProperties: false``, to read a newer minor version (it only adds)."""
    if isinstance(schema, dict):
        return {
            key: _open_schema(value)
            for key, value in schema.items()
            if not (key == "additionalProperties" and value is False)
        }
    if isinstance(schema, list):
        return [_open_schema(value) for value in schema]
    return schema


@functools.cache
def _validator(strict: bool):
    try:
        from jsonschema import Draft202012Validator
    except ImportError as error:
        raise ImproperlyConfigured("Reading winner bundles needs the jsonschema package.") from error
    schema = load_schema() if strict else _open_schema(copy.deepcopy(load_schema()))
    if not strict:
        schema["properties"]["schema_version"] = {"type": "string"}
    return Draft202012Validator(schema)


def schema_problems(data: Any, *, strict: bool = True) -> list[str]:
    """Where ``data`` does not follow the bundle schema, as "bundle.json, <path>: <what>" lines."""
    errors = sorted(
        _validator(strict).iter_errors(data), key=lambda error: list(map(str, error.absolute_path))
    )
    problems = [
        _("bundle.json, %(path)s: %(message)s")
        % {"path": "/".join(map(str, error.absolute_path)) or "(document)", "message": error.message[:300]}
        for error in errors[:MAX_LISTED_PROBLEMS]
    ]
    if len(errors) > MAX_LISTED_PROBLEMS:
        more = len(errors) - MAX_LISTED_PROBLEMS
        problems.append(
            ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more)
            % {"count": more}
        )
    return problems


# Reading ---------------------------------------------------------------------------------------------------


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BundleError([_("bundle.json is not UTF-8 text.")]) from None
    except ValueError as error:
        raise BundleError([_("bundle.json is not valid JSON: %(error)s") % {"error": error}]) from None
    except RecursionError:
        raise BundleError([_("bundle.json is nested too deeply.")]) from None


def _version_problems(data: Any) -> tuple[list[str], bool]:
    """Problems with the schema name and version, and whether the version is exactly the one known here."""
    if not isinstance(data, dict):
        return [_("bundle.json does not hold a JSON object.")], False
    if data.get("schema") != SCHEMA_NAME:
        return [
            _("bundle.json is not a KIPP winner bundle (its schema is not “%(schema)s”).")
            % {"schema": SCHEMA_NAME}
        ], False
    version = data.get("schema_version")
    match = VERSION_PATTERN.fullmatch(version) if isinstance(version, str) else None
    if not (match and int(match["major"]) == SUPPORTED_MAJOR):
        return [
            _(
                "The bundle was made with schema version %(version)s; this site reads version "
                "%(supported)d.x. Update wagtail-kipp here, or ask the sender for a bundle this version "
                "can read."
            )
            % {"version": shown(str(version)), "supported": SUPPORTED_MAJOR}
        ], False
    return [], version == SCHEMA_VERSION


def _check_signature(archive: VerifiedArchive, key: str, warnings: list[str]) -> tuple[list[str], bool]:
    signed = "signature" in archive.manifest
    if key:
        if not signed:
            return [
                _(
                    "The bundle is not signed, but this site accepts only signed bundles "
                    "(WAGTAIL_KIPP_BUNDLE_SIGNING_KEY is set). Ask the sender to sign it with the shared key."
                )
            ], False
        if not signature_matches(archive.manifest, key):
            return [
                _(
                    "The bundle's signature does not match this site's signing key: it was changed after it "
                    "was made, or signed with another key."
                )
            ], True
    elif signed:
        warnings.append(
            _("The bundle is signed, but this site has no signing key, so its authenticity was not checked.")
        )
    return [], signed


def _valid_datetime(value: str | None) -> bool:
    if value is None:
        return True
    try:
        return datetime.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _valid_date(value: str | None) -> bool:
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _entry_problems(entry: dict[str, Any], archive: VerifiedArchive, used: set[str]) -> list[str]:
    problems: list[str] = []
    label = entry["reference"]
    if not _valid_date(entry["header"]["started_on"]):
        problems.append(_("Entry %(entry)s: the start date is not a date.") % {"entry": label})
    dates = [entry["submitted_at"], *(result["published_at"] for result in entry["results"])]
    if not all(_valid_datetime(value) for value in dates):
        problems.append(
            _("Entry %(entry)s: a moment is not a date and time with an offset.") % {"entry": label}
        )
    limit = kipp_settings.ANSWER_MAX_CHARS
    for key, answer in entry["answers"].items():
        if len(answer) > limit:
            problems.append(
                _("Entry %(entry)s: the answer “%(key)s” is longer than %(limit)d characters.")
                % {"entry": label, "key": key, "limit": limit}
            )
    slots: set[str] = set()
    for attachment in entry["attachments"]:
        path, slot = attachment["path"], attachment["slot"]
        if slot in slots:
            problems.append(
                _("Entry %(entry)s has two files for “%(slot)s”.") % {"entry": label, "slot": slot}
            )
        slots.add(slot)
        if path != f"{ATTACHMENTS_FOLDER}/{entry['uuid'].lower()}/{slot}":
            problems.append(
                _("Entry %(entry)s: the file “%(path)s” is not where its entry and slot say.")
                % {"entry": label, "path": path}
            )
            continue
        row = archive.files.get(path)
        if row is None:
            problems.append(
                _("Entry %(entry)s: the file “%(path)s” is missing from the bundle.")
                % {"entry": label, "path": path}
            )
            continue
        used.add(path)
        if (row["size"], row["sha256"]) != (attachment["size"], attachment["sha256"]):
            problems.append(
                _(
                    "Entry %(entry)s: the size or checksum of “%(path)s” differs between bundle.json and "
                    "the manifest."
                )
                % {"entry": label, "path": path}
            )
            continue
        problems.extend(_content_problems(archive, attachment, label))
    return problems


def _content_problems(archive: VerifiedArchive, attachment: dict[str, Any], label: str) -> list[str]:
    """The file must be what bundle.json says, by content, as the entrant portal checks uploads."""
    path = attachment["path"]
    size = attachment["size"]
    with archive.open(path) as file:
        head = file.read(HEAD_BYTES)
        file.seek(max(0, size - PDF_TAIL_BYTES))
        tail = file.read()
        try:
            found = detect_type(file, size, head, tail)
        except UploadRefused as refused:
            return [
                _("Entry %(entry)s, file “%(path)s”: %(problem)s")
                % {"entry": label, "path": path, "problem": " ".join(refused.messages)}
            ]
    if found != attachment["type"]:
        return [
            _("Entry %(entry)s, file “%(path)s”: it is a %(found)s, but bundle.json says %(declared)s.")
            % {
                "entry": label,
                "path": path,
                "found": type_label(found),
                "declared": type_label(attachment["type"]),
            }
        ]
    return []


def _content_checks(data: dict[str, Any], archive: VerifiedArchive) -> list[str]:
    problems: list[str] = []
    if str(archive.manifest.get("bundle_id", "")).lower() != data["bundle_id"].lower():
        problems.append(_("The manifest and bundle.json name different bundles."))
    seen: set[str] = set()
    used: set[str] = {BUNDLE_NAME}
    for entry in data["entries"]:
        key = entry["uuid"].lower()
        if key in seen:
            problems.append(_("Entry %(entry)s appears twice in the bundle.") % {"entry": entry["reference"]})
        seen.add(key)
        problems.extend(_entry_problems(entry, archive, used))
    problems.extend(
        _("“%(name)s” is in the bundle but belongs to no entry.") % {"name": shown(name)}
        for name in archive.files
        if name not in used
    )
    return problems


def read_bundle(
    source: IO[bytes], *, signing_key: str | None = None, limits: ArchiveLimits | None = None
) -> Bundle:
    """
    Open and check a winner bundle completely; returns the :class:`Bundle`, or raises :class:`BundleError`.

    ``signing_key`` defaults to ``WAGTAIL_KIPP_BUNDLE_SIGNING_KEY``: with a key, unsigned or wrongly signed
    bundles are refused. ``limits`` default to :func:`bundle_limits`.
    """
    key = bundle_setting("BUNDLE_SIGNING_KEY") if signing_key is None else signing_key
    try:
        archive = open_verified(source, limits or bundle_limits())
    except ArchiveRefused as refused:
        raise BundleError(refused.problems) from None
    try:
        warnings: list[str] = []
        bundle = _check(archive, key, warnings)
    except BaseException:
        archive.close()
        raise
    return bundle


def _check(archive: VerifiedArchive, key: str, warnings: list[str]) -> Bundle:
    if BUNDLE_NAME not in archive.files:
        raise BundleError([_("The archive has no bundle.json: it is not a KIPP winner bundle.")])
    if archive.manifest.get("bundle_sha256") != archive.files[BUNDLE_NAME]["sha256"]:
        raise BundleError([_("The manifest's checksum of bundle.json is missing or wrong.")])
    problems, signed = _check_signature(archive, key, warnings)
    if problems:
        raise BundleError(problems)
    data = _parse_json(archive.read(BUNDLE_NAME))
    problems, strict = _version_problems(data)
    if problems:
        raise BundleError(problems)
    if not strict:
        warnings.append(
            _(
                "The bundle was made with schema version %(version)s, newer than this site's %(known)s; "
                "fields this site does not know are left out."
            )
            % {"version": data["schema_version"], "known": SCHEMA_VERSION}
        )
    problems = schema_problems(data, strict=strict)
    if problems:
        raise BundleError(problems)
    problems = _content_checks(data, archive)
    if problems:
        raise BundleError(problems)
    return Bundle(archive, data, signed=signed, warnings=warnings)
