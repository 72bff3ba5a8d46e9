"""Conflicts of interest in the admin: the listing per round, detection, and recording one by hand."""

from __future__ import annotations

import django_filters
from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from ..judging import panel
from ..models import CompetitionPage, ConflictOfInterest, ConflictSource, Entry, EntryStatus, PanelMember
from .accounts import SecretariatPermissionPolicy
from .jury_common import SecretariatViewSetMixin, entry_label, round_entry_label
from .service_views import ServiceErrorsInFormMixin

#: Conflicts are recorded or detected, never edited or deleted here: they protect the integrity of scores.
conflict_permission_policy = SecretariatPermissionPolicy(ConflictOfInterest, ["add", "view", "detect"])
register_permission_policy(ConflictOfInterest, conflict_permission_policy)


def rounds():
    return CompetitionPage.objects.order_by("-year", "title")


def selected_round(request) -> int | None:
    """The round chosen in the listing's filter (``?competition=``), if it is a number."""
    value = request.GET.get("competition", "")
    return int(value) if value.isdigit() else None


# Forms -------------------------------------------------------------------------------------------


class JurorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return f"{member.competition.title}: {member.name} ({member.get_role_display()})"


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, entry):
        return round_entry_label(entry)


class RecordConflictForm(forms.ModelForm):
    """A conflict the secretariat learnt of: a juror, an entry of the same round and the reason."""

    panel_member = JurorChoiceField(label=_("Juror"), queryset=PanelMember.objects.none())
    entry = EntryChoiceField(label=_("Entry"), queryset=Entry.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example a family tie, a past job or a consultancy for the entrant."),
    )

    class Meta:
        model = ConflictOfInterest
        fields = ["panel_member", "entry", "reason"]

    def __init__(self, *args, competition_id: int | None = None, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = PanelMember.objects.select_related("competition").order_by(
            "-competition__year", "competition__title", "name"
        )
        entries = (
            Entry.objects.select_related("competition")
            .exclude(status__in=[EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
            .order_by("-competition__year", "competition__title", "reference", "pk")
        )
        if competition_id:
            members = members.filter(competition_id=competition_id)
            entries = entries.filter(competition_id=competition_id)
        self.fields["panel_member"].queryset = members
        self.fields["entry"].queryset = entries

    def clean(self):
        cleaned = super().clean()
        member, entry = cleaned.get("panel_member"), cleaned.get("entry")
        if member and entry and member.competition_id != entry.competition_id:
            raise forms.ValidationError(_("The juror and the entry belong to different rounds."))
        return cleaned


class DetectConflictsForm(forms.Form):
    competition = forms.ModelChoiceField(label=_("Round"), queryset=CompetitionPage.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competition"].queryset = rounds()


# Listing -----------------------------------------------------------------------------------------


class ConflictFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(
        label=_("Round"), field_name="panel_member__competition", queryset=rounds()
    )
    source = django_filters.ChoiceFilter(label=_("Source"), choices=ConflictSource.choices)

    class Meta:
        model = ConflictOfInterest
        fields = ["competition", "source"]


def entry_display(conflict: ConflictOfInterest) -> str:
    return entry_label(conflict.entry)


def reason_display(conflict: ConflictOfInterest) -> str:
    return Truncator(conflict.reason).chars(120)


class ConflictIndexView(generic.IndexView):
    detect_url_name = None
    add_item_label = _("Record a conflict")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("panel_member__competition", "entry")

    def with_round(self, url: str) -> str:
        competition = selected_round(self.request)
        return url + ("?" + urlencode({"competition": competition}) if competition else "")

    def get_add_url(self):
        url = super().get_add_url()
        return self.with_round(url) if url else url

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("detect"):
            buttons.append(
                HeaderButton(
                    _("Detect conflicts"),
                    url=self.with_round(reverse(self.detect_url_name)),
                    icon_name="search",
                )
            )
        return buttons


class RecordConflictView(ServiceErrorsInFormMixin, generic.CreateView):
    """Recording a conflict goes through :func:`panel.record_conflict` (removes unsubmitted reviews)."""

    page_title = _("Record a conflict of interest")
    inspect_url_name = None
    success_message = _("Conflict of interest recorded: %(object)s.")
    submit_button_label = _("Record")
    submit_button_active_label = _("Recording…")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "competition_id": selected_round(self.request)}

    def get_add_url(self):
        competition = selected_round(self.request)
        return super().get_add_url() + ("?" + urlencode({"competition": competition}) if competition else "")

    def get_success_url(self):
        return (
            reverse(self.index_url_name) + "?" + urlencode({"competition": self.object.entry.competition_id})
        )

    def get_success_buttons(self):
        return [messages.button(reverse(self.inspect_url_name, args=[self.object.pk]), gettext("Inspect"))]

    def save_instance(self):
        data = self.form.cleaned_data
        return panel.record_conflict(self.request.user, data["panel_member"], data["entry"], data["reason"])


class ConflictInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            ConflictOfInterest.objects.select_related("panel_member__competition", "entry"), pk=self.pk
        )


class DetectConflictsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Record a conflict for every juror affiliated with an entrant's organisation or one related to it."""

    model = ConflictOfInterest
    permission_required = "detect"
    template_name = "wagtail_kipp/admin/form_action.html"
    form_class = DetectConflictsForm
    page_title = _("Detect conflicts of interest")
    header_icon = "search"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(ConflictOfInterest._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        return {"competition": selected_round(self.request)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=gettext(
                "Every juror whose government organisation is an entrant's organisation, or above or below "
                "it, gets a conflict with that entry; their unsubmitted assignments on it are removed. "
                "Conflicts already recorded are kept."
            ),
            submit_label=gettext("Detect conflicts"),
            cancel_url=reverse(self.index_url_name),
        )
        return context

    def form_valid(self, form):
        competition = form.cleaned_data["competition"]
        found = panel.detect_conflicts(competition)
        if found:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d new conflict of interest found in %(round)s.",
                    "%(count)d new conflicts of interest found in %(round)s.",
                    found,
                )
                % {"count": found, "round": competition.title},
            )
        else:
            messages.info(
                self.request,
                gettext("No new conflicts of interest in %(round)s.") % {"round": competition.title},
            )
        return redirect(reverse(self.index_url_name) + "?" + urlencode({"competition": competition.pk}))


class ConflictViewSet(SecretariatViewSetMixin, ModelViewSet):
    """Conflicts of interest of all rounds: detected, declared by jurors or recorded by the secretariat."""

    model = ConflictOfInterest
    name = "kipp_conflicts"
    url_prefix = "kipp/jury/conflicts"
    icon = "warning"
    menu_label = _("Conflicts of interest")
    index_view_class = ConflictIndexView
    add_view_class = RecordConflictView
    inspect_view_class = ConflictInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "panel_member",
        Column("entry", label=_("Entry"), accessor=entry_display, sort_key="entry__reference"),
        Column("source", label=_("Source"), accessor="get_source_display", sort_key="source"),
        Column("reason", label=_("Reason"), accessor=reason_display),
        DateColumn("created_at", label=_("Recorded"), sort_key="created_at"),
    ]
    filterset_class = ConflictFilterSet
    search_fields = ["panel_member__name", "entry__reference", "entry__title"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_fields = ["panel_member", "entry", "source", "reason", "created_at"]

    def get_form_class(self, for_update=False):
        return RecordConflictForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "edit_url_name": None,
                "delete_url_name": None,
                "usage_url_name": None,
                "detect_url_name": self.get_url_name("detect"),
                **kwargs,
            }
        )

    @property
    def url_finder_class(self):
        return type(
            "_ConflictURLFinder", (super().url_finder_class,), {"edit_url_name": self.get_url_name("inspect")}
        )

    def get_urlpatterns(self):
        urlpatterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in ("edit", "delete", "usage")
        ]
        return urlpatterns + [path("detect/", self.construct_view(DetectConflictsView), name="detect")]
