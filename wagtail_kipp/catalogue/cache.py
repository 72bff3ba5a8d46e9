"""
The catalogue's cache of facet counts and totals, keyed by the catalogue version.

Every change that can alter a catalogue (an innovation published, unpublished, moved, edited or deleted; an
award, organisation, theme or goal saved or deleted) gives ``CatalogueVersion`` a new value in the same
transaction, so each process sees the new version, and so new keys, as soon as the change commits. Cached
entries of older versions are never read again and expire after ``CATALOGUE_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import InvalidCacheBackendError, caches
from django.utils import timezone

from ..conf import settings as kipp_settings
from ..models import CatalogueVersion

VERSION_ROW = 1
MISSING = object()


def current_version() -> int:
    """The catalogue version (one small query)."""
    return current_versions()[0]


def current_versions() -> tuple[int, int]:
    """The catalogue version and the cards version (``catalogue.cards``), in one small query."""
    row = CatalogueVersion.objects.filter(pk=VERSION_ROW).values_list("version", "cards_version").first()
    return row or (0, 0)


def bump_version(cards: bool = False) -> None:
    """
    Give the catalogue a new version, invalidating every cached count; with ``cards``, the stored cards a new
    version too, so that every stored card is rendered again (``kipp_index_catalogue``; ``catalogue.cards``).

    Versions are random rather than counted up: a database restored from a backup and changed again never
    meets the cached entries of the versions it had before the restore.
    """
    versions = {"version": secrets.randbits(62) or 1}
    if cards:
        versions["cards_version"] = secrets.randbits(62) or 1
    if not CatalogueVersion.objects.filter(pk=VERSION_ROW).update(**versions, changed_at=timezone.now()):
        CatalogueVersion.objects.get_or_create(pk=VERSION_ROW, defaults=versions)


def get_cache():
    alias = kipp_settings.CATALOGUE_CACHE
    if not alias:
        return None
    try:
        return caches[alias]
    except InvalidCacheBackendError:
        return None


def make_key(version: int, *parts: Any) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"kipp:catalogue:{version}:{digest}"


def cached(key: str, compute: Callable[[], Any]) -> Any:
    """The value under ``key``, computed and stored when missing (or computed each time without a cache)."""
    cache = get_cache()
    if cache is None:
        return compute()
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(key, value, kipp_settings.CATALOGUE_CACHE_SECONDS)
    return value
