"""Organisations: the government departments (OPD) and service units (UPP) that own innovations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    DINAS = "dinas", _("agency (dinas)")
    BADAN = "badan", _("board (badan)")
    SECRETARIAT = "sekretariat", _("secretariat or division")
    KECAMATAN = "kecamatan", _("district (kecamatan)")
    KELURAHAN = "kelurahan", _("urban village (kelurahan)")
    DESA = "desa", _("village (desa)")
    RSUD = "rsud", _("regional hospital (RSUD)")
    PUSKESMAS = "puskesmas", _("community health centre (puskesmas)")
    SEKOLAH = "sekolah", _("school")
    BUMD = "bumd", _("regional company (BUMD)")
    OTHER = "lainnya", _("other")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Organisation(index.Indexed, models.Model):
    """A regional government department or service unit (OPD/UPP)."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        help_text=_("Used in catalogue filter links, for example 'dinas-kesehatan'."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.DINAS
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For a service unit, the department it belongs to."),
    )
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive organisations keep their innovations but are not offered in forms."),
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("website"),
        FieldPanel("active"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the stored state so an edit that (de)activates the organisation can be logged.
        instance.stored_active = instance.__dict__.get("active")
        return instance

    @property
    def active_changed(self) -> bool:
        stored = getattr(self, "stored_active", None)
        return stored is not None and stored != self.active
