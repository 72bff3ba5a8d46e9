"""The secretariat opens a proposal for an organisation, e.g. in an invitation-only (khusus) group."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from ..judging import services
from ..judging.permissions import is_secretariat
from ..models import CompetitionPage, EntryGroup, Organisation


class OpenEntryForm(forms.Form):
    competition = forms.ModelChoiceField(label=_("Round"), queryset=CompetitionPage.objects.none())
    group = forms.ModelChoiceField(label=_("Group"), queryset=EntryGroup.objects.none())
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.active())
    title = forms.CharField(label=_("Working title of the innovation"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competition"].queryset = CompetitionPage.objects.filter(locale=Locale.get_default())
        self.fields["group"].queryset = EntryGroup.objects.select_related("competition")
        self.fields["group"].label_from_instance = lambda g: f"{g.competition.title} – {g.display_name}"

    def clean(self):
        cleaned_data = super().clean()
        group, competition = cleaned_data.get("group"), cleaned_data.get("competition")
        if group and competition and group.competition_id != competition.pk:
            self.add_error("group", _("This group does not belong to the round."))
        return cleaned_data


class OpenEntryView(WagtailAdminTemplateMixin, FormView):
    """A draft the organisation's operators then write and submit in the portal."""

    template_name = "wagtail_kipp/admin/form_action.html"
    form_class = OpenEntryForm
    page_title = _("Open a proposal for an organisation")
    header_icon = "form"
    index_url_name = "kipp_entries:index"

    def setup(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intro=gettext(
                "For groups that are open by invitation only, or to help an organisation start. "
                "Its operators write and submit the proposal in the entrant portal."
            ),
            submit_label=gettext("Open the proposal"),
            cancel_url=reverse(self.index_url_name),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            entry = services.create_entry(
                self.request.user, data["competition"], data["organisation"], data["group"], data["title"]
            )
        except services.ServiceError as error:
            form.add_error(None, " ".join(error.messages))
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Proposal “%(title)s” opened for %(organisation)s.")
            % {"title": entry.title, "organisation": entry.organisation},
        )
        return redirect("kipp_entries:inspect", entry.pk)
