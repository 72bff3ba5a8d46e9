"""Interview slots and field visits of finalists: times typed and shown in the round's timezone."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ..models import (
    CompetitionPage,
    ConflictOfInterest,
    Entry,
    EntryStatus,
    FieldVisit,
    InterviewSlot,
    PanelMember,
    StageKind,
)
from .accounts import SecretariatPermissionPolicy
from .jury_common import (
    RoundLocalDateTimeField,
    SecretariatViewSetMixin,
    make_round_aware,
    round_entry_label,
    round_local,
    when_in_round,
)

register_permission_policy(
    InterviewSlot, SecretariatPermissionPolicy(InterviewSlot, ["add", "change", "delete", "view"])
)
register_permission_policy(
    FieldVisit, SecretariatPermissionPolicy(FieldVisit, ["add", "change", "delete", "view"])
)


def rounds():
    return CompetitionPage.objects.order_by("-year", "title")


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return round_entry_label(entry)


class PanelMemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return f"{member.competition.title}: {member.name} ({member.get_role_display()})"


def formfield_for(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ScheduleForm(forms.ModelForm):
    """
    Base of both forms: the entry is one that passed the administrative check in a round that uses the
    stage, and the time is typed as the round's local time (WIB, WITA or WIT).
    """

    stage_kind = ""
    time_field = ""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        entries = Q(status=EntryStatus.ELIGIBLE, competition__stages__kind=self.stage_kind)
        if self.instance.entry_id:
            entries |= Q(pk=self.instance.entry_id)
        self.fields["entry"] = EntryChoiceField(
            label=_("Entry"),
            queryset=Entry.objects.filter(entries)
            .distinct()
            .select_related("competition")
            .order_by("-competition__year", "competition__title", "reference", "pk"),
            help_text=_("Entries that passed the administrative check, in rounds with this stage."),
        )
        model_field = self._meta.model._meta.get_field(self.time_field)
        self.fields[self.time_field] = RoundLocalDateTimeField(
            label=_("%(field)s (the round's local time)") % {"field": capfirst(model_field.verbose_name)},
            help_text=_("WIB, WITA or WIT: the timezone of the entry's round."),
        )
        if self.instance.pk:
            competition = self.instance.entry.competition
            self.initial[self.time_field] = round_local(getattr(self.instance, self.time_field), competition)
            self.fields[self.time_field].label = _("%(field)s (%(zone)s)") % {
                "field": capfirst(model_field.verbose_name),
                "zone": competition.timezone_label or competition.timezone,
            }
        # The entry first, then the time, then the rest in the model's order.
        self.order_fields(["entry", self.time_field])

    def clean(self):
        cleaned = super().clean()
        entry, moment = cleaned.get("entry"), cleaned.get(self.time_field)
        if moment is not None and entry is not None:
            cleaned[self.time_field] = make_round_aware(moment, entry.competition)
        return cleaned


class InterviewSlotForm(ScheduleForm):
    stage_kind = StageKind.INTERVIEW
    time_field = "starts_at"

    class Meta:
        model = InterviewSlot
        fields = ["entry", "starts_at", "duration_minutes", "place", "online_url", "note"]
        formfield_callback = formfield_for


class FieldVisitForm(ScheduleForm):
    stage_kind = StageKind.FIELD_VERIFICATION
    time_field = "visit_at"

    class Meta:
        model = FieldVisit
        fields = ["entry", "visit_at", "place", "members", "note"]
        formfield_callback = formfield_for

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = PanelMember.objects.select_related("competition").order_by(
            "-competition__year", "competition__title", "name"
        )
        if self.instance.pk:
            # A visit stays with its round's jury (its entry can only move within the same round's list).
            members = members.filter(
                Q(competition_id=self.instance.entry.competition_id, active=True)
                | Q(pk__in=self.instance.members.values("pk"))
            )
        else:
            members = members.filter(active=True)
        self.fields["members"] = PanelMemberChoiceField(
            label=_("Visiting jurors"),
            queryset=members,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Members of the jury of the entry's round, for example a panelist and an evaluator."),
        )

    def clean(self):
        cleaned = super().clean()
        entry, members = cleaned.get("entry"), cleaned.get("members")
        if entry and members:
            strangers = [member.name for member in members if member.competition_id != entry.competition_id]
            if strangers:
                self.add_error(
                    "members",
                    gettext("Not on the jury of the entry's round: %(names)s.")
                    % {"names": ", ".join(strangers)},
                )
            conflicted = set(
                ConflictOfInterest.objects.filter(entry=entry, panel_member__in=members).values_list(
                    "panel_member__name", flat=True
                )
            )
            if conflicted:
                self.add_error(
                    "members",
                    gettext("A conflict of interest with this entry is recorded for: %(names)s.")
                    % {"names": ", ".join(sorted(conflicted))},
                )
        return cleaned


# Listings ------------------------------------------------------------------------------------------


class RoundFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(
        label=_("Round"), field_name="entry__competition", queryset=rounds()
    )


class InterviewSlotFilterSet(RoundFilterSet):
    class Meta:
        model = InterviewSlot
        fields = ["competition"]


class FieldVisitFilterSet(RoundFilterSet):
    class Meta:
        model = FieldVisit
        fields = ["competition"]


def schedule_round(item) -> str:
    return item.entry.competition.title


def interview_start(slot: InterviewSlot) -> str:
    return when_in_round(slot.starts_at, slot.entry.competition)


def visit_time(visit: FieldVisit) -> str:
    return when_in_round(visit.visit_at, visit.entry.competition)


def visit_members(visit: FieldVisit) -> str:
    return ", ".join(member.name for member in visit.members.all())


class InterviewSlotIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entry__competition")


class FieldVisitIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entry__competition").prefetch_related("members")


class InterviewSlotViewSet(SecretariatViewSetMixin, ModelViewSet):
    """When and where each finalist presents to the panel."""

    model = InterviewSlot
    name = "kipp_interviews"
    url_prefix = "kipp/jury/interviews"
    icon = "date"
    menu_label = _("Interview slots")
    index_view_class = InterviewSlotIndexView
    copy_view_enabled = False
    list_display = [
        "entry",
        Column("competition", label=_("Round"), accessor=schedule_round),
        Column("starts_at", label=_("Starts"), accessor=interview_start, sort_key="starts_at"),
        Column("duration_minutes", label=_("Minutes"), sort_key="duration_minutes"),
        Column("place", label=_("Place")),
        Column("online_url", label=_("Online meeting link")),
    ]
    filterset_class = InterviewSlotFilterSet
    search_fields = ["entry__reference", "entry__title", "place"]
    search_backend_name = None
    ordering = ["starts_at"]

    def get_form_class(self, for_update=False):
        return InterviewSlotForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"usage_url_name": None, **kwargs})


class FieldVisitViewSet(SecretariatViewSetMixin, ModelViewSet):
    """Field-verification visits: when, where and which jurors go."""

    model = FieldVisit
    name = "kipp_field_visits"
    url_prefix = "kipp/jury/visits"
    icon = "site"
    menu_label = _("Field visits")
    index_view_class = FieldVisitIndexView
    copy_view_enabled = False
    list_display = [
        "entry",
        Column("competition", label=_("Round"), accessor=schedule_round),
        Column("visit_at", label=_("Visit"), accessor=visit_time, sort_key="visit_at"),
        Column("place", label=_("Address")),
        Column("members", label=_("Visiting jurors"), accessor=visit_members),
    ]
    filterset_class = FieldVisitFilterSet
    search_fields = ["entry__reference", "entry__title", "place"]
    search_backend_name = None
    ordering = ["visit_at"]

    def get_form_class(self, for_update=False):
        return FieldVisitForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"usage_url_name": None, **kwargs})
