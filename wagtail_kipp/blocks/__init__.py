"""StreamField blocks: innovation records, news stories and the competition blocks any page can use."""

from .innovation import FactBlock, FigureBlock, InnovationBodyBlock, SectionBlock
from .news import NewsBodyBlock
from .portal import (
    PORTAL_BLOCKS,
    CallForProposalsBlock,
    InnovationCardBlock,
    LatestWinnersBlock,
    PortalBlock,
    ResultsTableBlock,
    RoundTimelineBlock,
)

__all__ = [
    "PORTAL_BLOCKS",
    "CallForProposalsBlock",
    "FactBlock",
    "FigureBlock",
    "InnovationBodyBlock",
    "InnovationCardBlock",
    "LatestWinnersBlock",
    "NewsBodyBlock",
    "PortalBlock",
    "ResultsTableBlock",
    "RoundTimelineBlock",
    "SectionBlock",
]
