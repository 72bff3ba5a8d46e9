"""Background jobs (django-tasks) of the harvest: a run started from the admin, and indexing after a run."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

BATCH = 500


@task()
def harvest_source_job(source_id: int, user_id: int | None = None, full: bool = False) -> str:
    """Harvest one source (as ``kipp_harvest`` does); returns the run's status ("ok", "partial", "failed")."""
    from ..models import HarvestSource
    from .harvest import harvest_source

    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return "missing"
    user = get_user_model()._default_manager.filter(pk=user_id).first() if user_id else None
    return harvest_source(source, full=full, user=user).status


def enqueue_harvest(source, user=None, full: bool = False) -> None:
    """Queue a harvest of ``source`` once the current transaction commits."""
    source_id, user_id = source.pk, getattr(user, "pk", None)
    transaction.on_commit(lambda: harvest_source_job.enqueue(source_id, user_id, full))


@task()
def update_reference_index(page_ids: list[int]) -> int:
    """Wagtail's reference index (the "usage" of organisations, themes ...) of harvested pages."""
    from wagtail.models import ReferenceIndex

    from ..models import InnovationPage

    done = 0
    for start in range(0, len(page_ids), BATCH):
        pages = InnovationPage.objects.filter(pk__in=page_ids[start : start + BATCH]).prefetch_related(
            "themes", "sdgs", "awards", "gallery_images", "documents", "replicates"
        )
        with transaction.atomic():
            for page in pages:
                ReferenceIndex.create_or_update_for_object(page)
                done += 1
    return done


@task()
def index_in_search_backends(page_ids: list[int], backend_names: list[str]) -> int:
    """Harvested pages into Wagtail's search backends ``backend_names`` (the admin's search, engines)."""
    from modelsearch.backends import get_search_backend

    from ..models import InnovationPage

    backends = [get_search_backend(name) for name in backend_names]
    for start in range(0, len(page_ids), BATCH):
        pages = list(
            InnovationPage.objects.filter(pk__in=page_ids[start : start + BATCH])
            .select_related("organisation", "locale")
            .prefetch_related("themes")
        )
        for backend in backends:
            backend.add_bulk(InnovationPage, pages)
    return len(page_ids)
