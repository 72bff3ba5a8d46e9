"""
An innovation's description (its StreamField) as a list of typed blocks, read from the stored data so that
the figures of a whole page of innovations take one query for their images and one for their renditions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from ..conf import settings as kipp_settings
from ..templatetags.kipp_tags import rendition_of


def _image_id(value) -> int | None:
    # ImageBlock stores {"image": id, "decorative": ..., "alt_text": ...}; an ImageChooserBlock stored the id.
    if isinstance(value, dict):
        value = value.get("image")
    return value if isinstance(value, int) else None


def figure_image_ids(pages: Iterable) -> set[int]:
    """The ids of the images in the figures of ``pages``' descriptions."""
    return {
        image_id
        for page in pages
        for block in page.body.raw_data
        if block["type"] == "figure" and (image_id := _image_id(block["value"].get("image")))
    }


def images_by_id(ids: set[int], spec: str) -> dict[int, Any]:
    """The images of ``ids`` with their ``spec`` renditions, in two queries."""
    if not ids:
        return {}
    model = get_image_model()
    return {image.pk: image for image in model.objects.filter(pk__in=ids).prefetch_renditions(spec)}


def image_data(request: HttpRequest, image, spec: str, alt: str | None = None) -> dict[str, Any] | None:
    """An image as the API gives it: the absolute URL of its ``spec`` rendition, its size and text."""
    if image is None:
        return None
    rendition = rendition_of(image, spec)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text if alt is None else alt,
    }


def body_blocks(request: HttpRequest, page, images: dict[int, Any]) -> list[dict[str, Any]]:
    """``page.body`` as typed blocks; rich text as HTML with its links made public URLs."""
    spec = kipp_settings.API_IMAGE_RENDITION
    blocks = []
    for block in page.body.raw_data:
        kind, value = block["type"], block["value"]
        if kind == "section":
            blocks.append(
                {
                    "type": kind,
                    "heading": value.get("heading", ""),
                    "html": expand_db_html(value.get("text", "")),
                }
            )
        elif kind == "figure":
            raw_image = value.get("image")
            image = images.get(_image_id(raw_image))
            if image is None:
                continue  # the image was deleted: nothing to show
            alt = None
            if isinstance(raw_image, dict):
                alt = "" if raw_image.get("decorative") else raw_image.get("alt_text") or None
            blocks.append(
                {
                    "type": kind,
                    "image": image_data(request, image, spec, alt),
                    "caption": value.get("caption", ""),
                }
            )
        elif kind == "result":
            blocks.append(
                {
                    "type": kind,
                    "label": value.get("label", ""),
                    "before": value.get("before", ""),
                    "after": value.get("after", ""),
                }
            )
        elif kind == "video":
            blocks.append({"type": kind, "url": value or ""})
        elif kind == "quote":
            blocks.append({"type": kind, "text": value or ""})
    return blocks


def image_prefetch(spec: str) -> Prefetch:
    """Prefetch of a page's ``image`` with its ``spec`` rendition."""
    return Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(spec))
