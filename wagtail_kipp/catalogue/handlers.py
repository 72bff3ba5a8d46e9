"""Signal receivers keeping the catalogue's search documents and cache version current; see ``connect``."""

from __future__ import annotations

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, PageViewRestriction
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_unpublished, post_page_move

from ..models import Award, InnovationPageMixin, Organisation, SustainableDevelopmentGoal, Theme
from . import cards, search_index
from .cache import bump_version
from .engine import forget_engines
from .tasks import schedule_engine_sync

#: Page fields whose change alters a search document; saves limited to other fields skip the index.
INDEXED_FIELDS = frozenset(
    {"title", "live", "summary", "body", "organisation", "innovator_name", "themes", "locale", "expired"}
)

#: Page fields a draft save or a lock writes (``Page.save_revision``, locking): the live page does not change.
DRAFT_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def innovation_saved(sender, instance, update_fields=None, **kwargs):
    """
    Index the page as saved: publishing saves the published content, unpublishing saves ``live=False``.

    Runs before modelcluster commits the page's themes, so the document reads them from the instance.
    """
    if kwargs.get("raw"):  # loaddata: related rows may not exist yet; run kipp_index_catalogue afterwards
        bump_version()
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return  # a draft saved: the live page, its document and its card are as they were
    # Any other save may change what its card shows, even one that keeps its publication time (page.save()).
    if instance.live:
        refresh_cards([instance.pk])
    else:
        cards.forget([instance.pk])
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    search_index.index_pages([instance], prefetch=False)
    bump_version()
    schedule_engine_sync([instance.pk])


def innovation_unpublished(sender, instance, **kwargs):
    if isinstance(instance, InnovationPageMixin):
        search_index.unindex_pages([instance.pk])
        cards.forget([instance.pk])
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
    refresh_cards([instance.page_id])


def refresh_cards(page_ids) -> None:
    """Drop the stored cards of ``page_ids`` now, and render them again once the transaction commits."""
    page_ids = list(page_ids)
    cards.forget(page_ids)
    cards.schedule_render(page_ids)


def refresh_cards_where(**lookup) -> None:
    """``refresh_cards`` of the innovation pages (of every innovation model) matching ``lookup``."""
    for model in search_index.innovation_models():
        refresh_cards(model._default_manager.filter(**lookup).values_list("pk", flat=True))


def image_changed(sender, instance, **kwargs):
    """An edited (or deleted) image: the cards showing it are rendered again (a new focal point, say)."""
    if kwargs.get("created") or kwargs.get("raw"):
        return
    refresh_cards_where(image=instance)


def organisation_changed(sender, instance, **kwargs):
    """
    A renamed organisation changes its innovations' keywords, their cards and the facet labels.
    """
    if kwargs.get("raw"):
        return
    if kwargs.get("created"):
        bump_version()  # a new value the catalogue's organisation filter accepts
        return
    for model in search_index.innovation_models():
        pages = list(model.objects.live().filter(organisation=instance))
        reindex(pages)
        refresh_cards(page.pk for page in pages)
    bump_version()


def theme_changed(sender, instance, **kwargs):
    """A theme or SDG saved or deleted: counts and labels change, and the cards of its innovations."""
    if kwargs.get("raw"):
        return
    bump_version()
    if kwargs.get("created") or kwargs.get("signal") is post_delete:
        return  # a new value the filters accept; or one deleted (its cards refreshed before the delete)
    for model in search_index.innovation_models():
        pages = list(model.objects.live().filter(**{_relation_of(instance): instance}))
        if isinstance(instance, Theme):
            reindex(pages)
        # A card template may show themes or goals.
        refresh_cards(page.pk for page in pages)


def theme_deleting(sender, instance, **kwargs):
    """Before a theme or SDG is deleted, while its innovations can still be found by it: their cards."""
    refresh_cards_where(**{_relation_of(instance): instance})


def _relation_of(instance) -> str:
    return "themes" if isinstance(instance, Theme) else "sdgs"


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
    image_model = get_image_model()
    post_save.connect(image_changed, sender=image_model, dispatch_uid=f"{uid}image.saved")
    # Before the delete sets the innovations' image to NULL, while they can still be found by it.
    pre_delete.connect(image_changed, sender=image_model, dispatch_uid=f"{uid}image.deleted")
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}restriction.{name}"
        )
        signal.connect(award_changed, sender=Award, dispatch_uid=f"{uid}award.{name}")
        signal.connect(organisation_changed, sender=Organisation, dispatch_uid=f"{uid}organisation.{name}")
        signal.connect(theme_changed, sender=Theme, dispatch_uid=f"{uid}theme.{name}")
        signal.connect(theme_changed, sender=SustainableDevelopmentGoal, dispatch_uid=f"{uid}sdg.{name}")
    pre_delete.connect(theme_deleting, sender=Theme, dispatch_uid=f"{uid}theme.deleting")
    pre_delete.connect(theme_deleting, sender=SustainableDevelopmentGoal, dispatch_uid=f"{uid}sdg.deleting")
