"""The audit-log actions this package writes (``wagtail_kipp.<object>.<verb>``), registered in one place."""

from django.utils.translation import gettext_lazy as _

#: action -> (label, past-tense message)
LOG_ACTIONS = {
    "wagtail_kipp.organisation.activate": (_("Activate organisation"), _("Organisation activated")),
    "wagtail_kipp.organisation.deactivate": (
        _("Deactivate organisation"),
        _("Organisation deactivated"),
    ),
}


def register(actions) -> None:
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
