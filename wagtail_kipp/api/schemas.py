"""The API's answers as schemas: what a re-user may rely on, and what the OpenAPI document describes."""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Literal

from ninja import Field, Schema

from ..models import (
    AwardLevel,
    AwardTier,
    GroupKind,
    Initiator,
    InnovationForm,
    InnovationStage,
    ObjectionStatus,
    OrganisationKind,
    StageKind,
)
from .pagination import ListPage

STABLE_ID = (
    "Stable id: the page's translation key, kept when the page is edited, re-published or moved, and shared "
    "by its translations. Together with `locale` it names one page."
)


class Image(Schema):
    url: str = Field(description="Absolute URL of a rendition of the image.")
    width: int
    height: int
    alt: str = Field(description="Text alternative; empty for a decorative image.")


class OrganisationRef(Schema):
    slug: str
    name: str


class Organisation(Schema):
    slug: str = Field(description="Stable id of the organisation on this site (its catalogue filter value).")
    name: str
    acronym: str
    kind: OrganisationKind
    parent: OrganisationRef | None = Field(description="The department a service unit belongs to.")
    website: str
    region: str = Field(description="The government of the portal (its KIPP settings); empty when not set.")


class Theme(Schema):
    slug: str
    name: str = Field(description="Name in Indonesian.")
    name_en: str = Field(description="Name in English; empty when not given.")


class Goal(Schema):
    number: int = Field(description="Number of the Sustainable Development Goal, 1 to 17.")
    name: str
    name_en: str


class Award(Schema):
    year: int
    competition: str
    level: AwardLevel
    tier: AwardTier
    note: str


class Translation(Schema):
    locale: str
    url: str | None = Field(description="Absolute URL of the public page.")
    api_url: str


class PageRef(Schema):
    id: uuid.UUID = Field(description=STABLE_ID)
    locale: str
    title: str
    url: str | None
    api_url: str


class SectionBlock(Schema):
    type: Literal["section"]
    heading: str
    html: str = Field(description="Rich text as HTML; links point to public URLs.")


class FigureBlock(Schema):
    type: Literal["figure"]
    image: Image
    caption: str


class ResultBlock(Schema):
    type: Literal["result"]
    label: str = Field(description="What was measured.")
    before: str
    after: str


class VideoBlock(Schema):
    type: Literal["video"]
    url: str


class QuoteBlock(Schema):
    type: Literal["quote"]
    text: str


BodyBlock = Annotated[
    SectionBlock | FigureBlock | ResultBlock | VideoBlock | QuoteBlock, Field(discriminator="type")
]


class GalleryImage(Schema):
    image: Image
    caption: str


class Document(Schema):
    title: str
    url: str = Field(description="Absolute URL of the file.")
    extension: str


class Innovation(Schema):
    """One innovation record, as its public page shows it (without personal names)."""

    id: uuid.UUID = Field(description=STABLE_ID)
    locale: str = Field(description="Language of the page, a content language code such as id or en.")
    title: str
    slug: str
    url: str | None = Field(description="Absolute URL of the public page.")
    api_url: str
    summary: str
    body: list[BodyBlock] = Field(description="The description, block by block.")
    organisation: Organisation
    themes: list[Theme]
    sdgs: list[Goal]
    stage: InnovationStage
    innovation_form: InnovationForm
    initiator: Initiator
    is_digital: bool
    still_running: bool
    started_on: datetime.date
    year_started: int
    image: Image | None
    video_url: str
    gallery: list[GalleryImage]
    documents: list[Document]
    awards: list[Award]
    replicates: list[PageRef] = Field(description="Public innovations of this site that it adapts.")
    replicated_elsewhere: list[str] = Field(
        description="Regions or agencies outside the site that replicated it."
    )
    translations: list[Translation] = Field(description="Every public language version, this one included.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None = Field(
        description="When the page was last published; the key of `updated_since` and of the list's order."
    )


class InnovationList(ListPage):
    results: list[Innovation]


class AwardEntry(Award):
    innovation: PageRef


class AwardList(ListPage):
    results: list[AwardEntry]


class Stage(Schema):
    kind: StageKind
    name: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    results_published_at: datetime.datetime | None = Field(
        description="When the stage's results were published; null before, and for stages without results."
    )


class Section(Schema):
    heading: str
    word_limit: int | None


class AttachmentSlot(Schema):
    label: str
    required: bool


class EntryGroup(Schema):
    slug: str
    kind: GroupKind
    name: str
    name_en: str
    invitation_only: bool
    sections: list[Section] = Field(description="The proposal form's sections with their word limits.")
    attachments: list[AttachmentSlot]


class Round(Schema):
    """One competition round (a round page)."""

    id: uuid.UUID = Field(description=STABLE_ID)
    locale: str
    title: str
    slug: str
    url: str | None
    api_url: str
    results_url: str = Field(description="API URL of the round's published results.")
    year: int
    intro: str
    rules_html: str
    timezone: str = Field(description="IANA time zone in which the round's deadlines are set.")
    award_level: AwardLevel
    themes: list[Theme] = Field(description="Themes offered to entrants.")
    max_entries_per_group: int
    minimum_age_months: int
    open_for_entries: bool = Field(description="Whether proposals are accepted at the time of the answer.")
    entry_opens_at: datetime.datetime | None
    entry_closes_at: datetime.datetime | None
    stages: list[Stage] = Field(description="The timeline, in date order.")
    groups: list[EntryGroup]
    translations: list[Translation]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class RoundList(ListPage):
    results: list[Round]


class ResultOrganisation(Schema):
    name: str
    acronym: str
    slug: str
    kind: OrganisationKind


class ResultEntry(Schema):
    reference: str = Field(description="The entry's reference number in the round.")
    title: str
    organisation: ResultOrganisation
    award_tier: AwardTier | None = Field(description="The award, for winners; null for finalists.")
    rank: int | None = Field(description="Only when the round publishes its ranking; never a score.")
    innovation: PageRef | None = Field(description="The entry's public innovation record, if any.")


class ResultGroup(Schema):
    slug: str
    name: str
    entries: list[ResultEntry]


class PublishedObjection(Schema):
    reference: str
    title: str
    status: ObjectionStatus
    resolution: str
    resolved_at: datetime.datetime | None


class RoundResults(Schema):
    """What the round page shows of the judging once it is published: never scores, jurors or contacts."""

    round: PageRef
    finalists_published_at: datetime.datetime | None
    winners_published_at: datetime.datetime | None
    finalists: list[ResultGroup]
    winners: list[ResultGroup]
    objections: list[PublishedObjection] = Field(description="Resolved objections and their outcome.")


class Endpoint(Schema):
    name: str
    url: str


class Index(Schema):
    """Where the API's resources are."""

    title: str
    version: str
    portal: str = Field(description="The government of the portal; empty when not set.")
    openapi: str
    docs: str | None
    resources: list[Endpoint]
