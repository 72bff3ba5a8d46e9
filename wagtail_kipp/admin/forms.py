"""Admin forms: the round page reads stage times in the round's zone and checks stages and groups."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

STAGE_MOMENTS = ("opens_at", "closes_at")


def _kept_values(formset, field: str) -> list:
    return [
        form.cleaned_data.get(field)
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def _zone(name: str | None):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class CompetitionPageForm(WagtailAdminPageForm):
    """
    Stage times are typed and shown as wall-clock times of the round's timezone, whatever the editor's.

    Also refuses two stages of one kind or two groups with one slug, with a message instead of an error page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.instance.timezone)
        stages = self.formsets.get("stages")
        if zone is None or stages is None:
            return
        label = self.instance.timezone_label
        for form in stages.forms:
            for name in STAGE_MOMENTS:
                form.fields[name].help_text = _("In the round's timezone (%(zone)s).") % {"zone": label}
                value = getattr(form.instance, name, None)
                if value:
                    form.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def _stage_times_in_round_zone(self, stages, zone) -> None:
        """The fields made typed times aware in the editor's zone: keep the wall clock, use the round's."""
        for form in stages.forms:
            data = getattr(form, "cleaned_data", None) or {}
            for name in STAGE_MOMENTS:
                value = data.get(name)
                if value is None:
                    continue
                moment = timezone.make_aware(timezone.localtime(value).replace(tzinfo=None), zone)
                data[name] = moment
                setattr(form.instance, name, moment)

    def clean(self):
        cleaned_data = super().clean()
        stages = self.formsets.get("stages")
        if stages is not None and stages.is_valid():
            zone = _zone(cleaned_data.get("timezone"))
            if zone is not None:
                self._stage_times_in_round_zone(stages, zone)
            kinds = _kept_values(stages, "kind")
            if len(kinds) != len(set(kinds)):
                self.add_error(None, _("A round can have each kind of stage only once."))
        groups = self.formsets.get("entry_groups")
        if groups is not None and groups.is_valid():
            slugs = _kept_values(groups, "slug")
            if len(slugs) != len(set(slugs)):
                self.add_error(None, _("Each entry group of a round needs its own slug."))
        self._check_criteria_of_scored_stages()
        return cleaned_data

    def _check_criteria_of_scored_stages(self) -> None:
        """Refuse changing the criteria of a stage that jurors have started scoring (scores would drift)."""
        criteria = self.formsets.get("criteria")
        if criteria is None or not self.instance.pk or not criteria.is_valid():
            return
        from ..models import Assignment, ReviewStatus

        scored = set(
            Assignment.objects.filter(entry__competition_id=self.instance.pk)
            .exclude(status=ReviewStatus.NOT_STARTED)
            .values_list("stage_kind", flat=True)
        )
        if not scored:
            return
        touched = set()
        for form in criteria.forms:
            data = getattr(form, "cleaned_data", None) or {}
            original = form.instance.stage_kind if form.instance.pk else None
            if form.instance.pk and (data.get("DELETE") or form.has_changed()):
                touched |= {original, data.get("stage_kind")}
            elif not form.instance.pk and data and not data.get("DELETE"):
                touched.add(data.get("stage_kind"))
        labels = dict(self.instance.stages.model._meta.get_field("kind").choices)
        for kind in sorted(touched & scored):
            self.add_error(
                None,
                _("Jurors have started scoring %(stage)s: its criteria can no longer change.")
                % {"stage": labels.get(kind, kind)},
            )
