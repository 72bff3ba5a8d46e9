"""Invitations and entrant accounts in the admin: secretariat only, every change through the services."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..entrant_portal import accounts
from ..judging.permissions import is_secretariat
from ..judging.services import ServiceError
from ..models import Entry, Invitation, Membership, Organisation

#: Labels of :attr:`Invitation.status`.
INVITATION_STATUSES = {
    "pending": _("pending"),
    "expired": _("expired"),
    "accepted": _("accepted"),
    "revoked": _("revoked"),
}


class SecretariatPermissionPolicy(BasePermissionPolicy):
    """
    Allows ``actions`` to the secretariat (see :func:`~wagtail_kipp.judging.permissions.is_secretariat`).

    Accounts and invitations go with the right to run the competition, not with separate model
    permissions, so the group that changes entries also manages who may write them.
    """

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_secretariat(user)

    def user_has_any_permission(self, user, actions):
        return bool(self.actions.intersection(actions)) and is_secretariat(user)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return ModelPermissionPolicy(Entry).users_with_any_permission(["change"]).filter(is_active=True)


#: Invitations are never edited or deleted (their history matters): they are sent, resent or revoked.
invitation_permission_policy = SecretariatPermissionPolicy(Invitation, ["add", "view", "resend", "revoke"])
membership_permission_policy = SecretariatPermissionPolicy(
    Membership, ["add", "change", "delete", "view", "approve"]
)
# Registered on import, which wagtail_hooks does first, before Wagtail asks for a fallback policy.
register_permission_policy(Invitation, invitation_permission_policy)
register_permission_policy(Membership, membership_permission_policy)


class ConfirmActionView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """One action on one object: GET asks for confirmation, POST runs :meth:`perform` and goes back."""

    model = None
    template_name = "wagtail_kipp/admin/confirm_action.html"
    index_url_name = None
    header_icon = ""
    page_title = ""
    confirmation_message = ""
    button_label = _("Confirm")
    success_message = ""
    serious = False

    def perform(self):
        """Do the action through the service layer; may raise ``ServiceError``. Override this."""
        raise NotImplementedError

    def get_message_values(self) -> dict:
        """Values for the ``%(name)s`` placeholders of the confirmation and success messages."""
        return {"object": self.object}

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": capfirst(self.model._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_success_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            confirmation_message=self.confirmation_message % self.get_message_values(),
            button_label=self.button_label,
            serious=self.serious,
            cancel_url=self.get_success_url(),
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message % self.get_message_values())
        return redirect(self.get_success_url())


# Invitations -------------------------------------------------------------------------------------


class InvitationForm(forms.ModelForm):
    """Who to invite: an e-mail address, an active organisation and a role."""

    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class InvitationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(INVITATION_STATUSES.items()), method="filter_status"
    )

    class Meta:
        model = Invitation
        fields = ["organisation", "role", "status"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        open_ = Q(accepted_at__isnull=True, revoked=False)
        return queryset.filter(
            {
                "pending": open_ & Q(expires_at__gt=now),
                "expired": open_ & Q(expires_at__lte=now),
                "accepted": Q(accepted_at__isnull=False),
                "revoked": Q(accepted_at__isnull=True, revoked=True),
            }.get(value, Q())
        )


def entrant_invitations():
    """Invitations to an organisation; jury invitations (``panel_member`` set) belong to the jury screens."""
    return Invitation.objects.filter(panel_member__isnull=True)


def invitation_status(invitation: Invitation) -> str:
    return str(INVITATION_STATUSES[invitation.status])


class InvitationIndexView(generic.IndexView):
    resend_url_name = None
    revoke_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().filter(panel_member__isnull=True).select_related("organisation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(invitation_action_buttons(self, instance, MenuItem))
        return buttons


def invitation_action_buttons(view, invitation: Invitation, button_class) -> list:
    """Resend and Revoke, for invitations that have not been used or withdrawn."""
    if invitation.status not in ("pending", "expired"):
        return []
    next_url = "?" + urlencode({"next": view.request.get_full_path()}) if button_class is MenuItem else ""
    buttons = []
    if view.user_has_permission("resend"):
        url = reverse(view.resend_url_name, args=[quote(invitation.pk)]) + next_url
        buttons.append(button_class(_("Resend"), url=url, icon_name="mail", priority=40))
    if view.user_has_permission("revoke"):
        url = reverse(view.revoke_url_name, args=[quote(invitation.pk)]) + next_url
        buttons.append(button_class(_("Revoke"), url=url, icon_name="cross", priority=50))
    return buttons


class InvitationCreateView(generic.CreateView):
    """Creating an invitation sends it: the form's data goes through :func:`accounts.invite`."""

    inspect_url_name = None
    success_message = _("Invitation sent: %(object)s.")
    submit_button_label = _("Send the invitation")
    submit_button_active_label = _("Sending…")

    def save_instance(self):
        data = self.form.cleaned_data
        return accounts.invite(data["organisation"], data["email"], data["role"], self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except accounts.AccountError as error:
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)

    def get_success_buttons(self):
        return [messages.button(reverse(self.inspect_url_name, args=[quote(self.object.pk)]), _("Inspect"))]


class InvitationInspectView(generic.InspectView):
    resend_url_name = None
    revoke_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(entrant_invitations().select_related("organisation"), pk=self.pk)

    def get_field_label(self, field_name, field):
        if field_name == "status":
            return capfirst(_("status"))
        return super().get_field_label(field_name, field)

    def get_status_display_value(self):
        return invitation_status(self.object)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.extend(invitation_action_buttons(self, self.object, Button))
        return buttons


class InvitationActionView(ConfirmActionView):
    def get_base_object_queryset(self):
        return entrant_invitations().select_related("organisation")

    def get_message_values(self) -> dict:
        return {"email": self.object.email, "organisation": self.object.organisation}


class ResendInvitationView(InvitationActionView):
    permission_required = "resend"
    page_title = _("Resend invitation")
    header_icon = "mail"
    confirmation_message = _(
        "Send a new invitation link to %(email)s for %(organisation)s? The link sent earlier stops working."
    )
    button_label = _("Yes, resend")
    success_message = _("Invitation sent again to %(email)s.")

    def perform(self):
        accounts.resend(self.object, self.request.user)


class RevokeInvitationView(InvitationActionView):
    permission_required = "revoke"
    page_title = _("Revoke invitation")
    header_icon = "cross"
    confirmation_message = _(
        "Revoke the invitation of %(email)s to %(organisation)s? Its link will stop working."
    )
    button_label = _("Yes, revoke")
    success_message = _("The invitation of %(email)s has been revoked.")
    serious = True

    def perform(self):
        accounts.revoke(self.object, self.request.user)


class InvitationViewSet(ModelViewSet):
    """Invitations of operators by e-mail: list, send, resend and revoke (no editing of links)."""

    model = Invitation
    name = "kipp_invitations"
    icon = "mail"
    menu_label = _("Invitations")
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    inspect_view_class = InvitationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "email",
        "organisation",
        "role",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=invitation_status,
            primary=lambda invitation: invitation.status == "pending",
        ),
        DateColumn("created_at", label=_("Sent"), sort_key="created_at"),
        DateColumn("expires_at", label=_("Expires"), sort_key="expires_at"),
    ]
    list_export = ["email", "organisation", "role", "status", "created_at", "expires_at", "accepted_at"]
    export_filename = "invitations"
    filterset_class = InvitationFilterSet
    search_fields = ["email"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "email",
        "organisation",
        "role",
        "status",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked",
    ]

    def get_form_class(self, for_update=False):
        return InvitationForm

    def get_permissions_to_register(self):
        # The policy reads the secretariat's entry permission, not permissions of this model.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            resend_url_name=self.get_url_name("resend"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    @property
    def resend_view(self):
        return self.construct_view(ResendInvitationView)

    @property
    def revoke_view(self):
        return self.construct_view(RevokeInvitationView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("resend/<int:pk>/", self.resend_view, name="resend"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]


# Memberships -------------------------------------------------------------------------------------


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() if hasattr(obj, "get_full_name") else ""
        email = getattr(obj, obj.get_email_field_name(), "")
        details = ", ".join(part for part in (obj.get_username(), email) if part)
        return f"{name} ({details})" if name else details


class MembershipForm(forms.ModelForm):
    """Attach an existing account to an organisation; memberships made by the secretariat are approved."""

    user = UserChoiceField(label=_("User"), queryset=get_user_model().objects.none())

    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user_model = get_user_model()
        self.fields["user"].queryset = user_model._default_manager.filter(is_active=True).order_by(
            user_model.USERNAME_FIELD
        )
        organisations = Q(active=True)
        if self.instance.organisation_id:
            organisations |= Q(pk=self.instance.organisation_id)
        self.fields["organisation"].queryset = Organisation.objects.filter(organisations).order_by("name")


class MembershipFilterSet(WagtailFilterSet):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "approved"]


class MembershipIndexView(generic.IndexView):
    approve_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organisation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.approved and self.user_has_permission("approve"):
            url = reverse(self.approve_url_name, args=[quote(instance.pk)])
            url += "?" + urlencode({"next": self.request.get_full_path()})
            buttons.append(MenuItem(_("Approve"), url=url, icon_name="check", priority=5))
        return buttons


class ApproveMembershipView(ConfirmActionView):
    permission_required = "approve"
    page_title = _("Approve account")
    header_icon = "check"
    confirmation_message = _("Approve %(user)s for %(organisation)s? They can then write its proposals.")
    button_label = _("Yes, approve")
    success_message = _("%(user)s now writes proposals for %(organisation)s and has been told by e-mail.")

    def get_base_object_queryset(self):
        return Membership.objects.select_related("user", "organisation")

    def get_message_values(self) -> dict:
        user = self.object.user
        return {"user": user.get_full_name() or user.get_username(), "organisation": self.object.organisation}

    def perform(self):
        accounts.approve_membership(self.object, self.request.user)


class MembershipViewSet(ModelViewSet):
    """Who operates for which organisation; approval of accounts from open sign-up."""

    model = Membership
    name = "kipp_memberships"
    icon = "user"
    menu_label = _("Entrant accounts")
    index_view_class = MembershipIndexView
    copy_view_enabled = False
    list_display = [
        "user",
        Column("email", label=_("E-mail"), accessor="user.email"),
        "organisation",
        "role",
        BooleanColumn("approved", label=_("Approved"), sort_key="approved"),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    list_export = ["user", "user.email", "organisation", "role", "approved", "created_at"]
    export_headings = {"user.email": _("E-mail")}
    export_filename = "entrant-accounts"
    filterset_class = MembershipFilterSet
    search_fields = [
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation__name",
    ]
    ordering = ["organisation__name", "user__username"]

    def get_form_class(self, for_update=False):
        return MembershipForm

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(approve_url_name=self.get_url_name("approve"), **kwargs)

    @property
    def approve_view(self):
        return self.construct_view(ApproveMembershipView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("approve/<int:pk>/", self.approve_view, name="approve"),
        ]
