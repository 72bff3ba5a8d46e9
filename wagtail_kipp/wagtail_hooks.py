"""Wagtail hooks: admin menus, audit-log actions, and logging of organisation (de)activation."""

from wagtail import hooks
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet

from . import log_actions
from .admin.competition import CompetitionViewSetGroup, JuryViewSetGroup
from .admin.viewsets import KippViewSetGroup
from .models import Organisation

register_snippet(KippViewSetGroup)


@hooks.register("register_admin_viewset")
def register_competition_viewsets():
    return CompetitionViewSetGroup()


@hooks.register("register_admin_viewset")
def register_jury_viewsets():
    return JuryViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions)


@hooks.register("after_edit_snippet")
def log_organisation_activation(request, instance):
    if isinstance(instance, Organisation) and instance.active_changed:
        verb = "activate" if instance.active else "deactivate"
        log(instance, f"wagtail_kipp.organisation.{verb}", user=request.user)
