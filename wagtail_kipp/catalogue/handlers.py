"""Signal receivers keeping the catalogue's search documents and cache version current; see ``connect``."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_unpublished, post_page_move

from ..models import Award, InnovationPageMixin, Organisation, SustainableDevelopmentGoal, Theme
from . import search_index
from .cache import bump_version
from .engine import forget_engines
from .tasks import schedule_engine_sync

#: Page fields whose change alters a search document; saves limited to other fields skip the index.
INDEXED_FIELDS = frozenset(
    {"title", "live", "summary", "body", "organisation", "innovator_name", "themes", "locale", "expired"}
)


def innovation_saved(sender, instance, update_fields=None, **kwargs):
    """
    Index the page as saved: publishing saves the published content, unpublishing saves ``live=False``.

    Runs before modelcluster commits the page's themes, so the document reads them from the instance.
    """
    if kwargs.get("raw"):  # loaddata: related rows may not exist yet; run kipp_index_catalogue afterwards
        bump_version()
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    search_index.index_pages([instance], prefetch=False)
    bump_version()
    schedule_engine_sync([instance.pk])


def innovation_unpublished(sender, instance, **kwargs):
    if isinstance(instance, InnovationPageMixin):
        search_index.unindex_pages([instance.pk])
        bump_version()
        schedule_engine_sync([instance.pk])


def innovation_changed(sender, instance, **kwargs):
    """Deleted or moved: counts may change (a deleted page's document goes with it)."""
    if isinstance(instance, InnovationPageMixin) or isinstance(
        getattr(instance, "specific_deferred", None), InnovationPageMixin
    ):
        bump_version()
        schedule_engine_sync([instance.pk])


def award_changed(sender, instance, **kwargs):
    bump_version()
    schedule_engine_sync([instance.page_id])


def organisation_changed(sender, instance, **kwargs):
    """A renamed organisation changes its innovations' keywords and the facet labels."""
    if kwargs.get("created") or kwargs.get("raw"):
        return
    for model in search_index.innovation_models():
        reindex(list(model.objects.live().filter(organisation=instance)))
    bump_version()


def theme_changed(sender, instance, **kwargs):
    if kwargs.get("created") or kwargs.get("raw"):
        return
    if isinstance(instance, Theme):
        for model in search_index.innovation_models():
            reindex(list(model.objects.live().filter(themes=instance)))
    bump_version()


def reindex(pages: list) -> None:
    """The package's documents and Wagtail's own search index of ``pages`` (which index related names too)."""
    search_index.index_pages(pages)
    for page in pages:
        insert_or_update_object(page)
    schedule_engine_sync(page.pk for page in pages)


def view_restriction_changed(sender, instance, **kwargs):
    """A page restricted or opened again: its innovations (and those below it) change in the engine."""
    sync_innovations_below(instance.page)


def page_moved(sender, instance, **kwargs):
    """A moved innovation, or a moved section with innovations below it."""
    innovation_changed(sender, instance, **kwargs)
    if not isinstance(instance, InnovationPageMixin):
        sync_innovations_below(instance)


def sync_innovations_below(page) -> None:
    page_ids = []
    for model in search_index.innovation_models():
        found = model._default_manager.filter(path__startswith=page.path).values_list("pk", flat=True)
        page_ids.extend(found)
    if page_ids:
        bump_version()
        schedule_engine_sync(page_ids)


def connect() -> None:
    """Connect the receivers (called from ``WagtailKippConfig.ready``)."""
    uid = "wagtail_kipp.catalogue."
    page_unpublished.connect(innovation_unpublished, dispatch_uid=uid + "unpublished")
    post_page_move.connect(page_moved, dispatch_uid=uid + "moved")
    setting_changed.connect(forget_engines, dispatch_uid=uid + "engines")
    for model in search_index.innovation_models():
        post_save.connect(innovation_saved, sender=model, dispatch_uid=f"{uid}saved.{model._meta.label}")
        post_delete.connect(
            innovation_changed, sender=model, dispatch_uid=f"{uid}deleted.{model._meta.label}"
        )
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}restriction.{name}"
        )
        signal.connect(award_changed, sender=Award, dispatch_uid=f"{uid}award.{name}")
        signal.connect(organisation_changed, sender=Organisation, dispatch_uid=f"{uid}organisation.{name}")
        signal.connect(theme_changed, sender=Theme, dispatch_uid=f"{uid}theme.{name}")
        signal.connect(theme_changed, sender=SustainableDevelopmentGoal, dispatch_uid=f"{uid}sdg.{name}")
