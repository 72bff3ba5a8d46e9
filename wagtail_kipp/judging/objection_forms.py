"""
The public objection form (*formulir sanggahan*) of a round's objection window, and its receipt page.

Mounted on the round page as the sub-routes ``sanggah/`` (``objection``) and ``sanggah/terkirim/<uuid>/``
(``objection_done``). Works without JavaScript; the objection itself is filed by
:func:`.objections.file_objection`.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..conf import settings as kipp_settings
from ..models import CompetitionPage, Entry, Objection, StageKind
from ..models.proposals import FileType
from . import objections
from .services import NotAllowed, ServiceError

#: Largest evidence file accepted with an objection.
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

#: The kinds of evidence file accepted, checked by content.
EVIDENCE_TYPES = (FileType.PDF, FileType.JPEG, FileType.PNG)

#: Shortest grounds accepted (the service checks it too).
GROUNDS_MIN_CHARS = 20

#: Name of the field that people leave empty and form-filling robots do not.
HONEYPOT_FIELD = "website"

FORM_TEMPLATE = "wagtail_kipp/objection_form.html"
DONE_TEMPLATE = "wagtail_kipp/objection_done.html"


class FinalistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Entry) -> str:
        return " - ".join(part for part in (obj.reference, obj.title, str(obj.organisation)) if part)


class ObjectionForm(forms.Form):
    """An objection against one of the round's published finalists."""

    filer_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    filer_email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy("The secretariat tells you the outcome at this address."),
    )
    filer_phone = forms.CharField(
        label=gettext_lazy("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    entry = FinalistChoiceField(
        label=gettext_lazy("The finalist you object to"),
        queryset=Entry.objects.none(),
        empty_label=gettext_lazy("Choose a finalist"),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the finalists of this round.")},
    )
    grounds = forms.CharField(
        label=gettext_lazy("Grounds of the objection"),
        help_text=gettext_lazy(
            "What is wrong, and how you know it: for example that the innovation is not running, or "
            "that the proposal is not true. At least 20 characters."
        ),
        min_length=GROUNDS_MIN_CHARS,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    evidence = forms.FileField(
        label=gettext_lazy("Evidence (optional)"),
        help_text=gettext_lazy("One PDF, JPEG or PNG file of at most 5 MB."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, competition: CompetitionPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition
        self.evidence_type = ""
        self.fields["entry"].queryset = objections.finalists(competition).select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            # People do not see the field (it is moved off screen); robots fill every field in.
            raise ValidationError(_("Your objection could not be accepted. Leave the last field empty."))
        return cleaned

    def clean_evidence(self):
        from ..entrant_portal import uploads

        evidence = self.cleaned_data.get("evidence")
        if not evidence:
            return None
        slot = {"max_size_bytes": EVIDENCE_MAX_BYTES, "allowed_types": [str(kind) for kind in EVIDENCE_TYPES]}
        try:
            checked = uploads.check_upload(evidence, slot)
        except uploads.UploadRefused as error:
            raise ValidationError(error.messages) from None
        evidence.name = checked.original_name
        evidence.seek(0)
        self.evidence_type = checked.file_type
        return evidence


def _context(page: CompetitionPage, request, **extra) -> dict:
    return {
        "page": page,
        "self": page,
        "request": request,
        "kipp_base_template": kipp_settings.BASE_TEMPLATE,
        "round_url": page.get_url(request),
        "now": timezone.now(),
        **extra,
    }


def _closed(page, request, competition, stage, *, refused: str = "", status: int = 200):
    return TemplateResponse(
        request,
        FORM_TEMPLATE,
        _context(page, request, stage=stage, competition=competition, closed=True, refused=refused),
        status=status,
    )


def objection_view(page: CompetitionPage, request):
    """Show the form while the window is open, file the objection on POST, else say the window is closed."""
    competition = page.results_round()
    stage = competition.get_stage(StageKind.OBJECTION)
    if stage is None:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    closed_message = _("The objection period of this round is not open.")
    if not objections.window_open(competition):
        if request.method == "POST":
            return _closed(page, request, competition, stage, refused=closed_message, status=403)
        return _closed(page, request, competition, stage)
    status = 200
    if request.method == "POST":
        try:
            form = ObjectionForm(request.POST, request.FILES, competition=competition)
            valid = form.is_valid()
        except (MultiPartParserError, UnreadablePostError):
            form = ObjectionForm(competition=competition)
            form.add_error(None, _("The form was interrupted before all of it arrived. Send it again."))
            valid = False
        if valid:
            data = form.cleaned_data
            try:
                objection = objections.file_objection(
                    competition,
                    data["entry"],
                    filer_name=data["filer_name"],
                    filer_email=data["filer_email"],
                    filer_phone=data["filer_phone"],
                    grounds=data["grounds"],
                    evidence=data["evidence"],
                    evidence_type=form.evidence_type,
                )
            except NotAllowed as error:
                return _closed(
                    page, request, competition, stage, refused=" ".join(error.messages), status=403
                )
            except ServiceError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return redirect(
                    page.get_url(request) + page.reverse_subpage("objection_done", args=[objection.uuid])
                )
        status = 400
    else:
        form = ObjectionForm(competition=competition)
    return TemplateResponse(
        request,
        FORM_TEMPLATE,
        _context(page, request, form=form, stage=stage, competition=competition, closed=False),
        status=status,
    )


def objection_done_view(page: CompetitionPage, request, receipt):
    """The receipt: the objection's number and the finalist it concerns (nothing of the filer)."""
    competition = page.results_round()
    objection = (
        Objection.objects.filter(competition=competition, uuid=receipt)
        .select_related("entry")
        .only("uuid", "created_at", "competition_id", "entry__title", "entry__reference")
        .first()
    )
    if objection is None:
        raise Http404
    return TemplateResponse(
        request,
        DONE_TEMPLATE,
        _context(page, request, objection=objection, competition=competition),
    )
