"""The public innovation catalogue: filters, facet counts, search, sorting and feeds."""
