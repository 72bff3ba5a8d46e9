"""Labels of choice fields read from a per-language table, not rebuilt on every ``get_FOO_display()`` call."""

from __future__ import annotations

from django.utils.translation import get_language

#: ``{(field, language): {value: label}}``: a few fields times the site's languages.
_labels: dict[tuple, dict] = {}


def choice_labels(field) -> dict:
    """The labels of ``field``'s choices in the active language, by value."""
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {value: str(label) for value, label in field.flatchoices}
    return labels


class ChoiceLabelsMixin:
    """
    A model mixin whose ``get_FOO_display()`` methods look the label up in ``choice_labels``.

    Django's own builds a dictionary of the field's choices on each call, hashing every lazy label (one
    translation lookup each): about a millisecond per catalogue card, with its stage and awards' tiers.
    """

    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
        value = getattr(self, field.attname)
        try:
            return choice_labels(field)[value]
        except (KeyError, TypeError):  # a value outside the choices, or one that cannot be hashed
            return super()._get_FIELD_display(field)
