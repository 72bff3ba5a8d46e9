"""The proposal form, built from the entry's template, and the form that starts a new proposal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from ...conf import settings as kipp_settings
from ...judging.rules import count_words
from ...models import (
    Entry,
    EntryGroup,
    InnovationPage,
    InnovationStage,
    Organisation,
    SustainableDevelopmentGoal,
    Theme,
)
from ...validators import validate_video_url

ANSWER_PREFIX = "answer_"

#: Header fields of the form, in the order of the national form.
HEADER_FIELDS = (
    "title",
    "started_on",
    "innovation_stage",
    "is_digital",
    "innovation",
    "replicated_innovation",
    "themes",
    "sdgs",
    "video_url",
    "innovator_name",
    "innovator_phone",
    "innovator_email",
)


class YesNoRadio(forms.RadioSelect):
    """Radio buttons for a yes/no question that may still be unanswered."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("true", _("Yes")), ("false", _("No"))])

    def format_value(self, value):
        return {True: ["true"], False: ["false"], "True": ["true"], "False": ["false"]}.get(value, [value])


class InnovationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class EntryForm(forms.Form):
    """
    Header fields plus one text field per template section.

    Drafts are saved field by field: a field with an error keeps its typed value on screen while the others
    are saved.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Innovation title"), max_length=255)
    started_on = forms.DateField(
        label=_("Date the innovation started"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    innovation_stage = forms.ChoiceField(
        label=_("Stage of the innovation"),
        choices=[("", "—"), *InnovationStage.choices],
        required=False,
    )
    is_digital = forms.NullBooleanField(
        label=_("Is it a digital innovation?"),
        required=False,
        widget=YesNoRadio,
    )
    innovation = InnovationChoiceField(
        label=_("Entered or published before"),
        queryset=InnovationPage.objects.none(),
        required=False,
        empty_label=_("No, this is the first time"),
        help_text=_("Choose the innovation's page in the catalogue so that its award history is kept."),
    )
    replicated_innovation = InnovationChoiceField(
        label=_("Replicated innovation"),
        queryset=InnovationPage.objects.none(),
        required=False,
        help_text=_("The earlier innovation this one adapts."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        queryset=SustainableDevelopmentGoal.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("YouTube or Vimeo, at most 3 minutes."),
    )
    innovator_name = forms.CharField(label=_("Innovator or team"), max_length=255, required=False)
    innovator_phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    innovator_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, entry: Entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        competition = entry.competition
        self.spec = entry.get_template_spec()
        pages = InnovationPage.objects.live().filter(locale=Locale.get_default()).order_by("title")
        self.fields["innovation"].queryset = pages.filter(organisation=entry.organisation)
        if entry.group.requires_replicated_innovation:
            self.fields["replicated_innovation"].queryset = pages.exclude(organisation=entry.organisation)
        else:
            del self.fields["replicated_innovation"]
        theme_ids = list(competition.themes.values_list("pk", flat=True))
        if theme_ids:
            self.fields["themes"].queryset = Theme.objects.filter(pk__in=theme_ids)
        else:
            del self.fields["themes"]
        if not competition.sdgs_enabled:
            del self.fields["sdgs"]
        self.fields["video_url"].validators.append(validate_video_url)
        for section in self.spec.get("sections", []):
            limit = section.get("word_limit")
            attrs = {"rows": 8 if (limit or 0) > 250 else 5, "data-kipp-words": ""}
            if limit:
                attrs["data-word-limit"] = str(limit)
            self.fields[ANSWER_PREFIX + section["key"]] = forms.CharField(
                label=section["heading"],
                help_text=section.get("guidance", ""),
                required=False,
                max_length=kipp_settings.ANSWER_MAX_CHARS,
                strip=False,
                widget=forms.Textarea(attrs=attrs),
            )

    @classmethod
    def initial_for(cls, entry: Entry) -> dict[str, Any]:
        initial = {name: getattr(entry, name) for name in HEADER_FIELDS if name not in ("themes", "sdgs")}
        initial["innovation"] = entry.innovation_id
        initial["replicated_innovation"] = entry.replicated_innovation_id
        initial["themes"] = list(entry.themes.values_list("pk", flat=True))
        initial["sdgs"] = list(entry.sdgs.values_list("pk", flat=True))
        initial["version"] = entry.version
        for key, value in (entry.answers or {}).items():
            initial[ANSWER_PREFIX + key] = value
        return initial

    def section_fields(self):
        """(section spec, bound field, word count) for each section, in template order."""
        for section in self.spec.get("sections", []):
            bound = self[ANSWER_PREFIX + section["key"]]
            value = bound.value() or ""
            yield section, bound, count_words(value)

    def header_fields(self):
        return [self[name] for name in HEADER_FIELDS if name in self.fields]

    def valid_changes(self) -> dict[str, Any]:
        """Cleaned values of the fields without errors (a draft saves what it can)."""
        self.is_valid()
        changes = {}
        for name in self.fields:
            if name == "version" or name in self.errors:
                continue
            if name in self.cleaned_data:
                changes[name] = self.cleaned_data[name]
        if "title" in self.errors:
            changes.pop("title", None)
        return changes

    def split_changes(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Arguments for ``services.save_draft``: header fields, answers, themes and SDGs."""
        answers = {k[len(ANSWER_PREFIX) :]: v for k, v in changes.items() if k.startswith(ANSWER_PREFIX)}
        fields = {
            k: v
            for k, v in changes.items()
            if not k.startswith(ANSWER_PREFIX) and k not in ("themes", "sdgs")
        }
        return {
            "fields": fields,
            "answers": answers,
            "themes": changes.get("themes"),
            "sdgs": changes.get("sdgs"),
        }


class NewEntryForm(forms.Form):
    """Start a proposal: the organisation (when the user has several), the group and a working title."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    group = forms.ModelChoiceField(label=_("Group"), queryset=EntryGroup.objects.none())
    title = forms.CharField(label=_("Working title of the innovation"), max_length=255)

    def __init__(self, *args, competition, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        self.fields["organisation"].queryset = organisations
        self.fields["group"].queryset = competition.entry_groups.filter(invitation_only=False)
        self.fields["group"].label_from_instance = lambda group: group.display_name
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
