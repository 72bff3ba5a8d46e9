"""Account pages of the entrant portal: log in, log out, accept an invitation, and open sign-up."""

from __future__ import annotations

import contextlib

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.models import Site

from ...conf import settings as kipp_settings
from ...judging import permissions
from ...models import Invitation, KippSettings, PanelMember
from .. import accounts
from ..forms.accounts import AcceptInvitationForm, SignupForm


class AccountPageMixin:
    """Account pages are rendered inside the site's base template, with the secretariat's contact details."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kipp_base_template"] = kipp_settings.BASE_TEMPLATE
        context["kipp_site_settings"] = self.get_site_settings()
        context["open_signup"] = kipp_settings.OPEN_SIGNUP
        return context

    def get_site_settings(self) -> KippSettings | None:
        """The site's KIPP settings (secretariat name, e-mail, phone) or ``None`` outside a Wagtail site."""
        site = Site.find_for_request(self.request)
        return KippSettings.for_site(site) if site else None


def log_in(request, user) -> None:
    """Log a freshly created or confirmed user in with the first configured backend."""
    backend = getattr(user, "backend", None) or django_settings.AUTHENTICATION_BACKENDS[0]
    login(request, user, backend=backend)


class LoginView(AccountPageMixin, auth_views.LoginView):
    """Django's login with the portal's template; goes to the dashboard or to a safe ``next`` URL."""

    template_name = "wagtail_kipp/portal/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("wagtail_kipp_portal:dashboard")

    def get_default_redirect_url(self):
        """Jurors without an organisation go to the jury portal, everybody else to the entrant dashboard."""
        user = self.request.user
        if (
            not permissions.organisations_of(user).exists()
            and PanelMember.objects.active().filter(user=user).exists()
        ):
            with contextlib.suppress(NoReverseMatch):  # the site may not mount the jury portal
                return reverse("wagtail_kipp_jury:dashboard")
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    """Log out (POST only); back to the login page, or to a safe ``next`` URL."""

    next_page = reverse_lazy("wagtail_kipp_portal:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have logged out."))
        return response


class AcceptInvitationView(AccountPageMixin, TemplateView):
    """
    Open an invitation link: a new person creates an account; a logged-in person adds the organisation.

    Unknown links answer 404 and used, withdrawn or expired ones 410, with a page that explains what to do.
    """

    template_name = "wagtail_kipp/portal/accept_invitation.html"
    invalid_template_name = "wagtail_kipp/portal/invitation_invalid.html"
    form_class = AcceptInvitationForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = Invitation.find(kwargs["token"])
        if self.invitation is None:
            return self.render_invalid("unknown", status=404)
        if not self.invitation.is_usable:
            user = request.user
            if user.is_authenticated and self.invitation.accepted_by_id == user.pk:
                messages.info(request, _("You have already accepted this invitation."))
                return redirect(self.get_success_url())
            return self.render_invalid(self.invitation.status, status=410)
        return super().dispatch(request, *args, **kwargs)

    def render_invalid(self, reason: str, status: int = 410):
        """The page for a link that cannot be used (``reason``: unknown, accepted, revoked or expired)."""
        self.template_name = self.invalid_template_name
        context = self.get_context_data(reason=reason, message=accounts.unusable_message(reason))
        return self.render_to_response(context, status=status)

    def get_form(self, data=None) -> AcceptInvitationForm:
        return self.form_class(data, invitation=self.invitation)

    def existing_account(self) -> bool:
        """Whether the invited address already has an account (then the visitor logs in first)."""
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        return user_model._default_manager.filter(
            **{f"{email_field}__iexact": self.invitation.email}
        ).exists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invitation = self.invitation
        context["invitation"] = invitation
        context["organisation"] = invitation.organisation if invitation else None
        # A jury invitation names a round instead of an organisation.
        member = invitation.panel_member if invitation and invitation.panel_member_id else None
        context["panel_member"] = member
        context["competition"] = member.competition if member else None
        if invitation and invitation.is_usable:
            context["login_url"] = reverse("wagtail_kipp_portal:login")
            if not self.request.user.is_authenticated:
                context["existing_account"] = self.existing_account()
                if "form" not in kwargs and not context["existing_account"]:
                    context["form"] = self.get_form()
        return context

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return self.accept_for(request.user)
        if self.existing_account():
            return self.render_to_response(self.get_context_data(), status=409)
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            with transaction.atomic():
                user = form.save()
                accounts.accept(self.invitation, user)
        except accounts.InvitationUnusable as error:
            return self.render_invalid(error.status, status=410)
        except accounts.AccountError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        log_in(request, user)
        return self.accepted()

    def accept_for(self, user):
        try:
            accounts.accept(self.invitation, user)
        except accounts.InvitationUnusable as error:
            return self.render_invalid(error.status, status=410)
        except accounts.AccountError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(self.request.path)
        return self.accepted()

    def get_success_url(self) -> str:
        """Where an accepted invitation leads: the jury portal for a juror, else the entrant dashboard."""
        if self.invitation.panel_member_id:
            with contextlib.suppress(NoReverseMatch):  # the site may not mount the jury portal
                return reverse("wagtail_kipp_jury:dashboard")
        return reverse("wagtail_kipp_portal:dashboard")

    def accepted(self):
        if self.invitation.panel_member_id:
            message = _("Welcome to the jury of %(round)s.") % {
                "round": self.invitation.panel_member.competition.title
            }
        else:
            message = _("Welcome! You now write proposals for %(organisation)s.") % {
                "organisation": self.invitation.organisation
            }
        messages.success(self.request, message)
        return redirect(self.get_success_url())


class SignupView(AccountPageMixin, FormView):
    """Ask for an entrant account (only when ``WAGTAIL_KIPP_OPEN_SIGNUP`` is on); it waits for approval."""

    template_name = "wagtail_kipp/portal/signup.html"
    done_template_name = "wagtail_kipp/portal/signup_done.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if not kipp_settings.OPEN_SIGNUP:
            raise Http404
        if request.user.is_authenticated:
            return redirect("wagtail_kipp_portal:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        site_settings = self.get_site_settings()
        try:
            with transaction.atomic():
                user = form.save()
                membership = accounts.request_membership(
                    user,
                    form.cleaned_data["organisation"],
                    form.cleaned_data["reason"],
                    notify=site_settings.secretariat_email if site_settings else "",
                )
        except accounts.AccountError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        # No redirect target of its own: the notice is the answer to the form.
        self.template_name = self.done_template_name
        return self.render_to_response(self.get_context_data(form=None, membership=membership))


class PasswordResetView(AccountPageMixin, auth_views.PasswordResetView):
    """Ask for a password-reset link by e-mail (the answer never says whether the address has an account)."""

    template_name = "wagtail_kipp/portal/password_reset.html"
    email_template_name = "wagtail_kipp/emails/password_reset_body.txt"
    subject_template_name = "wagtail_kipp/emails/password_reset_subject.txt"
    success_url = reverse_lazy("wagtail_kipp_portal:password_reset_done")


class PasswordResetDoneView(AccountPageMixin, auth_views.PasswordResetDoneView):
    template_name = "wagtail_kipp/portal/password_reset_done.html"


class PasswordResetConfirmView(AccountPageMixin, auth_views.PasswordResetConfirmView):
    """Choose a new password from the e-mailed link; an invalid or used link says so."""

    template_name = "wagtail_kipp/portal/password_reset_confirm.html"
    success_url = reverse_lazy("wagtail_kipp_portal:password_reset_complete")


class PasswordResetCompleteView(AccountPageMixin, auth_views.PasswordResetCompleteView):
    template_name = "wagtail_kipp/portal/password_reset_complete.html"
