"""Publishing: the news area, results turned into innovation records, awards and news drafts, feeds."""
