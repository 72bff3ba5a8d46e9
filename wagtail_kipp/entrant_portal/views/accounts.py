"""Placeholder: login, logout, invitation acceptance and sign-up (being written)."""

from django.contrib.auth import views as auth_views
from django.views.generic import TemplateView


class LoginView(auth_views.LoginView):
    pass


class LogoutView(auth_views.LogoutView):
    pass


class AcceptInvitationView(TemplateView):
    pass


class SignupView(TemplateView):
    pass
