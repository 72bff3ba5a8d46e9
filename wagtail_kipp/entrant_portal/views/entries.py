"""Proposal views: start, edit (form posts and autosave), submit, receipt, status, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.models import Locale

from ...conf import settings as kipp_settings
from ...judging import permissions, publication, results, services
from ...judging.rules import count_words
from ...judging.states import Actor, available
from ...models import CompetitionPage, EntryConflict, EntryStatus
from ..forms.entries import EntryForm, NewEntryForm
from .base import PortalMixin, get_entry


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class EntryCreateView(PortalMixin, View):
    """Start a new proposal in an open round (POST from the dashboard)."""

    http_method_names = ["post"]

    def post(self, request, competition_id):
        # Entries belong to the round in the default language; translations only show it.
        competition = get_object_or_404(
            CompetitionPage.objects.live().filter(locale=Locale.get_default()), pk=competition_id
        )
        organisations = permissions.organisations_of(request.user)
        form = NewEntryForm(request.POST, competition=competition, organisations=organisations)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("wagtail_kipp_portal:dashboard")
        try:
            entry = services.create_entry(
                request.user,
                competition,
                form.cleaned_data["organisation"],
                form.cleaned_data["group"],
                form.cleaned_data["title"],
            )
        except services.ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("wagtail_kipp_portal:dashboard")
        messages.success(request, _("Your proposal has been started. It saves itself while you write."))
        return redirect(entry.get_absolute_url())


class EntryViewMixin(PortalMixin):
    """Finds ``self.entry`` for a logged-in user who may see it (404 otherwise)."""

    members_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.entry = get_entry(request, kwargs["uuid"], members_only=self.members_only)
        return self.dispatch_entry(request, *args, **kwargs)

    def dispatch_entry(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class EntryEditView(EntryViewMixin, TemplateView):
    """The proposal form; a plain POST saves the draft, so the page works without JavaScript."""

    template_name = "wagtail_kipp/portal/entry_form.html"

    def dispatch_entry(self, request, *args, **kwargs):
        if not permissions.is_member(request.user, self.entry.organisation_id):
            # The secretariat reads entries in the admin; the portal form is for the organisation.
            return redirect("wagtail_kipp_portal:entry_status", uuid=self.entry.uuid)
        if not self.entry.is_editable:
            return redirect("wagtail_kipp_portal:entry_status", uuid=self.entry.uuid)
        return super().dispatch_entry(request, *args, **kwargs)

    def get_form(self, data=None):
        return EntryForm(data, entry=self.entry, initial=EntryForm.initial_for(self.entry))

    def get_context_data(self, form=None, conflict=None, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        form = form or self.get_form()
        spec = form.spec
        conflicts = list(
            EntryConflict.objects.filter(entry=entry, user=self.request.user, resolved_at__isnull=True)
        )
        context.update(
            entry=entry,
            competition=entry.competition,
            form=form,
            problems=services.submission_problems(entry),
            window_open=services.entry_window_open(entry),
            slots=spec.get("attachment_slots", []),
            attachments={attachment.slot: attachment for attachment in entry.attachments.all()},
            can_edit=True,
            conflicts=[conflict_view(form, c) for c in conflicts],
            autosave_url=reverse("wagtail_kipp_portal:entry_autosave", args=[entry.uuid]),
            autosave_seconds=kipp_settings.AUTOSAVE_SECONDS,
            operator_actions=available(entry.status, Actor.OPERATOR),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        result = save_from_form(request, self.entry, form)
        if result.get("conflict"):
            messages.error(request, result["message"])
            self.entry.refresh_from_db()
            return self.render_to_response(self.get_context_data(form=self.get_form()), status=409)
        if result.get("refused"):
            messages.error(request, result["message"])
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.entry = result["entry"]
        if form.errors:
            messages.warning(request, _("Saved, except the fields marked below."))
            # Keep the typed values of the invalid fields on screen, with the new version to save against.
            data = request.POST.copy()
            data["version"] = str(self.entry.version)
            form = EntryForm(data, entry=self.entry)
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Draft saved."))
        if "check" in request.POST:
            return redirect("wagtail_kipp_portal:entry_submit", uuid=self.entry.uuid)
        return redirect(self.entry.get_absolute_url())


def _comparable(value) -> str:
    """A form value as the text a browser would post ("true"/"false" for yes-no answers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def conflict_view(form: EntryForm, conflict: EntryConflict) -> dict:
    """The refused values of a conflict, labelled, for the fields where they differ from what is saved now."""
    fields = []
    for name, value in (conflict.data or {}).items():
        if name not in form.fields or name == "version":
            continue
        current = form[name].value()
        if isinstance(value, list) or isinstance(current, list):
            continue
        if _comparable(value) != _comparable(current):
            fields.append({"name": name, "label": form.fields[name].label, "mine": value, "saved": current})
    return {"conflict": conflict, "fields": fields}


def save_from_form(request, entry, form: EntryForm) -> dict:
    """Save what is valid in ``form`` through the service layer; returns a small result dictionary."""
    try:
        based_on = int(request.POST.get("version", ""))
    except ValueError:
        return {"refused": True, "message": _("The form is missing its version; reload the page.")}
    changes = form.valid_changes()
    raw = {
        name: (request.POST.getlist(name) if name in ("themes", "sdgs") else request.POST.get(name, ""))
        for name in form.fields
        if name in request.POST
    }
    try:
        saved = services.save_draft(
            entry, request.user, based_on_version=based_on, raw=raw, **form.split_changes(changes)
        )
    except services.StaleVersion as error:
        return {"conflict": True, "message": error.messages[0], "entry": error.entry, "error": error}
    except services.ServiceError as error:
        return {"refused": True, "message": " ".join(error.messages)}
    return {"entry": saved}


class AutosaveView(PortalMixin, View):
    """JSON endpoint of the autosave script; also takes the ``sendBeacon`` post when a page is left."""

    http_method_names = ["post"]

    def handle_no_permission(self):
        return JsonResponse({"ok": False, "errors": [_("Your session has ended; log in again.")]}, status=401)

    def post(self, request, uuid):
        entry = get_entry(request, uuid, members_only=True)
        if not entry.is_editable:
            return JsonResponse(
                {"ok": False, "errors": [_("This proposal is no longer a draft and cannot be changed.")]},
                status=409,
            )
        form = EntryForm(request.POST, entry=entry)
        result = save_from_form(request, entry, form)
        if result.get("conflict"):
            current = result["entry"]
            return JsonResponse(
                {
                    "ok": False,
                    "conflict": True,
                    "version": current.version,
                    "errors": [result["message"]],
                    "updated_by": str(current.updated_by or ""),
                },
                status=409,
            )
        if result.get("refused"):
            return JsonResponse({"ok": False, "errors": [result["message"]]}, status=400)
        saved = result["entry"]
        saved_at = timezone.localtime(saved.updated_at, saved.competition.tzinfo)
        return JsonResponse(
            {
                "ok": True,
                "version": saved.version,
                "saved_at": saved_at.isoformat(),
                "saved_at_display": date_format(saved_at, "H:i"),
                "field_errors": {name: [str(e) for e in errors] for name, errors in form.errors.items()},
                "word_counts": {key: count_words(value) for key, value in (saved.answers or {}).items()},
            },
            status=200,
        )


class SubmitView(EntryViewMixin, TemplateView):
    """Check the proposal and submit it; lists what is missing when it cannot be submitted yet."""

    template_name = "wagtail_kipp/portal/entry_submit.html"
    members_only = True

    def get(self, request, *args, **kwargs):
        if self.entry.status in (EntryStatus.SUBMITTED, EntryStatus.AWAITING_APPROVAL):
            return redirect("wagtail_kipp_portal:entry_receipt", uuid=self.entry.uuid)
        if not self.entry.is_editable:
            return redirect("wagtail_kipp_portal:entry_status", uuid=self.entry.uuid)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, problems=None, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        context.update(
            entry=entry,
            competition=entry.competition,
            problems=services.submission_problems(entry) if problems is None else problems,
            edit_url=entry.get_absolute_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            entry = services.submit(self.entry, request.user)
        except services.SubmissionProblems as error:
            return self.render_to_response(self.get_context_data(problems=error.problems), status=400)
        except services.ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("wagtail_kipp_portal:entry_status", uuid=self.entry.uuid)
        return redirect("wagtail_kipp_portal:entry_receipt", uuid=entry.uuid)


class EntryReadView(EntryViewMixin, TemplateView):
    """Base of the read-only pages of an entry."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        spec = entry.get_template_spec()
        context.update(
            entry=entry,
            competition=entry.competition,
            public_status=entry.get_public_status_display(),
            sections=[
                {
                    **section,
                    "text": entry.answer(section["key"]),
                    "words": count_words(entry.answer(section["key"])),
                }
                for section in spec.get("sections", [])
            ],
            slots=spec.get("attachment_slots", []),
            attachments={attachment.slot: attachment for attachment in entry.attachments.all()},
            can_edit=False,
            is_member=permissions.is_member(self.request.user, entry.organisation_id),
        )
        return context


class ReceiptView(EntryReadView):
    """The receipt of a submitted proposal: reference number, time in the round's zone, contents."""

    template_name = "wagtail_kipp/portal/entry_receipt.html"

    def get(self, request, *args, **kwargs):
        if not self.entry.reference:
            return redirect("wagtail_kipp_portal:entry_status", uuid=self.entry.uuid)
        return super().get(request, *args, **kwargs)


class StatusView(EntryReadView):
    """
    Where the entry stands: its status, the round's timeline, what the operator may still do, and, once the
    secretariat publishes them, the entry's results, the jury's feedback and its interview and field visit.
    """

    template_name = "wagtail_kipp/portal/entry_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        window_open = services.entry_window_open(entry)
        actions = []
        if context["is_member"] and window_open:
            actions = [t for t in available(entry.status, Actor.OPERATOR) if not t.name.startswith("submit")]
        outcomes = publication.entry_outcomes(entry, results.published_results(entry))
        # The schedule of the finalists' stages would tell who advanced: shown once that is published.
        finalist = publication.is_published_finalist(entry, outcomes)
        context.update(
            window_open=window_open,
            actions=actions,
            stages=sorted(entry.competition.stages.all(), key=lambda stage: stage.opens_at),
            now=timezone.now(),
            outcomes=outcomes,
            interview=scheduled(entry, "interview") if finalist else None,
            field_visit=scheduled(entry, "field_visit") if finalist else None,
        )
        return context


def scheduled(entry, name: str):
    """The entry's interview slot or field visit (``name``), or ``None`` when none is scheduled."""
    try:
        return getattr(entry, name)
    except ObjectDoesNotExist:
        return None


class TransitionView(PortalMixin, View):
    """Operator transitions from the status page: reopen, withdraw, restore (POST)."""

    http_method_names = ["post"]
    actions = {"reopen": services.reopen, "withdraw": services.withdraw, "restore": services.restore}

    def post(self, request, uuid, action):
        entry = get_entry(request, uuid, members_only=True)
        if action not in self.actions:
            raise Http404
        try:
            entry = self.actions[action](entry, request.user)
        except PermissionDenied:
            raise Http404 from None
        except services.ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("wagtail_kipp_portal:entry_status", uuid=entry.uuid)
        messages.success(request, transition_message(action))
        if entry.is_editable:
            return redirect(entry.get_absolute_url())
        return redirect("wagtail_kipp_portal:entry_status", uuid=entry.uuid)


def transition_message(action: str) -> str:
    return {
        "reopen": _("The proposal is a draft again. Submit it again before the deadline."),
        "withdraw": _("The proposal has been withdrawn from the round."),
        "restore": _("The proposal is a draft again."),
    }[action]


class ResolveConflictView(PortalMixin, View):
    """Dismiss a kept conflicting draft once its text has been merged (POST)."""

    http_method_names = ["post"]

    def post(self, request, uuid, conflict_id):
        entry = get_entry(request, uuid, members_only=True)
        conflict = get_object_or_404(EntryConflict, pk=conflict_id, entry=entry, user=request.user)
        conflict.resolved_at = timezone.now()
        conflict.save(update_fields=["resolved_at"])
        messages.success(request, _("The kept text has been dismissed."))
        return redirect(entry.get_absolute_url())
