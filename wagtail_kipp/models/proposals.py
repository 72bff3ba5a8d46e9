"""Proposal templates: the ordered sections and attachment slots a proposal is written against."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

#: Version of the snapshot format stored on each submitted entry.
SNAPSHOT_VERSION = 1

key_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class FileType(models.TextChoices):
    """File types an attachment slot may accept; checked by content, not by name."""

    PDF = "pdf", _("PDF document")
    JPEG = "jpg", _("JPEG image")
    PNG = "png", _("PNG image")
    DOCX = "docx", _("Word document (DOCX)")
    XLSX = "xlsx", _("spreadsheet (XLSX)")
    PPTX = "pptx", _("presentation (PPTX)")


class ProposalTemplate(ClusterableModel):
    """The questions of a proposal form and the files it asks for (a snippet, one per group of a round)."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    preset = models.CharField(
        _("preset"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("Set on the national forms shipped with the package."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        InlinePanel("sections", heading=_("Sections"), label=_("section"), min_num=1),
        InlinePanel("attachment_slots", heading=_("Attachments"), label=_("attachment slot")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("proposal template")
        verbose_name_plural = _("proposal templates")

    def __str__(self) -> str:
        return self.name

    def snapshot(self) -> dict[str, Any]:
        """A plain, JSON-ready copy of the template, stored with each submitted entry."""
        return {
            "version": SNAPSHOT_VERSION,
            "template_id": self.pk,
            "name": self.name,
            "sections": [section.as_dict() for section in self.sections.all()],
            "attachment_slots": [slot.as_dict() for slot in self.attachment_slots.all()],
        }

    @transaction.atomic
    def duplicate(self, name: str | None = None) -> ProposalTemplate:
        """An editable copy (for a round that changes a preset); sections and slots are copied."""
        copy = ProposalTemplate.objects.create(
            name=name or _("%(name)s (copy)") % {"name": self.name}, description=self.description
        )
        for section in self.sections.all():
            section.pk = None
            section.template = copy
            section.save()
        for slot in self.attachment_slots.all():
            slot.pk = None
            slot.template = copy
            slot.save()
        return copy


class TemplateSection(Orderable):
    """One question of the proposal, answered in free text under a word limit."""

    template = ParentalKey(ProposalTemplate, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(
        _("key"),
        max_length=50,
        validators=[key_validator],
        help_text=_("Stable identifier of the answer, for example 'ringkasan'."),
    )
    heading = models.CharField(_("heading"), max_length=255)
    guidance = models.TextField(_("guidance"), blank=True)
    word_limit = models.PositiveIntegerField(
        _("word limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text=_("Leave empty for no limit."),
    )
    required = models.BooleanField(_("required"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("word_limit"), FieldPanel("required")]),
        FieldPanel("heading"),
        FieldPanel("guidance"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="kipp_unique_section_key"),
        ]

    def __str__(self) -> str:
        return self.heading

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "heading": self.heading,
            "guidance": self.guidance,
            "word_limit": self.word_limit,
            "required": self.required,
        }


def default_file_types() -> list[str]:
    return [FileType.PDF.value]


class FileTypesField(models.JSONField):
    """A list of :class:`FileType` values, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=FileType.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class AttachmentSlot(Orderable):
    """A file the proposal asks for, such as the decree naming the innovation team."""

    template = ParentalKey(ProposalTemplate, on_delete=models.CASCADE, related_name="attachment_slots")
    key = models.CharField(_("key"), max_length=50, validators=[key_validator])
    label = models.CharField(_("label"), max_length=255)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    allowed_types = FileTypesField(_("allowed file types"), default=default_file_types)
    max_size_mb = models.DecimalField(
        _("maximum size (MB)"),
        max_digits=5,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(0.1), MaxValueValidator(100)],
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("required"), FieldPanel("max_size_mb")]),
        FieldPanel("label"),
        FieldPanel("guidance"),
        FieldPanel("allowed_types"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment slot")
        verbose_name_plural = _("attachment slots")
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="kipp_unique_slot_key"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        types = self.allowed_types
        if not isinstance(types, list) or not types or not set(types) <= set(FileType.values):
            raise ValidationError(
                {
                    "allowed_types": _("Choose one or more of: %(types)s.")
                    % {"types": ", ".join(FileType.values)}
                }
            )

    @property
    def max_size_bytes(self) -> int:
        return int(self.max_size_mb * 1024 * 1024)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "guidance": self.guidance,
            "required": self.required,
            "allowed_types": list(self.allowed_types),
            "max_size_bytes": self.max_size_bytes,
        }
