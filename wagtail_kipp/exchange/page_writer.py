"""
Publishing many innovation pages at once, leaving each as Wagtail's own publishing would: in the tree, live,
with a published revision, an audit-log entry, search documents and the ``page_published`` signal.

Wagtail saves and publishes one page at a time (about 150 queries and a quarter of a second a page with this
package's search documents and Wagtail's reference index); a harvest of 20,000 records would take hours. This
writer does the same work a batch at a time: tree paths are computed from the parent's last child, rows are
inserted and updated in bulk (every table of the page's inheritance chain, so a custom base page works too),
revisions and log entries are created in bulk, and the catalogue's search documents, the catalogue version and
the engine sync are updated once per batch or run.

What it does not do per page, and how it is made up for: ``Page.save()`` and ``full_clean()`` are not called
(values come validated from :mod:`.harvest_records`; slugs are made unique here); Wagtail's reference index
and the search backends the catalogue does not search through are updated by background jobs after the
commit (as Wagtail itself defers them); workflows are not started (harvested records are published by the
hub operator's choice of source, not from an editor's draft).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import PageLogEntry, Revision, get_default_page_content_type
from wagtail.signals import page_published

from ..catalogue import search_index
from ..catalogue.cache import bump_version
from ..catalogue.tasks import schedule_engine_sync
from ..models import Award

#: Longest slug made from a title or a source's slug (Wagtail allows 255; room for ``-2`` suffixes).
SLUG_LENGTH = 200


def unique_slug(wanted: str, taken: set[str]) -> str:
    """``wanted`` made a slug, with ``-2``, ``-3`` ... until it is not in ``taken``; added to ``taken``."""
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    base = slugify(wanted, allow_unicode=allow_unicode)[:SLUG_LENGTH].strip("-") or "inovasi"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _batches(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_pages(model, pages: list) -> None:
    """
    Insert new ``pages`` of ``model`` (tree fields set) into every table of its inheritance chain, giving
    them their keys. The bulk form of ``Model.save()`` for multi-table inheritance, which Django's
    ``bulk_create`` refuses.
    """
    chain = [*reversed(model._meta.get_parent_list()), model]
    root = chain[0]
    root_fields = [field for field in root._meta.local_concrete_fields if not field.primary_key]
    returning = connection.features.can_return_rows_from_bulk_insert
    size = max(1, connection.ops.bulk_batch_size(root_fields, pages)) if returning else 1
    for batch in _batches(pages, size):
        rows = root._base_manager._insert(
            batch, fields=root_fields, returning_fields=[root._meta.pk], using=connection.alias
        )
        for page, row in zip(batch, rows, strict=True):
            for level in chain:
                setattr(page, level._meta.pk.attname, row[0])
    for level in chain[1:]:
        fields = list(level._meta.local_concrete_fields)
        for batch in _batches(pages, max(1, connection.ops.bulk_batch_size(fields, pages))):
            level._base_manager._insert(batch, fields=fields, using=connection.alias)
    for page in pages:
        page._state.adding = False
        page._state.db = connection.alias


def bulk_create(model, objects: list) -> list:
    """``bulk_create`` that gives each object its key on every database (one insert each where needed)."""
    if connection.features.can_return_rows_from_bulk_insert:
        return model.objects.bulk_create(objects, batch_size=500)
    for obj in objects:
        obj.save()
    return objects


class PageWriter:
    """
    Creates and updates live innovation pages of ``model`` in bulk inside the caller's transaction; call
    :meth:`finish` once at the end. ``action`` is the audit-log action of each page written, ``user`` the
    person the writes are made for (``None``: the system).
    """

    def __init__(self, model, *, action: str, user=None):
        self.model = model
        self.action = action
        self.user = user
        self.now = timezone.now()
        self.content_type = ContentType.objects.get_for_model(model)
        self.log_content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        self.base_content_type = get_default_page_content_type()
        self.tree_model = model._meta.get_parent_list()[-1] if model._meta.get_parent_list() else model
        self._slugs: dict[int, set[str]] = {}
        self._steps: dict[int, int] = {}
        self.page_ids: list[int] = []
        self.m2m_fields = list(get_all_child_m2m_relations(model))
        self.relation_names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        self.relation_names += [field.name for field in self.m2m_fields]

    # Creating ------------------------------------------------------------------------------------------

    def create(self, parent, pages: list, log_data: list[dict[str, Any]]) -> None:
        """
        Publish new ``pages`` as the last children of ``parent`` (in its locale), each page holding its
        many-to-many values and child objects in memory (``page.themes = [...]``, ``page.awards = [...]``).
        """
        if not pages:
            return
        step = self._next_step(parent)  # locks the parent first
        taken = self._taken_slugs(parent)
        depth = parent.depth + 1
        for page in pages:
            page.slug = unique_slug(page.slug or page.title, taken)
            page.depth, page.numchild = depth, 0
            page.path = self.tree_model._get_path(parent.path, depth, step)
            step += 1
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale_id = parent.locale_id
            page.content_type = self.content_type
            page.owner = self.user
            page.first_published_at = self.now
            self._mark_published(page)
            # Every relation held in memory (a new page has no rows): serialising it reads no rows.
            for name in self.relation_names:
                setattr(page, name, list(getattr(page, name).all()))
        self._steps[parent.pk] = step
        insert_pages(self.model, pages)
        self.tree_model._base_manager.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        parent.numchild += len(pages)
        self._write_relations(pages, replace=False)
        self._publish(pages, log_data, fields=["latest_revision", "live_revision"])

    def _taken_slugs(self, parent) -> set[str]:
        if parent.pk not in self._slugs:
            children = self.tree_model._base_manager.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            )
            self._slugs[parent.pk] = set(children.values_list("slug", flat=True))
        return self._slugs[parent.pk]

    def _next_step(self, parent) -> int:
        if parent.pk not in self._steps:
            # Lock the parent as treebeard's add_child does: an editor adding a page under it meanwhile
            # waits for this transaction, so that no two pages get the same tree path.
            list(self.tree_model._base_manager.select_for_update().filter(pk=parent.pk).values_list("pk"))
            last = (
                self.tree_model._base_manager.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            steplen = self.tree_model.steplen
            self._steps[parent.pk] = self.tree_model._str2int(last[-steplen:]) + 1 if last else 1
        return self._steps[parent.pk]

    # Updating ------------------------------------------------------------------------------------------

    def update(self, pages: list, fields: set[str], log_data: list[dict[str, Any]]) -> None:
        """
        Publish new content of existing live ``pages``: ``fields`` (concrete field names) hold the new
        values, and each page's many-to-many values and awards are the ones to store (in memory).
        """
        if not pages:
            return
        for page in pages:
            page.draft_title = page.title
            self._mark_published(page)
        self._write_relations(pages, replace=True)
        meta = {"draft_title", "live", "has_unpublished_changes", "last_published_at", "expired"}
        meta |= {"latest_revision_created_at", "latest_revision", "live_revision"}
        self._publish(pages, log_data, fields=sorted(set(fields) | meta))

    # Shared --------------------------------------------------------------------------------------------

    def _mark_published(self, page) -> None:
        page.live, page.expired, page.has_unpublished_changes = True, False, False
        page.last_published_at = page.latest_revision_created_at = self.now
        page.draft_title = page.title

    def _write_relations(self, pages: list, replace: bool) -> None:
        """Store the pages' many-to-many values and harvested awards as they are in memory."""
        ids = [page.pk for page in pages]
        for field in self.m2m_fields:
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name())
            target = through._meta.get_field(field.m2m_reverse_field_name())
            if replace:
                through._base_manager.filter(**{f"{source.name}__in": ids})._raw_delete(connection.alias)
            rows = [
                through(**{source.attname: page.pk, target.attname: item.pk})
                for page in pages
                for item in getattr(page, field.name).all()
            ]
            through._base_manager.bulk_create(rows, batch_size=1000)
        if replace:
            # The site's own awards (from its rounds' results) stay; the harvested ones are replaced.
            Award._base_manager.filter(page_id__in=ids, entry__isnull=True)._raw_delete(connection.alias)
        awards = []
        for page in pages:
            for position, award in enumerate(page.awards.all()):
                award.page_id, award.sort_order = page.pk, position
                if award.pk is None:
                    awards.append(award)
        bulk_create(Award, awards)

    def _publish(self, pages: list, log_data: list[dict[str, Any]], fields: list[str]) -> None:
        revisions = bulk_create(
            Revision,
            [
                Revision(
                    content_type_id=self.content_type.pk,
                    base_content_type_id=self.base_content_type.pk,
                    object_id=str(page.pk),
                    created_at=self.now,
                    user=self.user,
                    object_str=str(page),
                    content=page.serializable_data(),
                )
                for page in pages
            ],
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
        self.model._base_manager.bulk_update(pages, fields, batch_size=500)
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=self.log_content_type,
                    label=page.get_admin_display_title(),
                    action=self.action,
                    data=data,
                    timestamp=self.now,
                    # No shared uuid: Wagtail's history shows one entry per uuid and action, of any page.
                    uuid=None,
                    user=self.user,
                    revision=revision,
                    content_changed=True,
                    page_id=page.pk,
                )
                for page, revision, data in zip(pages, revisions, log_data, strict=True)
            ],
            batch_size=500,
        )
        self._index(pages)
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=self.model, instance=page, revision=revision)
        self.page_ids.extend(page.pk for page in pages)

    def _index(self, pages: list) -> None:
        """
        The catalogue's search documents now; Wagtail's search backends now only for the one the catalogue
        searches through (when it is a database backend, inside the transaction), the others (the admin's
        search, search engines) by a background job after the commit.
        """
        search_index.index_pages(pages, prefetch=False)
        from modelsearch.backends import get_search_backends_with_name

        from ..catalogue.engine import get_engine
        from ..catalogue.search import postgres_search_available
        from ..conf import settings as kipp_settings

        catalogue_backend = None
        if not postgres_search_available() and get_engine() is None:
            catalogue_backend = kipp_settings.SEARCH_BACKEND
        later = []
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            if name == catalogue_backend and type(backend).__module__.startswith(
                "modelsearch.backends.database"
            ):
                backend.add_bulk(self.model, pages)
            else:
                later.append(name)
        if later:
            from .harvest_tasks import index_in_search_backends

            ids = [page.pk for page in pages]
            transaction.on_commit(lambda: index_in_search_backends.enqueue(ids, later))

    def finish(self) -> list[int]:
        """After the last batch: a new catalogue version, the engine sync and the reference index; the ids."""
        if self.page_ids:
            bump_version()
            schedule_engine_sync(self.page_ids)
            from .harvest_tasks import update_reference_index

            for batch in _batches(self.page_ids, 1000):
                ids = list(batch)
                transaction.on_commit(lambda ids=ids: update_reference_index.enqueue(ids))
        return self.page_ids
