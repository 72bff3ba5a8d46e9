"""The package's models, one module per topic, re-exported here."""

from .base import BasePage, get_base_page_model
from .catalogue import InnovationIndexPage, InnovationIndexPageMixin
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
from .names import BilingualNameMixin
from .organisations import Organisation, OrganisationKind
from .settings import IndonesianTimezone, KippSettings
from .taxonomy import SustainableDevelopmentGoal, Theme

__all__ = [
    "WINNING_TIERS",
    "Award",
    "AwardLevel",
    "AwardTier",
    "BasePage",
    "BilingualNameMixin",
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
    "KippSettings",
    "Organisation",
    "OrganisationKind",
    "SustainableDevelopmentGoal",
    "Theme",
    "get_base_page_model",
]
