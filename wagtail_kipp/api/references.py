"""The parts every answer shares: page references and URLs, translations, organisations and taxonomy."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ..models import KippSettings
from .queries import public_pages

NAMESPACE = "wagtail_kipp_api_v1"


def api_url(request: HttpRequest, name: str, page) -> str:
    """Absolute API URL of ``page`` at the route ``name`` (``innovation``, ``round``, ``round_results``)."""
    path = reverse(f"{NAMESPACE}:{name}", kwargs={"id": page.translation_key})
    return request.build_absolute_uri(f"{path}?locale={page.locale.language_code}")


def page_url(request: HttpRequest, page) -> str | None:
    return page.get_full_url(request) or None


def page_ref(request: HttpRequest, page, route: str = "innovation") -> dict[str, Any]:
    return {
        "id": page.translation_key,
        "locale": page.locale.language_code,
        "title": page.title,
        "url": page_url(request, page),
        "api_url": api_url(request, route, page),
    }


def translations_of(request: HttpRequest, model, pages: list, route: str) -> dict:
    """Per translation key of ``pages``: every public translation in the site, in one query."""
    found = defaultdict(list)
    keys = {page.translation_key for page in pages}
    if not keys:
        return found
    translations = public_pages(model, request).filter(translation_key__in=keys).order_by("locale_id", "pk")
    for page in translations.only("id", "path", "url_path", "translation_key", "locale", "depth"):
        found[page.translation_key].append(
            {
                "locale": page.locale.language_code,
                "url": page_url(request, page),
                "api_url": api_url(request, route, page),
            }
        )
    return found


def region(request: HttpRequest) -> str:
    """The government the portal belongs to, from the site's KIPP settings."""
    if not hasattr(request, "_kipp_api_region"):
        request._kipp_api_region = KippSettings.for_request(request).government_name
    return request._kipp_api_region


def organisation_data(request: HttpRequest, organisation) -> dict[str, Any]:
    parent = organisation.parent
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "kind": organisation.kind,
        "parent": {"slug": parent.slug, "name": parent.name} if parent else None,
        "website": organisation.website,
        "region": region(request),
    }


def theme_data(theme) -> dict[str, Any]:
    return {"slug": theme.slug, "name": theme.name, "name_en": theme.name_en}


def goal_data(goal) -> dict[str, Any]:
    return {"number": goal.number, "name": goal.name, "name_en": goal.name_en}


def award_data(award) -> dict[str, Any]:
    return {
        "year": award.year,
        "competition": award.competition,
        "level": award.level,
        "tier": award.tier,
        "note": award.note,
    }
