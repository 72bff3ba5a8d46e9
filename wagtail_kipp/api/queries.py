"""The public querysets the API reads: live pages without view restrictions, in the requesting site."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from .errors import BadRequest


def site_q(request: HttpRequest) -> Q:
    """
    Pages of the site that answers ``request``, in every language (the trees of the root's translations);
    no page when no site answers. Read once per request.
    """
    cached = getattr(request, "_kipp_api_site_q", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        condition = Q(pk__in=[])
    else:
        roots = [site.root_page]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            roots += list(site.root_page.get_translations())
        condition = Q()
        for root in roots:
            condition |= Q(path__startswith=root.path)
    request._kipp_api_site_q = condition
    return condition


def public_pages(model, request: HttpRequest) -> QuerySet:
    """Live pages of ``model`` that anyone may see on the requesting site (no view restriction above them)."""
    return model.objects.live().public().filter(site_q(request)).select_related("locale")


def locale_for(language_code: str) -> Locale:
    """The content locale of ``language_code``; a ``BadRequest`` naming ``locale`` when the site has none."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise BadRequest({"locale": [_("This site has no content in that language.")]})
    return locale


def preferred(pages: list, language_code: str | None):
    """
    Of the translations ``pages`` of one page, the one in ``language_code``, else the one in the default
    locale, else the first; ``None`` for no page.
    """
    if not pages:
        return None
    by_language = {page.locale.language_code: page for page in pages}
    default = Locale.get_default().language_code
    return by_language.get(language_code or "") or by_language.get(default) or pages[0]


def translation_of(queryset: QuerySet, key, language_code: str | None):
    """
    The page of translation key ``key`` in ``queryset``: in ``language_code`` when given, else in the
    request's language when translated into it (else as ``preferred`` chooses). ``Http404`` when none.
    """
    queryset = queryset.filter(translation_key=key)
    if language_code is not None:
        page = queryset.filter(locale=locale_for(language_code)).first()
    else:
        try:
            wanted = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            wanted = None
        page = preferred(list(queryset), wanted)
    if page is None:
        raise Http404
    return page
