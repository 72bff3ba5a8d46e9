"""Placeholder: the secretariat's entries listing and administrative check (being written)."""

from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Entry


class EntryViewSet(ModelViewSet):
    model = Entry
    name = "kipp_entries"
    icon = "form"
    form_fields = ["title"]
