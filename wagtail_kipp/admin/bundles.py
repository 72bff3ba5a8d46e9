"""
Winner bundles in the admin, for the secretariat: export a round's winners, import another portal's bundle
(with a dry-run preview first), the imported bundles with their reports, and the organisation mappings.
"""

from __future__ import annotations

import datetime
import secrets
import tempfile

from django import forms
from django.contrib.auth.models import Permission
from django.core.files import File
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from ..exchange.bundles import (
    BundleError,
    ExportRefused,
    ImportReport,
    bundle_setting,
    entries_by_reference,
    export_bundle,
    import_bundle,
    winners,
)
from ..models import CompetitionPage, Entry, EntryGroup, ImportedBundle, OrganisationSource
from ..storage import get_private_storage
from .accounts import SecretariatPermissionPolicy
from .results_common import SecretariatOnlyMixin

#: Where an uploaded bundle waits, in private storage, between its preview and the confirmation.
PENDING_FOLDER = "kipp/bundles/pending"
#: The session key listing the pending uploads of the user (only those may be confirmed).
SESSION_KEY = "wagtail_kipp_pending_bundles"
#: Pending uploads older than this are removed when the next bundle is previewed.
PENDING_LIFETIME = datetime.timedelta(days=1)

bundle_permission_policy = SecretariatPermissionPolicy(ImportedBundle, ["view"])
organisation_source_permission_policy = SecretariatPermissionPolicy(
    OrganisationSource, ["add", "change", "delete", "view"]
)
register_permission_policy(ImportedBundle, bundle_permission_policy)
register_permission_policy(OrganisationSource, organisation_source_permission_policy)


def rounds():
    return CompetitionPage.objects.order_by("-year", "title")


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, competition):
        return f"{competition.title} ({competition.year})"


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return f"{group.competition.title}: {group.name}"


# Import ----------------------------------------------------------------------------------------------------


class BundleImportForm(forms.Form):
    """The bundle, the receiving round, optionally a group for entries of kinds the round lacks."""

    file = forms.FileField(label=_("Bundle (ZIP)"))
    competition = RoundChoiceField(label=_("Into the round"), queryset=rounds())
    group = GroupChoiceField(
        label=_("Group for the other entries"),
        queryset=EntryGroup.objects.select_related("competition").order_by(
            "competition__title", "sort_order"
        ),
        required=False,
        help_text=_(
            "Entries go into the round's group of the same kind (umum, replikasi, …). Choose a group "
            "here for entries whose kind the round does not have."
        ),
    )
    preview = forms.BooleanField(
        label=_("Preview first"),
        required=False,
        initial=True,
        help_text=_("Check the bundle and show what the import would do, without saving anything."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = int(bundle_setting("BUNDLE_MAX_BYTES"))
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is larger than the %(size)s a bundle may have.")
                % {"size": filesizeformat(limit)}
            )
        return upload

    def clean(self):
        data = super().clean()
        group, competition = data.get("group"), data.get("competition")
        if group and competition and group.competition_id != competition.pk:
            self.add_error("group", gettext("Choose a group of the round the bundle goes into."))
        return data


def group_map_of(group: EntryGroup | None) -> dict:
    return {"*": group} if group else {}


def _pending_name(token: str) -> str:
    return f"{PENDING_FOLDER}/{token}.zip"


def _remove_stale_pending(storage) -> None:
    """Remove pending uploads nobody confirmed; a storage that cannot list or date files keeps them."""
    try:
        _folders, files = storage.listdir(PENDING_FOLDER)
        limit = timezone.now() - PENDING_LIFETIME
        for name in files:
            full = f"{PENDING_FOLDER}/{name}"
            if storage.get_modified_time(full) < limit:
                storage.delete(full)
    except (OSError, NotImplementedError):
        return


class BundleFormView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """A form of *Winner bundles*, under its breadcrumb; ``?competition=<id>`` chooses the round."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("kipp_bundles:index"), "label": _("Winner bundles")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        competition = self.request.GET.get("competition", "")
        return {"competition": competition} if competition.isdigit() else {}


class BundleImportView(BundleFormView):
    """Upload a bundle; with "preview first" the dry run's report is shown with a button to confirm."""

    template_name = "wagtail_kipp/admin/bundles/import.html"
    form_class = BundleImportForm
    page_title = _("Import a winner bundle")
    header_icon = "upload"

    def refused(self, form, problems: list[str]):
        form.add_error(None, gettext("The bundle was refused; nothing was imported."))
        return self.render_to_response(self.get_context_data(form=form, problems=problems))

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data["file"]
        try:
            report = import_bundle(
                upload,
                data["competition"],
                user=self.request.user,
                group_map=group_map_of(data["group"]),
                dry_run=data["preview"],
            )
        except BundleError as error:
            return self.refused(form, error.problems)
        if not data["preview"] or report.already_imported:
            return finish(self.request, report, data["competition"])
        token = self.keep_upload(upload)
        return TemplateResponse(
            self.request,
            "wagtail_kipp/admin/bundles/preview.html",
            {
                **self.get_context_data(form=form),
                "page_title": gettext("Preview of the import"),
                "report": report,
                "token": token,
                "competition": data["competition"],
                "group": data["group"],
                "confirm_url": reverse("kipp_bundles:confirm"),
            },
        )

    def keep_upload(self, upload) -> str:
        """Keep the previewed file in private storage until it is confirmed; returns its token."""
        storage = get_private_storage()
        _remove_stale_pending(storage)
        token = secrets.token_hex(16)
        upload.seek(0)
        storage.save(_pending_name(token), File(upload))
        pending = self.request.session.get(SESSION_KEY, [])
        self.request.session[SESSION_KEY] = [*pending[-9:], token]
        return token


def finish(request, report: ImportReport, competition: CompetitionPage):
    """After an import: a message, then the imported bundle with its report."""
    record = ImportedBundle.objects.filter(competition=competition, bundle_id=report.bundle_id).first()
    if report.already_imported:
        messages.warning(request, report.summary)
    else:
        messages.success(request, report.summary)
    if record is None:
        return redirect("kipp_bundles:index")
    return redirect("kipp_bundles:inspect", record.pk)


class BundleConfirmView(SecretariatOnlyMixin, View):
    """Import a previewed bundle for real: only a pending upload of this user's session can be confirmed."""

    http_method_names = ["post"]

    def post(self, request):
        token = request.POST.get("token", "")
        if token not in request.session.get(SESSION_KEY, []):
            messages.error(request, gettext("This preview has expired. Upload the bundle again."))
            return redirect("kipp_bundles:import")
        competition = get_object_or_404(CompetitionPage, pk=_int(request.POST.get("competition")))
        group = None
        if request.POST.get("group"):
            group = get_object_or_404(EntryGroup, pk=_int(request.POST.get("group")), competition=competition)
        storage = get_private_storage()
        name = _pending_name(token)
        try:
            source = storage.open(name, "rb")
        except OSError:
            messages.error(request, gettext("This preview has expired. Upload the bundle again."))
            return redirect("kipp_bundles:import")
        try:
            report = import_bundle(source, competition, user=request.user, group_map=group_map_of(group))
        except BundleError as error:
            source.close()
            messages.error(request, gettext("The bundle was refused; nothing was imported."))
            for problem in error.problems:
                messages.error(request, problem)
            return redirect("kipp_bundles:import")
        source.close()
        storage.delete(name)
        request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
        return finish(request, report, competition)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# Export ----------------------------------------------------------------------------------------------------


class BundleExportForm(forms.Form):
    WINNERS, CHOSEN = "winners", "chosen"

    competition = RoundChoiceField(label=_("Round"), queryset=rounds())
    which = forms.ChoiceField(
        label=_("Entries"),
        choices=[(WINNERS, _("the published winners")), (CHOSEN, _("the entries listed below"))],
        initial=WINNERS,
        widget=forms.RadioSelect,
    )
    references = forms.CharField(
        label=_("Reference numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or more reference numbers of the round, separated by spaces, commas or lines."),
    )

    def clean(self):
        data = super().clean()
        competition = data.get("competition")
        if competition is None:
            return data
        try:
            if data.get("which") == self.CHOSEN:
                references = data.get("references", "").replace(",", " ").split()
                if not references:
                    self.add_error("references", gettext("List the reference numbers of the entries."))
                    return data
                data["entries"] = entries_by_reference(competition, references)
            else:
                data["entries"] = list(winners(competition))
                if not data["entries"]:
                    raise ExportRefused(gettext("This round has no published winners yet."))
        except ExportRefused as refused:
            for message in refused.messages:
                self.add_error(None, message)
        return data


class BundleExportView(BundleFormView):
    """Choose a round's winners or entries and download their bundle."""

    template_name = "wagtail_kipp/admin/bundles/export.html"
    form_class = BundleExportForm
    page_title = _("Export a winner bundle")
    header_icon = "download"

    def form_valid(self, form):
        competition = form.cleaned_data["competition"]
        target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response)
        try:
            export_bundle(form.cleaned_data["entries"], target, user=self.request.user)
        except ExportRefused as refused:
            target.close()
            for message in refused.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        target.seek(0)
        filename = (
            f"kipp-bundle-{slugify(competition.title) or competition.pk}-{timezone.now():%Y%m%d-%H%M}.zip"
        )
        response = FileResponse(target, as_attachment=True, filename=filename, content_type="application/zip")
        response["Cache-Control"] = "private, no-store"
        return response


# Imported bundles ------------------------------------------------------------------------------------------


class ImportedBundleIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("competition", "imported_by")

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(_("Import a bundle"), url=reverse("kipp_bundles:import"), icon_name="upload"),
            HeaderButton(_("Export a bundle"), url=reverse("kipp_bundles:export"), icon_name="download"),
        ]


class ImportedBundleInspectView(generic.InspectView):
    """One imported bundle: where it came from, its report, and links to the entries it created."""

    template_name = "wagtail_kipp/admin/bundles/inspect.html"

    def setup(self, request, *args, **kwargs):
        if not bundle_permission_policy.user_has_permission(request.user, "view"):
            raise Http404
        super().setup(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bundle = self.object
        report = ImportReport.from_dict(bundle.report)
        entries = Entry.objects.filter(
            competition=bundle.competition, reference__in=[row["reference"] for row in report.created]
        )
        links = {entry.reference: reverse("kipp_entries:inspect", args=[entry.pk]) for entry in entries}
        for row in report.created:
            row["url"] = links.get(row["reference"], "")
        context.update(bundle=bundle, report=report)
        return context


class ImportedBundleViewSet(ModelViewSet):
    """Bundles imported into this site's rounds, newest first; import and export start here."""

    model = ImportedBundle
    name = "kipp_bundles"
    url_prefix = "kipp/bundles"
    icon = "download"
    menu_label = _("Winner bundles")
    index_view_class = ImportedBundleIndexView
    inspect_view_class = ImportedBundleInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        "source_portal",
        Column("competition", label=_("Round"), accessor="competition.title"),
        Column("entry_count", label=_("Entries")),
        DateColumn("imported_at", label=_("Imported"), sort_key="imported_at"),
        Column("imported_by", label=_("Imported by")),
    ]
    search_fields = ["source_portal", "source_url"]
    search_backend_name = None
    ordering = ["-imported_at"]

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        # Bundles are imported through the upload form and never edited or deleted here.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
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
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("import/", BundleImportView.as_view(), name="import"),
            path("import/confirm/", BundleConfirmView.as_view(), name="confirm"),
            path("export/", BundleExportView.as_view(), name="export"),
        ]


class OrganisationSourceViewSet(ModelViewSet):
    """Which organisation of this site each organisation of another portal is; imports follow these."""

    model = OrganisationSource
    name = "kipp_organisation_sources"
    url_prefix = "kipp/organisation-sources"
    icon = "link"
    menu_label = _("Organisations of other portals")
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["portal", "key", "name", "organisation"]
    list_display = ["key", "name", "portal", "organisation"]
    list_filter = ["portal"]
    search_fields = ["key", "name", "organisation__name"]
    search_backend_name = None
    ordering = ["portal", "key"]

    def get_permissions_to_register(self):
        return Permission.objects.none()


VIEWSETS: list = [ImportedBundleViewSet(), OrganisationSourceViewSet()]
