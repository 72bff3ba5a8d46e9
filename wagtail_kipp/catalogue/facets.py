"""Facet counts: for each filter, how many innovations each option would match under the other filters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from ..models import AwardLevel, AwardTier, InnovationStage, OrganisationKind
from ..models.names import pick_name
from .filters import YES_NO


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    colour: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    #: Options left out of ``options`` because the facet is shortened (see ``shortened``).
    hidden_count: int = 0
    #: Links to show every option, or the shortened list again (set by the catalogue).
    more_url: str = ""
    less_url: str = ""

    @property
    def selected_options(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]

    def shortened(self, limit: int) -> Facet:
        """
        The ``limit`` options with the most innovations (and every selected one), most first.

        A province lists a thousand organisations: rendering them all on every catalogue page would cost more
        than everything else on it.
        """
        if len(self.options) <= limit:
            return self
        ranked = sorted(self.options, key=lambda option: (-option.count, option.label))
        shown = ranked[:limit] + [option for option in ranked[limit:] if option.selected]
        return Facet(self.name, self.label, shown, hidden_count=len(self.options) - len(shown))


@dataclass(frozen=True)
class FacetSpec:
    """How one filter of the FilterSet is counted: the field grouped by and how a row is labelled."""

    value_field: str
    label_fields: tuple[str, ...] = ()
    label: Callable[[dict[str, Any]], str] = lambda row: ""
    sort_key: Callable[[FacetOption, dict[str, Any]], Any] = lambda option, row: option.label
    colour_field: str = ""
    #: Shorten the facet to its ``CATALOGUE_FACET_OPTIONS`` largest options, with a link to show all.
    shorten: bool = False


def _choice_spec(value_field: str, choices) -> FacetSpec:
    labels = dict(choices)
    order = {value: position for position, value in enumerate(labels)}
    return FacetSpec(
        value_field=value_field,
        label=lambda row: str(labels.get(row[value_field], row[value_field])),
        sort_key=lambda option, row: order.get(option.value, len(order)),
    )


def _yes_no_spec(value_field: str) -> FacetSpec:
    labels = dict(YES_NO)
    return FacetSpec(
        value_field=value_field,
        label=lambda row: str(labels["1" if row[value_field] else "0"]),
        sort_key=lambda option, row: option.value != "1",
    )


FACETS: dict[str, FacetSpec] = {
    "year": FacetSpec(
        value_field="started_on__year",
        label=lambda row: str(row["started_on__year"]),
        sort_key=lambda option, row: -int(option.value),
    ),
    "organisation": FacetSpec(
        value_field="organisation__slug",
        label_fields=("organisation__name", "organisation__acronym"),
        shorten=True,
        label=lambda row: (
            f"{row['organisation__name']} ({row['organisation__acronym']})"
            if row["organisation__acronym"]
            else row["organisation__name"]
        ),
    ),
    "kind": _choice_spec("organisation__kind", OrganisationKind.choices),
    "theme": FacetSpec(
        value_field="themes__slug",
        label_fields=("themes__name", "themes__name_en", "themes__sort_order"),
        label=lambda row: pick_name(row["themes__name"], row["themes__name_en"]),
        sort_key=lambda option, row: (row["themes__sort_order"], option.label),
    ),
    "sdg": FacetSpec(
        value_field="sdgs__number",
        label_fields=("sdgs__name", "sdgs__name_en", "sdgs__colour"),
        label=lambda row: f"{row['sdgs__number']}. {pick_name(row['sdgs__name'], row['sdgs__name_en'])}",
        sort_key=lambda option, row: int(option.value),
        colour_field="sdgs__colour",
    ),
    "stage": _choice_spec("stage", InnovationStage.choices),
    "digital": _yes_no_spec("is_digital"),
    "award_level": _choice_spec("awards__level", AwardLevel.choices),
    "award_tier": _choice_spec("awards__tier", AwardTier.choices),
    "running": _yes_no_spec("still_running"),
}


def _as_value(raw: Any) -> str:
    if isinstance(raw, bool):
        return "1" if raw else "0"
    return str(raw)


def count_facet(
    spec: FacetSpec, queryset: QuerySet, selected: set[str]
) -> list[tuple[FacetOption, dict[str, Any]]]:
    """One GROUP BY query: the options of one facet with their counts within ``queryset``."""
    rows = (
        queryset.order_by()
        .filter(**{f"{spec.value_field}__isnull": False})
        .values(spec.value_field, *spec.label_fields)
        .annotate(count=Count("pk", distinct=True))
    )
    return [make_option(spec, _as_value(row[spec.value_field]), row, row["count"], selected) for row in rows]


def facet_rows(queryset: QuerySet, specs: Mapping[str, FacetSpec]) -> dict[str, dict[str, dict[str, Any]]]:
    """
    For every facet, the row of label data of each value (as ``make_option`` reads it): what an engine's
    counts, which carry values only, are labelled and ordered with.

    Read from the small related tables where a facet is a field of one (organisations, themes, goals, awards),
    built from the value itself where the facet has no label fields, and only otherwise from ``queryset``.
    """
    return {name: _rows_of(queryset, spec) for name, spec in specs.items()}


class ValueRows(Mapping):
    """The rows of a facet without label fields on the listed model itself: each row is its value, typed."""

    def __init__(self, value_field: str, kind: str):
        self.value_field, self.kind = value_field, kind

    def __getitem__(self, value: str) -> dict[str, Any]:
        if self.kind == "bool":
            return {self.value_field: value == "1"}
        if self.kind == "int":
            return {self.value_field: int(value)}
        return {self.value_field: value}

    def __contains__(self, value) -> bool:
        return isinstance(value, str) and (self.kind != "int" or value.lstrip("-").isdigit())

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


def _rows_of(queryset: QuerySet, spec: FacetSpec) -> Mapping[str, dict[str, Any]]:
    model = queryset.model
    relation, _sep, field_name = spec.value_field.partition("__")
    field = _field(model, relation)
    if field is not None and not field.is_relation and not spec.label_fields:
        if field_name in ("year", "month", "day"):
            return ValueRows(spec.value_field, "int")
        if not field_name:
            kind = "bool" if field.get_internal_type() == "BooleanField" else "str"
            return ValueRows(spec.value_field, kind)
    if field is not None and field.is_relation and field_name and "__" not in field_name:
        related = field.related_model
        labels = [name.removeprefix(f"{relation}__") for name in spec.label_fields]
        if all(
            name.startswith(f"{relation}__") and "__" not in label
            for name, label in zip(spec.label_fields, labels, strict=True)
        ) and all(_field(related, name) is not None for name in (field_name, *labels)):
            rows = {}
            for record in related._default_manager.order_by().values_list(field_name, *labels).distinct():
                keys = (spec.value_field, *spec.label_fields)
                rows.setdefault(_as_value(record[0]), dict(zip(keys, record, strict=True)))
            return rows
    fields = (spec.value_field, *spec.label_fields)
    found: dict[str, dict[str, Any]] = {}
    records = (
        queryset.order_by().filter(**{f"{spec.value_field}__isnull": False}).values_list(*fields).distinct()
    )
    for record in records:
        found.setdefault(_as_value(record[0]), dict(zip(fields, record, strict=True)))
    return found


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a transform such as ``year``
        return None


def make_option(
    spec: FacetSpec, value: str, row: dict[str, Any], count: int, selected: set[str]
) -> tuple[FacetOption, dict[str, Any]]:
    """One counted option of a facet, with the row its label and order come from."""
    colour = row.get(spec.colour_field, "") if spec.colour_field else ""
    option = FacetOption(
        value=value, label=spec.label(row), count=count, selected=value in selected, colour=colour
    )
    return option, row


def build_facet(
    name: str,
    spec: FacetSpec,
    counted: list[tuple[FacetOption, dict[str, Any]]],
    selected: set[str],
    label: str,
    fallback_label: Callable[[str, str], str],
) -> Facet:
    """The facet of the counted options in the spec's order, plus selected values without any innovation."""
    seen = {option.value for option, _row in counted}
    options = [option for option, _row in sorted(counted, key=lambda pair: spec.sort_key(*pair))]
    options += [
        FacetOption(value=value, label=fallback_label(name, value), count=0, selected=True)
        for value in sorted(selected - seen)
    ]
    return Facet(name=name, label=label, options=options)


def apply_filters(filterset, queryset: QuerySet, exclude: str | None = None) -> QuerySet:
    """Apply a validated FilterSet's filters to ``queryset``, leaving out the filter named ``exclude``."""
    for name, value in filterset.form.cleaned_data.items():
        if name != exclude:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def compute_facets(
    filterset,
    queryset: QuerySet,
    labels: Mapping[str, str],
    specs: Mapping[str, FacetSpec] = FACETS,
    fallback_label: Callable[[str, str], str] = lambda name, value: value,
) -> list[Facet]:
    """
    Count every facet under all active filters except its own (disjunctive faceting).

    ``filterset`` is bound to valid data only; ``queryset`` is the catalogue's base (already narrowed
    by a search, if any). Selected options are kept even when their count is zero.
    """
    data = filterset.data
    # Every active filter narrows the counts, including filters that are not shown as facets.
    active = {name for name in filterset.filters if data.getlist(name)}
    facets = []
    for name, spec in specs.items():
        selected = set(data.getlist(name))
        if active - {name}:
            narrowed = apply_filters(filterset, queryset, exclude=name)
            scope = queryset.model._default_manager.filter(pk__in=narrowed.values("pk"))
        else:
            scope = queryset
        counted = count_facet(spec, scope, selected)
        facets.append(build_facet(name, spec, counted, selected, str(labels[name]), fallback_label))
    return facets
