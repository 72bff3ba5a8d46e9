"""The body of a news story: text, pictures and quotes, plus the portal's competition blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from .innovation import FigureBlock
from .portal import (
    CallForProposalsBlock,
    InnovationCardBlock,
    LatestWinnersBlock,
    ResultsTableBlock,
    RoundTimelineBlock,
)

#: Rich-text features of a news paragraph.
NEWS_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class NewsBodyBlock(blocks.StreamBlock):
    """
    The blocks of ``NewsPage.body``. ``paragraph`` and ``heading`` are also what the results news drafts are
    written with (see ``NewsPageMixin.set_results_story``).
    """

    heading = blocks.CharBlock(label=_("heading"), max_length=200, icon="title", form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=NEWS_TEXT_FEATURES)
    figure = FigureBlock()
    video = EmbedBlock(label=_("video"), icon="media")
    quote = blocks.BlockQuoteBlock(label=_("quote"))
    # The portal blocks, named as in ``PORTAL_BLOCKS``.
    innovation_card = InnovationCardBlock()
    latest_winners = LatestWinnersBlock()
    round_timeline = RoundTimelineBlock()
    results_table = ResultsTableBlock()
    call_for_proposals = CallForProposalsBlock()
