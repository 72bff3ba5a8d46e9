"""Objections (*sanggahan*) in the admin: list, read grounds and evidence, resolve; secretariat only."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ..judging import objections
from ..judging.permissions import is_secretariat
from ..models import CompetitionPage, Objection, ObjectionStatus
from ..storage import private_download
from .accounts import SecretariatPermissionPolicy
from .results_common import neutralise, when
from .service_views import ServiceErrorsInFormMixin

#: Objections are filed by the public (never created here) and never deleted: they are read and resolved.
objection_permission_policy = SecretariatPermissionPolicy(Objection, ["view", "change"])
register_permission_policy(Objection, objection_permission_policy)


class ObjectionFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(
        label=_("Round"), queryset=CompetitionPage.objects.order_by("-year", "title")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ObjectionStatus.choices, widget=forms.RadioSelect, empty_label=_("All")
    )

    class Meta:
        model = Objection
        fields = ["competition", "status"]


class ObjectionIndexView(generic.IndexView):
    """Objections of all rounds, newest first; the export neutralises what the public typed."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entry", "competition")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value


class ResolveObjectionForm(forms.ModelForm):
    """The outcome: upheld or rejected, with the text published on the round page."""

    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ObjectionStatus.UPHELD, _("upheld")), (ObjectionStatus.REJECTED, _("rejected"))],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(
        label=_("Outcome text"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published on the round page and e-mailed to the person who objected."),
    )

    class Meta:
        model = Objection
        fields = ["status", "resolution"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)


class ResolveObjectionView(ServiceErrorsInFormMixin, generic.EditView):
    """Shows the grounds and the evidence; saving records the outcome through the objections service."""

    template_name = "wagtail_kipp/admin/results/objection_edit.html"
    page_title = _("Resolve objection")
    submit_button_label = _("Record the outcome")
    submit_button_active_label = _("Recording…")
    success_message = _("The outcome of the objection to “%(object)s” is recorded and e-mailed.")

    def get_queryset(self):
        return Objection.objects.select_related("entry__organisation", "competition", "resolved_by")

    def get_object(self, queryset=None):
        objection = super().get_object(queryset)
        # As saved: the form writes the posted values onto the object while it validates them.
        self.saved = {"status": objection.get_status_display(), "resolution": objection.resolution}
        return objection

    def get_page_subtitle(self):
        return str(self.object.entry)

    def get_success_message(self):
        return self.success_message % {"object": self.object.entry}

    def save_instance(self):
        data = self.form.cleaned_data
        return objections.resolve_objection(
            self.request.user, self.object, data["status"], data["resolution"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objection = self.object
        competition = objection.competition
        context.update(
            objection=objection,
            saved=self.saved,
            filed_at=when(objection.created_at, competition),
            resolved_at=when(objection.resolved_at, competition),
            evidence_url=reverse("kipp_objections:evidence", args=[objection.pk])
            if objection.evidence
            else "",
            entry_url=reverse("kipp_entries:inspect", args=[objection.entry_id]),
        )
        return context


class EvidenceDownloadView(View):
    """
    An objection's evidence file for the secretariat, as a download from private storage; 404 for anybody
    else, so that nobody learns which objections exist.
    """

    http_method_names = ["get", "head"]

    def get(self, request, pk: int):
        if not is_secretariat(request.user):
            raise Http404
        objection = get_object_or_404(Objection, pk=pk)
        if not objection.evidence:
            raise Http404
        return private_download(objection.evidence, objection.evidence_name)


def objection_status(objection: Objection) -> str:
    return objection.get_status_display()


class ObjectionViewSet(ModelViewSet):
    """
    Objections filed in rounds' objection windows: the secretariat reads and resolves them.

    The objections service e-mails the secretariat a link to ``kipp_objections:edit``.
    """

    model = Objection
    name = "kipp_objections"
    url_prefix = "kipp/objections"
    icon = "warning"
    menu_label = _("Objections")
    index_view_class = ObjectionIndexView
    edit_view_class = ResolveObjectionView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    list_display = [
        "entry",  # the title column: links to the edit view, where the objection is resolved
        Column("competition", label=_("Round"), accessor="competition.title"),
        Column("filer_name", label=_("Filed by")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=objection_status,
            sort_key="status",
            primary=lambda objection: objection.status == ObjectionStatus.RECEIVED,
        ),
        DateColumn("created_at", label=_("Filed"), sort_key="created_at"),
    ]
    list_export = [
        "competition",
        "entry",
        "filer_name",
        "filer_email",
        "filer_phone",
        "grounds",
        "status",
        "resolution",
        "created_at",
        "resolved_at",
    ]
    export_headings = {"competition": _("Round"), "entry": _("Entry")}
    export_filename = "objections"
    filterset_class = ObjectionFilterSet
    search_fields = ["filer_name", "entry__title", "entry__reference"]
    search_backend_name = None
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return ResolveObjectionForm

    def get_permissions_to_register(self):
        # The policy reads the secretariat's entry permission, not permissions of this model.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        # No add, delete or usage views: objections come from the public and are never deleted; their
        # history is in the audit log (site history report).
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "delete_url_name": None,
                "usage_url_name": None,
                "history_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("evidence/<int:pk>/", EvidenceDownloadView.as_view(), name="evidence"),
        ]
