"""The secretariat's jury screens: panel, conflicts of interest, assignment, interviews, field visits."""

from .jury_assignment import AssignmentViewSet
from .jury_conflicts import ConflictViewSet
from .jury_panel import PanelMemberViewSet
from .jury_schedule import FieldVisitViewSet, InterviewSlotViewSet

#: The items of the admin menu group "Jury" (see :mod:`wagtail_kipp.admin.competition`).
VIEWSETS: list = [
    PanelMemberViewSet,
    AssignmentViewSet,
    ConflictViewSet,
    InterviewSlotViewSet,
    FieldVisitViewSet,
]
