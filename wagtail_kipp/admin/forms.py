"""Admin forms: the round page's form checks its stages and groups before anything is saved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def _kept_values(formset, field: str) -> list:
    return [
        form.cleaned_data.get(field)
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class CompetitionPageForm(WagtailAdminPageForm):
    """Refuses two stages of one kind or two groups with one slug, with a message instead of an error page."""

    def clean(self):
        cleaned_data = super().clean()
        stages = self.formsets.get("stages")
        if stages is not None and stages.is_valid():
            kinds = _kept_values(stages, "kind")
            if len(kinds) != len(set(kinds)):
                self.add_error(None, _("A round can have each kind of stage only once."))
        groups = self.formsets.get("entry_groups")
        if groups is not None and groups.is_valid():
            slugs = _kept_values(groups, "slug")
            if len(slugs) != len(set(slugs)):
                self.add_error(None, _("Each entry group of a round needs its own slug."))
        return cleaned_data
