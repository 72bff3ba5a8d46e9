"""The package's models, one module per topic, re-exported here."""

from .base import BasePage, get_base_page_model
from .catalogue import InnovationIndexPage, InnovationIndexPageMixin
from .competitions import (
    CompetitionPage,
    CompetitionPageMixin,
    EntryGroup,
    GroupKind,
    ReferenceCounter,
    Stage,
    StageKind,
)
from .entries import EDITABLE_STATUSES, Entry, EntryAttachment, EntryConflict, EntryStatus
from .innovations import (
    WINNING_TIERS,
    Award,
    AwardLevel,
    AwardTier,
    Initiator,
    InnovationDocument,
    InnovationForm,
    InnovationGalleryImage,
    InnovationPage,
    InnovationPageMixin,
    InnovationStage,
)
from .memberships import Invitation, Membership, MembershipRole
from .names import BilingualNameMixin
from .organisations import Organisation, OrganisationKind
from .proposals import AttachmentSlot, FileType, ProposalTemplate, TemplateSection
from .settings import IndonesianTimezone, KippSettings
from .taxonomy import SustainableDevelopmentGoal, Theme

__all__ = [
    "EDITABLE_STATUSES",
    "WINNING_TIERS",
    "AttachmentSlot",
    "Award",
    "AwardLevel",
    "AwardTier",
    "BasePage",
    "BilingualNameMixin",
    "CompetitionPage",
    "CompetitionPageMixin",
    "Entry",
    "EntryAttachment",
    "EntryConflict",
    "EntryGroup",
    "EntryStatus",
    "FileType",
    "GroupKind",
    "IndonesianTimezone",
    "Initiator",
    "InnovationDocument",
    "InnovationForm",
    "InnovationGalleryImage",
    "InnovationIndexPage",
    "InnovationIndexPageMixin",
    "InnovationPage",
    "InnovationPageMixin",
    "InnovationStage",
    "Invitation",
    "KippSettings",
    "Membership",
    "MembershipRole",
    "Organisation",
    "OrganisationKind",
    "ProposalTemplate",
    "ReferenceCounter",
    "Stage",
    "StageKind",
    "SustainableDevelopmentGoal",
    "TemplateSection",
    "Theme",
    "get_base_page_model",
]
