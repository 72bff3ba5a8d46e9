"""
Catalogue cards kept in the database (``CatalogueCard``): rendered once, read by key on every later request.

A card is kept per innovation and *variant*: the card template (its source and the sources of the templates it
includes or extends), the language and the site (page links are relative to it). It is used while its *stamp*
matches the innovation: the time it was last published, its address (a moved page) and the cards version,
which ``kipp_index_catalogue`` renews (``cache.bump_version(cards=True)``). Saving an innovation, or one of
its awards, its organisation, its image, a theme or an SDG, drops its cards in the same transaction and
renders them again once it commits (``catalogue.handlers``).

Cards are rendered when an innovation is published (``schedule_render``, a background task), by
``kipp_index_catalogue``, and otherwise on the first request that lists an innovation whose card is missing or
stale. Reading the cards of a page of results is one query, whatever the number of innovations.
"""

from __future__ import annotations

import hashlib
import logging
import weakref
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, transaction
from django.template import Template as DjangoTemplate
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode, IncludeNode
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_tasks import task
from wagtail.coreutils import get_dummy_request
from wagtail.models import Site

from ..models import CatalogueCard
from .cache import bump_version

logger = logging.getLogger(__name__)
#: Innovations rendered and stored together by ``render_catalogue``.
BATCH = 200
_fingerprints: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def template_fingerprint(template_name: str) -> str:
    """
    A digest of the template's source and of the templates it includes or extends by a constant name, so
    that a deployed change to any of them gives new variants (computed once per loaded template).
    """
    template = get_template(template_name)
    try:
        return _fingerprints[template]
    except (KeyError, TypeError):
        pass
    digest = hashlib.sha1(usedforsecurity=False)
    django_template = getattr(template, "template", None)
    if isinstance(django_template, DjangoTemplate):
        _digest_sources(django_template, digest, seen=set())
    else:
        digest.update(template_name.encode())
    fingerprint = digest.hexdigest()
    try:
        _fingerprints[template] = fingerprint
    except TypeError:
        pass
    return fingerprint


def _digest_sources(template: DjangoTemplate, digest, seen: set[str]) -> None:
    if template.origin.name in seen:
        return
    seen.add(template.origin.name)
    digest.update(template.source.encode())
    for node in template.nodelist.get_nodes_by_type(IncludeNode):
        name = node.template.var
        if isinstance(name, str):
            _digest_sources(template.engine.get_template(name), digest, seen)
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        name = node.parent_name.var
        if isinstance(name, str):
            _digest_sources(template.engine.get_template(name), digest, seen)


def variant_of(template_name: str, language: str, site_id: int | None) -> str:
    """The variant of cards rendered from ``template_name`` in ``language`` for the site ``site_id``."""
    return _digest(template_name, template_fingerprint(template_name), language or "", site_id)


def page_stamp(cards_version: int, last_published_at, url_path: str) -> str:
    """The stamp a card of a page published at ``last_published_at``, at ``url_path``, must carry."""
    return _digest(cards_version, last_published_at.isoformat() if last_published_at else None, url_path)


def _digest(*parts) -> str:
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


def stored_cards(variant: str, keys: Sequence[int], cards_version: int) -> dict[int, str]:
    """
    The stored cards of ``variant`` for the pages ``keys`` whose stamp is still current, in one query (HTML
    the card template rendered).
    """
    rows = CatalogueCard.objects.filter(page_id__in=list(keys), variant=variant).values_list(
        "page_id", "stamp", "html", "page__last_published_at", "page__url_path"
    )
    return {
        pk: mark_safe(html)  # noqa: S308 (rendered by the card template, escaped there)
        for pk, stamp, html, published, path in rows
        if stamp == page_stamp(cards_version, published, path)
    }


def store_cards(variant: str, cards: dict[int, tuple[str, str]]) -> None:
    """
    Keep ``cards`` (``{page id: (stamp, html)}``) for ``variant``, replacing older ones. A failure (a database
    that is read-only or busy) is logged, never raised: the cards are rendered again next time.
    """
    if not cards:
        return
    now = timezone.now()
    objects = [
        CatalogueCard(page_id=pk, variant=variant, stamp=stamp, html=html, rendered_at=now)
        for pk, (stamp, html) in cards.items()
    ]
    try:
        with transaction.atomic():
            CatalogueCard.objects.bulk_create(
                objects,
                update_conflicts=True,
                unique_fields=["page", "variant"],
                update_fields=["stamp", "html", "rendered_at"],
            )
    except DatabaseError:
        logger.warning("Catalogue cards could not be stored; they will be rendered again.", exc_info=True)


def forget(page_ids: Iterable[int]) -> None:
    """Drop the stored cards of ``page_ids`` (in the caller's transaction)."""
    CatalogueCard.objects.filter(page_id__in=list(page_ids)).delete()


def cards_of(catalogue, keys: Sequence[int], objects: dict | None = None, force: bool = False) -> list[str]:
    """
    The cards of the innovations ``keys`` in ``catalogue``, in order: stored cards whose stamp is current
    (none with ``force``), the others rendered and stored. The innovations of ``objects`` (``{key: page}``)
    are rendered as they are; the others are read with ``catalogue.get_results_queryset``. Innovations that
    no longer exist are left out.
    """
    if not keys:
        return []
    site = Site.find_for_request(catalogue.request)
    variant = variant_of(catalogue.card_template, get_language(), site.pk if site else None)
    found = {} if force else stored_cards(variant, keys, catalogue.cards_version)
    missing = [pk for pk in keys if pk not in found]
    if missing:
        objects = dict(objects or {})
        wanted = [pk for pk in missing if pk not in objects]
        if wanted:
            model = catalogue.base_queryset.model
            read = catalogue.get_results_queryset(model._default_manager.filter(pk__in=wanted))
            objects.update((obj.pk, obj) for obj in read)
        pages = [objects[pk] for pk in missing if pk in objects]
        rendered = render_each(catalogue.card_template, "innovation", pages, catalogue.request)
        found.update((page.pk, html) for page, html in zip(pages, rendered, strict=True))
        version = catalogue.cards_version
        store_cards(
            variant,
            {
                page.pk: (page_stamp(version, page.last_published_at, page.url_path), found[page.pk])
                for page in pages
            },
        )
    return [found[pk] for pk in keys if pk in found]


def render_each(template_name: str, name: str, objects: Sequence, request) -> list[str]:
    """
    ``template_name`` rendered once per object (as the context variable ``name``), as a list of strings.

    The same as ``render_to_string`` per object, but a Django template binds one request context (and so
    runs the context processors) once for all the objects.
    """
    if not objects:
        return []
    template = get_template(template_name)
    django_template = getattr(template, "template", None)
    if not isinstance(django_template, DjangoTemplate):
        return [template.render({name: obj}, request) for obj in objects]
    context = make_context({}, request, autoescape=template.backend.engine.autoescape)
    rendered = []
    with context.bind_template(django_template):
        context.template_name = django_template.name
        for obj in objects:
            with context.render_context.push_state(django_template), context.push({name: obj}):
                rendered.append(django_template._render(context))
    return rendered


# -- rendering ahead of requests -----------------------------------------------------------------------


def visitor_request(page):
    """A request for ``page`` as an anonymous visitor of its site makes it (to render cards without one)."""
    site = page.get_site()
    request = get_dummy_request(path=page.get_url(request=None) or "/", site=site)
    request.user = AnonymousUser()
    request._wagtail_site = site
    return request


def render_pages(page_ids: Iterable[int]) -> int:
    """
    Render and store the cards of the live innovations among ``page_ids`` that are listed by a catalogue, in
    their catalogue's card template, language and site, whether or not a stored card looks current (a card
    stored by a request that read the innovation before a change committed is replaced). Returns how many
    innovations were rendered.
    """
    from wagtail.models import Page

    from ..models import InnovationIndexPageMixin

    ids = sorted({int(pk) for pk in page_ids if pk is not None})
    by_parent: dict[str, list[int]] = {}
    for pk, path in Page.objects.filter(pk__in=ids, live=True).values_list("pk", "path"):
        by_parent.setdefault(path[: -Page.steplen], []).append(pk)
    return sum(
        render_catalogue(parent, keys=by_parent[parent.path], force=True)
        for parent in Page.objects.filter(path__in=list(by_parent)).specific()
        if isinstance(parent, InnovationIndexPageMixin)
    )


def render_catalogue(catalogue_page, keys=None, force: bool = False, progress=None) -> int:
    """
    Render the cards of ``catalogue_page``'s innovations (those among ``keys``, or all) that are missing or
    stale (every one with ``force``), as a visitor of its site in its language would see them; returns the
    number of innovations.
    """
    request = visitor_request(catalogue_page)
    with translation.override(catalogue_page.locale.language_code):
        catalogue = catalogue_page.get_catalogue(request)
        listed = catalogue.base_queryset if keys is None else catalogue.base_queryset.filter(pk__in=keys)
        listed = list(listed.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(listed), BATCH):
            cards_of(catalogue, listed[start : start + BATCH], force=force)
            if progress:
                progress(min(start + BATCH, len(listed)))
    return len(listed)


def rebuild(progress=None) -> int:
    """
    Forget every stored card and render the cards of every live catalogue again (``kipp_index_catalogue``);
    returns the number of cards rendered.
    """
    from wagtail.models import get_page_models

    from ..models import InnovationIndexPageMixin

    CatalogueCard.objects.all().delete()
    bump_version(cards=True)
    total = 0
    for model in get_page_models():
        if issubclass(model, InnovationIndexPageMixin) and not model._meta.abstract:
            for page in model.objects.live().exact_type(model):
                total += render_catalogue(page, force=True, progress=progress)
    return total


@task()
def render_cards(page_ids: list[int]) -> int:
    """Background job: ``render_pages(page_ids)`` (queued when innovations are published)."""
    return render_pages(page_ids)


def schedule_render(page_ids) -> None:
    """Queue ``render_cards`` for ``page_ids`` once the current transaction commits."""
    ids = sorted({int(pk) for pk in page_ids if pk is not None})
    if ids:
        transaction.on_commit(lambda: render_cards.enqueue(ids))
