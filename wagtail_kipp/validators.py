"""Validators shared by models and forms."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIDEO_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "vimeo.com",
    "www.vimeo.com",
    "player.vimeo.com",
)


def validate_video_url(value: str) -> None:
    """Accept only YouTube and Vimeo links, the hosts KIPP forms ask for."""
    host = (urlsplit(value).hostname or "").lower()
    if host not in VIDEO_HOSTS:
        raise ValidationError(
            _("Enter a YouTube or Vimeo link, for example https://www.youtube.com/watch?v=..."),
            code="video_host",
        )
