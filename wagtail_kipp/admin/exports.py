"""
The secretariat's exports of a round: request one, follow its progress, download the file when it is ready.

Jobs of every kind (:class:`~wagtail_kipp.models.ExportKind`) are listed and served here; the "new export"
form offers the kinds :data:`FORM_KINDS`. The files are made in the background by
:func:`wagtail_kipp.exchange.tasks.run_export`.
"""

from __future__ import annotations

import os

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ..exchange import national_forms
from ..exchange.round_exports import ALL, SUBMITTED_STATUSES, WINNERS, submitted_entries, winning_entries
from ..exchange.tasks import request_export
from ..judging.permissions import is_secretariat
from ..models import CompetitionPage, Entry, ExportJob, ExportKind, JobStatus
from ..storage import private_download
from .accounts import SecretariatPermissionPolicy

#: The kinds of export the "new export" form offers.
FORM_KINDS = (ExportKind.SINOVIK_PACKAGE, ExportKind.ENTRIES_XLSX, ExportKind.ENTRIES_CSV, ExportKind.BUNDLE)

#: The form's choice of chosen entries (stored as ``{"entry_ids": [...]}``).
CHOSEN = "chosen"

#: Statuses of a job still being worked on: the listing follows their progress.
ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)

#: Export jobs are requested and downloaded, never edited; the policy reads the secretariat's permission.
export_permission_policy = SecretariatPermissionPolicy(ExportJob, ["add", "view"])
register_permission_policy(ExportJob, export_permission_policy)


# The form ------------------------------------------------------------------------------------------------


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry):
        return f"{entry.reference} {entry.title} ({entry.organisation.name})"


class ExportRequestForm(forms.ModelForm):
    """Which round, which export and which of its entries; the entries listed are those of the round."""

    competition = forms.ModelChoiceField(
        label=_("Round"), queryset=CompetitionPage.objects.order_by("-year", "title")
    )
    kind = forms.ChoiceField(label=_("Export"), choices=[(kind.value, kind.label) for kind in FORM_KINDS])
    entries = forms.ChoiceField(
        label=_("Entries"),
        choices=[
            (WINNERS, _("the winners (advancing from the final stage, or with a winning award)")),
            (ALL, _("all submitted entries")),
            (CHOSEN, _("the entries chosen below")),
        ],
        initial=WINNERS,
        widget=forms.RadioSelect,
    )
    chosen = EntryChoiceField(
        label=_("Chosen entries"),
        required=False,
        queryset=Entry.objects.filter(status__in=SUBMITTED_STATUSES).select_related("organisation"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The round's submitted entries; used when “the entries chosen below” is selected."),
    )
    national_form = forms.ChoiceField(
        label=_("National form"),
        required=False,
        choices=[
            ("", _("%(edition)s (default)") % {"edition": national_forms.DEFAULT_EDITION}),
            *(
                (edition, edition)
                for edition in national_forms.EDITIONS
                if edition != national_forms.DEFAULT_EDITION
            ),
        ],
        help_text=_("For the SINOVIK package: the edition of the national form its documents follow."),
    )

    class Meta:
        model = ExportJob
        fields = ["competition", "kind"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].widget.choices = self.get_entry_choices()

    def get_round_pk(self) -> int | None:
        """The round the form is about: as posted, else as pre-filled; ``None`` when not known (yet)."""
        value = self.data.get(self.add_prefix("competition")) if self.is_bound else None
        if value in (None, ""):
            value = self.initial.get("competition")
        value = getattr(value, "pk", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def get_entry_choices(self) -> list:
        """The round's submitted entries; every round's, grouped by round, until a round is chosen."""
        entries = Entry.objects.filter(status__in=SUBMITTED_STATUSES).select_related("organisation")
        round_pk = self.get_round_pk()
        field = self.fields["chosen"]
        if round_pk is not None:
            entries = entries.filter(competition_id=round_pk).order_by("reference", "pk")
            return [(entry.pk, field.label_from_instance(entry)) for entry in entries]
        groups: dict[int, tuple[str, list]] = {}
        for entry in entries.select_related("competition").order_by(
            "-competition__year", "competition__title", "competition_id", "reference", "pk"
        ):
            groups.setdefault(entry.competition_id, (entry.competition.title, []))[1].append(
                (entry.pk, field.label_from_instance(entry))
            )
        return list(groups.values())

    def clean(self):
        data = super().clean()
        competition, choice = data.get("competition"), data.get("entries")
        if competition is None:
            return data
        if choice == CHOSEN:
            chosen = data.get("chosen") or []
            if "chosen" in self.errors:
                return data
            if not chosen:
                self.add_error("chosen", gettext("Choose at least one entry."))
                return data
            others = [entry for entry in chosen if entry.competition_id != competition.pk]
            if others:
                self.add_error(
                    "chosen",
                    ngettext(
                        "This entry is not an entry of %(round)s: %(entries)s.",
                        "These entries are not entries of %(round)s: %(entries)s.",
                        len(others),
                    )
                    % {
                        "round": competition.title,
                        "entries": ", ".join(f"{entry.reference} {entry.title}" for entry in others),
                    },
                )
        elif choice == WINNERS and not winning_entries(competition).exists():
            self.add_error(
                "entries",
                gettext(
                    "%(round)s has no winners yet: decide the final stage first, or choose other entries."
                )
                % {"round": competition.title},
            )
        elif choice == ALL and not submitted_entries(competition).exists():
            self.add_error(
                "entries", gettext("%(round)s has no submitted entries.") % {"round": competition.title}
            )
        return data

    def get_selection(self) -> dict:
        """The job's ``selection``: ``{"entries": "winners" | "all"}`` or ``{"entry_ids": [...]}``."""
        data = self.cleaned_data
        if data["entries"] == CHOSEN:
            selection = {"entry_ids": sorted(entry.pk for entry in data["chosen"])}
        else:
            selection = {"entries": data["entries"]}
        if data["kind"] == ExportKind.SINOVIK_PACKAGE and data.get("national_form"):
            selection["form"] = data["national_form"]
        return selection


# The listing -----------------------------------------------------------------------------------------------


class ExportJobFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(
        label=_("Round"), queryset=CompetitionPage.objects.order_by("-year", "title")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ExportKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=JobStatus.choices, widget=forms.RadioSelect, empty_label=_("All")
    )

    class Meta:
        model = ExportJob
        fields = ["competition", "kind", "status"]


def selection_display(job: ExportJob) -> str:
    """The entries a job holds, in words: "the winners", "all submitted entries", "3 chosen entries"."""
    selection = job.selection if isinstance(job.selection, dict) else {}
    if isinstance(selection.get("entry_ids"), list):
        count = len(selection["entry_ids"])
        return ngettext("%(count)d chosen entry", "%(count)d chosen entries", count) % {"count": count}
    if selection.get("entries") == WINNERS:
        return gettext("the winners")
    if selection.get("entries") == ALL:
        return gettext("all submitted entries")
    if isinstance(selection.get("references"), list):
        count = len(selection["references"])
        return ngettext("%(count)d chosen entry", "%(count)d chosen entries", count) % {"count": count}
    return ""


def requester_display(job: ExportJob) -> str:
    user = job.requested_by
    return (user.get_full_name() or user.get_username()) if user else ""


def size_display(job: ExportJob) -> str:
    return filesizeformat(job.size) if job.size is not None else ""


class ProgressColumn(Column):
    """A ``<progress>`` bar with the percentage; the listing's script refreshes it (``progress_url_name``)."""

    cell_template_name = "wagtail_kipp/admin/exports/progress_cell.html"

    def __init__(self, name, *, progress_url_name: str, **kwargs):
        super().__init__(name, **kwargs)
        self.progress_url_name = progress_url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        bar_max = max(instance.total, 1)
        context.update(
            percent=instance.progress_percent,
            bar_max=bar_max,
            bar_value=bar_max if instance.status == JobStatus.DONE else min(instance.done, bar_max),
            progress_url=reverse(self.progress_url_name, args=[instance.pk]),
        )
        return context


class StatusColumn(Column):
    """The job's status with the error of a failed job, or the note of a finished one."""

    cell_template_name = "wagtail_kipp/admin/exports/status_cell.html"


class DownloadColumn(Column):
    cell_template_name = "wagtail_kipp/admin/exports/download_cell.html"

    def __init__(self, name, *, download_url_name: str, **kwargs):
        super().__init__(name, **kwargs)
        self.download_url_name = download_url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["download_url"] = (
            reverse(self.download_url_name, args=[instance.pk]) if instance.status == JobStatus.DONE else ""
        )
        return context


class ExportIndexView(generic.IndexView):
    """Every export job, newest first, in a fixed number of queries; running jobs refresh their progress."""

    template_name = "wagtail_kipp/admin/exports/index.html"
    download_url_name = None
    progress_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("competition", "requested_by")

    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status == JobStatus.DONE and self.download_url_name:
            return reverse(self.download_url_name, args=[job.pk])
        return None

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)
        return [
            title(
                "kind",
                label=_("Export"),
                accessor=lambda job: job.get_kind_display(),
                get_url=self.get_download_url,
            ),
            Column("competition", label=_("Round"), accessor="competition.title"),
            Column("selection", label=_("Entries"), accessor=selection_display),
            Column("requested_by", label=_("Requested by"), accessor=requester_display),
            StatusColumn("status", label=_("Status"), accessor=lambda job: job.get_status_display()),
            ProgressColumn("progress", label=_("Progress"), progress_url_name=self.progress_url_name),
            Column("size", label=_("Size"), accessor=size_display),
            DateColumn("created_at", label=_("Requested"), sort_key="created_at"),
            DownloadColumn("download", label=_("File"), download_url_name=self.download_url_name),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["exports_active"] = any(job.status in ACTIVE_STATUSES for job in context["object_list"])
        context["refresh_url"] = self.request.get_full_path()
        return context


# Requesting --------------------------------------------------------------------------------------------


class ExportCreateView(generic.CreateView):
    """The "new export" form; saving requests the job, which runs in the background."""

    template_name = "wagtail_kipp/admin/exports/create.html"
    page_title = _("New export")
    submit_button_label = _("Start the export")
    submit_button_active_label = _("Starting…")

    def get_initial(self):
        """Pre-filled from the query string: ``?competition=<id>&kind=<kind>&entries=winners|all``."""
        initial = super().get_initial()
        params = self.request.GET
        if params.get("competition", "").isdigit():
            initial["competition"] = int(params["competition"])
        if params.get("kind") in {kind.value for kind in FORM_KINDS}:
            initial["kind"] = params["kind"]
        if params.get("entries") in (WINNERS, ALL, CHOSEN):
            initial["entries"] = params["entries"]
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return request_export(data["competition"], data["kind"], self.form.get_selection(), self.request.user)

    def get_success_message(self, instance):
        return gettext(
            "The export “%(export)s” of %(round)s is being prepared; it is offered for download here when "
            "it is ready."
        ) % {"export": instance.get_kind_display(), "round": instance.competition.title}

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        return f"{reverse(self.index_url_name)}?competition={self.object.competition_id}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = [(kind.label, kind_help(kind)) for kind in FORM_KINDS]
        return context


def kind_help(kind: str) -> str:
    """What each kind of export holds, for the form's introduction."""
    return {
        ExportKind.SINOVIK_PACKAGE: gettext(
            "per entry its SINOVIK document as PDF and JSON and its attachments, a summary (entries.csv) "
            "and manifest.json with every file's size and SHA-256"
        ),
        ExportKind.ENTRIES_XLSX: gettext(
            "one row per entry with its status and, per stage, score, rank, decision and whether it is "
            "published; a sheet per judged stage with every juror's scores"
        ),
        ExportKind.ENTRIES_CSV: gettext(
            "the table of entries of the XLSX export, without the jurors' scores"
        ),
        ExportKind.BUNDLE: gettext(
            "the entries with their attachments, published results and award history, for another portal's "
            "import (winners: the published winners only)"
        ),
    }.get(kind, "")


# Download and progress -----------------------------------------------------------------------------------


class SecretariatJobView(View):
    """A view of one export job for the secretariat only, refused before the job is looked up."""

    http_method_names = ["get", "head"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not is_secretariat(request.user):
            raise PermissionDenied

    def get_job(self) -> ExportJob:
        return get_object_or_404(ExportJob.objects.select_related("competition"), pk=self.kwargs["pk"])


class ExportDownloadView(SecretariatJobView):
    """The finished file, streamed from private storage as a download; 404 while it is not ready."""

    def get(self, request, pk: int):
        job = self.get_job()
        if job.status != JobStatus.DONE or not job.file:
            raise Http404
        return private_download(job.file, os.path.basename(job.file.name))


class ExportProgressView(SecretariatJobView):
    """``{"status", "done", "total", "percent"}`` of one job, for the listing's script."""

    def get(self, request, pk: int):
        job = self.get_job()
        response = JsonResponse(
            {"status": job.status, "done": job.done, "total": job.total, "percent": job.progress_percent}
        )
        response["Cache-Control"] = "private, no-store"
        return response


# The viewset ---------------------------------------------------------------------------------------------


class ExportJobViewSet(ModelViewSet):
    """
    *Competition → Exports*: the round exports of every kind, a form to request one, the download of a
    finished file and the progress of a running one (URL names in the ``kipp_exports`` namespace).
    """

    model = ExportJob
    name = "kipp_exports"
    url_prefix = "kipp/exports"
    icon = "download"
    menu_label = _("Exports")
    index_view_class = ExportIndexView
    add_view_class = ExportCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    filterset_class = ExportJobFilterSet
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return ExportRequestForm

    def get_permissions_to_register(self):
        # The policy reads the secretariat's entry permission, not permissions of this model.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        # No edit, delete, history or usage views: a job is requested, followed and downloaded.
        return super().get_common_view_kwargs(
            **{
                "edit_url_name": None,
                "delete_url_name": None,
                "usage_url_name": None,
                "history_url_name": None,
                **kwargs,
            }
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            download_url_name=self.get_url_name("download"),
            progress_url_name=self.get_url_name("progress"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("download/<int:pk>/", ExportDownloadView.as_view(), name="download"),
            path("progress/<int:pk>/", ExportProgressView.as_view(), name="progress"),
        ]
