"""Views of field-verification evidence; the rules and storage are in :mod:`wagtail_kipp.judging.evidence`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ...judging.evidence import remove_evidence, store_evidence
from ...judging.services import ServiceError
from ...models import ReviewEvidence
from ..forms import EvidenceForm
from .base import JuryMixin, get_assignment, pledge_redirect, private_file_response


class EvidenceViewMixin(JuryMixin):
    def dispatch_juror(self, request, *args, **kwargs):
        self.assignment = get_assignment(request, kwargs["pk"])
        pledge = pledge_redirect(request, self.assignment.panel_member)
        if pledge is not None:
            return pledge
        return super().dispatch_juror(request, *args, **kwargs)

    def back(self):
        return redirect(reverse("wagtail_kipp_jury:review", args=[self.assignment.pk]) + "#evidence")


class EvidenceUploadView(EvidenceViewMixin, View):
    """Receive one evidence file (POST, ``multipart/form-data``); the answer is a message on the review."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = EvidenceForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return self.back()
        try:
            evidence = store_evidence(
                request.user, self.assignment, form.cleaned_data["file"], form.cleaned_data["caption"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.back()
        messages.success(request, _("“%(name)s” has been added.") % {"name": evidence.original_name})
        return self.back()


class EvidenceDownloadView(EvidenceViewMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, pk, evidence_id):
        evidence = get_object_or_404(ReviewEvidence, pk=evidence_id, assignment=self.assignment)
        return private_file_response(evidence.file, evidence.original_name, evidence.file_type)


class EvidenceDeleteView(EvidenceViewMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, evidence_id):
        evidence = get_object_or_404(ReviewEvidence, pk=evidence_id, assignment=self.assignment)
        try:
            remove_evidence(request.user, evidence)
        except PermissionDenied:
            raise Http404 from None
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.back()
        messages.success(request, _("The file has been removed."))
        return self.back()
