"""Attachment uploads: checked by content (not name), size-limited, hashed, and kept in private storage."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import logging
import os
import secrets
import struct
import unicodedata
import zipfile
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..judging import permissions, services
from ..models import Entry, EntryAttachment
from ..models.proposals import FileType

logger = logging.getLogger(__name__)

#: File-name extensions each type may have; the first one is used for stored names.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    FileType.PDF: (".pdf",),
    FileType.JPEG: (".jpg", ".jpeg"),
    FileType.PNG: (".png",),
    FileType.DOCX: (".docx",),
    FileType.XLSX: (".xlsx",),
    FileType.PPTX: (".pptx",),
}

#: The content type a file of each type is served with.
CONTENT_TYPES: dict[str, str] = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

#: The folder inside the ZIP container that makes an Office Open XML file a document, workbook or deck.
OFFICE_FOLDERS: dict[str, str] = {FileType.DOCX: "word/", FileType.XLSX: "xl/", FileType.PPTX: "ppt/"}

PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_END_MAGIC = b"PK\x05\x06"
ZIP64_LOCATOR_MAGIC = b"PK\x06\x07"

#: Bytes at the start of a file searched for web-page markup (a browser could render it as HTML).
HEAD_BYTES = 1024
#: Bytes at the end of a PDF that must hold its end-of-file marker.
PDF_TAIL_BYTES = 2048
HTML_MARKERS = (b"<script", b"<html", b"<!doctype html", b"<body", b"<iframe", b"<svg", b"<?php")
CHUNK_SIZE = 64 * 1024

# Limits when inspecting an Office file's ZIP container. Only its directory is read (nothing is unpacked),
# so these refuse files that would overwhelm the people who open them, and keep the directory itself small.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_UNCOMPRESSED = 300 * 1024 * 1024
ZIP_MAX_DIRECTORY_BYTES = 8 * 1024 * 1024


class UploadRefused(services.ServiceError):
    """The file was refused: empty, too large, of the wrong type, damaged, or more than one type at once."""


class UnknownSlot(services.ServiceError):
    """The proposal form of the entry has no attachment slot with this key."""


@dataclasses.dataclass(frozen=True)
class CheckedFile:
    """What :func:`check_upload` found out about an accepted file."""

    file_type: str
    size: int
    sha256: str
    original_name: str


def type_label(file_type: str) -> str:
    try:
        return str(FileType(file_type).label)
    except ValueError:
        return file_type


def too_large_message(limit: int) -> str:
    return _("The file is larger than the %(size)s allowed for this attachment.") % {
        "size": filesizeformat(limit)
    }


def sanitise_name(name: str, max_length: int = 255) -> str:
    """A file name safe to show and to offer on download: no folders, control or direction characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        " " if char.isspace() else char
        for char in name
        if not unicodedata.category(char).startswith("C") and char not in '<>:"|?*'
    )
    name = " ".join(name.split()).strip(" .")
    if len(name) > max_length:
        stem, ext = os.path.splitext(name)
        ext = ext if len(ext) <= 16 else ""
        name = stem[: max_length - len(ext)].rstrip(" .") + ext
    return name


def extension_of(name: str) -> str:
    """The lower-case extension of ``name`` with its dot, or ``""``."""
    return os.path.splitext(name)[1].lower()


# Content sniffing ---------------------------------------------------------------------------------------


def _zip_directory(file: IO[bytes], size: int) -> tuple[int, int] | None:
    """
    Member count and size of a ZIP's central directory, read from its end record the way ``zipfile`` finds it.

    ``None`` when there is no end record; ZIP64 archives (which Office files never need) count as too large.
    """
    file.seek(max(0, size - 22))
    data = file.read(22)
    if len(data) == 22 and data.startswith(ZIP_END_MAGIC) and data.endswith(b"\0\0"):
        record, position = data, size - 22
    else:
        start = max(0, size - 65535 - 22)
        file.seek(start)
        data = file.read()
        found = data.rfind(ZIP_END_MAGIC)
        if found < 0 or len(data) - found < 22:
            return None
        record, position = data[found : found + 22], start + found
    _sig, _disk, _cd_disk, _here, members, directory_bytes, _offset, _comment = struct.unpack(
        "<4s4H2LH", record
    )
    if position >= 20:
        file.seek(position - 20)
        if file.read(4) == ZIP64_LOCATOR_MAGIC:
            return (0xFFFF, 0xFFFFFFFF)
    return members, directory_bytes


def _office_type(file: IO[bytes], size: int) -> str:
    """The Office Open XML type of a ZIP file (docx, xlsx or pptx), or :class:`UploadRefused`."""
    not_office = UploadRefused(
        _("This ZIP file is not a Word, Excel or PowerPoint document. Upload the document itself.")
    )
    directory = _zip_directory(file, size)
    if directory is None:
        raise UploadRefused(_("The file is damaged or incomplete. Save it again and upload it."))
    members, directory_bytes = directory
    if members >= 0xFFFF or members > ZIP_MAX_MEMBERS or directory_bytes > ZIP_MAX_DIRECTORY_BYTES:
        raise UploadRefused(_("The document contains too many parts. Save it again as a normal document."))
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error):
        raise UploadRefused(_("The file is damaged or incomplete. Save it again and upload it.")) from None
    if len(infos) > ZIP_MAX_MEMBERS:
        raise UploadRefused(_("The document contains too many parts. Save it again as a normal document."))
    if sum(info.file_size for info in infos) > ZIP_MAX_UNCOMPRESSED:
        raise UploadRefused(_("The document would unpack to an unusually large size and was refused."))
    names = [info.filename for info in infos]
    if "[Content_Types].xml" not in names:
        raise not_office
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadRefused(
            _("The document contains macros. Save it without macros (.docx, .xlsx or .pptx).")
        )
    found = {
        file_type
        for file_type, folder in OFFICE_FOLDERS.items()
        if any(name.startswith(folder) for name in names)
    }
    if len(found) != 1:
        raise not_office
    return found.pop()


def detect_type(file: IO[bytes], size: int, head: bytes, tail: bytes) -> str:
    """
    The one type the content of ``file`` is, by its signature; :class:`UploadRefused` otherwise.

    A file that carries the signatures of two types (a polyglot, such as a PDF with a ZIP appended) or
    web-page markup near its start is refused: it could be opened as something other than what it claims.
    """
    lowered = head.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        raise UploadRefused(_("The file contains web page code and was refused. Upload a plain document."))
    file.seek(0)
    is_zip = head.startswith(ZIP_MAGIC) or zipfile.is_zipfile(file)
    kinds = [
        kind
        for kind, present in (
            (FileType.PDF, head.startswith(PDF_MAGIC)),
            (FileType.JPEG, head.startswith(JPEG_MAGIC)),
            (FileType.PNG, head.startswith(PNG_MAGIC)),
            ("zip", is_zip),
        )
        if present
    ]
    if len(kinds) > 1:
        raise UploadRefused(
            _(
                "The file is more than one kind of file at once (for example a PDF with another file "
                "hidden inside), which is not allowed. Save it again as a normal document."
            )
        )
    if not kinds:
        raise UploadRefused(
            _("The file is not a PDF, image or Office document. Its content, not its name, is checked.")
        )
    kind = kinds[0]
    if kind == FileType.PDF and PDF_END not in tail:
        raise UploadRefused(
            _("The PDF is incomplete (it may have been cut off). Save it again and upload it.")
        )
    if kind == "zip":
        if not head.startswith(ZIP_MAGIC):
            raise UploadRefused(
                _("The file has unknown data in front of it. Save it again as a normal document.")
            )
        return _office_type(file, size)
    return str(kind)


def check_upload(uploaded_file: UploadedFile, slot: dict[str, Any]) -> CheckedFile:
    """
    Check an uploaded file against an attachment slot: size, content type, name; and hash it.

    The declared size is checked before reading, the real size while reading in chunks. Raises
    :class:`UploadRefused` with a message for the user.
    """
    limit = int(slot["max_size_bytes"])
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise UploadRefused(too_large_message(limit))
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    for chunk in uploaded_file.chunks(CHUNK_SIZE):
        size += len(chunk)
        if size > limit:
            raise UploadRefused(too_large_message(limit))
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        tail = (tail + chunk)[-PDF_TAIL_BYTES:]
    if size == 0:
        raise UploadRefused(_("The file is empty. Choose the file again and upload it."))
    file_type = detect_type(uploaded_file, size, head, tail)
    allowed = [str(value) for value in slot.get("allowed_types") or []]
    if file_type not in allowed:
        raise UploadRefused(
            _("This file is a %(type)s, but this attachment accepts only: %(allowed)s.")
            % {"type": type_label(file_type), "allowed": ", ".join(type_label(value) for value in allowed)}
        )
    name = sanitise_name(uploaded_file.name or "")
    extension = extension_of(name)
    if not extension:
        # Some phones send names without an extension: the content decides, the name gets the right one.
        name = sanitise_name((name or _("attachment")) + EXTENSIONS[file_type][0])
    elif extension not in EXTENSIONS[file_type]:
        raise UploadRefused(
            _(
                "The file “%(name)s” is a %(type)s, but its name ends in “%(extension)s”. "
                "Check that you chose the right file, or rename it to end in “%(expected)s”."
            )
            % {
                "name": name,
                "type": type_label(file_type),
                "extension": extension,
                "expected": EXTENSIONS[file_type][0],
            }
        )
    return CheckedFile(file_type=file_type, size=size, sha256=digest.hexdigest(), original_name=name)


class SlotSizeLimitHandler(FileUploadHandler):
    """
    First upload handler of an attachment upload: skips a file as soon as it passes the slot's limit.

    So an oversized file is never written to a temporary file or memory; ``too_large`` tells the view why
    the file is missing, ``started`` that one began to arrive (a missing file was then cut off). Files in
    other fields than ``field_name`` are skipped as well.
    """

    def __init__(self, request=None, *, limit: int, field_name: str = "file"):
        super().__init__(request)
        self.limit = limit
        self.accepted_field = field_name
        self.received = 0
        self.too_large = False
        self.started = False

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        if field_name != self.accepted_field:
            raise SkipFile
        self.received = 0
        self.started = True

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


# Services -----------------------------------------------------------------------------------------------


def get_slot(entry: Entry, slot_key: str) -> dict[str, Any]:
    """The attachment slot ``slot_key`` of the entry's proposal form; :class:`UnknownSlot` if none."""
    for slot in entry.get_template_spec().get("attachment_slots", []):
        if slot.get("key") == slot_key:
            return slot
    raise UnknownSlot(_("This proposal form has no attachment “%(slot)s”.") % {"slot": slot_key})


def _require_member(user, entry: Entry) -> None:
    if not permissions.is_member(user, entry.organisation_id):
        raise PermissionDenied


def _require_changeable(user, entry: Entry, now: datetime.datetime | None = None) -> None:
    if not permissions.can_edit_entry(user, entry):
        raise services.NotAllowed(_("This proposal is no longer a draft, so its files cannot be changed."))
    if not services.entry_window_open(entry, now):
        raise services.NotAllowed(
            _(
                "The entry period of this round has closed, so files can no longer be changed. "
                "Ask the secretariat if you need an exception."
            )
        )


def _delete_stored(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the attachment file %s", name)


def stored_name(file_type: str) -> str:
    """A random name for a stored file, with the extension of its checked type (never the client's name)."""
    return secrets.token_hex(16) + EXTENSIONS[file_type][0]


def store_attachment(
    entry: Entry, user, slot_key: str, uploaded_file: UploadedFile, *, now: datetime.datetime | None = None
) -> tuple[EntryAttachment, bool]:
    """
    Check ``uploaded_file`` and keep it as the file of ``slot_key``; returns ``(attachment, created)``.

    Retry-safe: sending the same content (same SHA-256) for the same slot again changes nothing and returns
    the existing attachment with ``created=False`` (no new file, no log entry). Different content replaces
    the slot's file; the old stored file is deleted once the change is committed.
    """
    _require_member(user, entry)
    slot = get_slot(entry, slot_key)
    _require_changeable(user, entry, now)
    checked = check_upload(uploaded_file, slot)
    new_name = ""
    storage = EntryAttachment._meta.get_field("file").storage
    try:
        with transaction.atomic():
            current = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
            _require_changeable(user, current, now)
            attachment = EntryAttachment.objects.filter(entry=current, slot=slot_key).first()
            if attachment is not None and attachment.sha256 == checked.sha256:
                return attachment, False
            previous: dict[str, Any] = {}
            if attachment is None:
                attachment = EntryAttachment(entry=current, slot=slot_key)
            else:
                previous = {
                    "stored": attachment.file.name,
                    "name": attachment.original_name,
                    "sha256": attachment.sha256,
                }
            uploaded_file.seek(0)
            attachment.file.save(stored_name(checked.file_type), uploaded_file, save=False)
            new_name = attachment.file.name
            attachment.original_name = checked.original_name
            attachment.file_type = checked.file_type
            attachment.size = checked.size
            attachment.sha256 = checked.sha256
            attachment.uploaded_by = user
            attachment.uploaded_at = now or timezone.now()
            attachment.save()
            log(
                current,
                "wagtail_kipp.entry.attachment_upload",
                user=user,
                data={
                    "slot": slot_key,
                    "name": checked.original_name,
                    "file_type": checked.file_type,
                    "size": checked.size,
                    "sha256": checked.sha256,
                    "replaced": {k: previous[k] for k in ("name", "sha256")} if previous else None,
                },
            )
            if previous.get("stored"):
                old = previous["stored"]
                transaction.on_commit(lambda: _delete_stored(storage, old))
    except BaseException:
        if new_name:
            _delete_stored(storage, new_name)
        raise
    return attachment, True


def remove_attachment(entry: Entry, user, slot_key: str, *, now: datetime.datetime | None = None) -> bool:
    """
    Remove the entry's file for ``slot_key``; returns whether there was one (removing twice is harmless).

    The stored file is deleted once the change is committed.
    """
    _require_member(user, entry)
    try:
        get_slot(entry, slot_key)
    except UnknownSlot:
        # A slot dropped from the form may still hold a file from before; it can be removed.
        if not entry.attachments.filter(slot=slot_key).exists():
            raise
    _require_changeable(user, entry, now)
    storage = EntryAttachment._meta.get_field("file").storage
    with transaction.atomic():
        current = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
        _require_changeable(user, current, now)
        attachment = EntryAttachment.objects.filter(entry=current, slot=slot_key).first()
        if attachment is None:
            return False
        stored = attachment.file.name
        attachment.delete()
        log(
            current,
            "wagtail_kipp.entry.attachment_delete",
            user=user,
            data={"slot": slot_key, "name": attachment.original_name, "sha256": attachment.sha256},
        )
        transaction.on_commit(lambda: _delete_stored(storage, stored))
    return True
