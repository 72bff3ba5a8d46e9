"""Placeholder: the entrant's dashboard (being written)."""

from django.views.generic import TemplateView


class DashboardView(TemplateView):
    pass
