"""Template tags for the package's public templates: card images, video embeds, award badges."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter

from ..conf import settings as kipp_settings

register = template.Library()

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
VIMEO_ID = re.compile(r"^\d{4,12}$")


@register.simple_tag
def kipp_image(image, spec: str = "", css_class: str = "", alt: str | None = None, lazy: bool = True):
    """An ``<img>`` of ``image`` at rendition ``spec`` (the card rendition by default), lazily loaded."""
    if image is None:
        return ""
    rendition = rendition_of(image, spec or kipp_settings.CARD_RENDITION)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="{}"{}>',
        rendition.url,
        rendition.width,
        rendition.height,
        image.default_alt_text if alt is None else alt,
        css_class,
        mark_safe(' loading="lazy" decoding="async"') if lazy else "",  # noqa: S308 (constant)
    )


@lru_cache(maxsize=64)
def _filter(spec: str) -> Filter:
    # One parsed Filter per spec and process: parsing its operations is most of a rendition lookup's cost.
    return Filter(spec=spec)


def rendition_of(image, spec: str):
    """
    ``image.get_rendition(spec)``, taking a prefetched rendition (``prefetch_renditions``) as it is.

    Wagtail's ``get_rendition`` also writes every rendition it finds to the renditions cache, which a
    list of prefetched images does not need.
    """
    filter = image.clean_filter_for_svg(_filter(spec))
    if getattr(image, "prefetched_renditions", None) is not None:
        try:
            return image.find_existing_rendition(filter)
        except image.get_rendition_model().DoesNotExist:
            pass
    return image.get_rendition(filter)


@register.filter
def video_embed_url(url: str) -> str:
    """The privacy-friendly embed address of a YouTube or Vimeo link, or '' for anything else."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host == "youtu.be":
        video_id = parts.path.strip("/").split("/")[0]
    elif host == "youtube.com":
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
    elif host in ("vimeo.com", "player.vimeo.com"):
        candidate = parts.path.rstrip("/").split("/")[-1]
        if VIMEO_ID.match(candidate):
            return f"https://player.vimeo.com/video/{candidate}"
        return ""
    if video_id and YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return ""
