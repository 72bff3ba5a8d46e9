"""Forms of the jury portal: the score sheet, the integrity pledge, conflicts, evidence, chair actions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Assignment, Criterion, CriterionKind, Recommendation

VALUE_PREFIX = "value_"
COMMENT_PREFIX = "comment_"


def plain_number(value: Decimal | None) -> str:
    """A stored score as a juror typed it: ``7`` rather than ``7.00``, ``7.5`` rather than ``7.50``."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class ReviewForm(forms.Form):
    """
    One juror's score sheet: per criterion a value on its scale (yes/no for a checklist item) and a comment,
    then an overall comment and a recommendation. ``version`` is the version of the sheet the juror opened.

    Values outside a criterion's scale are form errors, so nothing is saved until they are corrected.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    overall_comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Strengths, weaknesses and anything the panel should discuss."),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", _("— choose —")), *Recommendation.choices],
    )

    def __init__(self, data=None, *, criteria: list[Criterion], **kwargs):
        super().__init__(data, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[VALUE_PREFIX + criterion.key] = self.value_field(criterion)
            self.fields[COMMENT_PREFIX + criterion.key] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.display_name},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields(["version", *self.criterion_field_names(), "overall_comment", "recommendation"])

    def criterion_field_names(self) -> list[str]:
        return [prefix + c.key for c in self.criteria for prefix in (VALUE_PREFIX, COMMENT_PREFIX)]

    def value_field(self, criterion: Criterion) -> forms.Field:
        """The form field of one criterion's value; may be overridden (for example for a slider)."""
        label = _("Score for %(criterion)s") % {"criterion": criterion.display_name}
        attrs = {
            "data-kipp-weight": str(criterion.weight),
            "data-kipp-low": str(criterion.low),
            "data-kipp-high": str(criterion.high),
        }
        if criterion.kind == CriterionKind.CHECK:
            return forms.TypedChoiceField(
                label=label,
                required=False,
                choices=[("1", _("Yes")), ("0", _("No"))],
                coerce=Decimal,
                empty_value=None,
                widget=forms.RadioSelect(attrs=attrs),
            )
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=Decimal(criterion.low),
            max_value=Decimal(criterion.high),
            max_digits=7,
            decimal_places=2,
            widget=forms.NumberInput(attrs={**attrs, "inputmode": "decimal"}),
        )

    @classmethod
    def initial_for(cls, assignment: Assignment) -> dict:
        """The saved sheet as the form's initial values."""
        initial = {
            "version": assignment.version,
            "overall_comment": assignment.overall_comment,
            "recommendation": assignment.recommendation,
        }
        for score in assignment.scores.all():
            initial[VALUE_PREFIX + score.criterion_key] = plain_number(score.value)
            initial[COMMENT_PREFIX + score.criterion_key] = score.comment
        return initial

    def rows(self) -> list[dict]:
        """Per criterion, for the template: the criterion and its bound value and comment fields."""
        return [
            {
                "criterion": criterion,
                "value": self[VALUE_PREFIX + criterion.key],
                "comment": self[COMMENT_PREFIX + criterion.key],
                "is_check": criterion.kind == CriterionKind.CHECK,
            }
            for criterion in self.criteria
        ]

    def values(self) -> dict[str, Decimal | None]:
        return {c.key: self.cleaned_data.get(VALUE_PREFIX + c.key) for c in self.criteria}

    def comments(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(COMMENT_PREFIX + c.key) or "" for c in self.criteria}


class PledgeForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read the integrity pledge and I accept it."),
        required=True,
        error_messages={"required": _("Tick the box to accept the pledge.")},
    )


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: you work for or advise the organisation, you helped write the proposal, or a "
            "relative is on the innovation team. Only the chair and the secretariat read this."
        ),
        error_messages={"required": _("Say briefly why you have a conflict of interest.")},
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("A JPEG or PNG photo, or a PDF document."),
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        max_length=2000,
        error_messages={"required": _("Give a reason for reopening the review.")},
    )


class CloseScoringForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that jurors can no longer change their scores once scoring is closed."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
