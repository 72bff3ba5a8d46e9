"""The secretariat's panel members: listing per round, adding (which e-mails the invitation), actions."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from ..entrant_portal import accounts
from ..judging import panel
from ..judging.services import ServiceError
from ..models import (
    JUDGED_STAGE_CHOICES,
    JUDGED_STAGES,
    CompetitionPage,
    Invitation,
    Organisation,
    PanelMember,
    PanelRole,
    ReviewStatus,
    Theme,
)
from .accounts import ConfirmActionView, SecretariatPermissionPolicy
from .jury_common import NonStreamingExportMixin, SecretariatViewSetMixin
from .service_views import ServiceErrorsInFormMixin

#: Panel members are never deleted here (their reviews matter): they are deactivated.
panel_member_permission_policy = SecretariatPermissionPolicy(
    PanelMember, ["add", "change", "view", "resend", "deactivate"]
)
# Registered on import, which wagtail_hooks does first, before Wagtail asks for a fallback policy.
register_permission_policy(PanelMember, panel_member_permission_policy)


def rounds():
    return CompetitionPage.objects.order_by("-year", "title")


# Forms -------------------------------------------------------------------------------------------


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, theme):
        return theme.display_name


class PanelMemberForm(forms.ModelForm):
    """A juror's details; a new juror goes through :func:`panel.add_panel_member`, not ``save``."""

    stage_kinds = forms.MultipleChoiceField(
        label=_("Stages judged"),
        choices=JUDGED_STAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The juror is given entries only in the stages ticked here."),
    )
    themes = ThemeChoiceField(
        label=_("Expertise"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The automatic assignment prefers entries on these themes."),
    )

    class Meta:
        model = PanelMember
        fields = [
            "competition",
            "name",
            "email",
            "role",
            "affiliation",
            "institution",
            "organisation",
            "stage_kinds",
            "themes",
            "capacity",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competition"].queryset = rounds()
        organisations = Q(active=True)
        if self.instance.organisation_id:
            organisations |= Q(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = Organisation.objects.filter(organisations).order_by("name")
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        if self.instance.pk:
            # A juror stays on the round they were invited to; their assignments and reviews belong to it.
            self.fields["competition"].disabled = True
            if self.instance.user_id:
                self.fields["email"].disabled = True
                self.fields["email"].help_text = _(
                    "The juror has joined with this address; it can no longer be changed here."
                )
        else:
            self.fields["email"].help_text = _("The invitation to the jury portal is sent to this address.")

    def clean_email(self):
        return accounts.normalise_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        competition = cleaned.get("competition") or self.instance.competition_id and self.instance.competition
        email = cleaned.get("email")
        if competition and email:
            others = PanelMember.objects.filter(competition=competition, email__iexact=email)
            if others.exclude(pk=self.instance.pk).exists():
                # The same message as the service's, instead of the unique constraint's generic one.
                self.add_error(
                    "email", gettext("%(email)s is already on this round's jury.") % {"email": email}
                )
        return cleaned

    def clean_stage_kinds(self):
        chosen = set(self.cleaned_data["stage_kinds"])
        return [kind for kind in JUDGED_STAGES if kind in chosen]


# Listing -----------------------------------------------------------------------------------------


class PanelMemberFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(label=_("Round"), queryset=rounds())
    role = django_filters.ChoiceFilter(label=_("Role"), choices=PanelRole.choices)
    stage = django_filters.ChoiceFilter(
        label=_("Stage judged"), choices=JUDGED_STAGE_CHOICES, method="filter_stage"
    )
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = PanelMember
        fields = ["competition", "role", "stage", "active"]

    def filter_stage(self, queryset, name, value):
        # The stage kinds are stored as a JSON list; no kind's name is part of another's.
        return queryset.filter(stage_kinds__icontains=value)


def affiliation_display(member: PanelMember) -> str:
    return ", ".join(part for part in (member.get_affiliation_display(), member.institution) if part)


def organisation_display(member: PanelMember) -> str:
    return member.organisation.name if member.organisation_id else ""


def pledge_accepted(member: PanelMember) -> bool:
    return member.pledge_accepted_at is not None


def has_joined(member: PanelMember) -> bool:
    return member.user_id is not None


def review_progress(member: PanelMember) -> str:
    return gettext("%(submitted)d of %(assigned)d") % {
        "submitted": member.submitted_count,
        "assigned": member.assignment_count,
    }


class PanelMemberIndexView(NonStreamingExportMixin, generic.IndexView):
    """Jurors of all rounds with their assignment counts (annotated: a constant number of queries)."""

    resend_url_name = None
    deactivate_url_name = None
    export_headings = {
        "competition.title": _("Round"),
        "get_role_display": _("Role"),
        "get_affiliation_display": _("Affiliation"),
        "organisation_name": _("Government organisation"),
        "get_stage_kinds_display": _("Stages judged"),
        "pledge_accepted_at": _("Integrity pledge accepted"),
        "joined": _("Account joined"),
        "assignment_count": _("Assignments"),
        "submitted_count": _("Submitted"),
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("competition", "organisation")
            .annotate(
                assignment_count=Count("assignments"),
                submitted_count=Count("assignments", filter=Q(assignments__status=ReviewStatus.SUBMITTED)),
            )
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Assign jurors"),
                url=reverse("kipp_assignment:index"),
                icon_name="tasks",
            ),
        ]

    @cached_property
    def next_query(self) -> str:
        params = self.request.GET.copy()
        params.pop("_w_filter_fragment", None)
        listing = self.index_url + (f"?{params.urlencode()}" if params else "")
        return "?" + urlencode({"next": listing})

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.active and not instance.user_id and self.user_has_permission("resend"):
            buttons.append(
                MenuItem(
                    _("Resend invitation"),
                    url=reverse(self.resend_url_name, args=[quote(instance.pk)]) + self.next_query,
                    icon_name="mail",
                    priority=40,
                )
            )
        if instance.active and self.user_has_permission("deactivate"):
            buttons.append(
                MenuItem(
                    _("Deactivate"),
                    url=reverse(self.deactivate_url_name, args=[quote(instance.pk)]) + self.next_query,
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons

    def to_row_dict(self, item):
        item.organisation_name = organisation_display(item)
        item.joined = gettext("yes") if item.user_id else gettext("no")
        return super().to_row_dict(item)


# Create and edit ---------------------------------------------------------------------------------


class PanelMemberCreateView(ServiceErrorsInFormMixin, generic.CreateView):
    """Adding a juror goes through :func:`panel.add_panel_member`, which e-mails the invitation."""

    success_message = _("%(object)s was added to the jury and invited by e-mail.")
    submit_button_label = _("Add and send the invitation")
    submit_button_active_label = _("Sending…")

    def get_initial(self):
        initial = super().get_initial()
        competition = self.request.GET.get("competition", "")
        if competition.isdigit():
            initial["competition"] = int(competition)
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return panel.add_panel_member(
            self.request.user,
            data["competition"],
            name=data["name"],
            email=data["email"],
            role=data["role"],
            affiliation=data["affiliation"],
            institution=data["institution"],
            organisation=data["organisation"],
            stage_kinds=data["stage_kinds"],
            themes=data["themes"],
            capacity=data["capacity"],
        )


class PanelMemberEditView(ServiceErrorsInFormMixin, generic.EditView):
    """
    Editing a juror's details. A new government organisation is checked for conflicts at once; a new
    address (before the juror joins) withdraws the old invitation and sends a new one.
    """

    def save_instance(self):
        member = super().save_instance()
        changed = set(self.form.changed_data)
        if "organisation" in changed and member.organisation_id:
            found = panel.detect_conflicts(member.competition, members=[member])
            if found:
                messages.warning(
                    self.request,
                    ngettext(
                        "%(count)d conflict of interest was found with the new organisation.",
                        "%(count)d conflicts of interest were found with the new organisation.",
                        found,
                    )
                    % {"count": found},
                )
        if "email" in changed and not member.user_id:
            for invitation in Invitation.objects.filter(
                panel_member=member, accepted_at__isnull=True, revoked=False
            ):
                accounts.revoke(invitation, self.request.user)
            if member.active:
                accounts.invite_juror(member, self.request.user)
                messages.info(
                    self.request,
                    gettext("The old invitation link was withdrawn; a new one was sent to %(email)s.")
                    % {"email": member.email},
                )
        return member


# Actions -----------------------------------------------------------------------------------------


class PanelMemberActionView(ConfirmActionView):
    def get_base_object_queryset(self):
        return PanelMember.objects.select_related("competition")

    def get_message_values(self) -> dict:
        return {"name": self.object.name, "email": self.object.email, "round": self.object.competition.title}


class ResendJuryInvitationView(PanelMemberActionView):
    permission_required = "resend"
    page_title = _("Resend invitation")
    confirmation_message = _(
        "Send a new invitation to the jury of %(round)s to %(email)s? A link sent earlier stops working."
    )
    button_label = _("Yes, resend")
    success_message = _("Invitation sent again to %(email)s.")

    def perform(self):
        accounts.invite_juror(self.object, self.request.user)


class DeactivatePanelMemberView(PanelMemberActionView):
    permission_required = "deactivate"
    page_title = _("Deactivate juror")
    button_label = _("Yes, deactivate")
    serious = True

    def dispatch(self, request, *args, **kwargs):
        if not self.object.active:
            messages.error(request, gettext("%(name)s is no longer active.") % {"name": self.object.name})
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def unsubmitted(self) -> int:
        return self.object.assignments.exclude(status=ReviewStatus.SUBMITTED).count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["confirmation_message"] = " ".join(
            [
                gettext("Take %(name)s off the jury of %(round)s? They can no longer score.")
                % self.get_message_values(),
                ngettext(
                    "Their %(count)d unsubmitted assignment is removed; run the assignment again to fill "
                    "the gap. Submitted reviews stay and still count.",
                    "Their %(count)d unsubmitted assignments are removed; run the assignment again to fill "
                    "the gaps. Submitted reviews stay and still count.",
                    self.unsubmitted,
                )
                % {"count": self.unsubmitted},
            ]
        )
        return context

    def perform(self):
        self.removed = panel.deactivate_member(self.request.user, self.object)

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(name)s was deactivated; %(count)d unsubmitted assignment was removed.",
                    "%(name)s was deactivated; %(count)d unsubmitted assignments were removed.",
                    self.removed,
                )
                % {"name": self.object.name, "count": self.removed},
            )
        return redirect(self.get_success_url())


# The viewset ---------------------------------------------------------------------------------------


class PanelMemberViewSet(SecretariatViewSetMixin, ModelViewSet):
    """The jury of every round: evaluators, panelists and chairs, with their progress."""

    model = PanelMember
    name = "kipp_panel"
    url_prefix = "kipp/jury"
    icon = "group"
    menu_label = _("Panel members")
    index_view_class = PanelMemberIndexView
    add_view_class = PanelMemberCreateView
    edit_view_class = PanelMemberEditView
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "name",
        Column("competition", label=_("Round"), accessor="competition.title", sort_key="competition__title"),
        Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
        Column("affiliation", label=_("Affiliation"), accessor=affiliation_display),
        Column("organisation", label=_("Government organisation"), accessor=organisation_display),
        Column("stage_kinds", label=_("Stages judged"), accessor="get_stage_kinds_display"),
        BooleanColumn("joined", label=_("Joined"), accessor=has_joined),
        BooleanColumn("pledge", label=_("Pledge"), accessor=pledge_accepted),
        BooleanColumn("active", label=_("Active"), sort_key="active"),
        Column(
            "assignment_count",
            label=_("Reviews submitted"),
            accessor=review_progress,
            sort_key="assignment_count",
        ),
    ]
    list_export = [
        "name",
        "email",
        "competition.title",
        "get_role_display",
        "get_affiliation_display",
        "institution",
        "organisation_name",
        "get_stage_kinds_display",
        "capacity",
        "active",
        "pledge_accepted_at",
        "joined",
        "assignment_count",
        "submitted_count",
    ]
    export_filename = "panel-members"
    filterset_class = PanelMemberFilterSet
    search_fields = ["name", "email", "institution"]
    search_backend_name = None
    ordering = ["competition__title", "role", "name"]

    def get_form_class(self, for_update=False):
        return PanelMemberForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "delete_url_name": None,
                "usage_url_name": None,
                "resend_url_name": self.get_url_name("resend"),
                "deactivate_url_name": self.get_url_name("deactivate"),
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        urlpatterns = [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in ("delete", "usage")
        ]
        return urlpatterns + [
            path("resend/<int:pk>/", self.construct_view(ResendJuryInvitationView), name="resend"),
            path("deactivate/<int:pk>/", self.construct_view(DeactivatePanelMemberView), name="deactivate"),
        ]
