"""The secretariat's decisions on entries: small form views and a bulk pass, all through the service layer."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..judging import eligibility, services
from ..judging.permissions import is_secretariat
from ..judging.states import TRANSITIONS, Actor, available
from ..models import EDITABLE_STATUSES, Entry, EntryAttachment
from ..storage import private_download
from ..templatetags.kipp_portal import round_datetime

#: URL names (in the ``kipp_entries`` namespace) of the views behind the secretariat's transitions.
TRANSITION_URL_NAMES = {
    "approve": "approve",
    "return": "return",
    "pass_check": "pass_check",
    "fail_check": "fail_check",
}

TRANSITION_ICONS = {"approve": "check", "return": "undo", "pass_check": "check", "fail_check": "cross"}


def action_links(entry: Entry) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the decisions the entry's status allows, then the late exception for drafts."""
    links = [
        (
            str(transition.label),
            reverse(f"kipp_entries:{TRANSITION_URL_NAMES[transition.name]}", args=[entry.pk]),
            TRANSITION_ICONS.get(transition.name, "check"),
        )
        for transition in available(entry.status, Actor.SECRETARIAT)
        if transition.name in TRANSITION_URL_NAMES
    ]
    if entry.status in EDITABLE_STATUSES:
        links.append(
            (
                gettext("Allow late submission"),
                reverse("kipp_entries:late_exception", args=[entry.pk]),
                "time",
            )
        )
    return links


# Forms -------------------------------------------------------------------------------------------


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PassCheckForm(forms.Form):
    reason = forms.CharField(
        label=_("Remark"),
        required=False,
        max_length=2000,
        widget=_text_area(),
        help_text=_("Optional. Recorded with the decision, for example how a flag was cleared."),
    )


class FailCheckForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=_text_area(),
        help_text=_("Recorded with the decision and shown to the organisation when results are published."),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the organisation"),
        max_length=4000,
        widget=_text_area(6),
        help_text=_("Say what to correct. The organisation's operators receive this note by e-mail."),
    )


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time typed and shown in ``tzinfo`` (a round's zone), whatever the active timezone is."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *, tzinfo, **kwargs):
        super().__init__(**kwargs)
        self.tzinfo = tzinfo

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.tzinfo).replace(tzinfo=None)
        return value

    def to_python(self, value):
        with timezone.override(self.tzinfo):
            return super().to_python(value)


class LateExceptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=_text_area(),
        help_text=_(
            "Recorded in the entry's history, for example the outage or the letter that justifies it."
        ),
    )

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition
        deadline = competition.entry_cutoff
        self.fields = {
            "until": ZonedDateTimeField(
                tzinfo=competition.tzinfo,
                label=_("Allowed until (%(zone)s)")
                % {"zone": competition.timezone_label or competition.timezone},
                help_text=(
                    _("The round accepts entries until %(deadline)s %(zone)s, grace period included.")
                    % {
                        "deadline": round_datetime(deadline, competition),
                        "zone": competition.timezone_label,
                    }
                    if deadline
                    else ""
                ),
            ),
            **self.fields,
        }

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return until


# Views -------------------------------------------------------------------------------------------


class EntryActionView(PermissionCheckedMixin, BaseObjectMixin, WagtailAdminTemplateMixin, FormView):
    """
    One decision on one entry: GET shows a small form, POST runs :meth:`perform` and goes back.

    Refusals of the service layer become error messages, never server errors. Subclasses set
    ``transition`` (a name in the state table, checked before the form is shown) and ``perform``.
    """

    model = Entry
    permission_required = "change"
    template_name = "wagtail_kipp/admin/entry_action.html"
    form_class = forms.Form
    transition: str | None = None
    header_icon = "form"
    index_url_name = None
    inspect_url_name = None
    submit_label = _("Confirm")
    intro = ""
    success_message = ""
    serious = False
    show_flags = False

    def setup(self, request, *args, **kwargs):
        # Before the entry is looked up, so that nobody else can tell which entry numbers exist.
        if not is_secretariat(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if self.transition and self.transition not in {
            t.name for t in available(self.object.status, Actor.SECRETARIAT)
        }:
            messages.error(
                request,
                gettext("This cannot be done while the proposal is “%(status)s”.")
                % {"status": self.object.get_status_display()},
            )
            return redirect(self.get_inspect_url())
        return super().dispatch(request, *args, **kwargs)

    def get_base_object_queryset(self):
        return Entry.objects.select_related("competition", "organisation", "group")

    def get_page_title(self):
        if self.transition:
            return capfirst(str(TRANSITIONS[self.transition].label))
        return self.page_title

    def get_page_subtitle(self):
        return str(self.object)

    def get_inspect_url(self) -> str:
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": capfirst(Entry._meta.verbose_name_plural)},
            {"url": self.get_inspect_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or self.get_inspect_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            entry=self.object,
            intro=self.intro,
            submit_label=self.submit_label,
            serious=self.serious,
            cancel_url=self.get_success_url(),
            next_url=get_valid_next_url_from_request(self.request),
            flags=eligibility.flags_for_entry(self.object) if self.show_flags else None,
        )
        return context

    def perform(self, form) -> Entry:
        """Make the change through :mod:`~wagtail_kipp.judging.services`; may raise ``ServiceError``."""
        raise NotImplementedError

    def get_success_message(self, entry: Entry) -> str:
        return self.success_message % {"entry": entry, "organisation": entry.organisation}

    def form_valid(self, form):
        try:
            entry = self.perform(form)
        except services.ServiceError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_inspect_url())
        messages.success(self.request, self.get_success_message(entry))
        return redirect(self.get_success_url())


class PassCheckView(EntryActionView):
    transition = "pass_check"
    form_class = PassCheckForm
    submit_label = _("Pass")
    show_flags = True
    intro = _("The proposal goes on to the next stage. Flags are advice: check them before you decide.")
    success_message = _("“%(entry)s” passed the administrative check.")

    def perform(self, form):
        return services.record_check(
            self.object, self.request.user, passed=True, reason=form.cleaned_data["reason"]
        )


class FailCheckView(EntryActionView):
    transition = "fail_check"
    form_class = FailCheckForm
    submit_label = _("Fail")
    serious = True
    show_flags = True
    intro = _("The proposal stops here. Give the reason; it is recorded with your name.")
    success_message = _("“%(entry)s” did not pass the administrative check; the reason is recorded.")

    def perform(self, form):
        return services.record_check(
            self.object, self.request.user, passed=False, reason=form.cleaned_data["reason"]
        )


class ApproveView(EntryActionView):
    transition = "approve"
    submit_label = _("Approve")
    intro = _("The proposal is submitted to the round and the organisation is told by e-mail.")
    success_message = _("“%(entry)s” is approved and submitted to the round.")

    def perform(self, form):
        return services.approve(self.object, self.request.user)


class ReturnView(EntryActionView):
    transition = "return"
    form_class = ReturnForm
    submit_label = _("Return for correction")
    serious = True
    intro = _("The proposal becomes editable again for the organisation, which can correct and resubmit it.")
    success_message = _("“%(entry)s” was returned to %(organisation)s for correction.")

    def perform(self, form):
        return services.return_for_correction(self.object, self.request.user, form.cleaned_data["note"])


class LateExceptionView(EntryActionView):
    page_title = _("Allow late submission")
    header_icon = "time"
    form_class = LateExceptionForm
    submit_label = _("Allow")
    intro = _(
        "Only this proposal may then be edited and submitted after the deadline, until the moment you "
        "choose. The exception is logged and the organisation is told by e-mail."
    )

    def get_initial(self):
        return {"until": self.object.late_until}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "competition": self.object.competition}

    def perform(self, form):
        return services.grant_late_exception(
            self.object,
            self.request.user,
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, entry):
        competition = entry.competition
        return gettext("“%(entry)s” may be submitted until %(until)s %(zone)s.") % {
            "entry": entry,
            "until": round_datetime(entry.late_until, competition),
            "zone": competition.timezone_label,
        }


class AttachmentDownloadView(View):
    """
    An entry's file for the secretariat, as a download: never a media URL, never rendered by the browser.

    Wagtail's admin URLs already require admin access; this adds the secretariat's permission.
    """

    http_method_names = ["get", "head"]

    def get(self, request, pk: int, slot: str):
        if not is_secretariat(request.user):
            raise PermissionDenied
        attachment = get_object_or_404(EntryAttachment, entry_id=pk, slot=slot)
        return private_download(attachment.file, attachment.original_name or f"{slot}.{attachment.file_type}")


def get_urlpatterns(viewset) -> list:
    """The action and download URLs of the entries viewset (``kipp_entries:<name>``)."""
    return [
        path("pass/<int:pk>/", viewset.construct_view(PassCheckView), name="pass_check"),
        path("fail/<int:pk>/", viewset.construct_view(FailCheckView), name="fail_check"),
        path("approve/<int:pk>/", viewset.construct_view(ApproveView), name="approve"),
        path("return/<int:pk>/", viewset.construct_view(ReturnView), name="return"),
        path("late/<int:pk>/", viewset.construct_view(LateExceptionView), name="late_exception"),
        path("download/<int:pk>/<slug:slot>/", AttachmentDownloadView.as_view(), name="download"),
    ]


# Bulk action -------------------------------------------------------------------------------------


class PassCheckBulkAction(BulkAction):
    """Pass the administrative check of the selected entries whose status allows it; report the others."""

    display_name = _("Pass the check")
    action_type = "pass_check"
    aria_label = _("Pass the administrative check of the selected entries")
    template_name = "wagtail_kipp/admin/bulk_pass_check.html"
    action_priority = 10
    form_class = PassCheckForm
    models = [Entry]

    def dispatch(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        if isinstance(object_ids, list):
            object_ids = [pk for pk in object_ids if str(pk).isdigit()]
        entries = list(
            Entry.objects.filter(pk__in=object_ids).select_related("organisation").order_by("reference", "pk")
        )
        if not entries:
            raise Http404
        return entries

    def get_all_objects_in_listing_query(self, parent_id):
        from .entries import filter_entries

        return filter_entries(self.request, Entry.objects.all()).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        sources = TRANSITIONS["pass_check"].sources
        passable = [entry for entry in objects if entry.status in sources]
        skipped = [entry for entry in objects if entry.status not in sources]
        return passable, {**extra, "skipped": skipped}

    def annotate_items(self, items):
        flags = eligibility.flags_for_entries(items)
        for entry in items:
            entry.eligibility_flags = flags[entry.pk]
        return items

    def object_context(self, entry):
        return {"item": entry, "url": reverse("kipp_entries:inspect", args=[entry.pk])}

    def prepare_action(self, objects, objects_without_access):
        self.skipped = list(objects_without_access["skipped"])

    def get_execution_context(self):
        return {"action": self}

    @classmethod
    def execute_action(cls, objects, action=None, **kwargs):
        passed = 0
        reason = action.cleaned_form.cleaned_data.get("reason", "")
        for entry in objects:
            try:
                services.record_check(entry, action.request.user, passed=True, reason=reason)
            except services.ServiceError:
                # Changed by someone else since the confirmation page was shown.
                entry.refresh_from_db(fields=["status"])
                action.skipped.append(entry)
            else:
                passed += 1
        return passed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d entry passed the administrative check.",
            "%(count)d entries passed the administrative check.",
            num_parent_objects,
        ) % {"count": num_parent_objects}

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.skipped:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)d entry was skipped because its status does not allow passing it: %(entries)s.",
                    "%(count)d entries were skipped because their status does not allow passing them: "
                    "%(entries)s.",
                    len(self.skipped),
                )
                % {
                    "count": len(self.skipped),
                    "entries": "; ".join(
                        f"{entry.reference or entry.title} ({entry.get_status_display()})"
                        for entry in self.skipped
                    ),
                },
            )
        return response


# Registered on import, which wagtail_hooks does first; Wagtail reads bulk actions at the first request.
hooks.register("register_bulk_action", PassCheckBulkAction)
