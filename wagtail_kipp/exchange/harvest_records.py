"""
The innovation records a harvest takes in, as pydantic models: the fields of the open data API's
``Innovation`` (``wagtail_kipp.api.schemas``) that a hub keeps, with this site's limits.

Read tolerantly, as the API asks: unknown fields and unknown description blocks are ignored. A value this
site cannot store (a stage or award tier it does not know, a title longer than its pages allow) makes the
record invalid: it is skipped and reported, never stored cut short.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..models import AwardLevel, AwardTier, Initiator, InnovationForm, InnovationStage, OrganisationKind

Text = Annotated[str, Field(max_length=255)]
Name = Annotated[str, Field(min_length=1, max_length=255)]
Slug = Annotated[str, Field(min_length=1, max_length=255)]
LanguageCode = Annotated[str, Field(max_length=20, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class OrganisationRef(Record):
    slug: Slug
    name: Text = ""


class OrganisationRecord(Record):
    slug: Slug
    name: Name
    acronym: Annotated[str, Field(max_length=40)] = ""
    kind: str = OrganisationKind.OTHER
    parent: OrganisationRef | None = None
    website: str = ""
    region: Text = ""

    @field_validator("kind")
    @classmethod
    def known_kind(cls, value: str) -> str:
        # A kind this site does not know is still an organisation: it becomes "other".
        return value if value in OrganisationKind.values else OrganisationKind.OTHER


class ThemeRecord(Record):
    slug: Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[-\w]+$")]
    name: Name
    name_en: Text = ""


class GoalRecord(Record):
    number: Annotated[int, Field(ge=1, le=17)]


class AwardRecord(Record):
    year: Annotated[int, Field(ge=2000, le=2100)]
    competition: Name
    level: AwardLevel
    tier: AwardTier
    note: Text = ""


class SectionBlock(Record):
    type: Literal["section"]
    heading: Annotated[str, Field(max_length=200)] = ""
    html: str = ""


class FigureBlock(Record):
    type: Literal["figure"]
    caption: Text = ""


class ResultBlock(Record):
    type: Literal["result"]
    label: Annotated[str, Field(min_length=1, max_length=120)]
    before: Annotated[str, Field(max_length=80)] = ""
    after: Annotated[str, Field(min_length=1, max_length=80)]


class VideoBlock(Record):
    type: Literal["video"]
    url: str


class QuoteBlock(Record):
    type: Literal["quote"]
    text: str


BodyBlock = Annotated[
    SectionBlock | FigureBlock | ResultBlock | VideoBlock | QuoteBlock, Field(discriminator="type")
]
BLOCK_TYPES = frozenset({"section", "figure", "result", "video", "quote"})


class InnovationRecord(Record):
    """One innovation as the source's API gives it (``GET /v1/innovations``), the fields a hub keeps."""

    id: uuid.UUID
    locale: LanguageCode
    title: Name
    slug: Annotated[str, Field(max_length=255)] = ""
    url: str | None = None
    summary: Annotated[str, Field(max_length=2000)]
    body: list[BodyBlock] = []
    organisation: OrganisationRecord
    themes: list[ThemeRecord] = []
    sdgs: list[GoalRecord] = []
    stage: InnovationStage
    innovation_form: InnovationForm = InnovationForm.PUBLIC_SERVICE
    initiator: Initiator = Initiator.DEPARTMENT
    is_digital: bool = False
    still_running: bool = True
    started_on: datetime.date
    video_url: str = ""
    awards: list[AwardRecord] = []
    replicated_elsewhere: list[Annotated[str, Field(max_length=255)]] = []
    last_published_at: datetime.datetime | None = None

    @field_validator("body", mode="before")
    @classmethod
    def known_blocks(cls, value: Any) -> Any:
        # Blocks of a newer version of the API are left out; the known ones are checked.
        if isinstance(value, list):
            return [item for item in value if not isinstance(item, dict) or item.get("type") in BLOCK_TYPES]
        return value

    @field_validator("last_published_at")
    @classmethod
    def aware(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("a date and time without its offset")
        return value

    @property
    def key(self) -> tuple[str, str]:
        """The record's key on every portal: its stable id and its language."""
        return str(self.id), self.locale


def describe_error(error: ValidationError, most: int = 3) -> str:
    """A validation error in one line: the first ``most`` problems, each with where it is."""
    parts = []
    for problem in error.errors()[:most]:
        where = ".".join(str(part) for part in problem["loc"]) or "record"
        parts.append(f"{where}: {problem['msg']}")
    more = error.error_count() - most
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def record_label(raw: Any) -> dict[str, str]:
    """What a report can say of a raw record that did not validate: its id, language and title, if any."""
    if not isinstance(raw, dict):
        return {"id": "", "locale": "", "title": ""}
    return {key: str(raw.get(key) or "")[:200] for key in ("id", "locale", "title")}
