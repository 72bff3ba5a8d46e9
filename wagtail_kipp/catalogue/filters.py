"""The catalogue's filters, expressed once as a django-filter FilterSet and reused for facet counts."""

from __future__ import annotations

import threading
from collections import OrderedDict

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    AwardLevel,
    AwardTier,
    InnovationStage,
    Organisation,
    OrganisationKind,
    SustainableDevelopmentGoal,
    Theme,
)

YES_NO = [("1", _("yes")), ("0", _("no"))]
FIRST_YEAR = 1990


def year_choices():
    return [(str(year), str(year)) for year in range(timezone.now().year + 1, FIRST_YEAR - 1, -1)]


def filter_yes_no(queryset, name, value):
    wanted = {choice == "1" for choice in value}
    if len(wanted) == 1:
        return queryset.filter(**{name: wanted.pop()})
    return queryset


class InnovationFilterSet(django_filters.FilterSet):
    """
    Filters over live innovation pages; every filter is multi-valued and also a facet.

    Values within one filter are alternatives (OR); different filters combine (AND).
    """

    year = django_filters.MultipleChoiceFilter(
        field_name="started_on__year", choices=year_choices, label=_("year started")
    )
    organisation = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation__slug",
        to_field_name="slug",
        queryset=Organisation.objects.all(),
        label=_("organisation"),
    )
    kind = django_filters.MultipleChoiceFilter(
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        label=_("kind of organisation"),
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        field_name="themes__slug",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        label=_("theme"),
    )
    sdg = django_filters.ModelMultipleChoiceFilter(
        field_name="sdgs__number",
        to_field_name="number",
        queryset=SustainableDevelopmentGoal.objects.all(),
        label=_("sustainable development goal"),
    )
    stage = django_filters.MultipleChoiceFilter(choices=InnovationStage.choices, label=_("stage"))
    digital = django_filters.MultipleChoiceFilter(
        field_name="is_digital", choices=YES_NO, method=filter_yes_no, label=_("digital")
    )
    award_level = django_filters.MultipleChoiceFilter(
        field_name="awards__level",
        choices=AwardLevel.choices,
        distinct=True,
        label=_("award level"),
    )
    award_tier = django_filters.MultipleChoiceFilter(
        field_name="awards__tier", choices=AwardTier.choices, distinct=True, label=_("award tier")
    )
    running = django_filters.MultipleChoiceFilter(
        field_name="still_running", choices=YES_NO, method=filter_yes_no, label=_("still running")
    )


#: Filter values already checked: ``{(catalogue version, FilterSet class, name, values): valid}``.
_checked: OrderedDict[tuple, bool] = OrderedDict()
_checked_lock = threading.Lock()
MAX_CHECKED = 4096


def checks_each_filter_alone(filterset_class) -> bool:
    """
    Whether the FilterSet validates each filter on its own (no ``__init__`` or form class of its own), so that
    its filters' values can be checked one filter at a time (``invalid_filters``).
    """
    return (
        filterset_class.__init__ is django_filters.FilterSet.__init__
        and filterset_class._meta.form is forms.Form
    )


def invalid_filters(filterset_class, data: QueryDict, version: int) -> list[str]:
    """
    The names of the filters of ``data`` with a value the filter's field refuses, as the FilterSet's form
    would find them; each filter's values are checked once per catalogue version and process (a version is
    renewed when an organisation, theme or SDG is created, renamed or deleted).
    """
    invalid = []
    for name, values in data.lists():
        key = (version, filterset_class, name, tuple(values))
        with _checked_lock:
            valid = _checked.get(key)
        if valid is None:
            try:
                filterset_class.base_filters[name].field.clean(values)
                valid = True
            except ValidationError:
                valid = False
            with _checked_lock:
                _checked[key] = valid
                while len(_checked) > MAX_CHECKED:
                    _checked.popitem(last=False)
        if not valid:
            invalid.append(name)
    return invalid


def forget_checked() -> None:
    """Forget every checked filter value of this process (tests; after restoring a database)."""
    with _checked_lock:
        _checked.clear()
