"""Signal receivers of the publishing capability, connected in ``WagtailKippConfig.ready``."""

from __future__ import annotations

import logging

from . import news

logger = logging.getLogger(__name__)


def draft_news_on_publication(sender, competition, stage_kind, user=None, **kwargs):
    """
    ``stage_results_published``: write the round's results news drafts when it asks for them.

    The results are already published and committed when this runs: a failure to write a draft is logged
    (with its traceback) rather than shown to the secretariat as an error of the publication.
    """
    if not news.wanted(competition, stage_kind):
        return
    try:
        news.draft_results_news(competition, stage_kind, user=user)
    except Exception:
        logger.exception("Could not write the results news of %s (%s)", competition, stage_kind)
