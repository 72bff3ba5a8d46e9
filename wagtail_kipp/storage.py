"""Private storage for entry attachments: never under the public media URL, served only through views."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.storage import FileSystemStorage, Storage, storages

from .conf import settings as kipp_settings


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
