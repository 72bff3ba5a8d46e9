"""Sharing and search metadata of public pages: ``{% kipp_meta page %}`` and the structured data behind it."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urljoin, urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import to_locale
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images.models import SourceImageIOError
from wagtail.models import AbstractPage

register = template.Library()

#: Rendition of the image shared with a link (OpenGraph's recommended 1.91:1).
SHARE_IMAGE_RENDITION = "fill-1200x630"
#: Length of the description, in words.
DESCRIPTION_WORDS = 40
#: Fields read, in this order, for a description when the page has no search description.
DESCRIPTION_FIELDS = ("summary", "lead", "intro")
#: Longest headline of a ``NewsArticle`` that search engines show.
HEADLINE_CHARS = 110
#: Territory assumed for a bare language code in ``og:locale`` (``id`` -> ``id_ID``).
DEFAULT_TERRITORIES = {"id": "ID", "en": "US", "ms": "MY", "jv": "ID", "su": "ID", "nl": "NL"}
#: What keeps a JSON value from ending its ``<script>`` element (as Django's ``json_script`` does).
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("wagtail_kipp/includes/meta.html", takes_context=True)
def kipp_meta(context, page) -> dict[str, Any]:
    """
    The ``<head>`` metadata of ``page``: description, canonical link, OpenGraph, Twitter card, hreflang links
    to its live translations and, for news stories, innovations and rounds, schema.org JSON-LD.
    """
    if not isinstance(page, AbstractPage):
        return {}
    request = context.get("request")
    # The page's own view already computed some of what the structured data lists.
    view_context = context if context.get("page") is page else {}
    canonical_url = page.get_full_url(request) or ""
    description = page_description(page)
    image = share_image(page, request, canonical_url)
    translations = live_translations(page)
    language_code = page.locale.language_code
    meta = {
        "page": page,
        "request": request,
        "title": page.title,
        "description": description,
        "canonical_url": canonical_url,
        "og_type": "article" if is_article(page) else "website",
        "site_name": site_name(page, request),
        "language_code": language_code,
        "og_locale": og_locale(language_code),
        "og_locale_alternates": [
            og_locale(other.locale.language_code) for other in translations if other.pk != page.pk
        ],
        "alternates": hreflang_links(page, translations, request),
        "image": image,
        "twitter_card": "summary_large_image" if image else "summary",
        "published_time": "",
        "modified_time": "",
    }
    if is_news(page):
        meta["published_time"] = page.date.isoformat()
        meta["modified_time"] = modified_time(page)
    meta["json_ld"] = json_for_script(structured_data(page, meta, view_context))
    return meta


def is_news(page) -> bool:
    from ..models import NewsPageMixin

    return isinstance(page, NewsPageMixin)


def is_innovation(page) -> bool:
    from ..models import InnovationPageMixin

    return isinstance(page, InnovationPageMixin)


def is_round(page) -> bool:
    from ..models import CompetitionPageMixin

    return isinstance(page, CompetitionPageMixin)


def is_article(page) -> bool:
    """Whether the page is shared as an ``article`` (a news story or an innovation), not a ``website``."""
    return is_news(page) or is_innovation(page)


def plain_text(value: Any) -> str:
    """``value`` (text or rich text) as one line of plain text."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def page_description(page, words: int = DESCRIPTION_WORDS) -> str:
    """The search description, else the summary, lead or introduction, else the title; cut to ``words``."""
    candidates = [getattr(page, "search_description", "")]
    candidates += [getattr(page, name, "") for name in DESCRIPTION_FIELDS]
    text = next((plain_text(value) for value in candidates if plain_text(value)), plain_text(page.title))
    return Truncator(text).words(words)


def site_name(page, request=None) -> str:
    """The government's name from the site's ``KippSettings``, else ``WAGTAIL_SITE_NAME``."""
    from ..models import KippSettings

    try:
        if request is not None:
            kipp = KippSettings.for_request(request)
        else:
            kipp = KippSettings.for_site(page.get_site())
    except KippSettings.DoesNotExist:  # a request or page outside every site
        kipp = None
    return (kipp.government_name if kipp else "") or getattr(settings, "WAGTAIL_SITE_NAME", "") or ""


def og_locale(language_code: str) -> str:
    """As OpenGraph writes locales: ``id`` -> ``id_ID``, ``en`` -> ``en_US``, ``pt-br`` -> ``pt_BR``."""
    locale = to_locale(language_code)
    if "_" not in locale and locale in DEFAULT_TERRITORIES:
        locale = f"{locale}_{DEFAULT_TERRITORIES[locale]}"
    return locale


def live_translations(page) -> list:
    """``page`` and its live, public translations, in the order of ``WAGTAIL_CONTENT_LANGUAGES``."""
    others = list(page.get_translations().live().public().select_related("locale"))
    order = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]
    return sorted(
        [page, *others],
        key=lambda item: (
            order.index(item.locale.language_code) if item.locale.language_code in order else len(order)
        ),
    )


def hreflang_links(page, translations: list, request=None) -> list[dict[str, str]]:
    """
    ``{"lang_code", "url"}`` for each of ``translations`` (the page included) and ``x-default`` for the one in
    the default language; empty when the page has no other live translation.
    """
    if len(translations) < 2:
        return []
    links, default_code = [], get_supported_content_language_variant(settings.LANGUAGE_CODE)
    for item in translations:
        url = item.get_full_url(request)
        if url:
            links.append({"lang_code": item.locale.language_code, "url": url})
    default = next((link for link in links if link["lang_code"] == default_code), None)
    if default:
        links.append({"lang_code": "x-default", "url": default["url"]})
    return links


def absolute_url(url: str, request=None, base_url: str = "") -> str:
    """``url`` made absolute against the request, else against ``base_url``."""
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(base_url, url) if base_url else url


def share_image(page, request=None, base_url: str = "") -> dict[str, Any] | None:
    """The page's ``image`` at ``SHARE_IMAGE_RENDITION``: absolute ``url``, ``width``, ``height``, ``alt``."""
    image = getattr(page, "image", None)
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SHARE_IMAGE_RENDITION)
    except SourceImageIOError:  # the original file is missing: share no picture rather than a broken one
        return None
    return {
        "url": absolute_url(rendition.url, request, base_url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or "",
    }


def modified_time(page) -> str:
    """When the page was last published, in the current timezone; ``""`` when never (a preview)."""
    published = getattr(page, "last_published_at", None)
    return timezone.localtime(published).isoformat(timespec="seconds") if published else ""


def government_organisation(name: str, url: str = "") -> dict[str, Any]:
    data = {"@type": "GovernmentOrganization", "name": name}
    if url:
        data["url"] = url
    return data


def site_url(canonical_url: str) -> str:
    parts = urlsplit(canonical_url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""


def structured_data(page, meta: dict[str, Any], view_context=None) -> dict[str, Any] | None:
    """
    The schema.org JSON-LD of ``page`` as a dict, or ``None``.

    A page model may define ``get_structured_data(request)`` returning a dict (or ``None``) to replace the
    default: a ``NewsArticle`` for news stories, a ``CreativeWork`` for innovations, an ``Event`` for rounds.
    """
    view_context = view_context or {}
    if hasattr(page, "get_structured_data"):
        return page.get_structured_data(meta["request"])
    if is_news(page):
        return news_article_data(page, meta, view_context)
    if is_innovation(page):
        return innovation_data(page, meta, view_context)
    if is_round(page):
        return round_event_data(page, meta, view_context)
    return None


def _common(page, meta: dict[str, Any], schema_type: str) -> dict[str, Any]:
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": page.title,
        "description": meta["description"],
        "inLanguage": meta["language_code"],
    }
    if meta["canonical_url"]:
        data["url"] = meta["canonical_url"]
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": meta["canonical_url"]}
    if meta["image"]:
        data["image"] = [meta["image"]["url"]]
    return data


def _publisher(meta: dict[str, Any]) -> dict[str, Any] | None:
    name = meta["site_name"]
    return government_organisation(name, site_url(meta["canonical_url"])) if name else None


def news_article_data(page, meta: dict[str, Any], view_context) -> dict[str, Any]:
    """A schema.org ``NewsArticle``: published on the story's date, modified when last published."""
    data = _common(page, meta, "NewsArticle")
    data["headline"] = Truncator(page.title).chars(HEADLINE_CHARS)
    data["datePublished"] = page.date.isoformat()
    # The last publication, never a draft's save; not before the story's own date.
    published = getattr(page, "last_published_at", None)
    if published and timezone.localtime(published).date() >= page.date:
        data["dateModified"] = meta["modified_time"]
    publisher = _publisher(meta)
    if publisher:
        data["publisher"] = publisher
        data["author"] = publisher
    innovations = view_context.get("related_innovations")
    if innovations is None:
        innovations = page.get_related_innovations()
    about = [
        {"@type": "CreativeWork", "name": innovation.title, "url": innovation.get_full_url(meta["request"])}
        for innovation in innovations
    ]
    if about:
        data["about"] = about
    return data


def innovation_data(page, meta: dict[str, Any], view_context) -> dict[str, Any]:
    """A schema.org ``CreativeWork``: the innovation, created by its organisation, with its awards."""
    data = _common(page, meta, "CreativeWork")
    data["dateCreated"] = page.started_on.isoformat()
    modified = modified_time(page)
    if modified:
        data["dateModified"] = modified
    organisation = page.organisation
    creator = government_organisation(organisation.name)
    if organisation.acronym:
        creator["alternateName"] = organisation.acronym
    if organisation.parent_id:
        creator["parentOrganization"] = government_organisation(organisation.parent.name)
    data["creator"] = creator
    publisher = _publisher(meta)
    if publisher:
        data["publisher"] = publisher
    awards = view_context.get("awards")
    if awards is None:
        awards = page.awards.all()
    award_names = [str(award) for award in awards]
    if award_names:
        data["award"] = award_names
    return data


def round_event_data(page, meta: dict[str, Any], view_context) -> dict[str, Any] | None:
    """A schema.org ``Event`` from the first stage's opening to the last one's close, or ``None``."""
    timeline = view_context.get("timeline")
    if timeline is None:
        timeline = page.get_timeline()
    if not timeline:
        return None
    zone = page.tzinfo
    data = _common(page, meta, "Event")
    data["startDate"] = (
        min(stage.opens_at for stage in timeline).astimezone(zone).isoformat(timespec="seconds")
    )
    data["endDate"] = (
        max(stage.closes_at for stage in timeline).astimezone(zone).isoformat(timespec="seconds")
    )
    data["eventStatus"] = "https://schema.org/EventScheduled"
    data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    if meta["canonical_url"]:
        data["location"] = {"@type": "VirtualLocation", "url": meta["canonical_url"]}
    organizer = _publisher(meta)
    if organizer:
        data["organizer"] = organizer
    return data


def json_for_script(data: dict[str, Any] | None) -> SafeString | str:
    """``data`` as JSON that cannot end its ``<script>`` element early, or ``""`` for ``None``."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (<, > and & are escaped)
