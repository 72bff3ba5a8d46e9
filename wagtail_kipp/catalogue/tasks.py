"""Background jobs (django-tasks) that keep the catalogue's search engine index up to date."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from .cache import bump_version


@task()
def sync_engine_documents(page_ids: list[int]) -> int:
    """
    Index the live innovations among ``page_ids`` in the catalogue's engine index and remove the others; then
    renew the catalogue version, so that no count cached before the engine saw the change is read again.
    Returns how many pages were synchronised (0 without an engine).
    """
    from .engine import get_engine

    engine = get_engine()
    if engine is None or not page_ids:
        return 0
    engine.sync_pages(page_ids, refresh="wait_for")
    bump_version()
    return len(page_ids)


def schedule_engine_sync(page_ids) -> None:
    """Queue ``sync_engine_documents`` for ``page_ids`` once the current transaction commits (engine only)."""
    from .engine import get_engine

    ids = sorted({int(pk) for pk in page_ids if pk is not None})
    if ids and get_engine() is not None:
        transaction.on_commit(lambda: sync_engine_documents.enqueue(ids))
