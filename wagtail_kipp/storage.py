"""Private storage for entry attachments: never under the public media URL, served only through views."""

from __future__ import annotations

import logging
import mimetypes
import os
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, Http404

from .conf import settings as kipp_settings

logger = logging.getLogger(__name__)


def private_root() -> Path:
    """Folder of the default private storage: ``WAGTAIL_KIPP_PRIVATE_ROOT`` or a sibling of MEDIA_ROOT."""
    configured = kipp_settings.PRIVATE_ROOT
    if configured:
        return Path(configured)
    media = Path(django_settings.MEDIA_ROOT or ".").resolve()
    return media.with_name(media.name + "-private")


class PrivateFileSystemStorage(FileSystemStorage):
    """A file-system storage without public URLs."""

    def url(self, name):
        raise NotImplementedError("Private files are served through the entrant portal only.")


def get_private_storage() -> Storage:
    """The storage of entry attachments: the ``WAGTAIL_KIPP_PRIVATE_STORAGE`` alias if configured."""
    alias = kipp_settings.PRIVATE_STORAGE
    if alias and alias in django_settings.STORAGES:
        return storages[alias]
    return PrivateFileSystemStorage(location=private_root(), base_url=None)


def private_download(field_file, filename: str, content_type: str = "") -> FileResponse:
    """
    Serve a privately stored file as a download: never rendered by the browser, never cached; 404 when the
    file is missing from the storage. ``content_type`` defaults to a guess from the stored name.
    """
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except OSError:
        logger.exception("Private file missing: %s", field_file.name)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or os.path.basename(field_file.name),
        content_type=content_type or mimetypes.guess_type(field_file.name)[0] or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
