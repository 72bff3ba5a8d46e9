"""Per-site KIPP settings edited by the secretariat in the Wagtail admin."""

from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from ..conf import settings as kipp_settings


class IndonesianTimezone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Western Indonesia Time, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Central Indonesia Time, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Eastern Indonesia Time, UTC+9)")


def default_timezone() -> str:
    configured = kipp_settings.DEFAULT_TIMEZONE
    return configured if configured in IndonesianTimezone.values else IndonesianTimezone.WIB


def default_round_timezone() -> str:
    """The zone of a new round: the default site's KIPP settings, else ``WAGTAIL_KIPP_DEFAULT_TIMEZONE``."""
    try:
        chosen = (
            KippSettings.objects.filter(site__is_default_site=True)
            .values_list("default_timezone", flat=True)
            .first()
        )
    except DatabaseError:  # before the migrations ran
        chosen = None
    return chosen if chosen in IndonesianTimezone.values else default_timezone()


@register_setting(icon="cogs")
class KippSettings(BaseSiteSetting):
    """The portal's government, its competition secretariat and how it numbers proposals."""

    government_name = models.CharField(
        _("government name"),
        max_length=255,
        blank=True,
        help_text=_("For example 'Pemerintah Kota Semarang'."),
    )
    default_timezone = models.CharField(
        _("default timezone"),
        max_length=40,
        choices=IndonesianTimezone.choices,
        default=default_timezone,
        help_text=_("Deadlines of new rounds are shown and enforced in this timezone."),
    )
    secretariat_name = models.CharField(
        _("secretariat"),
        max_length=255,
        blank=True,
        help_text=_("For example 'Bagian Organisasi Setda'."),
    )
    secretariat_email = models.EmailField(_("secretariat e-mail"), blank=True)
    secretariat_phone = models.CharField(_("secretariat phone"), max_length=40, blank=True)
    reference_prefix = models.CharField(
        _("reference number prefix"),
        max_length=20,
        default="KIPP",
        help_text=_("Proposal reference numbers read PREFIX-YEAR-NUMBER, for example KIPP-2026-0042."),
    )

    panels = [
        FieldPanel("government_name"),
        FieldPanel("default_timezone"),
        MultiFieldPanel(
            [
                FieldPanel("secretariat_name"),
                FieldPanel("secretariat_email"),
                FieldPanel("secretariat_phone"),
            ],
            heading=_("Secretariat"),
        ),
        FieldPanel("reference_prefix"),
    ]

    class Meta:
        verbose_name = _("KIPP settings")
        verbose_name_plural = _("KIPP settings")
